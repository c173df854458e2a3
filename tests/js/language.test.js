// Every reader's language, through the public API in Node: the server string for each shipped
// language (dates and numbers as this runtime's Intl writes them, labels from the catalogue, no
// English left), the catalogues' completeness, overrides, locale selection, time zones and
// right-to-left pages. tests/browser/language.test.js checks the DOM in Chromium.
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { load } from '../../web/index.js';
import { CATALOGUES, CORE_ANSWER_ROOM, labels } from '../../web/language.js';
import { MESSAGES } from '../../web/widgets.js';
import { article, englishLabels, expected, LANGUAGES, RTL } from '../fixtures/languages.js';

const bs = await load();
const catalogue = (lang) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8'));
const english = catalogue('en');
const text = (html, cls) => html.match(new RegExp(`class="${cls}"[^>]*>([^<]*)<`))?.[1];

test('a catalogue ships for every listed language, and no other', () => {
  const files = readdirSync(new URL('../../locales/', import.meta.url)).map((f) => f.slice(0, -5));
  assert.deepEqual(files.sort(), [...LANGUAGES].sort());
  // What web/ fetches: every file but English, which is built into the core.
  assert.deepEqual([...CATALOGUES].sort(), LANGUAGES.filter((l) => l !== 'en').sort());
  // Bare language subtags: web/language.js matches a tag by its first subtag alone.
  assert.ok(CATALOGUES.every((name) => /^[a-z]+$/.test(name)));
});

