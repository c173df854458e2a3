// web/dom.js: the DOM built from the op buffer, serialized, equals the HTML string; a corrupt
// buffer throws before any node is handed out. jsdom stands in for the browser (tests may use
// innerHTML; the shipped code may not).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import {
  RENDER_ARTICLE_OPS as ARTICLE_OPS,
  RENDER_MARKDOWN_OPS as MARKDOWN_OPS,
} from '../../web/codes.js';
import { BroadsheetError, instantiate } from '../../web/core.js';
import { buildDom } from '../../web/dom.js';
import { load } from '../../web/index.js';
import { ATTRS, TAGS } from '../../web/policy.js';
import { vectors, withPayload } from '../fixtures/attacks.js';

const root = new URL('../../', import.meta.url);
const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const bs = await load();
const core = await instantiate();

const exampleFiles = readdirSync(new URL('examples/', root)).filter(
  (f) => f.endsWith('.json') && f !== 'index.json',
);
const examples = exampleFiles.map((file) => [
  file,
  readFileSync(new URL(`examples/${file}`, root), 'utf8'),
]);
const [, seedText] = examples.find(([file]) => file === 'seed-china-belarus.json');

// The op buffer, copied out of WASM memory (render() builds the DOM from it in place).
function ops(fn, input, options = '') {
  const { status, value, text } = core.call(fn, input, options, (bytes) => bytes.slice());
  assert.equal(status, 0, text);
  return value;
}

function serialize(fragment) {
  const container = document.createElement('div');
  container.appendChild(fragment);
  return container.innerHTML;
}

test('the examples directory has examples', () => {
  assert.ok(examples.length >= 4, exampleFiles.join());
});

// The catalogue renderToString() applies for a language (locales/, by truncation), which the
// core call below gets as its messages option.
function catalogueOf(lang = 'en') {
  for (let name = lang.toLowerCase(); name; name = name.replace(/-?[^-]*$/, '')) {
    const file = new URL(`../../locales/${name}.json`, import.meta.url);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  }
  return {};
}

for (const [file, text] of examples) {
  for (const options of [undefined, { trust: 'untrusted', excerptLength: 40 }]) {
    test(`DOM from ops equals the HTML string: ${file}${options ? ' (untrusted)' : ''}`, () => {
      const html = bs.renderToString(text, options);
      const messages = catalogueOf(JSON.parse(text).lang);
      const fragment = buildDom(
        ops(ARTICLE_OPS, text, JSON.stringify({ ...options, messages })),
        document,
      );
      assert.equal(fragment.ownerDocument, document);
      assert.equal(serialize(fragment), html);
    });
  }
}

test('DOM from Markdown ops equals the Markdown HTML string', () => {
  const markdown = [
    '# Heading with `code` & <b>bold</b>',
    '',
    'Text with *em*, **strong**, ~~del~~, [link](https://ok.example/?a=1&b="2"), <https://auto.example>',
    '',
    '| a | b |\n|:-|-:|\n| 1 | 2 |',
    '',
    '- [x] done\n- [ ] todo',
    '',
    '```js\nconst a = "<tag>" && 1 < 2;\n```',
    '',
    '![alt "quoted"](https://img.example/a.png "title") non\u00a0breaking 😀 ',
  ].join('\n');
  const fragment = buildDom(ops(MARKDOWN_OPS, markdown), document);
  assert.equal(serialize(fragment), bs.renderMarkdown(markdown));
});

// ---- the XSS corpus (tests/fixtures/attacks.json, format in tests/fixtures/README.md) ----

const FORBIDDEN_ATTR = /^(on|style$|srcdoc$|formaction$|ping$|form$|xlink:)/i;

function assertInPolicy(node, title) {
  for (const el of node.querySelectorAll('*')) {
    assert.equal(el.namespaceURI, 'http://www.w3.org/1999/xhtml', title);
    assert.ok(TAGS.includes(el.localName), `${title}: <${el.localName}>`);
    for (const { name } of el.attributes) {
      assert.ok(ATTRS.includes(name), `${title}: ${el.localName}[${name}]`);
      assert.ok(!FORBIDDEN_ATTR.test(name), `${title}: ${el.localName}[${name}]`);
    }
  }
}

test('both sinks agree and stay in the policy for every attack vector', () => {
  const seedHtml = bs.renderToString(seedText);
  const mismatches = [];
  for (const { title, target, payload, class: kind } of vectors) {
    const input = JSON.stringify(withPayload(target, payload));
    let html;
    try {
      html = bs.renderToString(input);
    } catch (error) {
      // The validator may reject a bad required URL; nothing else may throw.
      assert.ok(error instanceof BroadsheetError && kind === 'url-field', `${title}: ${error}`);
      continue;
    }
    const container = document.createElement('div');
    container.appendChild(buildDom(ops(ARTICLE_OPS, input), document));
    assertInPolicy(container, title);
    if (container.innerHTML !== html) mismatches.push(title);
  }
  assert.deepEqual(mismatches, []);
  assert.equal(bs.renderToString(seedText), seedHtml, 'the instance survives the corpus');
});

// ---- render() into an element ----

