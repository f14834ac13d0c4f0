// The web interface in a real browser (Debian's chromium through
// playwright-core): search, open a hit, see the highlight, open the program
// page, download the compilation; a hostile document's markup never runs;
// a server with an access token. BASE_URL is a server on the sample corpus
// plus hostile-policy.txt, TOKEN_URL one that needs TOKEN (run.sh starts both).
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

// Every page that shows the hostile document's title or text: the markup is
// text (no element made of it), no script runs, no dialog opens, and the
// Content-Security-Policy never had to block anything (so it breaks no page).
test('hostile document: script, onerror and javascript: never run', async () => {
  const p = await browser.newPage();
  const dialogs = [];
  const blocked = [];
  p.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  p.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) blocked.push(m.text()); });
  const paths = ['/', '/?q=skriptfr%C3%A5gor', '/?q=posom', '/doc/hostile-policy',
    '/program/hostile-policy', '/refs', '/terms', '/program/' + program];
  for (const path of paths) {
    const resp = await p.goto(base + path);
    assert.equal(resp.status(), 200, path);
    assert.equal(await p.evaluate(() => window.__pwned), undefined, path);
    const made = 'script, img, iframe, [onerror], [onload], a[href^="javascript:"]';
    assert.equal(await p.locator(made).count(), 0, `${path}: elements made of the markup`);
  }
  await p.goto(base + '/doc/hostile-policy');
  assert.match(await p.locator('h1').innerText(), /Policy för skript & citat <script>window\.__pwned/);
  assert.match(await p.locator('main').innerText(), /<a href="javascript:window\.__pwned='länk'">klicka här<\/a>/);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(blocked, []);
  await p.close();
});

test('access token: 401 without it, ?token= once sets a cookie and leaves the address', async () => {
  const url = process.env.TOKEN_URL;
  assert.ok(url && process.env.TOKEN, 'TOKEN_URL and TOKEN must name the server with a token');
  const context = await browser.newContext();
  const p = await context.newPage();
  const denied = await p.goto(url + '/?q=posom');
  assert.equal(denied.status(), 401);
  assert.match(await p.locator('h1').innerText(), /Åtkomstnyckel krävs/);
  const admitted = await p.goto(url + '/?q=posom&token=' + process.env.TOKEN);
  assert.equal(admitted.status(), 200);
  assert.equal(new URL(p.url()).search, '?q=posom', 'the token left the address');
  const cookie = (await context.cookies()).find((c) => c.name === 'remisskoll_nyckel');
  assert.ok(cookie.httpOnly, 'HttpOnly');
  assert.equal(cookie.sameSite, 'Strict');
  assert.ok(!cookie.value.includes(process.env.TOKEN), 'the cookie is not the token');
  await p.locator('ol.hits li a').first().click();
  await p.waitForURL(/\/doc\//);
  assert.ok(await p.locator('.passage').count() > 0, 'the cookie opens the next page');
  await context.close();
});
