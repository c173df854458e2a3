// The public API (web/index.js) on the built dist/broadsheet.wasm.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BroadsheetError, load, version } from '../../web/index.js';

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const seed = readJson('examples/seed-china-belarus.json');
const bs = await load();

// Runs fn, which must throw a BroadsheetError; returns it.
function rejects(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BroadsheetError, `expected a BroadsheetError, got ${error}`);
    assert.equal(error.name, 'BroadsheetError');
    assert.ok(Array.isArray(error.errors) && error.errors.length > 0);
    assert.ok(Array.isArray(error.warnings));
    return error;
  }
  assert.fail('expected a BroadsheetError');
}

// The instance is still healthy: the seed page renders exactly as before.
const seedHtml = bs.renderToString(seed);
function assertStillRenders() {
  assert.equal(bs.renderToString(seed), seedHtml);
}

test('load() caches the instance for the same source', async () => {
  assert.equal(await load(), bs);
  assert.equal(await load({}), bs);
  assert.equal(await load({ wasm: undefined }), bs);
});

test('load() accepts bytes, a compiled module and a file URL', async () => {
  const bytes = readFileSync(new URL('dist/broadsheet.wasm', root));
  const module = await WebAssembly.compile(bytes);
  for (const wasm of [
    bytes,
    new Uint8Array(bytes).buffer,
    module,
    new URL('dist/broadsheet.wasm', root),
  ]) {
    const other = await load({ wasm });
    assert.notEqual(other, bs);
    assert.equal(other.renderToString(seed), seedHtml);
  }
  const href = new URL('dist/broadsheet.wasm', root).href;
  assert.equal(
    await load({ wasm: new URL(href) }),
    await load({ wasm: href }),
    'a URL is cached by its address',
  );
  assert.equal(await load({ wasm: module }), await load({ wasm: module }));
});

test('load() reports a missing or bad module as a BroadsheetError, and does not cache it', async () => {
  const missing = new URL('dist/no-such.wasm', root);
  for (const wasm of [missing, missing, new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])]) {
    await assert.rejects(
      load({ wasm }),
      (e) => e instanceof BroadsheetError && e.code === 'wasm_load',
    );
  }
  await assert.rejects(
    load({ wasm: 42 }),
    (e) => e instanceof BroadsheetError && e.code === 'invalid_argument',
  );
});

test('version matches package.json', () => {
  assert.equal(version, readJson('package.json').version);
  assert.equal(bs.version, version);
});

test('renderToString renders the seed page with every widget', () => {
  const html = seedHtml;
  assert.match(html, /^<article[ >]/);
  assert.ok(html.includes(seed.headline));
  for (const item of seed.related.items) assert.ok(html.includes(item.headline), item.headline);
  assert.ok(html.includes('Source:'));
  for (const benefit of seed.subscribe.benefits) assert.ok(html.includes(benefit), benefit);
  assert.ok(html.includes('Latest stories'));
  assert.ok(html.includes('London'));
  assert.ok(html.includes('9.8 °C'));
});

test('an article given as a JSON string renders like the object', () => {
  assert.equal(bs.renderToString(JSON.stringify(seed)), seedHtml);
});

test('render options leave widgets out and mark links untrusted', () => {
  const html = bs.renderToString(seed, { related: false, latest: false, subscribe: false });
  assert.ok(!html.includes(seed.related.items[0].headline));
  assert.ok(!html.includes('Latest stories'));
  assert.ok(!html.includes(seed.subscribe.benefits[0]));
  assert.ok(html.includes(seed.headline));
  assert.ok(!seedHtml.includes('nofollow'));
  assert.match(bs.renderToString(seed, { trust: 'untrusted' }), /rel="[^"]*nofollow ugc/);
  assert.equal(bs.renderToString(seed, {}), seedHtml);
  assert.equal(bs.renderToString(seed, null), seedHtml);
});

test('excerptLength cuts related excerpts', () => {
  const article = {
    headline: 'H',
    related: { items: [{ headline: 'R', url: '/r', excerpt: 'word '.repeat(100) }] },
  };
  const short = bs.renderToString(article, { excerptLength: 20 });
  const whole = bs.renderToString(article, { excerptLength: 0 });
  assert.ok(short.length < whole.length);
  assert.ok(whole.includes('word '.repeat(99).trim()));
});

test('renderMarkdown renders a body alone, through the policy', () => {
  const html = bs.renderMarkdown('# Title\n\nSome *emphasis* and [a link](https://example.org/).');
  assert.ok(html.includes('<h2'), 'body headings start at h2');
  assert.ok(html.includes('<em>emphasis</em>'));
  assert.ok(html.includes('href="https://example.org/"'));
  assert.ok(!html.includes('<article'));
  assert.ok(!bs.renderMarkdown('[x](javascript:alert(1))').includes('javascript:'));
  assert.equal(bs.renderMarkdown(''), '');
});

