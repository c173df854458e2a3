// The minified browser builds in dist/ (scripts/bundle.mjs) against the web/ sources they come
// from: the same exports, the same output, and the import structure the package promises. The
// browser suites run them in Chromium (tests/browser/embedding, csp, a11y, attacks, package).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Script } from 'node:vm';
import { JSDOM } from 'jsdom';
import * as webIndex from '../../web/index.js';
import * as webWidgets from '../../web/widgets.js';
import * as distIndex from '../../dist/broadsheet.js';
import * as distWidgets from '../../dist/broadsheet-widgets.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json'));
const wasm = readFileSync(new URL('dist/broadsheet.wasm', root));
const seed = read('examples/seed-china-belarus.json');

test('each browser entry exports what its source exports', () => {
  assert.deepEqual(Object.keys(distIndex).sort(), Object.keys(webIndex).sort());
  assert.deepEqual(Object.keys(distWidgets).sort(), Object.keys(webWidgets).sort());
  assert.equal(distIndex.version, pkg.version);
  assert.deepEqual(distWidgets.MESSAGES, webWidgets.MESSAGES);
});

test('the package maps each export to its browser build and its source', () => {
  // (tests/browser/package.test.js checks that the tarball holds these files.)
  const entries = {
    '.': ['./dist/broadsheet.js', './web/index.js'],
    './element': ['./dist/broadsheet-element.js', './web/element.js'],
    './widgets': ['./dist/broadsheet-widgets.js', './web/widgets.js'],
  };
  for (const [name, [browser, source]] of Object.entries(entries)) {
    assert.equal(pkg.exports[name].browser, browser, name);
    assert.equal(pkg.exports[name].default, source, name);
  }
  assert.equal(pkg.exports['./style.css'], './dist/broadsheet.css');
  assert.ok(pkg.sideEffects.includes('*.css'), 'bundlers keep `import "broadsheet/style.css"`');
});

test('the browser build drives the core exactly as the sources do', async () => {
  const fromDist = await distIndex.load({ wasm });
  const fromWeb = await webIndex.load({ wasm });
  // What the minified wrapper must get right on its own: strings in and out of the module (UTF-8
  // both ways), the sanitized result, and the diagnostics it decodes.
  const page = fromDist.renderToString(seed);
  assert.match(page, /<h1 class="bs-headline">[^<]*Belarus/);
  assert.match(page, />9\.8 °C</, 'non-ASCII text survives the round trip');
  assert.equal(page, fromWeb.renderToString(seed));

  const markdown = '# Title\n\n<b onclick="x()">raw</b> [link](javascript:alert(1)) — ünï';
  const fragment = fromDist.renderMarkdown(markdown);
  assert.equal(fragment, '<h2 id="user-content-title">Title</h2><p><b>raw</b> link — ünï</p>');
  assert.equal(fragment, fromWeb.renderMarkdown(markdown));

  const report = fromDist.validate({ headline: 42 });
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.errors.map((e) => [e.code, e.path]),
    [['invalid_type', '/headline']],
  );
  assert.deepEqual(report, fromWeb.validate({ headline: 42 }));
});

test('errors from the browser build are BroadsheetErrors with the same shape', async () => {
  const bs = await distIndex.load({ wasm });
  assert.throws(
    () => bs.renderToString('{"headline": "cut'),
    (error) =>
      error instanceof distIndex.BroadsheetError &&
      error.code === 'invalid_json' &&
      error.errors[0].path === '',
  );
});

test('without a module to load, the browser build says it cannot read files', async () => {
  // The default module location is a file: URL here, which only the Node build reads.
  await assert.rejects(
    distIndex.load(),
    /browser build \(dist\/\) cannot read files.*pass load\(\{ wasm \}\)/,
  );
});

test('the modules import each other instead of holding copies', () => {
  // Every static import or re-export: `import "x"`, `import … from "x"`, `export … from "x"`.
  const imports = (file) =>
    [...read(file).matchAll(/\b(?:import|from)\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(imports('dist/broadsheet-widgets.js'), []);
  assert.deepEqual(imports('dist/broadsheet.js'), ['./broadsheet-widgets.js']);
  assert.deepEqual(imports('dist/broadsheet-element.js'), ['./broadsheet.js']);
  // Dynamic imports: only the chunks loaded on demand (a page's language, relative dates).
  const dynamic = (file) => [
    ...new Set([...read(file).matchAll(/\bimport\s*\(([^)]*)\)/g)].map((m) => m[1])),
  ];
  assert.deepEqual(dynamic('dist/broadsheet.js'), ['"./broadsheet-language.js"']);
  assert.deepEqual(dynamic('dist/broadsheet-element.js'), []);
});

test('the embed script is one classic script that leaves no globals but window.broadsheet', () => {
  const text = read('dist/broadsheet-embed.js');
  assert.doesNotThrow(() => new Script(text), 'compiles as a classic script');
  assert.doesNotMatch(text, /\bimport\s*\(|\bimport\.meta\b/);
  assert.match(text, /^\/\*! broadsheet \S+ embed script[^\n]*\n\(function \(\) \{\n'use strict';/);

  const dom = new JSDOM('<!doctype html><p>page</p>', {
    url: 'https://news.example/story',
    runScripts: 'outside-only',
  });
  const { window } = dom;
  const before = new Set(Object.getOwnPropertyNames(window));
  window.eval(text);
  const added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
  assert.deepEqual(added, ['broadsheet']);
  assert.equal(window.broadsheet.version, pkg.version);
  assert.equal(typeof window.customElements.get('broadsheet-article'), 'function');
  window.close();
});
