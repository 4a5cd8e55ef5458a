// Browser check of the `clipdex serve` page against a running server.
//
//   node tests/browser/page.mjs BASE_URL SCREENSHOT_PATH
//
// Uses playwright-core with the system Chromium (CHROMIUM or /usr/bin/chromium); it
// never downloads a browser. Prints one line per check and exits 1 at the first failure,
// and also fails on any page error, console error or Content Security Policy violation.
// The server must serve the test corpus described in the checks below (articles A–E, and
// F, a copy of E from another outlet).

import { chromium } from 'playwright-core';

const [base, shot] = process.argv.slice(2);
if (!base || !shot) {
  console.error('usage: node tests/browser/page.mjs BASE_URL SCREENSHOT_PATH');
  process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const WIDE_SHOT = /\.[^./]+$/.test(shot) ? shot.replace(/(\.[^./]+)$/, '-wide$1') : `${shot}-wide`;
const TIMEOUT = 10_000;

const A = 'Harbour fees rise at Vostrava';
const B = 'Harbour strike ends';
const C = 'Harbour cranes arrive';
const HOSTILE_TITLE = '<script>window.__pwned=1</script>';

class CheckFailed extends Error {}
function assert(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

const problems = []; // page errors, console errors and CSP reports, collected as they happen
let browser;
let step = 0;

/** Runs one check; on failure prints why and exits non-zero. */
async function check(name, fn) {
  step += 1;
  try {
    await fn();
    assert(problems.length === 0, `the page reported: ${problems.join(' | ')}`);
    console.log(`ok ${step} - ${name}`);
  } catch (err) {
    const why = err instanceof CheckFailed ? err.message : (err && err.stack) || String(err);
    console.log(`FAIL ${step} - ${name}: ${why}`);
    if (problems.length) console.log(`  page problems: ${problems.join(' | ')}`);
    await browser?.close().catch(() => {});
    process.exit(1);
  }
}

/** Waits until the search on screen is the latest one asked for (no request pending). */
async function searchSettled(page) {
  await page.waitForFunction(() => {
    const hits = document.querySelector('#hits');
    return hits && hits.getAttribute('aria-busy') === 'false' && !document.querySelector('#results-view').hidden;
  }, null, { timeout: TIMEOUT });
}

/** Waits for `n` hits on a settled search, with a clear message if the count is off. */
async function expectHits(page, n, what) {
  try {
    await page.waitForFunction((want) => {
      const hits = document.querySelector('#hits');
      return hits.getAttribute('aria-busy') === 'false' && hits.querySelectorAll('.hit').length === want;
    }, n, { timeout: TIMEOUT });
  } catch {
    const got = await page.$$eval('#hits .hit-title', (els) => els.map((e) => e.textContent));
    const status = await page.textContent('#status');
    throw new CheckFailed(`${what}: expected ${n} hits, got ${got.length} ${JSON.stringify(got)}; status line: ${JSON.stringify(status)}`);
  }
}

const hitTitles = (page) => page.$$eval('#hits .hit .hit-title', (els) => els.map((e) => e.textContent.trim()));

async function typeQuery(page, text) {
  await page.click('#q');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 40 });
}

try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
} catch (err) {
  console.log(`FAIL 0 - launch Chromium: ${err.message}`);
  process.exit(1);
}
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT);
page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
page.on('console', (msg) => {
  const text = msg.text();
  if (msg.type() === 'error') problems.push(`console error: ${text}`);
  else if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
});
// Report CSP violations that Chromium might not log (the init script runs outside the page's CSP).
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
  });
});

await check('page loads with the index figures in the header', async () => {
  const res = await page.goto(`${BASE}/`);
  assert(res && res.ok(), `GET / answered ${res && res.status()}`);
  const csp = res.headers()['content-security-policy'] || '';
  assert(/script-src 'self'/.test(csp), `GET / has no Content-Security-Policy with script-src 'self' (got ${JSON.stringify(csp)})`);
  await page.waitForFunction(() => /\d+\s+articles?/.test(document.querySelector('#stats').textContent), null, { timeout: TIMEOUT })
    .catch(() => { throw new CheckFailed('#stats never showed an article count'); });
  assert(await page.isVisible('#stats'), '#stats is not visible');
  const text = (await page.textContent('#stats')).trim();
  assert(/\d{4}-\d{2}-\d{2}/.test(text), `#stats has no date span: ${JSON.stringify(text)}`);
});