test(
  "a tag's catalogue is found by its first subtag, whatever the tag's length",
  { timeout: 20000 },
  () => {
    assert.equal(labels('DE-at-1996'), labels('de'));
    assert.equal(labels('zh-Hant-TW'), labels('zh'));
    assert.equal(labels('deu'), '');
    // An untrusted article's lang of 200,000 characters: one slice, not a truncation per subtag
    // (which took seconds at 40,000), through the core's question and a whole render alike.
    const long = 'a-'.repeat(100000);
    assert.equal(labels(long), '');
    assert.equal(labels(`de-${long}`), labels('de'));
    const page = article('de');
    assert.match(bs.renderToString({ ...page, lang: `de-${long}` }), /lang="de-a-a-/);
  },
);

// web/ and the module copied into a scratch folder with `locales` as its catalogue files (name to
// JSON text; none: no locales/ folder at all), for `check` to load from there; removed after.
async function withCopy(locales, check) {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-locales-'));
  try {
    cpSync(new URL('../../web/', import.meta.url), join(root, 'web'), { recursive: true });
    cpSync(
      new URL('../../dist/broadsheet.wasm', import.meta.url),
      join(root, 'dist', 'broadsheet.wasm'),
    );
    for (const [name, json] of Object.entries(locales ?? {})) {
      mkdirSync(join(root, 'locales'), { recursive: true });
      writeFileSync(join(root, 'locales', `${name}.json`), json);
    }
    await check(join(root, 'web'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a server that cannot read a catalogue file renders English labels and says so once', async () => {
  // No locales/, as a bundle that left the folder out would be.
  await withCopy(null, async (web) => {
    const copy = await import(pathToFileURL(join(web, 'index.js')).href);
    const warnings = [];
    const warn = console.warn;
    console.warn = (message) => warnings.push(String(message));
    try {
      const bare = await copy.load();
      const page = article('de');
      const first = bare.renderToString(page);
      assert.equal(bare.renderToString(page), first);
      assert.equal(first, bs.renderToString(page, { messages: english }));
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /locales\/de\.json.*English labels/);
  });
});

test("a catalogue too long for the core's answer room is not given: English labels", async () => {
  // German labels, one of them long enough that the whole would not fit the room: the core would
  // misread an answer cut short, so it gets none, and the page keeps English labels.
  const german = { ...catalogue('de'), by: 'x'.repeat(CORE_ANSWER_ROOM) };
  await withCopy({ de: JSON.stringify(german) }, async (web) => {
    const chunk = await import(pathToFileURL(join(web, 'language.js')).href);
    const copy = await import(pathToFileURL(join(web, 'index.js')).href);
    const bare = await copy.load();
    assert.equal(chunk.labels('de'), '');
    const page = article('de');
    assert.equal(bare.renderToString(page), bs.renderToString(page, { messages: english }));
  });
  // The same catalogue with a label of ordinary length: given, and written.
  const fits = { ...catalogue('de'), by: 'Von Bylinie' };
  await withCopy({ de: JSON.stringify(fits) }, async (web) => {
    const chunk = await import(pathToFileURL(join(web, 'language.js')).href);
    const bare = await (await import(pathToFileURL(join(web, 'index.js')).href)).load();
    assert.ok(chunk.labels('de').startsWith('by\0Von Bylinie\0'));
    assert.match(bare.renderToString(article('de')), /Von Bylinie/);
  });
});

for (const lang of LANGUAGES) {
  test(`catalogue ${lang}: every label English has, every plural form the language needs`, () => {
    const messages = catalogue(lang);
    for (const key of Object.keys(english).filter((k) => !k.startsWith('readingTime.'))) {
      assert.equal(typeof messages[key], 'string', `${lang}.json lacks "${key}"`);
    }
    for (const category of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
      assert.equal(typeof messages[`readingTime.${category}`], 'string', `${lang}: ${category}`);
    }
    for (const [key, value] of Object.entries(messages)) {
      assert.ok(key in english || key.startsWith('readingTime.'), `${lang}: unknown "${key}"`);
      assert.equal(typeof value, 'string');
    }
  });

  test(`renderToString in ${lang}: Intl dates and numbers, the catalogue's labels`, () => {
    const html = bs.renderToString(article(lang));
    const want = expected(lang, catalogue(lang), Intl);
    assert.equal(text(html, 'bs-topbar-date'), want.topbar);
    assert.equal(text(html, 'bs-published'), want.published);
    assert.equal(text(html, 'bs-modified'), want.modified);
    assert.equal(text(html, 'bs-topbar-temperature'), want.temperature);
    assert.equal(text(html, 'bs-reading-time'), want.readingTime);
    const cards = [...html.matchAll(/class="bs-card-date"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(cards, [want.related, want.latest]);
    const messages = catalogue(lang);
    for (const key of ['relatedStories', 'latestStories', 'advertisement', 'subscribe']) {
      assert.ok(html.includes(`>${messages[key]}<`), `${lang}: ${key}`);
    }
    for (const key of ['breadcrumb', 'contents', 'tags']) {
      assert.ok(html.includes(`aria-label="${messages[key]}"`), `${lang}: ${key}`);
    }
    assert.ok(html.includes(`placeholder="${messages.emailPlaceholder}"`));
    assert.ok(html.includes(`${messages.by}`) && html.includes(`${messages.updated}`));
    if (lang !== 'en') {
      for (const label of englishLabels(english)) {
        assert.ok(!html.includes(label), `${lang}: English "${label}" remains`);
      }
    }
    assert.match(html, new RegExp(`^<article [^>]*lang="${lang}"`));
    assert.equal(/^<article [^>]*dir="rtl"/.test(html), RTL.has(lang), `${lang}: dir`);
  });
}

test('the core asks for the catalogue once it has read the lang: a server parses no article in JS', () => {
  // web/language.js used to JSON.parse every article to find its lang before the core parsed it
  // again (7-9% of a server render): now the core asks the host for the language it read.
  const texts = LANGUAGES.map((lang) => JSON.stringify(article(lang)));
  const parse = JSON.parse;
  let parsed = 0;
  JSON.parse = (text, ...rest) => {
    if (texts.includes(text)) parsed += 1;
    return parse(text, ...rest);
  };
  try {
    for (const [i, lang] of LANGUAGES.entries()) {
      const html = bs.renderToString(texts[i]);
      assert.equal(text(html, 'bs-section-title'), catalogue(lang).relatedStories, lang);
    }
  } finally {
    JSON.parse = parse;
  }
  assert.equal(parsed, 0);
});

test("every catalogue's labels fit the room the core gives the host's answer", () => {
  // A catalogue that did not fit would not be given (the core would misread one cut short), and
  // its page would show English labels.
  const room = /kHostAnswerRoom = (\d+);/.exec(
    readFileSync(new URL('../../src/wasm_api.cpp', import.meta.url), 'utf8'),
  )?.[1];
  assert.equal(Number(room), CORE_ANSWER_ROOM);
  for (const lang of CATALOGUES) {
    const table = labels(lang);
    assert.ok(table.startsWith('by\0'), lang);
    assert.ok(new TextEncoder().encode(table).length < CORE_ANSWER_ROOM / 2, lang);
  }
});

test('English built in equals locales/en.json, and the form messages equal widgets.js', () => {
  const page = article('en');
  assert.equal(bs.renderToString(page, { messages: english }), bs.renderToString(page));
  // A language without a catalogue gets the built-in English labels.
  const none = bs.renderToString({ ...page, lang: 'xx' });
  for (const label of ['Related stories', 'Latest stories', '3 min read', 'Advertisement']) {
    assert.ok(none.includes(label), label);
  }
  for (const [key, value] of Object.entries(MESSAGES)) assert.equal(english[key], value, key);
  // Each label the core writes changes the page when overridden: none is left hard-coded.
  const plain = bs.renderToString(page);
  // (readingTime.one: the page reads 3 minutes, the other form.)
  for (const key of Object.keys(english).filter((k) => !(k in MESSAGES) && !k.endsWith('.one'))) {
    const changed = bs.renderToString(page, { messages: { [key]: '\u2063' } });
    assert.ok(changed !== plain, `the "${key}" label is written`);
  }
});

test('catalogue by truncation: pt-BR takes pt, en-GB stays English with British dates', () => {
  const html = bs.renderToString(article('pt-BR'));
  assert.equal(text(html, 'bs-section-title'), catalogue('pt').relatedStories);
  assert.equal(
    text(html, 'bs-published'),
    new Intl.DateTimeFormat('pt-BR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      Date.UTC(2024, 10, 8, 12),
    ),
  );
  assert.match(html, /^<article [^>]*lang="pt-BR"/);
  const gb = bs.renderToString(article('en-GB'));
  assert.equal(text(gb, 'bs-published'), '8 November 2024');
  assert.equal(text(gb, 'bs-section-title'), 'Related stories');
});

test('the locale option overrides the article lang and is written as its lang', () => {
  const html = bs.renderToString(article('en'), { locale: 'de' });
  assert.match(html, /^<article [^>]*lang="de"/);
  assert.equal(text(html, 'bs-section-title'), catalogue('de').relatedStories);
  assert.equal(text(html, 'bs-topbar-temperature'), '9,8 °C');
  const rtl = bs.renderToString(article('en'), { locale: 'he' });
  assert.match(rtl, /^<article [^>]*lang="he" dir="rtl"/);
});

test('formatters are reused, and 200 distinct tags in a row still format as Intl does', () => {
  // web/core.js keeps Intl's formatters by locale and zone, cleared when full: a server that
  // renders articles with ever new tags must neither grow without end nor mix up two tags.
  const want = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 10, 8, 12),
  );
  for (let i = 0; i < 200; i++) {
    const tag = i % 2 ? `de-x-t${i}` : `fr-x-t${i}`;
    const html = bs.renderToString(article('en'), { locale: tag });
    const expected =
      i % 2
        ? want
        : new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(
            Date.UTC(2024, 10, 8, 12),
          );
    assert.equal(text(html, 'bs-published'), expected, tag);
  }
});

test('overrides: the article title over its messages over the option over the catalogue', () => {
  const page = { ...article('fr'), messages: { relatedStories: 'Article field' } };
  const option = { messages: { relatedStories: 'Option', latestStories: 'Option latest' } };
  const html = bs.renderToString(page, option);
  assert.equal(text(html, 'bs-section-title'), 'Article field');
  assert.ok(html.includes('>Option latest<'));
  assert.ok(html.includes(`>${catalogue('fr').advertisement}<`));
  const titled = { ...page, related: { ...page.related, title: 'Own title' } };
  assert.equal(text(bs.renderToString(titled, option), 'bs-section-title'), 'Own title');
  // Plural forms override one by one.
  const plural = bs.renderToString(article('fr'), { messages: { 'readingTime.other': '{n} mn' } });
  assert.equal(text(plural, 'bs-reading-time'), '3 mn');
});

test('bad messages and locale: structured errors with their paths', () => {
  const bad = bs.validate({ headline: 'H', messages: { by: 3 } });
  assert.deepEqual(
    bad.errors.map((e) => [e.code, e.path]),
    [['invalid_type', '/messages/by']],
  );
  assert.equal(bs.validate({ headline: 'H', messages: [] }).errors[0].path, '/messages');
  assert.equal(bs.validate({ headline: 'H', timezone: 1 }).errors[0].path, '/timezone');
  assert.throws(
    () => bs.renderToString({ headline: 'H' }, { locale: 5 }),
    (e) => e.errors[0].code === 'invalid_options' && e.errors[0].path === '/locale',
  );
  assert.throws(
    () => bs.renderToString({ headline: 'H' }, { messages: { by: {} } }),
    (e) => e.errors[0].path === '/messages/by',
  );
  // In any language: a server once merged the catalogue into the option, which hid these.
  for (const messages of ['x', [], 5]) {
    assert.throws(
      () => bs.renderToString(article('de'), { messages }),
      (e) => e.errors[0].code === 'invalid_options' && e.errors[0].path === '/messages',
      JSON.stringify(messages),
    );
  }
});

test('dates: the day as written, or in the article timezone; never the reader clock', () => {
  const late = { headline: 'H', lang: 'en', published: '2024-11-08T23:30:00-05:00' };
  assert.equal(text(bs.renderToString(late), 'bs-published'), 'November 8, 2024');
  const paris = { ...late, timezone: 'Europe/Paris' };
  assert.equal(text(bs.renderToString(paris), 'bs-published'), 'November 9, 2024');
  // A zone Intl does not know, or a date without an offset: the day as written.
  const unknown = { ...late, timezone: 'Mars/Olympus' };
  assert.equal(text(bs.renderToString(unknown), 'bs-published'), 'November 8, 2024');
  const local = { ...paris, published: '2024-11-08T23:30:00' };
  assert.equal(text(bs.renderToString(local), 'bs-published'), 'November 8, 2024');
});

test('a lang that is not a tag reads no file and falls back to English', () => {
  for (const lang of ['../package', '__proto__', 'de/../../x', 'en\nfr', '']) {
    const html = bs.renderToString({ headline: 'H', lang, topbar: { date: '2024-11-08' } });
    assert.ok(html.includes('Friday, November 8, 2024'), JSON.stringify(lang));
  }
});

test('blocks and stories keep their own lang and dir inside a right-to-left page', () => {
  const html = bs.renderToString({
    headline: 'H',
    lang: 'ar',
    body: [{ type: 'markdown', text: 'English words', lang: 'en', dir: 'ltr' }],
  });
  assert.match(html, /^<article [^>]*dir="rtl"/);
  assert.match(html, /<div lang="en" dir="ltr">/);
  const own = bs.renderToString({ headline: 'H', lang: 'ar', dir: 'ltr' });
  assert.match(own, /^<article [^>]*dir="ltr"/);
});

test('the page shell takes the language and direction the core chose', async () => {
  const { page } = await import('../../web/page.js');
  const text = JSON.stringify({ headline: 'H', lang: 'ar' });
  assert.match(await page(bs.renderToString(text), text), /<html lang="ar" dir="rtl">/);
  const german = await page(bs.renderToString(text, { locale: 'de' }), text);
  assert.match(german, /<html lang="de">/);
});
