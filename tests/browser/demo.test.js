// The demo page `npm start` serves (web/demo/), in real Chromium under its own strict CSP with
// Trusted Types: it lists the examples, renders the seed first, switches examples with the picker,
// and the playground validates edited JSON while keeping the last valid rendering.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, root, serveRoot, useBrowser } from './chromium.js';

const examples = JSON.parse(readFileSync(join(root, 'examples/index.json'), 'utf8'));
const headlineOf = (file) =>
  JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')).headline;

const session = useBrowser(() => serveRoot());

// Console errors other than the example images on other hosts, which openPage blocks on purpose.
const consoleErrors = (events) =>
  events.console.filter(
    (m) => !m.startsWith('Failed to load resource: net::ERR_BLOCKED_BY_CLIENT'),
  );

const previewHeadline = (page) => page.locator('#preview h1.bs-headline').textContent();

test('the demo renders the seed, switches examples and validates edits, with no errors', async () => {
  const { page, events } = await openPage(session.browser, `${session.server.url}/web/demo/`);
  await page.locator('#preview h1.bs-headline').waitFor();
  assert.equal(await previewHeadline(page), headlineOf('seed-china-belarus.json'));
  assert.deepEqual(
    await page.locator('#example option').evaluateAll((options) => options.map((o) => o.value)),
    examples.map((e) => e.file),
  );
  assert.match(await page.locator('#status').textContent(), /^Rendered in \d+(\.\d)? ms$/);
  assert.equal(await page.locator('#preview .bs-benefits li').count(), 3);

  // The picker: another example replaces the article in place.
  await page.locator('#example').selectOption('feature-tour.json');
  const tour = headlineOf('feature-tour.json');
  await page.waitForFunction(
    (h) => document.querySelector('#preview h1.bs-headline')?.textContent === h,
    tour,
  );
  assert.equal(await page.locator('#preview article.bs-article').count(), 1);
  assert.match(page.url(), /#feature-tour\.json$/);

  // The playground: a wrong type is reported at its JSON pointer, the last rendering stays.
  const source = page.locator('#source');
  const edited = JSON.parse(await source.inputValue());
  edited.headline = 42;
  await source.fill(JSON.stringify(edited, null, 2));
  await page.locator('#problems li.is-error').first().waitFor();
  assert.equal(
    await page.locator('#problems li.is-error .demo-path').first().textContent(),
    '/headline',
  );
  assert.match(await page.locator('#summary').textContent(), /^1 error/);
  assert.equal(await previewHeadline(page), tour);
  assert.equal(await page.locator('#preview.is-stale').count(), 1);

  // Fixing it renders the edit.
  edited.headline = 'Edited in the playground';
  await source.fill(JSON.stringify(edited, null, 2));
  await page.waitForFunction(
    () =>
      document.querySelector('#preview h1.bs-headline')?.textContent === 'Edited in the playground',
  );
  assert.equal(await page.locator('#preview.is-stale').count(), 0);
  assert.equal(await page.locator('#fatal').isHidden(), true);

  assert.deepEqual(events.errors, [], 'page errors');
  assert.deepEqual(
    consoleErrors(events),
    [],
    'console errors (CSP and Trusted Types violations among them)',
  );
  assert.deepEqual(events.dialogs, [], 'dialogs');
  await page.close();
});

test('the demo opens the example named in its URL', async () => {
  const { page, events } = await openPage(
    session.browser,
    `${session.server.url}/web/demo/#untrusted-comment-roundup.json`,
  );
  const headline = headlineOf('untrusted-comment-roundup.json');
  await page.waitForFunction(
    (h) => document.querySelector('#preview h1.bs-headline')?.textContent === h,
    headline,
  );
  assert.equal(await page.locator('#example').inputValue(), 'untrusted-comment-roundup.json');
  assert.deepEqual(events.errors, []);
  assert.deepEqual(consoleErrors(events), []);
  await page.close();
});

test('the demo fills every ad slot from its broadsheet:adslot listener and shows the contents', async () => {
  const { page, events } = await openPage(
    session.browser,
    `${session.server.url}/web/demo/#long-read-contents.json`,
  );
  await page.locator('#preview nav.bs-contents').waitFor();
  const slots = await page.locator('#preview .bs-ad').count();
  assert.ok(slots >= 3, `${slots} slots`);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#preview .bs-ad .demo-creative').length === n,
    slots,
  );
  const creatives = await page
    .locator('#preview .bs-ad')
    .evaluateAll((all) => all.map((s) => [s.dataset.adSlot, s.textContent]));
  assert.ok(
    creatives.every(([slot, text]) => text.includes(`· ${slot}`)),
    String(creatives),
  );
  assert.deepEqual(await page.locator('#preview .bs-contents > ol > li > a').allTextContents(), [
    'Forty years of plans',
    'Building it',
    'The first week',
    'What comes next',
  ]);
  assert.deepEqual(events.errors, []);
  assert.deepEqual(consoleErrors(events), [], 'console errors (CSP violations among them)');
  await page.close();
});

test('the demo language picker renders the article for another reader, right to left in Arabic', async () => {
  const { page, events } = await openPage(
    session.browser,
    `${session.server.url}/web/demo/#seed-china-belarus.json`,
  );
  await page.locator('#preview h1.bs-headline').waitFor();
  assert.equal(await page.locator('#language option').count(), 19);
  await page.locator('#language').selectOption('ar');
  await page.waitForFunction(
    () => document.querySelector('#preview article')?.getAttribute('dir') === 'rtl',
  );
  // The seed names its own section titles; the top bar's date is the reader's.
  const date = await page.locator('#preview .bs-topbar-date').textContent();
  const want = await page.evaluate(() =>
    new Intl.DateTimeFormat('ar', { dateStyle: 'full', timeZone: 'UTC' }).format(
      Date.UTC(2024, 10, 8, 12),
    ),
  );
  assert.equal(date, want);
  await page.waitForFunction(
    () => document.querySelector('#preview .bs-breadcrumbs')?.ariaLabel === 'مسار التنقل',
  );
  await page.locator('#language').selectOption('');
  await page.waitForFunction(
    () => document.querySelector('#preview article')?.getAttribute('lang') === 'en-GB',
  );
  assert.deepEqual(events.errors, []);
  assert.deepEqual(events.console, []);
  await page.close();
});
