// The layout plan through the public API, on the server string (renderToString, parsed by jsdom):
// ad slots and their rules, unique ids, the contents list, layout variants, the hero, section
// landmarks, and the structured data for a page's head. tests/browser/layout.test.js checks the
// same in Chromium's DOM.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import { BroadsheetError, load } from '../../web/index.js';
import { jsonForScript, structuredData } from '../../web/structured-data.js';

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const adCases = readJson('tests/fixtures/ad-layout.json');
const seed = readJson('examples/seed-china-belarus.json');
const bs = await load();
const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

function dom(article, options) {
  const box = document.createElement('div');
  box.innerHTML = bs.renderToString(article, options);
  return box;
}

// The body's direct children, one word each: the tag, or ad:<data-ad-slot> for a slot.
export function bodySummary(box) {
  return [...box.querySelector('.bs-body').children]
    .map((e) => (e.matches('.bs-ad') ? `ad:${e.getAttribute('data-ad-slot')}` : e.localName))
    .join(' ');
}

for (const c of adCases) {
  test(`ad slots: ${c.title}`, () => {
    const box = dom(c.article, c.options);
    assert.equal(bodySummary(box), c.body);
    // Whatever the rules, every slot is a direct child of the body.
    for (const slot of box.querySelectorAll('.bs-ad')) {
      assert.ok(slot.parentElement.matches('.bs-body'), 'slot outside the body container');
    }
  });
}

test('an ad slot carries a unique id, its name, its sizes, the reserved height and a label', () => {
  const box = dom({
    headline: 'h',
    ads: { every: 1, after: 1, label: 'Anzeige', sizes: ['300x250', '300x600'] },
    body: [
      { type: 'markdown', text: 'a\n\nb' },
      { type: 'ad', slot: 'billboard', sizes: ['970x250', '728x90'] },
      { type: 'markdown', text: 'c' },
    ],
  });
  const slots = [...box.querySelectorAll('.bs-ad')];
  assert.deepEqual(
    slots.map((s) => [
      s.id,
      s.getAttribute('data-ad-slot'),
      s.getAttribute('data-ad-sizes'),
      s.getAttribute('data-ad-height'),
      s.textContent,
    ]),
    [
      ['bs-ad-inline-1', 'inline-1', '300x250,300x600', '600', 'Anzeige'],
      ['bs-ad-billboard', 'billboard', '970x250,728x90', '250', 'Anzeige'],
    ],
  );
  const defaults = dom({ headline: 'h', ads: { every: 1 }, body: 'a\n\nb\n\nc' });
  const slot = defaults.querySelector('.bs-ad');
  assert.equal(slot.getAttribute('data-ad-sizes'), '300x250,336x280');
  assert.equal(slot.getAttribute('data-ad-height'), '280');
  assert.equal(slot.textContent, 'Advertisement');
});

test('ad rules are validated with JSON-pointer paths', () => {
  const { errors } = bs.validate({
    headline: 'h',
    ads: { every: 0, after: -1, max: 'x', sizes: ['300x250', '300 x 250', 7] },
    body: [{ type: 'ad', sizes: [] }],
  });
  assert.deepEqual(
    errors.map((e) => [e.code, e.path]),
    [
      ['invalid_value', '/body/0/sizes'],
      ['invalid_value', '/ads/every'],
      ['invalid_value', '/ads/after'],
      ['invalid_type', '/ads/max'],
      ['invalid_value', '/ads/sizes/1'],
      ['invalid_type', '/ads/sizes/2'],
    ],
  );
});

