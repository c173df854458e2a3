// Every way a publisher embeds broadsheet, in real browsers (Chromium and Firefox): the <broadsheet-article> element,
// the one-tag embed script (an article and standalone widgets on one page), render(), and
// hydrate() on server-rendered markup. Each renders the seed article and runs the whole subscribe
// flow: invalid address, valid address (event), onSubscribe success and failure, native POST.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ENGINES, useEngine } from './browsers.js';
import { root } from './chromium.js';
import {
  inlineJson,
  latestOnly,
  MESSAGES,
  page,
  seed,
  SEED_NOW,
  seedJson,
  startServer,
} from './embed-server.js';

const pages = {
  '/t/element.html': page({
    title: 'element',
    head: '<script type="module" src="/dist/broadsheet-element.js"></script>',
    body: `<broadsheet-article id="by-src" src="/test/seed.json"></broadsheet-article>
<broadsheet-article id="inline" light-dom><script type="application/json">${inlineJson(seed)}</script></broadsheet-article>`,
  }),
  '/t/embed.html': page({
    title: 'embed script',
    body: `<main>
<div id="article" data-broadsheet-src="/test/seed.json"><p><a href="/fallback">Read the article</a></p></div>
<div id="related" data-broadsheet-widget="related" data-broadsheet-src="/test/seed.json" data-broadsheet-count="2"></div>
<div id="latest" data-broadsheet-widget="latest" data-broadsheet-src="/test/latest-only.json" data-broadsheet-dates="relative"></div>
<figure id="not-a-host" data-broadsheet-widget="subscribe"><script type="application/json">${inlineJson(seed.subscribe)}</script></figure>
<broadsheet-article id="tag" widget="latest" count="1" src="/test/latest-only.json"></broadsheet-article>
</main>
<script src="/cdn/v1/broadsheet-embed.js" defer></script>`,
  }),
  '/t/themed.html': page({
    title: 'themed from outside',
    head: `<style>
broadsheet-article.themed, #embedded { --broadsheet-accent: rgb(1, 2, 3); --broadsheet-radius: 0px; }
</style><script type="module" src="/dist/broadsheet-element.js"></script>`,
    body: `<broadsheet-article class="themed" src="/test/seed.json"></broadsheet-article>
<broadsheet-article id="plain" src="/test/seed.json"></broadsheet-article>
<div id="embedded" data-broadsheet-widget="subscribe" data-broadsheet-src="/test/seed.json"></div>
<script src="/cdn/v1/broadsheet-embed.js" defer></script>`,
  }),
  '/t/embed-twice.html': page({
    title: 'embed script twice',
    body: `<div id="article" data-broadsheet-src="/test/seed.json"></div>
<script src="/cdn/v1/broadsheet-embed.js" defer></script>
<script src="/cdn/v1/broadsheet-embed.js" defer></script>`,
  }),
  '/t/render.html': page({
    title: 'render()',
    head: '<link rel="stylesheet" href="/dist/broadsheet.css"><script type="module" src="/tests/browser/pages/embedding-render.js"></script>',
    body: '<div id="host"></div>',
  }),
  '/t/hydrate.html': ({ serverRendered }) =>
    page({
      title: 'hydrate()',
      head: '<link rel="stylesheet" href="/dist/broadsheet.css"><script type="module" src="/tests/browser/pages/embedding-hydrate.js"></script>',
      body: `<div id="host" data-now="${SEED_NOW}">${serverRendered}</div>`,
    }),
  '/t/empty.html': page({
    title: 'empty',
    head: '<script type="module" src="/dist/broadsheet-element.js"></script><link rel="stylesheet" href="/dist/broadsheet.css">',
    body: '<div id="host"></div>',
  }),
};

for (const engine of ENGINES) {
  describe(engine.name, () => {
    const session = useEngine(engine, () => startServer({ pages }));
    defineTests(session, engine.features);
  });
}

