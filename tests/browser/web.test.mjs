// The web interface in a real browser (Debian's chromium through
// playwright-core): search, open a hit, see the highlight, open the program
// page, download the compilation. BASE_URL is a server on the sample corpus
// (run.sh starts one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const base = process.env.BASE_URL;
const program = process.env.PROGRAM_ID ?? 'trygghetsprogram-2027';
let browser;
let page;

before(async () => {
  assert.ok(base, 'BASE_URL must name the server');
  browser = await chromium.launch(launchOptions);
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
});
after(async () => { await browser?.close(); });

test('search from the query box, see highlights and facets', async () => {
  await page.goto(base + '/');
  await page.getByLabel('Sökord').fill('posom');
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.waitForURL(/\?q=posom/);
  assert.match(await page.locator('h2#traffar').innerText(), /Ungefär \d+ träffar/);
  const marks = page.locator('ol.hits mark');
  assert.ok(await marks.count() > 0, 'snippets carry <mark>');
  assert.match((await marks.first().innerText()).toLowerCase(), /posom/);
  assert.ok(await page.locator('aside.facets a').count() > 0, 'facet links');
});

test('open a hit: the document page shows the passage', async () => {
  const hit = page.locator('ol.hits li a').first();
  const title = await hit.innerText();
  await hit.click();
  await page.waitForURL(/\/doc\//);
  assert.equal(await page.locator('h1').innerText(), title);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.ok(id.length > 0);
  const passage = page.locator(`[id="${id}"]`);
  assert.match(await passage.innerText(), /s\. \d+, rad \d+/);
});

test('keyboard: the first Tab reaches the skip link, and focus is visible', async () => {
  await page.goto(base + '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Hoppa till innehållet');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
});

test('program page: gaps, responses and the compilation download', async () => {
  await page.goto(base + '/program/' + program);
  assert.match(await page.locator('#brister').innerText(), /Brister/);
  assert.ok(await page.locator('article.gap').count() > 0, 'at least one gap');
  assert.ok(await page.locator('#sammanstallning + table tbody tr').count() > 0, 'compilation rows');
  const item = page.locator('.downloads li', { hasText: 'Sammanställning av remissvar' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: 'docx' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^sammanstallning-.*\.docx$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip (DOCX)');
});

test('unknown document: the 404 page in Swedish', async () => {
  const resp = await page.goto(base + '/doc/finns-inte');
  assert.equal(resp.status(), 404);
  assert.match(await page.locator('h1').innerText(), /Hittades inte/);
});