test('validate reports every error with its JSON pointer', () => {
  const result = bs.validate({ headline: 42, related: { items: [{ url: 7 }] } });
  assert.equal(result.ok, false);
  const paths = result.errors.map((e) => e.path);
  assert.ok(paths.includes('/headline'), paths.join());
  assert.ok(
    paths.some((p) => p.startsWith('/related/items/0/')),
    paths.join(),
  );
  for (const e of result.errors)
    assert.deepEqual(Object.keys(e).sort(), ['code', 'message', 'path']);
  assert.deepEqual(bs.validate(seed), { ok: true, errors: [], warnings: [] });
});

test('validate returns warnings for a newer minor version with an unknown block', () => {
  const result = bs.validate(readJson('examples/forward-compat-1.3.json'));
  assert.equal(result.ok, true);
  assert.ok(result.warnings.length > 0);
});

test('an invalid article throws the errors validate reports', () => {
  const article = { headline: 42, related: { items: [{ url: 7 }] } };
  const error = rejects(() => bs.renderToString(article));
  assert.deepEqual(error.errors, bs.validate(article).errors);
  assert.equal(error.code, 'invalid_type');
  const more = error.errors.length - 1;
  assert.equal(
    error.message,
    `Invalid article: /headline: ${error.errors[0].message} (and ${more} more)`,
  );
  assertStillRenders();
});

test('truncated JSON throws invalid_json', () => {
  const text = JSON.stringify(seed);
  for (const input of [text.slice(0, text.length / 2), '', '{', 'nul', '{"headline": "x",}']) {
    const error = rejects(() => bs.renderToString(input));
    assert.equal(error.code, 'invalid_json', input);
    assert.equal(error.errors[0].path, '');
  }
  assertStillRenders();
});

test('a document that is not an object, or a newer major version, is rejected', () => {
  for (const input of ['[]', '42', '"headline"', 'null']) {
    assert.equal(rejects(() => bs.renderToString(input)).errors[0].path, '', input);
  }
  assert.equal(
    rejects(() => bs.renderToString({ version: '2.0', headline: 'x' })).code,
    'unsupported_version',
  );
  assertStillRenders();
});

test('bad render options throw invalid_options with the option path', () => {
  const cases = [
    [{ trust: 'admin' }, '/trust'],
    [{ excerptLength: -1 }, '/excerptLength'],
    [{ excerptLength: 1.5 }, '/excerptLength'],
    [{ excerptLength: '20' }, '/excerptLength'],
    [{ related: 'no' }, '/related'],
    [{ latest: 0 }, '/latest'],
    [{ subscribe: [] }, '/subscribe'],
  ];
  for (const [options, path] of cases) {
    const error = rejects(() => bs.renderToString(seed, options));
    assert.equal(error.code, 'invalid_options');
    assert.equal(error.errors[0].path, path, JSON.stringify(options));
    assert.match(error.message, /^Invalid options: /);
    assert.equal(rejects(() => bs.renderMarkdown('x', options)).code, 'invalid_options');
  }
  assertStillRenders();
});

test('arguments that are not JSON throw invalid_argument, never a TypeError', () => {
  const cyclic = { headline: 'x' };
  cyclic.self = cyclic;
  const throwing = {
    get headline() {
      throw new TypeError('boom');
    },
  };
  const bad = [
    undefined,
    null,
    42,
    true,
    1n,
    Symbol('s'),
    () => {},
    cyclic,
    { headline: 1n },
    throwing,
  ];
  for (const article of bad) {
    assert.equal(rejects(() => bs.renderToString(article)).code, 'invalid_argument');
    assert.equal(rejects(() => bs.validate(article)).code, 'invalid_argument');
  }
  for (const options of ['untrusted', '{"trust":"untrusted"}', 42, true, cyclic]) {
    assert.equal(rejects(() => bs.renderToString(seed, options)).code, 'invalid_argument');
  }
  // Options are an object only: the message does not offer a JSON string, as the article's does.
  assert.equal(
    rejects(() => bs.renderToString(seed, '{"trust":"untrusted"}')).message,
    'options must be an object, got a string',
  );
  assert.equal(
    rejects(() => bs.renderToString(42)).message,
    'article must be an object or a JSON string, got a number',
  );
  for (const markdown of [undefined, null, 42, { text: 'x' }]) {
    assert.equal(rejects(() => bs.renderMarkdown(markdown)).code, 'invalid_argument');
  }
  assertStillRenders();
});

