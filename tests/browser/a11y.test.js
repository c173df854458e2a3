// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the rendered seed article in real Chromium: light
// and dark colour schemes, the subscribe form's error state, standalone widgets, and the
// element's loading-failure box.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, root, useBrowser } from './chromium.js';
import { page as html, startServer } from './embed-server.js';

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const pages = {
  '/t/a11y.html': html({
    title: 'broadsheet accessibility check',
    head: '<link rel="stylesheet" href="/dist/broadsheet.css"><script type="module" src="/tests/browser/pages/embedding-render.js"></script>',
    body: '<main id="host"></main>',
  }),
  '/t/a11y-widgets.html': html({
    title: 'broadsheet widgets accessibility check',
    // The readable web/ modules, unbundled (the other suites load the dist/ builds): the element
    // adopts dist/broadsheet.css from there too, so contrast is checked with the real styles.
    head: '<script type="module" src="/web/element.js"></script>',
    body: `<main>
<h1>Widgets</h1>
<broadsheet-article widget="related" count="3" src="/test/seed.json"></broadsheet-article>
<broadsheet-article widget="latest" dates="relative" src="/test/seed.json"></broadsheet-article>
<broadsheet-article widget="subscribe" src="/test/seed.json"></broadsheet-article>
<broadsheet-article id="failed" src="/test/invalid.json"></broadsheet-article>
</main>`,
  }),
};

const session = useBrowser(() => startServer({ pages }));

// Runs axe on the whole page (open shadow roots included) and returns its violations, each as
// "rule: target, target…" so a failure names what to fix.
async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  );
  // An empty list means something only if axe ran its rules on the page.
  assert.ok(result.passes.length > 10, `axe passed only ${result.passes.length} rules`);
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

async function renderedSeed(scheme) {
  const { page, events } = await openPage(session.browser);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${session.server.url}/t/a11y.html`);
  await page.waitForFunction(() => window.__ready);
  await page.evaluate(() => window.__render('/test/seed.json'));
  await page.locator('.bs-article').waitFor();
  return { page, events };
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.2 A/AA violations on the rendered seed article (${scheme})`, async () => {
    const { page, events } = await renderedSeed(scheme);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(events.errors, []);
    await page.close();
  });
}

test('axe finds no violations with the subscribe form showing its error', async () => {
  const { page, events } = await renderedSeed('light');
  await page.locator('.bs-subscribe-email').fill('not-an-email');
  await page.locator('.bs-subscribe-button').click();
  assert.equal(await page.locator('.bs-subscribe-email').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(events.errors, []);
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations on standalone widgets and the error box (${scheme})`, async () => {
    const { page, events } = await openPage(session.browser);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${session.server.url}/t/a11y-widgets.html`);
    await page.locator('broadsheet-article .bs-widget .bs-card').first().waitFor();
    await page.locator('broadsheet-article .bs-subscribe-form').waitFor();
    await page.locator('#failed .bs-status-error').waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(events.errors, []);
    await page.close();
  });
}