// `features`: what this engine can do beyond the common page operations (browsers.js).
function defineTests(session, features) {
  // Records broadsheet:* events on the document from the first script on.
  function recordEvents(page) {
    return page.addInitScript(() => {
      window.__log = [];
      for (const type of ['broadsheet:render', 'broadsheet:error']) {
        document.addEventListener(type, (e) =>
          window.__log.push({ type, id: e.target.id, error: e.detail?.error?.message ?? null }),
        );
      }
    });
  }

  // `colorScheme`: 'light' or 'dark' as the page's prefers-color-scheme (default: the browser's).
  async function open(path, { beforeLoad, colorScheme } = {}) {
    const { page, events } = await session.openPage(undefined, { colorScheme });
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    requests.types = [];
    page.on('request', (r) =>
      requests.types.push(`${r.resourceType()} ${new URL(r.url()).pathname}`),
    );
    await recordEvents(page);
    await beforeLoad?.(page);
    await page.goto(`${session.server.url}${path}`);
    return { page, events, requests };
  }

  function assertQuiet(events) {
    assert.deepEqual(events.errors, [], 'page errors');
    assert.deepEqual(events.dialogs, [], 'dialogs');
  }

  // The whole subscribe flow on the form under `host` (a CSS selector of the element whose
  // onSubscribe property the harness reads). Ends with a native POST, so it navigates the page.
  async function subscribeFlow(page, host) {
    session.server.posts.length = 0;
    const form = page.locator(`${host} form.bs-subscribe-form`);
    const input = form.locator('.bs-subscribe-email');
    const button = form.locator('.bs-subscribe-button');
    const message = form.locator('.bs-subscribe-message');
    const state = () => form.getAttribute('data-bs-state');
    await page.evaluate(() => {
      window.__events = [];
      window.__cancel = true;
      document.addEventListener('broadsheet:subscribe', (e) => {
        const { bubbles, cancelable, composed, detail } = e;
        window.__events.push({ email: detail.email, bubbles, cancelable, composed });
        if (window.__cancel) e.preventDefault();
      });
    });
    const events = () => page.evaluate(() => window.__events);
    const setHandler = (on) =>
      page.evaluate(
        ([selector, on]) => {
          document.querySelector(selector).onSubscribe = on
            ? (email) =>
                new Promise((resolve, reject) => {
                  window.__settle = { resolve, reject, email };
                })
            : null;
        },
        [host, on],
      );

    // The field autocompletes; the message is a polite live region. Until a reader interacts the
    // form is exactly as rendered: no state attributes.
    assert.equal(await input.getAttribute('autocomplete'), 'email');
    assert.equal(await message.getAttribute('aria-live'), 'polite');
    assert.equal(await input.getAttribute('aria-describedby'), null);
    assert.equal(await state(), null);

    // An invalid address: announced, marked, described by the message, focused, nothing sent (the
    // browser's own validation bubble never shows: the page would be unchanged with it).
    await input.fill('not-an-email');
    await button.click();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await message.textContent(), MESSAGES.invalid);
    assert.equal(await state(), 'invalid');
    const messageId = await message.getAttribute('id');
    assert.ok(messageId);
    assert.equal(await input.getAttribute('aria-describedby'), messageId);
    assert.ok(await input.evaluate((el) => el.getRootNode().activeElement === el), 'field focused');
    await input.fill('');
    await button.click();
    assert.equal(await message.textContent(), MESSAGES.missing);
    assert.deepEqual(await events(), []);

    // A valid address: a cancelable, bubbling, composed event with the email; the listener that
    // cancels it has taken over, so nothing is posted.
    await input.fill('reader@example.com');
    assert.equal(
      await input.getAttribute('aria-invalid'),
      null,
      'fixing the address clears the error',
    );
    assert.equal(await input.getAttribute('aria-describedby'), null);
    assert.equal(await message.textContent(), '');
    await button.click();
    await page.waitForFunction(() => window.__events.length === 1);
    assert.deepEqual(await events(), [
      { email: 'reader@example.com', bubbles: true, cancelable: true, composed: true },
    ]);
    assert.equal(await message.textContent(), '');

    // onSubscribe's promise: pending, then success.
    await page.evaluate(() => (window.__cancel = false));
    await setHandler(true);
    await button.click();
    await page.waitForFunction(() => window.__settle);
    assert.equal(await page.evaluate(() => window.__settle.email), 'reader@example.com');
    assert.equal(await button.isDisabled(), true);
    assert.equal(await form.getAttribute('aria-busy'), 'true');
    assert.equal(await state(), 'pending');
    assert.equal(await message.textContent(), MESSAGES.pending);
    await page.evaluate(() => window.__settle.resolve());
    await form.and(page.locator('[data-bs-state="success"]')).waitFor();
    assert.equal(await message.textContent(), MESSAGES.success);
    assert.equal(await button.isDisabled(), false);
    assert.equal(await form.getAttribute('aria-busy'), null);
    assert.equal(await input.inputValue(), '', 'the field is cleared after success');

    // onSubscribe's promise rejects: failure, the address stays to try again.
    await page.evaluate(() => (window.__settle = null));
    await input.fill('second@example.com');
    await button.click();
    await page.waitForFunction(() => window.__settle);
    await page.evaluate(() => window.__settle.reject(new Error('HTTP 503')));
    await form.and(page.locator('[data-bs-state="error"]')).waitFor();
    assert.equal(await message.textContent(), MESSAGES.failure);
    assert.equal(await button.isDisabled(), false);
    assert.equal(await input.inputValue(), 'second@example.com');
    assert.equal((await events()).length, 3);
    assert.deepEqual(session.server.posts, [], 'nothing was posted while script handled it');

    // Nobody handles it: the form posts natively to its action.
    await setHandler(false);
    await input.fill('native@example.com');
    await Promise.all([page.waitForURL('**/subscribe'), button.click()]);
    assert.deepEqual(session.server.posts, [
      {
        method: 'POST',
        type: 'application/x-www-form-urlencoded',
        body: 'email=native%40example.com',
      },
    ]);
  }

  // ---- <broadsheet-article>

  test('<broadsheet-article src> renders the seed in a shadow root with the adopted stylesheet', async () => {
    const { page, events } = await open('/t/element.html');
    await page.locator('#by-src .bs-headline').waitFor();
    const r = await page.evaluate(() => {
      const host = document.getElementById('by-src');
      const shadow = host.shadowRoot;
      return {
        headline: shadow.querySelector('.bs-headline').textContent,
        adopted: shadow.adoptedStyleSheets.length,
        links: shadow.querySelectorAll('link').length,
        lightChildren: host.children.length,
        hostDisplay: getComputedStyle(host).display,
        articleDisplay: getComputedStyle(shadow.querySelector('.bs-article')).display,
        busy: host.getAttribute('aria-busy'),
        // Nothing of broadsheet's leaks into the page: no document stylesheet, no light-DOM nodes.
        pageSheets: document.styleSheets.length,
      };
    });
    assert.equal(r.headline, seed.headline);
    assert.equal(r.adopted, 1);
    assert.equal(r.links, 0);
    assert.equal(r.lightChildren, 0);
    assert.equal(r.hostDisplay, 'block');
    assert.equal(r.articleDisplay, 'grid');
    assert.equal(r.busy, null);
    assert.equal(r.pageSheets, 0);
    // Both elements fired broadsheet:render once and share one constructed stylesheet.
    await page.locator('#inline .bs-headline').waitFor();
    const log = await page.evaluate(() => window.__log);
    assert.deepEqual(log.map((e) => `${e.type} ${e.id}`).sort(), [
      'broadsheet:render by-src',
      'broadsheet:render inline',
    ]);
    assertQuiet(events);
    await page.close();
  });

  test('<broadsheet-article light-dom> renders inline JSON into its own children', async () => {
    const { page, events } = await open('/t/element.html');
    await page.locator('#inline .bs-headline').waitFor();
    const r = await page.evaluate(() => {
      const host = document.getElementById('inline');
      return {
        shadow: host.shadowRoot === null,
        headline: host.querySelector('.bs-headline').textContent,
        script: host.querySelector(':scope > script[type="application/json"]') !== null,
      };
    });
    assert.deepEqual(r, { shadow: true, headline: seed.headline, script: true });
    assertQuiet(events);
    await page.close();
  });

  test('<broadsheet-article>: the subscribe flow in a shadow root', async () => {
    const { page, events } = await open('/t/element.html');
    await page.locator('#by-src .bs-subscribe-form').waitFor();
    await subscribeFlow(page, '#by-src');
    assertQuiet(events);
    await page.close();
  });

  test('<broadsheet-article>: changing src renders the new article; widget and count apply', async () => {
    const { page, events } = await open('/t/element.html');
    await page.locator('#by-src .bs-headline').waitFor();
    await page.evaluate(() =>
      document.getElementById('by-src').setAttribute('src', '/test/other.json'),
    );
    // Wait for the other article itself: in between, the shadow root shows a loading status.
    const other = JSON.parse(readFileSync(join(root, 'examples/feature-tour.json'), 'utf8'));
    await page.waitForFunction(
      (headline) =>
        document.getElementById('by-src').shadowRoot.querySelector('.bs-headline')?.textContent ===
        headline,
      other.headline,
    );
    // Two attribute changes in one task render once, as a widget.
    await page.evaluate(() => {
      const host = document.getElementById('by-src');
      host.setAttribute('widget', 'latest');
      host.setAttribute('count', '2');
      host.src = '/test/seed.json';
    });
    await page.locator('#by-src .bs-widget .bs-latest').waitFor();
    const r = await page.evaluate(() => ({
      cards: document.getElementById('by-src').shadowRoot.querySelectorAll('.bs-card').length,
      renders: window.__log.filter((e) => e.id === 'by-src').length,
    }));
    assert.deepEqual(r, { cards: 2, renders: 3 });
    assertQuiet(events);
    await page.close();
  });

  async function errorOf(page, src) {
    return page.evaluate(
      (src) =>
        new Promise((resolve) => {
          const el = document.createElement('broadsheet-article');
          el.addEventListener('broadsheet:error', (e) => {
            const box = el.shadowRoot.querySelector('.bs-status-error');
            const rect = box.getBoundingClientRect();
            resolve({
              event: e.detail.error.message,
              role: box.getAttribute('role'),
              title: box.querySelector('.bs-status-title').textContent,
              text: box.textContent,
              items: [...box.querySelectorAll('li')].map((li) => li.textContent),
              visible:
                rect.height > 20 &&
                rect.width > 100 &&
                getComputedStyle(box).visibility === 'visible',
              busy: el.getAttribute('aria-busy'),
            });
          });
          el.src = src;
          document.body.append(el);
        }),
      src,
    );
  }

  test('<broadsheet-article>: a 404 shows a visible error, never an empty box', async () => {
    const { page } = await open('/t/empty.html');
    const r = await errorOf(page, '/test/missing.json');
    assert.match(r.event, /Cannot load http:\/\/127\.0\.0\.1:\d+\/test\/missing\.json: HTTP 404/);
    assert.equal(r.role, 'alert');
    assert.equal(r.title, 'This content could not be shown.');
    assert.match(r.text, /HTTP 404/);
    assert.equal(r.visible, true);
    assert.equal(r.busy, null);
    await page.close();
  });

  test('<broadsheet-article>: invalid JSON and an invalid article show their errors', async () => {
    const { page } = await open('/t/empty.html');
    const broken = await errorOf(page, '/test/broken.json');
    assert.match(broken.text, /not valid JSON at line 1, column 26/);
    assert.equal(broken.visible, true);
    const invalid = await errorOf(page, '/test/invalid.json');
    assert.deepEqual(invalid.items, [
      '/headline: expected a string, got a number',
      '/related/items/0/url: "url" is required',
    ]);
    assert.equal(invalid.visible, true);
    await page.close();
  });

  test('<broadsheet-article>: a loading state is visible until the JSON arrives', async () => {
    const { page, events } = await open('/t/empty.html');
    await page.evaluate(() => {
      const el = document.createElement('broadsheet-article');
      el.id = 'slow';
      el.src = '/test/slow.json';
      document.body.append(el);
    });
    const loading = page.locator('#slow .bs-status-loading');
    await loading.waitFor({ state: 'visible' });
    assert.equal(await loading.getAttribute('role'), 'status');
    assert.equal(await loading.textContent(), 'Loading…');
    assert.equal(await page.locator('#slow').getAttribute('aria-busy'), 'true');
    session.server.release();
    await page.locator('#slow .bs-headline').waitFor();
    assert.equal(await loading.count(), 0);
    assertQuiet(events);
    await page.close();
  });

  test('<broadsheet-article>: an inline JSON script added later, and the article property', async () => {
    const { page, events } = await open('/t/empty.html');
    const r = await page.evaluate(async (json) => {
      const rendered = (el) =>
        new Promise((resolve) => el.addEventListener('broadsheet:render', resolve, { once: true }));
      const el = document.createElement('broadsheet-article');
      document.body.append(el);
      const first = rendered(el);
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = json;
      el.append(script);
      await first;
      const fromScript = el.shadowRoot.querySelector('.bs-headline').textContent;
      const second = rendered(el);
      el.article = { headline: 'Set as a property' };
      await second;
      return { fromScript, fromProperty: el.shadowRoot.querySelector('.bs-headline').textContent };
    }, seedJson);
    assert.deepEqual(r, { fromScript: seed.headline, fromProperty: 'Set as a property' });
    assertQuiet(events);
    await page.close();
  });

  // ---- the embed script

  test('embed script: one classic <script> mounts the article and standalone widgets', async () => {
    const { page, events, requests } = await open('/t/embed.html');
    await page.locator('#article .bs-headline').waitFor();
    await page.locator('#related .bs-widget').waitFor();
    await page.locator('#latest .bs-widget').waitFor();
    await page.locator('#tag .bs-widget').waitFor();
    const r = await page.evaluate(() => {
      const shadow = (id) => document.getElementById(id).shadowRoot;
      return {
        modules: document.querySelectorAll('script[type="module"]').length,
        headline: shadow('article').querySelector('.bs-headline').textContent,
        fallbackHidden: document.querySelector('#article > p').getClientRects().length === 0,
        related: [...shadow('related').querySelectorAll('.bs-card-headline')].map(
          (h) => h.textContent,
        ),
        relatedInArticle: shadow('article').querySelectorAll('.bs-related .bs-card').length,
        latestTitle: shadow('latest').querySelector('.bs-section-title').textContent,
        latestDates: [...shadow('latest').querySelectorAll('time')].map((t) =>
          t.getAttribute('datetime'),
        ),
        // A <broadsheet-article> tag on the page (upgraded when the script defines the element)
        // styled from next to the script too.
        adopted: ['article', 'related', 'latest', 'tag'].map(
          (id) => shadow(id).adoptedStyleSheets.length,
        ),
        tagCards: shadow('tag').querySelectorAll('.bs-card').length,
        cardBackground: getComputedStyle(shadow('related').querySelector('.bs-card'))
          .backgroundColor,
        global: typeof window.broadsheet?.hydrate === 'function' && window.broadsheet.version,
        // A <figure> cannot host a shadow root: it renders in the light DOM with a document
        // stylesheet, and keeps its inline JSON.
        light:
          document.querySelector('#not-a-host .bs-subscribe-form') !== null &&
          document.querySelector('#not-a-host > script') !== null,
        documentSheet: [...document.querySelectorAll('link[rel="stylesheet"]')].map(
          (l) => new URL(l.href).pathname,
        ),
      };
    });
    assert.equal(r.modules, 0, 'no module scripts on the page');
    assert.equal(r.headline, seed.headline);
    assert.equal(r.fallbackHidden, true);
    assert.deepEqual(
      r.related,
      seed.related.items.slice(0, 2).map((i) => i.headline),
    );
    assert.equal(r.relatedInArticle, seed.related.items.length);
    assert.equal(r.latestTitle, latestOnly.title);
    assert.deepEqual(
      r.latestDates,
      latestOnly.items.map((i) => i.published),
    );
    assert.deepEqual(r.adopted, [1, 1, 1, 1]);
    assert.equal(r.tagCards, 1);
    assert.equal(r.cardBackground, 'rgb(244, 243, 239)');
    assert.equal(r.global, '0.1.0');
    assert.equal(r.light, true);
    assert.deepEqual(r.documentSheet, ['/cdn/v1/broadsheet.css']);
    // The module and stylesheet come from next to the script: the module once, the stylesheet once
    // for all shadow roots (one constructed sheet) and once as the light-DOM host's <link>.
    assert.equal(requests.filter((p) => p === '/cdn/v1/broadsheet.wasm').length, 1);
    assert.equal(requests.filter((p) => p === '/cdn/v1/broadsheet.css').length, 2);
    if (features.requestType) {
      assert.deepEqual(requests.types.filter((t) => t.endsWith('/broadsheet.css')).sort(), [
        'fetch /cdn/v1/broadsheet.css',
        'stylesheet /cdn/v1/broadsheet.css',
      ]);
    }
    assert.deepEqual(
      requests.filter((p) => !p.startsWith('/cdn/v1/') && !p.startsWith('/test/')),
      ['/t/embed.html'],
      'nothing fetched from anywhere but next to the script',
    );
    const log = await page.evaluate(() => window.__log.map((e) => e.type));
    assert.deepEqual(log, Array(5).fill('broadsheet:render'));
    assertQuiet(events);
    await page.close();
  });

  test('embed script: the subscribe flow in the mounted article', async () => {
    const { page, events } = await open('/t/embed.html');
    await page.locator('#article .bs-subscribe-form').waitFor();
    await subscribeFlow(page, '#article');
    assertQuiet(events);
    await page.close();
  });

  test('embed script: included twice, it still mounts each host once', async () => {
    const { page, events } = await open('/t/embed-twice.html');
    await page.locator('#article .bs-headline').waitFor();
    await page.waitForFunction(() => document.readyState === 'complete');
    const r = await page.evaluate(() => ({
      mounts: document.getElementById('article').shadowRoot.querySelectorAll('.bs-mount').length,
      renders: window.__log.length,
    }));
    assert.deepEqual(r, { mounts: 1, renders: 1 });
    assertQuiet(events);
    await page.close();
  });

  // ---- render() and hydrate()

  test('render(): the seed with relative dates, and the subscribe flow', async () => {
    const { page, events } = await open('/t/render.html');
    await page.waitForFunction(() => window.__ready);
    await page.evaluate(
      (now) => window.__render('/test/seed.json', { dates: 'relative', now }),
      SEED_NOW,
    );
    assert.equal(await page.locator('#host .bs-headline').textContent(), seed.headline);
    const dates = await page.evaluate(() =>
      [...document.querySelectorAll('.bs-latest time')].map((t) => [
        t.getAttribute('datetime'),
        t.textContent,
        t.title,
      ]),
    );
    assert.deepEqual(dates, [
      // The seed is en-GB: its absolute dates are written as British English writes them.
      ['2024-11-08T09:40:00Z', '1 hour ago', '8 November 2024'],
      ['2024-11-08T08:15:00Z', '2 hours ago', '8 November 2024'],
      ['2024-11-07T18:05:00Z', '16 hours ago', '7 November 2024'],
      ['2024-11-07T14:30:00Z', '20 hours ago', '7 November 2024'],
    ]);
    await subscribeFlow(page, '#host');
    assertQuiet(events);
    await page.close();
  });

  test('render(): destroy() and update() drop the previous listeners', async () => {
    const { page, events } = await open('/t/render.html');
    await page.waitForFunction(() => window.__ready);
    await page.evaluate(() => window.__render('/test/seed.json'));
    const seen = await page.evaluate(async () => {
      const seen = [];
      document.addEventListener('broadsheet:subscribe', (e) => seen.push(e.detail.email));
      // No navigation: only who saw each submit matters here.
      document.addEventListener('submit', (e) => e.preventDefault());
      const submit = (form, email) => {
        form.querySelector('input').value = email;
        form.requestSubmit();
      };
      const parking = document.body.appendChild(document.createElement('div'));
      const handle = window.__handle;
      const first = document.querySelector('#host form');
      handle.update(await (await fetch('/test/seed.json')).text());
      const second = document.querySelector('#host form');
      submit(second, 'a@example.com'); // one listener after update(), not two
      parking.append(first);
      submit(first, 'replaced@example.com'); // the replaced form's listener is gone
      handle.destroy();
      parking.append(second);
      submit(second, 'destroyed@example.com');
      return seen;
    });
    assert.deepEqual(seen, ['a@example.com']);
    assertQuiet(events);
    await page.close();
  });

  test('hydrate(): server-rendered markup gets the same behaviour without the WASM core', async () => {
    const { page, events, requests } = await open('/t/hydrate.html');
    await page.waitForFunction(() => window.__ready);
    assert.equal(await page.locator('#host .bs-headline').textContent(), seed.headline);
    assert.equal(await page.evaluate(() => window.__sameArticle()), true, 'nothing re-rendered');
    assert.deepEqual(await page.locator('#host .bs-latest time').allTextContents(), [
      '1 hour ago',
      '2 hours ago',
      '16 hours ago',
      '20 hours ago',
    ]);
    assert.ok(!requests.some((p) => p.endsWith('.wasm')), 'no WebAssembly fetched');
    // The stylesheet, the widgets module and, asked for, its relative dates; nothing of the loader.
    assert.deepEqual(
      requests.filter((p) => p.startsWith('/web/') || p.startsWith('/dist/')),
      ['/dist/broadsheet.css', '/dist/broadsheet-widgets.js', '/dist/broadsheet-relative-dates.js'],
    );
    await subscribeFlow(page, '#host');
    assertQuiet(events);
    await page.close();
  });

  test('hydrate(): destroy() puts the markup back as the server sent it', async () => {
    const { page, events } = await open('/t/hydrate.html');
    await page.waitForFunction(() => window.__ready);
    // Leave the form mid-error, then destroy.
    await page.locator('#host .bs-subscribe-email').fill('nope');
    await page.locator('#host .bs-subscribe-button').click();
    assert.equal(
      await page.locator('#host .bs-subscribe-email').getAttribute('aria-invalid'),
      'true',
    );
    const r = await page.evaluate(() => {
      window.__handle.destroy();
      const form = document.querySelector('#host form');
      return {
        dates: [...document.querySelectorAll('.bs-latest time')].map((t) => [
          t.textContent,
          t.hasAttribute('title'),
        ]),
        noValidate: form.noValidate,
        // The server's ids (section headings, ad slots) stay; the message id hydrate() made goes.
        ids: [...document.querySelectorAll('#host [id]')].filter(
          (e) =>
            e.id.startsWith('bs-subscribe-message') ||
            !(e.id.startsWith('bs-') || e.id.startsWith('user-content-')),
        ).length,
        messageId: form.querySelector('.bs-subscribe-message').id,
        states:
          form.querySelectorAll('[aria-invalid], [aria-describedby]').length +
          form.attributes.length,
        message: form.querySelector('.bs-subscribe-message').textContent,
      };
    });
    assert.equal(r.states, 3, 'the form has only class, method and action again');
    assert.equal(r.message, '');
    assert.deepEqual(r.dates[0], ['8 November 2024', false]);
    assert.equal(r.noValidate, false);
    assert.equal(r.ids, 0);
    assert.equal(r.messageId, '');
    assertQuiet(events);
    await page.close();
  });

  // ---- styles

  test('a standalone widget gets the same custom properties as an article', async () => {
    for (const scheme of ['light', 'dark']) {
      const { page, events } = await open('/t/empty.html', { colorScheme: scheme });
      const r = await page.evaluate(() => {
        const article = document.createElement('article');
        article.className = 'bs-article';
        const widget = document.createElement('div');
        widget.className = 'bs-widget';
        document.body.append(article, widget);
        const a = getComputedStyle(article);
        const w = getComputedStyle(widget);
        const names = [...document.styleSheets]
          .flatMap((s) => [...s.cssRules])
          .flatMap((rule) => [rule, ...(rule.cssRules ?? [])])
          .flatMap((rule) => [...(rule.style ?? [])])
          .filter((n) => n.startsWith('--broadsheet-'));
        const unique = [...new Set(names)];
        const differ = unique.filter((n) => a.getPropertyValue(n) !== w.getPropertyValue(n));
        article.remove();
        widget.remove();
        return { count: unique.length, differ };
      });
      assert.ok(r.count >= 20, `${r.count} custom properties`);
      assert.deepEqual(r.differ, [], `${scheme}: values differ`);
      assertQuiet(events);
      await page.close();
    }
  });

  test('a page themes shadow-DOM renderings through custom properties on the host', async () => {
    const look = (page, host) =>
      page.locator(`${host} .bs-subscribe-button`).evaluate((b) => {
        const style = getComputedStyle(b);
        return [style.backgroundColor, style.borderTopLeftRadius];
      });
    const light = await open('/t/themed.html', { colorScheme: 'light' });
    for (const host of ['.themed', '#plain', '#embedded']) {
      await light.page.locator(`${host} .bs-subscribe-button`).waitFor();
    }
    assert.deepEqual(await look(light.page, '.themed'), ['rgb(1, 2, 3)', '0px']);
    assert.deepEqual(await look(light.page, '#embedded'), ['rgb(1, 2, 3)', '0px']);
    assert.deepEqual(await look(light.page, '#plain'), ['rgb(195, 16, 47)', '6px']);
    assertQuiet(light.events);
    await light.page.close();
    // The defaults still follow the colour scheme.
    const dark = await open('/t/themed.html', { colorScheme: 'dark' });
    await dark.page.locator('#plain .bs-subscribe-button').waitFor();
    assert.deepEqual(await look(dark.page, '#plain'), ['rgb(255, 107, 127)', '6px']);
    const background = await dark.page.evaluate(
      () =>
        getComputedStyle(document.getElementById('plain').shadowRoot.querySelector('.bs-article'))
          .backgroundColor,
    );
    assert.equal(background, 'rgb(18, 18, 18)');
    assertQuiet(dark.events);
    await dark.page.close();
  });

  test('the rendered article and widgets fit a 320 px wide screen', async () => {
    const { page, events } = await open('/t/embed.html');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.locator('#article .bs-headline').waitFor();
    await page.locator('#related .bs-card').first().waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      article: document.getElementById('article').shadowRoot.querySelector('.bs-article')
        .scrollWidth,
    }));
    assert.ok(widths.page <= 320, `page is ${widths.page} px wide`);
    assert.ok(widths.article <= 320, `article is ${widths.article} px wide`);
    assertQuiet(events);
    await page.close();
  });
}
