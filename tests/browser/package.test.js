// The npm package as a consumer gets it: `npm pack`, installed into an empty project, imported by
// name in Node and, unbundled, in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openPage, root, serveRoot } from './chromium.js';

let work;
let consumer;
let tarball;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'broadsheet-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // prepack's build progress comes first on stdout; the JSON array is last.
  const info = JSON.parse(out.slice(out.indexOf('[\n  {')))[0];
  tarball = { path: join(work, info.filename), files: info.files.map((f) => f.path) };
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball.path], {
    cwd: consumer,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  copyFileSync(join(root, 'examples/seed-china-belarus.json'), join(consumer, 'seed.json'));
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball ships the module, the JS, types, stylesheet, schema and CLI, and no sources', () => {
  for (const f of [
    'dist/broadsheet.wasm',
    'web/index.js',
    'web/core.js',
    'web/dom.js',
    'web/policy.js',
    'web/codes.js',
    'web/index.d.ts',
    'web/style.css',
    'bin/broadsheet.js',
    'schema/article.schema.json',
    'package.json',
    'web/widgets.js',
    'web/widgets.d.ts',
    'web/language.js',
    'web/mount.js',
    'web/element.js',
    'web/element.d.ts',
    'dist/broadsheet.js',
    'dist/broadsheet-widgets.js',
    'dist/broadsheet-element.js',
    'dist/broadsheet-language.js',
    'dist/broadsheet-embed.js',
    'dist/broadsheet.css',
    'dist/broadsheet.js.map',
    'locales/de.json',
    'locales/ar.json',
  ]) {
    assert.ok(tarball.files.includes(f), `${f} in the package`);
  }
  assert.ok(!tarball.files.some((f) => /^(src|tests|third_party|include)\//.test(f)));
});

test('the installed package has no runtime dependencies', () => {
  const modules = readdirSync(join(consumer, 'node_modules')).filter((d) => !d.startsWith('.'));
  assert.deepEqual(modules, ['broadsheet']);
});

test("import { load } from 'broadsheet' works in Node and renders the seed", () => {
  const script = `
    import { load } from 'broadsheet';
    import { readFileSync } from 'node:fs';
    const bs = await load();
    const html = bs.renderToString(readFileSync('seed.json', 'utf8'));
    console.log(JSON.stringify({ ok: html.includes('Related stories') && html.includes('Source: ') &&
      html.includes('Latest stories') && html.includes('9.8 °C') && html.includes('London') &&
      html.includes('Browse free from up to 5 devices at once'), length: html.length }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: consumer,
    encoding: 'utf8',
  });
  assert.equal(JSON.parse(out).ok, true);
});

test('the installed package renders a German article with the catalogue it ships', () => {
  const script = `
    import { load } from 'broadsheet';
    const bs = await load();
    const html = bs.renderToString({ headline: 'H', lang: 'de', related: { items: [] } });
    console.log(JSON.stringify(html.includes('>Verwandte Artikel<')));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: consumer,
    encoding: 'utf8',
  });
  assert.equal(JSON.parse(out), true);
});

test('the installed CLI renders a page', () => {
  const out = execFileSync(
    join(consumer, 'node_modules/.bin/broadsheet'),
    ['render', 'seed.json', '--page'],
    {
      cwd: consumer,
      encoding: 'utf8',
    },
  );
  assert.match(out, /^<!doctype html>/i);
  assert.match(out, /<h1 class="bs-headline">/);
});

