// A publisher's strict Content-Security-Policy: scripts from the page's own origin only, WebAssembly
// compilation allowed, and Trusted Types required with no policy allowed, so any HTML-string sink
// (innerHTML, insertAdjacentHTML, document.write, DOMParser...) would throw. render(), the
// <broadsheet-article> element and the embed script must render the seed with zero violations, in
// Chromium and in Firefox. Trusted Types are checked where the browser has them
// (window.trustedTypes); the rest of the policy is checked in every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES, useEngine } from './browsers.js';
import { page as html, inlineJson, seed, startServer } from './embed-server.js';

const POLICY =
  "script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types 'none'";
const WATCH = '<script src="/tests/browser/pages/csp-watch.js"></script>';

const pages = {
  '/t/csp-render.html': html({
    title: 'CSP: render()',
    head: `${WATCH}<link rel="stylesheet" href="/dist/broadsheet.css"><script type="module" src="/tests/browser/pages/csp-render.js"></script>`,
    body: '<main id="host"></main>',
  }),
  '/t/csp-element.html': html({
    title: 'CSP: <broadsheet-article>',
    head: `${WATCH}<script type="module" src="/dist/broadsheet-element.js"></script>`,
    body: `<broadsheet-article id="host" src="/test/seed.json" dates="relative"></broadsheet-article>
<broadsheet-article id="inline" light-dom><script type="application/json">${inlineJson(seed)}</script></broadsheet-article>
<broadsheet-article id="failed" src="/test/invalid.json"></broadsheet-article>`,
  }),
  '/t/csp-embed.html': html({
    title: 'CSP: embed script',
    head: WATCH,
    body: `<div id="host" data-broadsheet-src="/test/seed.json" data-broadsheet-dates="relative"></div>
<div id="related" data-broadsheet-widget="related" data-broadsheet-src="/test/seed.json"></div>
<figure id="light" data-broadsheet-widget="latest" data-broadsheet-src="/test/seed.json"></figure>
<script src="/cdn/v1/broadsheet-embed.js" defer></script>`,
  }),
};

for (const engine of ENGINES) {
  describe(engine.name, () => {
    const session = useEngine(engine, () =>
      startServer({ pages, headers: () => ({ 'content-security-policy': POLICY }) }),
    );
    defineTests(session, engine);
  });
}

function defineTests(session, engine) {
  async function check(path, ready) {
    const { page, events } = await session.openPage();
    const response = await page.goto(`${session.server.url}${path}`);
    assert.equal(response.headers()['content-security-policy'], POLICY);
    await ready(page);
    assert.equal(await page.locator('#host .bs-headline').textContent(), seed.headline);
    // The widgets' script paths run too: relative dates, and the form's own validation message.
    // Relative dates come from a chunk imported on demand, so they show a moment after the
    // headline: wait for them (10 s at most, as a chunk the policy refused would never show them).
    // The locator reaches into the element's shadow root, where document.querySelector cannot.
    const latest = page.locator('#host .bs-latest time').first();
    let shown = await latest.textContent();
    for (
      const started = Date.now();
      !/ago|yesterday/.test(shown) && Date.now() - started < 10000;
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = await latest.textContent();
    }
    assert.match(shown, /ago|yesterday/);
    await page.locator('#host .bs-subscribe-email').fill('not-an-email');
    await page.locator('#host .bs-subscribe-button').click();
    assert.equal(
      await page.locator('#host .bs-subscribe-email').getAttribute('aria-invalid'),
      'true',
    );
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
    assert.deepEqual(events.errors, [], 'page errors');
    assert.deepEqual(events.console, [], 'console errors');
    // The policy is really enforced (and the watcher works). Where the browser has Trusted Types,
    // an HTML string sink is refused; in every browser, a string handed to a timer never runs
    // ('unsafe-eval' is not allowed). Each refusal is reported as a violation.
    const trustedTypes = await page.evaluate(() => {
      if (typeof window.trustedTypes?.createPolicy !== 'function') return false;
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        return 'insertAdjacentHTML was not refused';
      } catch (error) {
        return error instanceof TypeError || String(error);
      }
    });
    assert.ok(typeof trustedTypes === 'boolean', trustedTypes);
    // Chromium has Trusted Types: there the refusal must be seen, not skipped.
    if (engine.name === 'Chromium')
      assert.equal(trustedTypes, true, 'Chromium enforces Trusted Types');
    const refused = trustedTypes ? 1 : 0;
    await page.waitForFunction((n) => window.__violations.length === n, refused);
    // Trusted Types refuse the string at once (a TypeError); without them, script-src does when
    // the timer fires.
    await page.evaluate(() => {
      try {
        setTimeout('window.__stringTimerRan = true', 0);
      } catch {
        // reported as a violation all the same
      }
    });
    await page.waitForFunction((n) => window.__violations.length > n, refused);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await page.evaluate(() => window.__stringTimerRan), undefined, 'string timer ran');
    await page.close();
    return { trustedTypes };
  }

  test('render() under a strict CSP with Trusted Types: no violations', async () => {
    await check('/t/csp-render.html', async (page) => {
      await page.waitForFunction(() => window.__rendered || window.__failure);
      assert.equal(await page.evaluate(() => window.__failure), undefined);
    });
  });

  test('<broadsheet-article> under a strict CSP with Trusted Types: no violations', async () => {
    await check('/t/csp-element.html', async (page) => {
      await page.locator('#host .bs-headline').waitFor();
      await page.locator('#inline .bs-headline').waitFor();
      await page.locator('#failed .bs-status-error').waitFor();
    });
  });

  test('the embed script under a strict CSP with Trusted Types: no violations', async () => {
    await check('/t/csp-embed.html', async (page) => {
      await page.locator('#host .bs-headline').waitFor();
      await page.locator('#related .bs-card').first().waitFor();
      await page.locator('#light .bs-card').first().waitFor();
    });
  });
}