await check('typing "harbour" shows 4 hits with highlighted snippets', async () => {
  await typeQuery(page, 'harbour');
  await expectHits(page, 4, 'query harbour');
  const total = await page.textContent('#total');
  assert(/\b4\b/.test(total), `#total does not say 4: ${JSON.stringify(total)}`);
  const marks = await page.$$eval('#hits .hit .snippet mark', (els) => els.map((e) => e.textContent));
  assert(marks.length >= 4, `expected a highlight in each of the 4 snippets, found ${marks.length}`);
  assert(marks.every((m) => /harbour/i.test(m)), `highlights not on "harbour": ${JSON.stringify(marks)}`);
  const perHit = await page.$$eval('#hits .hit', (els) => els.map((e) => e.querySelectorAll('.snippet mark').length));
  assert(perHit.every((n) => n > 0), `a snippet without highlights: ${JSON.stringify(perHit)}`);
  assert(new URL(page.url()).searchParams.get('q') === 'harbour', `URL does not hold q=harbour: ${page.url()}`);
});

await check('speaker facet Ana Petrova (2) narrows to A and C, in the URL and as a chip', async () => {
  const facet = page.locator('#speaker-facets button.facet[data-value="Ana Petrova"]');
  assert(await facet.count() === 1, 'no speaker facet for Ana Petrova');
  const count = (await facet.locator('.count').textContent()).trim();
  assert(count === '2', `Ana Petrova facet count is ${JSON.stringify(count)}, expected "2"`);
  await facet.click();
  await expectHits(page, 2, 'harbour + speaker Ana Petrova');
  const titles = await hitTitles(page);
  assert(titles.includes(A) && titles.includes(C), `expected A and C, got ${JSON.stringify(titles)}`);
  assert(page.url().includes('speaker=Ana'), `URL lacks speaker=Ana: ${page.url()}`);
  const chips = await page.$$eval('#active-filters button, #active-filters [role=button], #active-filters a', (els) => els.map((e) => e.textContent));
  assert(chips.some((t) => t.includes('Ana Petrova')), `no active filter chip for Ana Petrova: ${JSON.stringify(chips)}`);
  const pressed = await page.getAttribute('#speaker-facets button.facet[data-value="Ana Petrova"]', 'aria-pressed');
  assert(pressed === 'true', 'the active speaker facet is not marked as pressed');
});

await check('Back returns to the 4 unfiltered hits', async () => {
  await page.goBack();
  await expectHits(page, 4, 'after Back');
  assert(!page.url().includes('speaker='), `URL still has a speaker filter: ${page.url()}`);
  assert((await page.inputValue('#q')) === 'harbour', '#q no longer holds "harbour"');
});

await check(`opening "${A}" shows the article with marked quotes`, async () => {
  await page.locator('#hits .hit-title', { hasText: A }).first().click();
  await page.waitForSelector('#article', { state: 'visible' });
  await page.waitForFunction((t) => document.querySelector('#article-title').textContent.trim() === t, A, { timeout: TIMEOUT })
    .catch(async () => { throw new CheckFailed(`#article-title is ${JSON.stringify(await page.textContent('#article-title'))}`); });
  const quotes = await page.locator('#article-body mark.quote').count();
  assert(quotes >= 1, 'no mark.quote in #article-body');
  assert(await page.isHidden('#results-view') && await page.isHidden('#speaker'), 'other views are still shown');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#article', { state: 'hidden' });
  await expectHits(page, 4, 'after Escape');
});