test('output that would pass 64 MiB is a too_large error, not an aborted instance', () => {
  // 48 KB of Markdown: one 8,000-byte reference definition used 10,000 times, 80 MB of HTML.
  const markdown = `[a]: /${'a'.repeat(8000)}\n\n${'[a] '.repeat(10000)}`;
  const error = rejects(() => bs.renderMarkdown(markdown));
  assert.equal(error.code, 'too_large', error.message);
  const article = { headline: 'H', body: [{ type: 'markdown', text: markdown }] };
  assert.equal(rejects(() => bs.renderToString(article)).code, 'too_large');
  assertStillRenders();
});

test('of duplicate message names the last counts, as in JSON.parse', () => {
  const article = (first, last) =>
    `{"headline": "H", "messages": {"relatedStories": ${first}, "relatedStories": ${last}}}`;
  assert.deepEqual(bs.validate(article('3', '"More"')).errors, []);
  assert.deepEqual(
    bs.validate(article('"More"', '3')).errors.map(({ code, path }) => ({ code, path })),
    [{ code: 'invalid_type', path: '/messages/relatedStories' }],
  );
});

test('text fields are escaped, never parsed', () => {
  const html = bs.renderToString({
    headline: '<script>alert(1)</script>',
    dek: '"><img src=x onerror=alert(1)>',
  });
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script'));
  assert.ok(!html.includes('<img'));
  assertStillRenders();
});

test('non-ASCII text survives the crossing both ways', () => {
  const headline = 'Fahrradstraße “Lindenallee” — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 中文 עברית';
  assert.ok(bs.renderToString({ headline }).includes(headline));
  // Lone surrogates cannot be encoded as UTF-8: they become U+FFFD, not an error.
  assert.ok(bs.renderToString({ headline: 'a\uD800b' }).includes('a\uFFFDb'));
  assert.ok(bs.renderMarkdown('😀'.repeat(1000)).includes('😀'.repeat(1000)));
});

test('an object with a lone surrogate (an emoji cut in half) renders it as U+FFFD', () => {
  const cut = '😀'.slice(0, 1);
  const html = bs.renderToString({
    headline: `a${cut}b`,
    dek: `\\${cut}`,
    related: { items: [{ headline: 'R', url: '/r', excerpt: `x${cut}` }] },
  });
  assert.ok(html.includes('a\uFFFDb'));
  assert.ok(html.includes('\\\uFFFD'));
  assert.ok(html.includes('x\uFFFD'));
  // A literal backslash-u in text is text, not an escape.
  assert.ok(bs.renderToString({ headline: 'x\\ud800y' }).includes('x\\ud800y'));
});

const paragraph = 'The quick brown fox jumps over the lazy dog, again and again. '.repeat(20);
const FIVE_MB = 5 * 1024 * 1024;
const bigMarkdown = `${paragraph}\n\n`.repeat(Math.ceil(FIVE_MB / (paragraph.length + 2)));

test('a 5 MB Markdown text renders, and the instance stays usable', () => {
  assert.ok(bigMarkdown.length >= FIVE_MB);
  const html = bs.renderMarkdown(bigMarkdown);
  assert.ok(html.length > bigMarkdown.length);
  assertStillRenders();
});

test('a 5 MB body of blocks renders, and the instance stays usable', () => {
  const text = bigMarkdown.slice(0, 1000 * 1024);
  const body = Array.from({ length: 5 }, () => ({ type: 'markdown', text }));
  const html = bs.renderToString({ headline: 'Long', body });
  assert.ok(html.length > FIVE_MB * 0.95);
  assert.ok(html.endsWith('</article>'));
  assertStillRenders();
});

// One string field may be as long as the whole input (8 MiB, kMaxTextBytes in src/article.cpp).
test('a 5 MB Markdown string body renders whole, and the instance stays usable', () => {
  const html = bs.renderToString({ headline: 'Long', body: bigMarkdown });
  const paragraphs = bigMarkdown.split('\n\n').filter(Boolean).length;
  assert.equal(html.split('<p>').length - 1, paragraphs);
  assert.ok(html.endsWith('</article>'));
  assertStillRenders();
});

test('a Markdown string body over 8 MiB is rejected as too_large', () => {
  const error = rejects(() => bs.renderToString({ headline: 'Huge', body: bigMarkdown.repeat(2) }));
  assert.equal(error.code, 'too_large');
  assertStillRenders();
});

test('an article over the input limit is rejected as too_large, and the instance stays usable', () => {
  const body = Array.from({ length: 9 }, () => ({
    type: 'markdown',
    text: bigMarkdown.slice(0, 1000 * 1024),
  }));
  assert.equal(rejects(() => bs.renderToString({ headline: 'Huge', body })).code, 'too_large');
  assertStillRenders();
});