// Two ways a page imports the package without a bundler: by name through an import map that
// follows the package's "browser" export condition (the minified dist/ modules), and the
// readable web/ modules by path.
async function renderSeedInChromium({ file, head, importFrom }) {
  writeFileSync(
    join(consumer, file),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title>
${head}</head>
<body><main id="app"></main><script type="module">
import { load } from '${importFrom}';
const bs = await load();
bs.render(await (await fetch('./seed.json')).text(), document.getElementById('app'));
window.__done = true;
</script></body></html>`,
  );
  const server = await serveRoot({ root: consumer });
  const browser = await launch();
  try {
    const { page, events, requests } = await openPage(browser, `${server.url}/${file}`);
    await page.waitForFunction(() => window.__done === true);
    const r = await page.evaluate(() => ({
      headline: document.querySelector('h1').textContent,
      related: document.querySelectorAll('.bs-related .bs-card').length,
      latest: document.querySelectorAll('.bs-latest .bs-card').length,
      benefits: document.querySelectorAll('.bs-benefits li').length,
      source: document.querySelector('.bs-source').textContent,
      topbar: document.querySelector('.bs-topbar').textContent,
      styled:
        getComputedStyle(document.querySelector('.bs-article')).getPropertyValue(
          '--broadsheet-max-width',
        ) !== '',
    }));
    assert.deepEqual(events.errors, []);
    assert.equal(r.headline, 'China and Belarus express ‘extreme interest’ in Ukraine peace');
    assert.equal(r.related, 4);
    assert.ok(r.latest >= 1);
    assert.equal(r.benefits, 3);
    assert.equal(r.source, 'Source: bbc');
    assert.match(r.topbar, /9\.8 °C.*London/);
    assert.equal(r.styled, true, 'the stylesheet from the package applies');
    return requests.filter((p) => p.startsWith('/node_modules/broadsheet/'));
  } finally {
    await browser.close();
    await server.close();
  }
}

test("import { load } from 'broadsheet' in Chromium, unbundled, through the browser export", async () => {
  const pkg = JSON.parse(
    readFileSync(join(consumer, 'node_modules/broadsheet/package.json'), 'utf8'),
  );
  const at = (path) => `./node_modules/broadsheet/${path.replace(/^\.\//, '')}`;
  const map = { imports: { broadsheet: at(pkg.exports['.'].browser) } };
  const fetched = await renderSeedInChromium({
    file: 'index.html',
    head:
      `<link rel="stylesheet" href="${at(pkg.exports['./style.css'])}">` +
      `<script type="importmap">${JSON.stringify(map)}</script>`,
    importFrom: 'broadsheet',
  });
  assert.deepEqual(fetched.sort(), [
    '/node_modules/broadsheet/dist/broadsheet-widgets.js',
    '/node_modules/broadsheet/dist/broadsheet.css',
    '/node_modules/broadsheet/dist/broadsheet.js',
    '/node_modules/broadsheet/dist/broadsheet.wasm',
  ]);
});

test('the readable web/ modules render the seed in Chromium, unbundled', async () => {
  const fetched = await renderSeedInChromium({
    file: 'web.html',
    head: '<link rel="stylesheet" href="./node_modules/broadsheet/web/style.css">',
    importFrom: './node_modules/broadsheet/web/index.js',
  });
  assert.ok(fetched.includes('/node_modules/broadsheet/web/core.js'));
  assert.ok(!fetched.some((p) => p.endsWith('/dist/broadsheet.js')));
});

test('a bundler (esbuild, browser platform) picks the browser build, and the bundle runs', async () => {
  const { build } = await import('esbuild');
  writeFileSync(
    join(consumer, 'app.js'),
    `import { load, BroadsheetError } from 'broadsheet';
import { BroadsheetArticleElement } from 'broadsheet/element';
const bs = await load();
bs.render(await (await fetch('./seed.json')).text(), document.getElementById('app'));
let invalid = null;
try { bs.renderToString('{'); } catch (error) { invalid = error instanceof BroadsheetError; }
window.__result = { invalid, element: customElements.get('broadsheet-article') === BroadsheetArticleElement };
`,
  );
  const out = join(consumer, 'out');
  const result = await build({
    absWorkingDir: consumer,
    entryPoints: ['app.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(out, 'app.js'),
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(result.warnings, []);
  const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('broadsheet/'));
  // The chunks imported on demand go into the bundle too: relative dates (widgets.js) and a
  // page's language (index.js).
  assert.deepEqual(inputs.sort(), [
    'node_modules/broadsheet/dist/broadsheet-element.js',
    'node_modules/broadsheet/dist/broadsheet-language.js',
    'node_modules/broadsheet/dist/broadsheet-relative-dates.js',
    'node_modules/broadsheet/dist/broadsheet-widgets.js',
    'node_modules/broadsheet/dist/broadsheet.js',
  ]);
  // No Node module is imported (the browser build's stub only names one in its error message).
  assert.doesNotMatch(readFileSync(join(out, 'app.js'), 'utf8'), /(import\s*\(?|from)\s*["']node:/);
  // What a consumer copies next to its bundle (the files the package's dist/ keeps side by side).
  for (const f of ['broadsheet.wasm', 'broadsheet.css']) {
    copyFileSync(join(consumer, 'node_modules/broadsheet/dist', f), join(out, f));
  }
  writeFileSync(
    join(consumer, 'bundled.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundled</title>
<link rel="stylesheet" href="./out/broadsheet.css"></head>
<body><main id="app"></main>
<broadsheet-article id="tag" widget="related" count="2" src="./seed.json"></broadsheet-article>
<script type="module" src="./out/app.js"></script></body></html>`,
  );
  const server = await serveRoot({ root: consumer });
  const browser = await launch();
  try {
    const { page, events } = await openPage(browser, `${server.url}/bundled.html`);
    await page.waitForFunction(() => window.__result !== undefined);
    await page.locator('#tag .bs-card').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__result), { invalid: true, element: true });
    assert.equal(
      await page.locator('#app h1').textContent(),
      'China and Belarus express ‘extreme interest’ in Ukraine peace',
    );
    assert.equal(await page.locator('#tag .bs-card').count(), 2);
    assert.equal(
      await page.evaluate(
        () => document.getElementById('tag').shadowRoot.adoptedStyleSheets.length,
      ),
      1,
    );
    assert.deepEqual(events.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the installed embed script mounts the seed from next to its own module and stylesheet', async () => {
  writeFileSync(
    join(consumer, 'embed.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>embed consumer</title></head>
<body><div id="app" data-broadsheet-src="./seed.json"></div>
<div id="related" data-broadsheet-widget="related" data-broadsheet-src="./seed.json" data-broadsheet-count="1"></div>
<script src="./node_modules/broadsheet/dist/broadsheet-embed.js" defer></script></body></html>`,
  );
  const server = await serveRoot({ root: consumer });
  const browser = await launch();
  try {
    const { page, events } = await openPage(browser, `${server.url}/embed.html`);
    await page.locator('#app .bs-headline').waitFor();
    await page.locator('#related .bs-card').waitFor();
    const r = await page.evaluate(() => ({
      headline: document.getElementById('app').shadowRoot.querySelector('h1').textContent,
      related: document.getElementById('related').shadowRoot.querySelectorAll('.bs-card').length,
      styled: document.getElementById('app').shadowRoot.adoptedStyleSheets.length,
    }));
    assert.deepEqual(events.errors, []);
    assert.deepEqual(r, {
      headline: 'China and Belarus express ‘extreme interest’ in Ukraine peace',
      related: 1,
      styled: 1,
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