await check('hostile article text shows literally and runs nothing', async () => {
  await typeQuery(page, 'night market');
  await searchSettled(page);
  const titles = await hitTitles(page);
  const title = titles.find((t) => t.includes('night market'));
  assert(title !== undefined, `no hit for the hostile article D: ${JSON.stringify(titles)}`);
  assert(title.includes(HOSTILE_TITLE), `hit title lacks the literal ${HOSTILE_TITLE}: ${JSON.stringify(title)}`);
  const tagFacet = await page.$$eval('#tag-facets button.facet', (els) => els
    .filter((e) => e.dataset.value === '<b>bold</b>')
    .map((e) => ({ text: e.textContent, elements: e.querySelectorAll('b').length })));
  assert(tagFacet.length === 1 && tagFacet[0].text.includes('<b>bold</b>') && tagFacet[0].elements === 0,
    `tag facet does not show "<b>bold</b>" as text: ${JSON.stringify(tagFacet)}`);
  await page.locator('#hits .hit-title', { hasText: 'night market' }).first().click();
  await page.waitForSelector('#article', { state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#article').getAttribute('aria-busy') === 'false'
    && document.querySelector('#article-body').textContent.length > 0, null, { timeout: TIMEOUT });
  const body = await page.textContent('#article-body');
  assert(body.includes('<img src=x onerror='), `article body lacks the literal <img src=x onerror=: ${JSON.stringify(body.slice(0, 200))}`);
  assert(body.includes('<script>window.__pwned=3</script>'), 'article body lacks the literal <script> text');
  assert((await page.textContent('#article-title')).includes(HOSTILE_TITLE), '#article-title lacks the literal <script> text');
  const pwned = await page.evaluate(() => typeof window.__pwned);
  assert(pwned === 'undefined', `window.__pwned is set (${pwned}): hostile text ran`);
  const injected = await page.$$eval('#hits img, #article img, #hits script, #article script, #article i, #article b',
    (els) => els.map((e) => e.outerHTML));
  assert(injected.length === 0, `markup from the data became elements: ${JSON.stringify(injected)}`);
});

await check('state from the URL: ?q=harbour&tag=labour gives only B', async () => {
  await page.goto(`${BASE}/?q=harbour&tag=labour`);
  await expectHits(page, 1, 'q=harbour&tag=labour');
  const titles = await hitTitles(page);
  assert(titles[0] === B, `expected "${B}", got ${JSON.stringify(titles)}`);
  assert((await page.inputValue('#q')) === 'harbour', '#q not filled from the URL');
  const active = await page.textContent('#active-filters');
  assert(active.includes('labour'), `no active chip for tag labour: ${JSON.stringify(active)}`);
});

await check('speaker view: ?view=speaker&name=Ana%20Petrova', async () => {
  await page.goto(`${BASE}/?view=speaker&name=Ana%20Petrova`);
  await page.waitForSelector('#speaker', { state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#speaker').getAttribute('aria-busy') === 'false'
    && document.querySelectorAll('#speaker .quote-item').length >= 2, null, { timeout: TIMEOUT })
    .catch(async () => {
      const n = await page.locator('#speaker .quote-item').count();
      throw new CheckFailed(`expected at least 2 .quote-item, got ${n}; status: ${JSON.stringify(await page.textContent('#status'))}`);
    });
  const name = await page.textContent('#speaker-name');
  assert(name.includes('Ana Petrova'), `#speaker-name is ${JSON.stringify(name)}`);
  assert(await page.isHidden('#results-view') && await page.isHidden('#article'), 'other views are still shown');
});

await check('speaker view of a name nobody goes by says so', async () => {
  await page.goto(`${BASE}/?view=speaker&name=Nobody%20Known`);
  await page.waitForSelector('#speaker', { state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#speaker').getAttribute('aria-busy') === 'false',
    null, { timeout: TIMEOUT });
  const summary = await page.textContent('#speaker-summary');
  assert(summary.includes('nobody called "Nobody Known" is quoted in the index'),
    `#speaker-summary is ${JSON.stringify(summary)}`);
  assert(await page.locator('#speaker .quote-item').count() === 0, 'quotes shown for nobody');
});

await check('copies of one story: one hit, "also in 1 copy" opens to the other outlet; Download CSV', async () => {
  await page.goto(`${BASE}/?q=coffee`);
  await expectHits(page, 1, 'q=coffee');
  const total = await page.textContent('#total');
  assert(total.includes('1 story (2 articles)'), `#total is ${JSON.stringify(total)}`);
  const summary = page.locator('#hits .hit details.copies summary');
  assert((await summary.textContent()).trim() === 'also in 1 copy', `copies summary is ${JSON.stringify(await summary.textContent())}`);
  const link = page.locator('#hits .hit details.copies li a');
  assert(await link.isHidden(), 'the copies are shown before they are opened');
  await summary.click();
  assert(await link.isVisible(), 'opening "also in 1 copy" shows no copy');
  const item = await page.textContent('#hits .hit details.copies li');
  assert(/2020-07-0[12]/.test(item), `the copy has no date: ${JSON.stringify(item)}`);
  const csv = new URL(await page.getAttribute('#download-search', 'href'));
  assert(csv.pathname === '/api/search' && csv.searchParams.get('format') === 'csv' && csv.searchParams.get('q') === 'coffee',
    `Download CSV points to ${csv}`);
  const table = await (await page.request.get(csv.href)).text();
  assert(table.startsWith('rank,score,uid,story,copies,') && table.includes(',1,2020-07-01'), `the CSV is ${JSON.stringify(table)}`);
});

await check('phone width: no horizontal scroll; screenshots taken', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${BASE}/`);
  await searchSettled(page);
  await typeQuery(page, 'harbour');
  await expectHits(page, 4, 'harbour at 375 px');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.screenshot({ path: shot, fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 376, `page is ${width}px wide at a 375px viewport (horizontal scroll)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: WIDE_SHOT, fullPage: true });
  console.log(`  screenshots: ${shot} ${WIDE_SHOT}`);
});

await check('nothing hostile ran during the whole session', async () => {
  assert(await page.evaluate(() => typeof window.__pwned) === 'undefined', 'window.__pwned is set');
});

await browser.close();
console.log(`${step} passed, 0 failed`);
