#!/usr/bin/env node
// Drives the status page in headless Debian Chromium (playwright-core, no Playwright browser
// download). Run by StatusPageBrowserIT (mvn -Pbrowser), or by hand against a running router:
//
//   node status-page.mjs <page-url> [screenshot-dir]
//
// Checks that the three default routes are shown, sends one /v1/messages request for opus through
// the router, waits until the page's request counter moves, then saves a laptop and a phone
// screenshot. Exit code 0 on success; on failure the message says what was expected.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [pageUrl, outDir = '.'] = process.argv.slice(2);
if (!pageUrl) {
  console.error('usage: node status-page.mjs <page-url> [screenshot-dir]');
  process.exit(64);
}
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const EXPECTED = { opus: 'DeepSeek', sonnet: 'Kimi', haiku: 'MiniMax' };
const ROUTE = 'opus';
const MODEL = 'claude-opus-4-5';
// The page refreshes every 3 s; a few periods is plenty on a slow machine.
const WAIT_MS = 15_000;

const log = (message) => console.log(`[status-page] ${message}`);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// Polls a counter's data-value inside the page until it exceeds `floor`, with a deadline (no fixed
// sleeps). Counters carry the raw number in data-value; their text is formatted for people.
async function waitForCounterAbove(page, selector, floor) {
  try {
    const handle = await page.waitForFunction(
      ({ selector, floor }) => {
        const raw = document.querySelector(selector)?.dataset.value;
        // An object, not the number: waitForFunction keeps polling on any falsy result, 0 included.
        return raw !== undefined && raw !== '' && Number(raw) > floor ? { value: Number(raw) } : false;
      },
      { selector, floor },
      { timeout: WAIT_MS, polling: 100 },
    );
    return (await handle.jsonValue()).value;
  } catch (error) {
    const seen = await page.locator(selector).first().getAttribute('data-value').catch(() => null);
    throw new Error(`${selector}: no value above ${floor} within ${WAIT_MS} ms (last data-value=${seen})`);
  }
}

const origin = new URL(pageUrl).origin;
const userDataDir = mkdtempSync(join(tmpdir(), 'router-status-chromium-'));
const problems = [];
let context;
try {
  mkdirSync(outDir, { recursive: true });
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Short viewport: full-page screenshots then end where the content ends.
    viewport: { width: 1280, height: 600 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  // The page must work offline: any request leaving the router's origin is refused and reported.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
    problems.push(`external request: ${url}`);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  const response = await page.goto(pageUrl, { waitUntil: 'load' });
  check(response && response.ok(), `GET ${pageUrl} answered ${response && response.status()}`);
  log(`opened ${pageUrl} (${await page.title()})`);

  for (const [route, label] of Object.entries(EXPECTED)) {
    const upstream = page.locator(`[data-route="${route}"] [data-field="upstream"]`);
    await upstream.filter({ hasText: label }).waitFor({ timeout: WAIT_MS });
    log(`route ${route} shows upstream ${label}`);
  }
  const overall = await page.locator('[data-field="overall"]').getAttribute('data-status');
  check(overall === 'ok', `overall status badge is "${overall}", expected "ok"`);

  const counter = `[data-route="${ROUTE}"] [data-field="requests"]`;
  const before = await waitForCounterAbove(page, counter, -1);
  log(`${ROUTE} requests before: ${before}`);

  // Through the router itself, relative to the page like the page's own fetches.
  const answer = await fetch(new URL('v1/messages', pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: MODEL, max_tokens: 32, messages: [{ role: 'user', content: 'Hello' }] }),
  });
  const answerText = await answer.text();
  check(answer.status === 200, `POST v1/messages answered ${answer.status}: ${answerText}`);
  log(`POST v1/messages (${MODEL}) answered ${answer.status}`);

  const after = await waitForCounterAbove(page, counter, before);
  log(`${ROUTE} requests after: ${after}`);
  await waitForCounterAbove(page, `[data-route="${ROUTE}"] [data-field="tokens_in"]`, 0);
  const outcome = await page.locator(`[data-route="${ROUTE}"] [data-field="last_outcome"]`).textContent();
  check(/200/.test(outcome), `${ROUTE} last outcome is "${outcome}", expected it to mention 200`);
  const updated = await page.locator('[data-field="updated"]').getAttribute('datetime');
  check(updated && !Number.isNaN(Date.parse(updated)), `"last updated" is not set (${updated})`);

  const laptop = resolve(outDir, 'status-page.png');
  await page.screenshot({ path: laptop, fullPage: true });
  log(`screenshot ${laptop}`);

  // Phone width: the cards collapse to one column (same left edge, stacked).
  await page.setViewportSize({ width: 390, height: 844 });
  const boxes = await Promise.all(Object.keys(EXPECTED).map((route) =>
    page.locator(`[data-route="${route}"]`).boundingBox()));
  check(boxes.every((box) => box && Math.abs(box.x - boxes[0].x) < 1), 'cards are not in one column at 390 px');
  check(boxes.every((box, i) => i === 0 || box.y > boxes[i - 1].y), 'cards are not stacked at 390 px');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `page scrolls sideways at 390 px (${overflow} px too wide)`);
  const phone = resolve(outDir, 'status-page-phone.png');
  await page.screenshot({ path: phone, fullPage: true });
  log(`screenshot ${phone}`);

  check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
  log('PASS');
} catch (error) {
  console.error(`[status-page] FAIL: ${error.message}`);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