test('one registry hands out every id: headings, raw HTML, block ids and slots never collide', () => {
  const box = dom({
    headline: 'h',
    toc: true,
    body: [
      {
        type: 'markdown',
        text: '# Intro\n\nSee [the intro](#intro).\n\n<div id="intro">raw</div>',
      },
      { type: 'markdown', id: 'intro', text: '## Intro' },
      { type: 'ad', slot: 'top' },
      { type: 'ad', slot: 'top' },
      { type: 'ad', slot: 'a b' },
    ],
  });
  const ids = [...box.querySelectorAll('[id]')].map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${ids}`);
  // The first owner in document order keeps the name; raw HTML, the least trusted, comes last.
  assert.equal(box.querySelector('h2').id, 'user-content-intro');
  assert.equal(box.querySelector('.bs-body > div > h3').parentElement.id, 'user-content-intro-2');
  assert.equal(box.querySelector('h3').id, 'user-content-intro-3');
  assert.equal(box.querySelector('.bs-body > p + div').id, 'user-content-intro-4');
  assert.deepEqual(
    [...box.querySelectorAll('.bs-ad')].map((e) => e.id),
    ['bs-ad-top', 'bs-ad-top-2', 'bs-ad-a-b'],
  );
  // Links follow: the content link goes to the first owner, the contents list to each heading.
  assert.equal(box.querySelector('.bs-body a').getAttribute('href'), '#user-content-intro');
  assert.deepEqual(
    [...box.querySelectorAll('.bs-contents a')].map((a) => a.getAttribute('href')),
    ['#user-content-intro', '#user-content-intro-3'],
  );
  for (const a of box.querySelectorAll('a[href^="#"]')) {
    assert.ok(box.querySelector(a.getAttribute('href')), `${a.getAttribute('href')} has a target`);
  }
});

test('toc: true lists the h2 and h3 headings, nested by level, before the body', () => {
  const box = dom({
    headline: 'h',
    toc: true,
    body: '## Early detail\n\n# One\n\n## One a\n\n## One b\n\n### Too deep\n\n# Two',
  });
  const nav = box.querySelector('nav.bs-contents');
  assert.equal(nav.getAttribute('aria-label'), 'Contents');
  assert.equal(nav.id, 'bs-contents');
  assert.ok(nav.nextElementSibling.matches('.bs-body'));
  const outline = (list) =>
    [...list.children].map((li) => {
      const sub = li.querySelector(':scope > ol');
      const text = li.querySelector(':scope > a').textContent;
      return sub ? [text, outline(sub)] : text;
    });
  assert.deepEqual(outline(nav.querySelector('ol')), [
    'Early detail',
    ['One', ['One a', 'One b']],
    'Two',
  ]);
});

test('toc: "auto" shows the contents from three h2 on; the option overrides the article', () => {
  const two = { headline: 'h', toc: 'auto', body: '# A\n\n# B\n\n## b' };
  const three = { ...two, body: '# A\n\n# B\n\n# C' };
  assert.equal(dom(two).querySelector('.bs-contents'), null);
  assert.ok(dom(three).querySelector('.bs-contents'));
  assert.equal(dom(three, { toc: false }).querySelector('.bs-contents'), null);
  assert.ok(dom(two, { toc: true }).querySelector('.bs-contents'));
  assert.ok(dom({ ...three, toc: undefined }, { toc: 'auto' }).querySelector('.bs-contents'));
  assert.equal(dom({ ...three, toc: undefined }).querySelector('.bs-contents'), null);
  assert.throws(
    () => bs.renderToString(two, { toc: 'yes' }),
    (e) => {
      assert.ok(e instanceof BroadsheetError);
      assert.deepEqual(
        e.errors.map((d) => [d.code, d.path]),
        [['invalid_options', '/toc']],
      );
      return true;
    },
  );
  assert.deepEqual(
    bs.validate({ ...two, toc: 'always' }).errors.map((d) => [d.code, d.path]),
    [['invalid_value', '/toc']],
  );
});

test('layout "single" puts related and latest after the body; "standard" keeps related first', () => {
  const order = (box) =>
    [...box.querySelector('article').children].map((e) => e.classList[0]).join(' ');
  const standard = dom(seed);
  assert.ok(!standard.querySelector('article').classList.contains('bs-single'));
  assert.match(order(standard), /bs-related .*bs-body .*bs-latest/);
  for (const single of [dom(seed, { layout: 'single' }), dom({ ...seed, layout: 'single' })]) {
    assert.ok(single.querySelector('article').classList.contains('bs-single'));
    assert.match(order(single), /bs-body .*bs-related .*bs-subscribe bs-latest$/);
  }
  assert.equal(
    dom({ ...seed, layout: 'single' }, { layout: 'standard' }).querySelector('.bs-single'),
    null,
  );
  assert.deepEqual(
    bs.validate({ ...seed, layout: 'wide' }).errors.map((d) => [d.code, d.path]),
    [['invalid_value', '/layout']],
  );
});

test('the hero loads eagerly at high priority; body and card images lazily, all with sizes', () => {
  const box = dom({
    headline: 'h',
    hero: { src: '/hero.jpg', alt: 'hero', width: 1600, height: 900 },
    body: [{ type: 'image', src: '/b.jpg', alt: 'b', width: 800, height: 600 }],
    related: {
      items: [
        { headline: 'r', url: '/r', image: { src: '/c.jpg', alt: 'c', width: 4, height: 3 } },
      ],
    },
  });
  const hero = box.querySelector('.bs-hero img');
  assert.equal(hero.getAttribute('fetchpriority'), 'high');
  assert.equal(hero.getAttribute('loading'), 'eager');
  for (const img of box.querySelectorAll('img')) {
    assert.ok(img.getAttribute('width') && img.getAttribute('height'), `${img.src} has a size`);
    if (img !== hero) assert.equal(img.getAttribute('loading'), 'lazy');
  }
});

test('section landmarks are named by their headings, not by article text in attributes', () => {
  const box = dom(seed);
  for (const aside of box.querySelectorAll('aside')) {
    const id = aside.getAttribute('aria-labelledby');
    assert.ok(id, 'aria-labelledby');
    assert.equal(aside.getAttribute('aria-label'), null);
    assert.equal(box.querySelector(`#${id}`).parentElement, aside);
  }
});

