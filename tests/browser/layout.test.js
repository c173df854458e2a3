// The layout plan in real Chromium: ad slots in the DOM (every rule of tests/fixtures/ad-layout.json),
// their events after render(), hydrate() and update(), the height they reserve, the contents list,
// both layout variants measured at 1280 px, the eager hero, and a cumulative layout shift of 0 while
// images and ad fills arrive late.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLayoutPage, openPage, root, serveRoot, useBrowser } from './chromium.js';

const adCases = JSON.parse(readFileSync(join(root, 'tests/fixtures/ad-layout.json'), 'utf8'));
const seed = JSON.parse(readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8'));

// Images and the article for the layout-shift page, served late on purpose.
const DELAY_MS = 700;
const svg = (width, height, color) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${color}"/></svg>`;
const slowImages = {
  '/slow/hero.svg': svg(1600, 900, '#a33'),
  '/slow/body.svg': svg(800, 600, '#3a3'),
  '/slow/card.svg': svg(640, 360, '#33a'),
};
const paragraphs = (n, from = 1) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Paragraph ${i + from} of the story, long enough to wrap across the column at most widths.`,
  ).join('\n\n');
const lateArticle = {
  ...seed,
  hero: { src: '/slow/hero.svg', alt: 'Hero', width: 1600, height: 900 },
  ads: { every: 2 },
  body: [
    { type: 'markdown', text: paragraphs(5) },
    { type: 'image', src: '/slow/body.svg', alt: 'In the story', width: 800, height: 600 },
    { type: 'markdown', text: paragraphs(6, 6) },
    { type: 'ad', slot: 'mid-article', sizes: ['300x250', '300x600'] },
    { type: 'markdown', text: paragraphs(4, 12) },
  ],
  related: {
    ...seed.related,
    items: seed.related.items.map((s) => ({
      ...s,
      image: { src: '/slow/card.svg', alt: '', width: 640, height: 360 },
    })),
  },
};
const later = (body, type) => (req, res) =>
  setTimeout(() => res.writeHead(200, { 'content-type': type }).end(body), DELAY_MS);
const routes = { '/slow/article.json': later(JSON.stringify(lateArticle), 'application/json') };
for (const [path, body] of Object.entries(slowImages)) routes[path] = later(body, 'image/svg+xml');

const session = useBrowser(() => serveRoot({ routes }));

const layoutPage = (width) => openLayoutPage(session, width);

// No page error, no dialog, no console error (but the 404s of images that do not exist, when
// `missingImages`).
function clean(events, missingImages = false) {
  assert.deepEqual(events.errors, [], 'page errors');
  const console = events.console.filter((m) => !(missingImages && / 404 /.test(m)));
  assert.deepEqual(console, [], 'console errors');
  assert.deepEqual(events.dialogs, [], 'dialogs');
}

test('ad slots in the DOM follow every rule, as direct children of the body', async () => {
  const { page, events } = await layoutPage();
  for (const c of adCases) {
    const r = await page.evaluate(({ article, options }) => {
      const { equal } = window.renderBoth(article, options);
      const dom = document.getElementById('dom');
      return {
        equal,
        body: window.bodySummary(dom),
        direct: [...dom.querySelectorAll('.bs-ad')].every((s) =>
          s.parentElement.matches('.bs-body'),
        ),
      };
    }, c);
    assert.equal(r.body, c.body, c.title);
    assert.ok(r.direct, `${c.title}: a slot outside the body container`);
    assert.ok(r.equal, `${c.title}: render() and renderToString() disagree`);
  }
  clean(events, true);
  await page.close();
});

const threeSlots = {
  headline: 'h',
  ads: { every: 2 },
  body: [
    { type: 'markdown', text: 'a\n\nb\n\nc\n\nd\n\ne' },
    { type: 'ad', slot: 'billboard', sizes: ['970x250'] },
    { type: 'markdown', text: 'f\n\ng' },
  ],
};

test('render() fires one broadsheet:adslot per slot and calls onAdSlot with the same detail', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate((article) => {
    const calls = [];
    window.adEvents.length = 0;
    window.renderBoth(article, { onAdSlot: (d) => calls.push(d) });
    const slots = [...document.querySelectorAll('#dom .bs-ad')];
    return {
      slots: slots.length,
      events: window.adEvents.map((e) => ({
        id: e.id,
        slot: e.slot,
        sizes: e.sizes,
        isSlot: e.element === slots.find((s) => s.id === e.id) && e.target === e.element,
        inDocument: e.element.isConnected,
      })),
      calls: calls.map((d) => [d.id, d.slot, d.element === document.getElementById(d.id)]),
    };
  }, threeSlots);
  assert.equal(r.slots, 3);
  assert.deepEqual(r.events, [
    {
      id: 'bs-ad-inline-1',
      slot: 'inline-1',
      sizes: [
        [300, 250],
        [336, 280],
      ],
      isSlot: true,
      inDocument: true,
    },
    {
      id: 'bs-ad-inline-2',
      slot: 'inline-2',
      sizes: [
        [300, 250],
        [336, 280],
      ],
      isSlot: true,
      inDocument: true,
    },
    {
      id: 'bs-ad-billboard',
      slot: 'billboard',
      sizes: [[970, 250]],
      isSlot: true,
      inDocument: true,
    },
  ]);
  assert.deepEqual(r.calls, [
    ['bs-ad-inline-1', 'inline-1', true],
    ['bs-ad-inline-2', 'inline-2', true],
    ['bs-ad-billboard', 'billboard', true],
  ]);
  clean(events);
  await page.close();
});

test('events after handle.update() and after hydrate() of server HTML: exactly one per slot', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate((article) => {
    window.adEvents.length = 0;
    const dom = document.getElementById('dom');
    const { handle } = window.renderBoth(article);
    const afterRender = window.adEvents.length;
    handle.update({ ...article, body: 'one\n\ntwo\n\nthree' });
    const afterUpdate = window.adEvents.length - afterRender;
    const updatedIds = window.adEvents.slice(afterRender).map((e) => e.id);
    handle.destroy();
    // Server-rendered markup, then hydrate(), twice: the second finds every slot announced.
    dom.innerHTML = window.bs.renderToString(article);
    const before = window.adEvents.length;
    const calls = [];
    const first = window.hydrate(dom, { onAdSlot: (d) => calls.push(d.id) });
    const afterHydrate = window.adEvents.length - before;
    window.hydrate(dom, { onAdSlot: (d) => calls.push(d.id) });
    const afterSecond = window.adEvents.length - before - afterHydrate;
    first.destroy();
    return { afterRender, afterUpdate, updatedIds, afterHydrate, afterSecond, calls };
  }, threeSlots);
  assert.equal(r.afterRender, 3);
  assert.equal(r.afterUpdate, 1);
  assert.deepEqual(r.updatedIds, ['bs-ad-inline-1']);
  assert.equal(r.afterHydrate, 3);
  assert.equal(r.afterSecond, 0);
  assert.deepEqual(r.calls, ['bs-ad-inline-1', 'bs-ad-inline-2', 'bs-ad-billboard']);
  clean(events);
  await page.close();
});

test('a slot reserves its tallest size, so filling it moves nothing below', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate(() => {
    window.renderBoth({
      headline: 'h',
      body: [
        { type: 'markdown', text: 'a' },
        { type: 'ad', slot: 'rect', sizes: ['300x250', '336x280'] },
        { type: 'markdown', text: 'b' },
        { type: 'ad', slot: 'odd', sizes: ['320x333'] },
        { type: 'markdown', text: 'c' },
      ],
    });
    const slot = document.getElementById('bs-ad-rect');
    const odd = document.getElementById('bs-ad-odd');
    const content = (e) => {
      const s = getComputedStyle(e);
      return e.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
    };
    const next = () => document.querySelector('#bs-ad-rect + p').getBoundingClientRect().top;
    const before = { height: slot.getBoundingClientRect().height, next: next() };
    const creative = document.createElement('div');
    creative.style.cssText = 'width: 336px; height: 280px';
    slot.append(creative);
    const after = { height: slot.getBoundingClientRect().height, next: next() };
    return { content: content(slot), odd: content(odd), before, after };
  });
  assert.ok(r.content >= 280, `content box ${r.content}px`);
  assert.ok(r.odd >= 333, `typed attr() height ${r.odd}px`);
  assert.deepEqual(r.after, r.before);
  clean(events);
  await page.close();
});

test('ids are unique across headings, raw HTML, block ids, slots and the contents list', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate(() => {
    const { equal } = window.renderBoth({
      headline: 'h',
      toc: true,
      related: { items: [{ headline: 'r', url: '/r' }] },
      body: [
        { type: 'markdown', text: '# Intro\n\n[back](#intro)\n\n<div id="intro">raw</div>' },
        { type: 'markdown', id: 'intro', text: '## Intro\n\n<p id="bs-contents">x</p>' },
        { type: 'ad', slot: 'top' },
        { type: 'ad', slot: 'top' },
        { type: 'related', items: [{ headline: 'i', url: '/i' }] },
        { type: 'related', items: [{ headline: 'j', url: '/j' }] },
      ],
    });
    const ids = [...document.querySelectorAll('#dom [id]')].map((e) => e.id);
    const refs = [...document.querySelectorAll('#dom [aria-labelledby], #dom a[href^="#"]')].map(
      (e) => e.getAttribute('aria-labelledby') ?? e.getAttribute('href').slice(1),
    );
    return { equal, ids, missing: refs.filter((id) => !document.getElementById(id)) };
  });
  assert.equal(new Set(r.ids).size, r.ids.length, `duplicates in ${r.ids}`);
  assert.deepEqual(r.missing, [], 'references without a target');
  assert.ok(r.ids.includes('user-content-intro-4'), String(r.ids));
  assert.ok(r.ids.includes('bs-related-inline-title-2'), String(r.ids));
  assert.ok(r.ids.includes('user-content-bs-contents'), String(r.ids));
  assert.ok(r.equal, 'render() and renderToString() agree');
  clean(events);
  await page.close();
});

test('the contents list links every h2 and h3, nested, and each link reaches its heading', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate(() => {
    window.renderBoth({
      headline: 'h',
      toc: true,
      body: '# First\n\ntext\n\n## Detail\n\ntext\n\n# Second\n\ntext\n\n# First',
    });
    const nav = document.querySelector('#dom nav.bs-contents');
    const links = [...nav.querySelectorAll('a')];
    return {
      label: nav.getAttribute('aria-label'),
      nested: nav.querySelectorAll(':scope > ol > li > ol > li').length,
      targets: links.map((a) => {
        const target = document.querySelector(a.getAttribute('href'));
        return [a.textContent, target?.localName, target?.textContent];
      }),
    };
  });
  assert.equal(r.label, 'Contents');
  assert.equal(r.nested, 1);
  assert.deepEqual(r.targets, [
    ['First', 'h2', 'First'],
    ['Detail', 'h3', 'Detail'],
    ['Second', 'h2', 'Second'],
    ['First', 'h2', 'First'],
  ]);
  clean(events);
  await page.close();
});

test('layout variants at 1280 px: related beside the story, or after it in one column', async () => {
  const { page, events } = await layoutPage(1280);
  const measure = (layout) =>
    page.evaluate((l) => {
      window.renderBoth(window.article, { layout: l });
      return {
        body: window.box('#dom .bs-body'),
        related: window.box('#dom .bs-related'),
        latest: window.box('#dom .bs-latest'),
        article: window.box('#dom article'),
      };
    }, layout);
  await page.evaluate((a) => (window.article = a), seed);
  const standard = await measure('standard');
  assert.ok(standard.related.left >= standard.body.right, 'related in a side column');
  assert.ok(standard.related.top < standard.body.bottom, 'beside the story, not below it');
  assert.ok(standard.latest.top >= standard.body.bottom, 'latest after the story');
  const single = await measure('single');
  assert.ok(single.related.top >= single.body.bottom, 'related after the story');
  assert.ok(Math.abs(single.related.left - single.body.left) < 1, 'one column');
  assert.ok(single.latest.top >= single.related.bottom);
  assert.ok(single.article.right - single.article.left <= 48 * 16 + 1, 'reading width');
  clean(events);
  await page.close();
});

test('the hero loads eagerly at high priority; other images lazily', async () => {
  const { page, events } = await layoutPage();
  const r = await page.evaluate(() => {
    window.renderBoth({
      headline: 'h',
      hero: { src: '/no-hero.png', alt: 'hero', width: 1600, height: 900 },
      body: [{ type: 'image', src: '/no-body.png', alt: 'b', width: 800, height: 600 }],
    });
    return [...document.querySelectorAll('#dom img')].map((i) => [
      i.alt,
      i.loading,
      i.fetchPriority,
    ]);
  });
  assert.deepEqual(r, [
    ['hero', 'eager', 'high'],
    ['b', 'lazy', 'auto'],
  ]);
  await page.close();
  assert.deepEqual(events.dialogs, []);
});

test('late images and late ad fills shift nothing: cumulative layout shift 0', async () => {
  const { page, events } = await openPage(session.browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${session.server.url}/tests/browser/pages/cls.html`);
  await page.waitForFunction(() => window.__ready === true);
  // Scroll down the page step by step so that every lazy image and slot comes into view.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(() => window.settled(), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    shifts: window.shifts,
    slots: document.querySelectorAll('.bs-ad').length,
    filled: document.querySelectorAll('.bs-ad .creative').length,
    images: document.images.length,
  }));
  assert.ok(r.slots >= 4, `${r.slots} slots`);
  assert.equal(r.filled, r.slots);
  assert.ok(r.images >= 6, `${r.images} images`);
  assert.deepEqual(r.shifts, [], 'layout shifts');
  // The observer really reports: a block pushed in above the article moves it, a shift it must see.
  const seen = await page.evaluate(async () => {
    window.scrollTo(0, 0);
    const block = document.createElement('div');
    block.style.height = '200px';
    document.body.prepend(block);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    await new Promise((done) => setTimeout(done, 300));
    return window.shifts.length;
  });
  assert.ok(seen > 0, 'the layout-shift observer saw the deliberate shift');
  clean(events);
  await page.close();
});
