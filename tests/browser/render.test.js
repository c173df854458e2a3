// render() and renderToString() in real browsers, Chromium and Firefox: the seed page and every
// example, unbundled ES modules straight from web/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ENGINES, useEngine } from './browsers.js';
import { root, serveRoot } from './chromium.js';

const examples = JSON.parse(readFileSync(join(root, 'examples/index.json'), 'utf8'));

for (const engine of ENGINES) {
  describe(engine.name, () => {
    const session = useEngine(engine, () => serveRoot());
    defineTests(session, engine.name);
  });
}

function defineTests(session, browserName) {
  async function renderExample(file) {
    const { page, events } = await session.openPage(
      `${session.server.url}/tests/browser/pages/render.html`,
    );
    await page.waitForFunction(() => window.__ready === true);
    const result = await page.evaluate((f) => window.__run(f), file);
    await page.close();
    assert.deepEqual(events.errors, [], 'page errors');
    // Example images on other hosts are blocked on purpose (openPage); the hero loads eagerly, so
    // its blocked request may be logged before the page closes.
    const console = events.console.filter(
      (m) => !m.startsWith('Failed to load resource: net::ERR_BLOCKED_BY_CLIENT'),
    );
    assert.deepEqual(console, [], 'console errors');
    assert.deepEqual(events.dialogs, [], 'dialogs');
    return result;
  }

  test(`the seed page renders in ${browserName} with every part of the original page`, async () => {
    const r = await renderExample('seed-china-belarus.json');
    assert.equal(r.headline, 'China and Belarus express ‘extreme interest’ in Ukraine peace');
    assert.match(r.topbar, /9\.8 °C/);
    assert.match(r.topbar, /London/);
    // The seed is en-GB: the browser's own British English long date, with or without a comma.
    assert.match(r.topbar, /Friday,? 8 November 2024/);
    assert.deepEqual(r.breadcrumbs, ['Home', 'China']);
    assert.deepEqual(r.related, [
      'Russia economy meltdown as bonds crash and shopping centres face mass bankruptcy',
      'Is This The Reason Bezos-Owned WaPo Didn’t Endorse Harris?',
      'Ukrainian capture North Korean',
      'The Russian Fantasy Of Infallibilty',
    ]);
    assert.match(r.text, /The Union of Shopping Centres \(STTs\) estimates that half\.\.\./);
    assert.match(r.text, /China’s peace plan was met with general distrust in the West\./);
    assert.equal(r.source, 'Source: bbc');
    assert.deepEqual(r.benefits, [
      'Never miss a story with notifications',
      'Gain full access to our premium content',
      'Browse free from up to 5 devices at once',
    ]);
    assert.equal(r.form, 'https://news.example/subscribe');
    assert.ok(r.latest >= 1, 'latest stories');
    assert.ok(r.ads >= 1, 'ad placeholders');
    assert.ok(r.handleIsRoot);
  });

  for (const { file } of examples) {
    test(`render() builds the same DOM as renderToString() parsed by ${browserName}: ${file}`, async () => {
      const r = await renderExample(file);
      assert.equal(r.equal, true);
      for (const forbidden of ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math']) {
        assert.ok(!r.tags.includes(forbidden), `no <${forbidden}>`);
      }
    });
  }
}