test('structured data: NewsArticle JSON-LD and Open Graph / Twitter tags from the article', () => {
  const article = {
    ...seed,
    dek: 'A standfirst',
    url: 'https://news.example/a/b',
    hero: { src: '/img/hero.jpg', alt: 'A hero', width: 1600, height: 900 },
    authors: [{ name: 'Ann Writer', url: '/people/ann' }, { name: 'Bo' }],
    modified: '2024-11-09T08:00:00Z',
    site: { name: 'News Example', url: '/' },
  };
  const { jsonLd, meta, head } = structuredData(article);
  assert.deepEqual(jsonLd, {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: seed.headline,
    description: 'A standfirst',
    image: ['https://news.example/img/hero.jpg'],
    datePublished: seed.published,
    dateModified: '2024-11-09T08:00:00Z',
    author: [
      { '@type': 'Person', name: 'Ann Writer', url: 'https://news.example/people/ann' },
      { '@type': 'Person', name: 'Bo' },
    ],
    publisher: { '@type': 'Organization', name: 'News Example', url: 'https://news.example/' },
    mainEntityOfPage: 'https://news.example/a/b',
    inLanguage: seed.lang,
    ...(seed.tags ? { keywords: seed.tags.map((t) => t.name).join(', ') } : {}),
  });
  const value = (key) => meta.find((m) => (m.property ?? m.name) === key)?.content;
  assert.equal(value('og:type'), 'article');
  assert.equal(value('og:image'), 'https://news.example/img/hero.jpg');
  assert.equal(value('twitter:card'), 'summary_large_image');
  assert.equal(value('og:description'), 'A standfirst');
  assert.match(head, /<script type="application\/ld\+json">\{"@context"/);
});

test('structured data cannot close its script element or smuggle markup into meta tags', () => {
  const hostile = '</script><script>alert(1)</script><!-- & \u2028 "quoted"';
  const { head, jsonLd } = structuredData({
    headline: hostile,
    dek: hostile,
    url: 'javascript:alert(1)',
    hero: { src: 'javascript:alert(1)', alt: hostile },
    authors: [{ name: hostile, url: 'data:text/html,x' }],
  });
  assert.equal(head.split('<script').length - 1, 1);
  assert.equal(head.split('</script>').length - 1, 1);
  assert.ok(!/<!--/.test(head));
  const json = head.slice(
    head.indexOf('>', head.indexOf('<script')) + 1,
    head.lastIndexOf('</script>'),
  );
  assert.ok(!/[<>&\u2028]/.test(json));
  assert.deepEqual(JSON.parse(json), jsonLd); // escapes decode back to the same object
  assert.equal(jsonLd.headline, hostile);
  assert.equal(jsonLd.mainEntityOfPage, undefined); // javascript: dropped
  assert.equal(jsonLd.image, undefined);
  assert.equal(jsonLd.author[0].url, undefined);
  assert.equal(jsonForScript('</script>'), '"\\u003c/script\\u003e"');
  // Meta content is an escaped attribute value: parsed back, it is the text and nothing else.
  const parsed = new JSDOM(`<!doctype html><head>${head}</head>`).window.document;
  assert.equal(parsed.querySelectorAll('script').length, 1);
  assert.equal(parsed.querySelector('meta[property="og:title"]').content, hostile);
});

test('the DOM path adds no script element', () => {
  const box = document.createElement('div');
  bs.render({ ...seed, dek: '</script><script>alert(1)</script>' }, box);
  assert.equal(box.querySelectorAll('script').length, 0);
});
