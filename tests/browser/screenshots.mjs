// Saves a PNG of each page and the HTML report printed to PDF (A4) into
// OUT_DIR, for a reviewer to look at. BASE_URL: a running server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const base = process.env.BASE_URL;
const out = process.env.OUT_DIR;
const program = process.env.PROGRAM_ID ?? 'trygghetsprogram-2027';
const response = process.env.RESPONSE_ID ?? 'remissvar-socialnamnden';
mkdirSync(out, { recursive: true });

const pages = {
  'sok-start': '/',
  'sok-traffar': '/?q=posom',
  'dokument-program': `/doc/${program}`,
  'dokument-remissvar': `/doc/${response}`,
  'program': `/program/${program}`,
  'hanvisningar': '/refs',
  'terminologi': '/terms',
  'fel-404': '/doc/finns-inte',
};

const browser = await chromium.launch(launchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (const [name, path] of Object.entries(pages)) {
  await page.goto(base + path);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: name !== 'program' && name !== 'dokument-program' });
}
// The report as the office prints it: fetched, opened as a file, printed.
const report = await (await fetch(`${base}/report/${program}?format=html`)).text();
writeFileSync(`${out}/bristrapport.html`, report);
await page.goto(`file://${out}/bristrapport.html`);
await page.pdf({ path: `${out}/bristrapport.pdf`, format: 'A4', printBackground: true });
await browser.close();