test('render() replaces the element children and returns a handle', () => {
  const host = document.createElement('div');
  host.append(document.createElement('p'), 'old text');
  const handle = bs.render(seedText, host);
  assert.equal(handle.element, host);
  assert.equal(host.childNodes.length, 1);
  assert.equal(handle.root, host.firstChild);
  assert.equal(handle.root.localName, 'article');
  assert.equal(host.innerHTML, bs.renderToString(seedText));

  const other = { headline: 'Second', body: 'Two' };
  handle.update(other, { related: false });
  assert.equal(host.innerHTML, bs.renderToString(other));
  assert.equal(handle.root, host.firstChild);

  // A failed update throws and leaves the DOM as it was.
  const before = host.innerHTML;
  assert.throws(() => handle.update({ headline: 42 }), BroadsheetError);
  assert.throws(() => handle.update(other, { trust: 'root' }), BroadsheetError);
  assert.equal(host.innerHTML, before);

  handle.destroy();
  assert.equal(host.childNodes.length, 0);
  assert.equal(handle.root, null);
  handle.destroy();
  assert.throws(
    () => handle.update(other),
    (e) => e instanceof BroadsheetError,
  );
});

test('destroy() removes only the nodes render() inserted', () => {
  const host = document.createElement('section');
  const handle = bs.render({ headline: 'Mine' }, host);
  const added = document.createElement('aside');
  host.appendChild(added);
  handle.destroy();
  assert.deepEqual([...host.childNodes], [added]);
});

test('render() into a shadow root or a document fragment', () => {
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'open' });
  bs.render({ headline: 'Shadow' }, shadow);
  assert.equal(shadow.querySelector('h1').textContent, 'Shadow');
  const fragment = document.createDocumentFragment();
  bs.render({ headline: 'Fragment' }, fragment);
  assert.equal(fragment.querySelector('h1').textContent, 'Fragment');
});

test('render() rejects an invalid article without touching the element', () => {
  const host = document.createElement('div');
  host.textContent = 'keep';
  assert.throws(() => bs.render('{"headline":', host), BroadsheetError);
  assert.equal(host.textContent, 'keep');
  for (const element of [undefined, null, {}, 'div', document]) {
    assert.throws(
      () => bs.render(seedText, element),
      (e) => e instanceof BroadsheetError && e.code === 'invalid_argument',
    );
  }
});

// ---- corrupt buffers: fail closed ----

function words(...ws) {
  return new Uint8Array(new Uint32Array(ws).buffer);
}
function buffer(opWords, strings = '') {
  const bytes = new TextEncoder().encode(strings);
  const out = new Uint8Array(12 + opWords.length * 4 + bytes.length);
  out.set(words(0x42534f31, opWords.length, bytes.length));
  out.set(words(...opWords), 12);
  out.set(bytes, 12 + opWords.length * 4);
  return out;
}
const P = TAGS.indexOf('p');
const IMG = TAGS.indexOf('img');
const HREF = ATTRS.indexOf('href');

test('a hand-made op buffer builds the expected DOM', () => {
  const fragment = buildDom(
    buffer([1 | (P << 8), 2 | (HREF << 8), 0, 1, 3, 1, 3, 4], 'x😀y'),
    document,
  );
  assert.equal(serialize(fragment), '<p href="x">😀y</p>');
});

test('a corrupt op buffer throws instead of building anything', () => {
  const good = ops(ARTICLE_OPS, seedText);
  const cases = {
    'empty buffer': new Uint8Array(0),
    'bad magic': (() => {
      const b = good.slice();
      b[0] ^= 1;
      return b;
    })(),
    'truncated buffer': good.subarray(0, good.length - 1),
    'extra bytes': new Uint8Array([...good, 0]),
    'word count too large': (() => {
      const b = good.slice();
      b[4] += 1;
      return b;
    })(),
    'unknown tag code (one past the table)': buffer([1 | (TAGS.length << 8), 4]),
    'unknown tag code 255': buffer([1 | (255 << 8), 4]),
    'huge tag code': buffer([1 | 0xffffff00, 4]),
    'unknown attribute code': buffer([1 | (P << 8), 2 | (ATTRS.length << 8), 0, 0, 4]),
    'unknown op': buffer([5]),
    'op 0': buffer([0]),
    'text op with a code': buffer([3 | (1 << 8), 0, 0]),
    'close op with a code': buffer([1 | (P << 8), 4 | (P << 8)]),
    'close without open': buffer([4]),
    'unclosed element': buffer([1 | (P << 8)]),
    'attribute outside a start tag': buffer([1 | (P << 8), 3, 0, 1, 2 | (HREF << 8), 0, 1, 4], 'x'),
    'attribute at top level': buffer([2 | (HREF << 8), 0, 1], 'x'),
    'string past the end': buffer([3, 0, 2], 'x'),
    'string start past the end': buffer([3, 5, 0], 'x'),
    'op missing its string words': buffer([1 | (P << 8), 4, 3, 0]),
    'text inside a void element': buffer([1 | (IMG << 8), 3, 0, 1, 4], 'x'),
    'element inside a void element': buffer([1 | (IMG << 8), 1 | (P << 8), 4, 4]),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    assert.throws(
      () => buildDom(bytes, document),
      (e) => e instanceof BroadsheetError && e.code === 'invalid_ops',
      name,
    );
  }
});

test('a void element closed at once is fine', () => {
  assert.equal(serialize(buildDom(buffer([1 | (IMG << 8), 4]), document)), '<img>');
});
