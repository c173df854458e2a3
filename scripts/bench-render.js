// broadsheet bench, render and memory sections: whole articles through the public API, and the
// WebAssembly memory over 10,000 renders. Run alone with `node scripts/bench.mjs --only=render` or
// `--only=memory`; `--ab=DIR` also loads DIR/web/index.js (with its DIR/dist/broadsheet.wasm: a
// checkout or copy of another build) and times both in the same process, round after round, so
// that the other engineers' load on the machine falls on both alike.
//   render: renderToString, render() into a DOM and validate() on the seed article and on the
//           seed with the 2,000-word link-heavy body of bench-corpora.js, in Node (jsdom for the DOM) and then
//           in Chromium with each build's browser bundle (scripts/bench-page.js; --no-browser: not).
//   memory: memory.buffer.byteLength after a warm-up and then through 10,000 mixed renders
//           (articles as HTML and DOM, Markdown, validate, bad input); it can only grow, and must
//           stop growing once every kind of input has been seen.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linkHeavyMarkdown } from './bench-corpora.js';
import { alternate } from './bench-time.js';

// The seed article's furniture around the 2,000-word link-heavy Markdown (bench-corpora.js), as
// JSON.
export function linkHeavyArticle(root) {
  const seed = JSON.parse(readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8'));
  return JSON.stringify({ ...seed, body: linkHeavyMarkdown() });
}

// Loads one build's public API on its own instance, and a way to read that instance's memory size.
// The instance is caught as core.js creates it: `new WebAssembly.Instance` from the compiled module
// (or, in older builds, WebAssembly.instantiate).
export async function loadBuild(dir) {
  const { load } = await import(pathToFileURL(join(dir, 'web/index.js')).href);
  const { Instance, instantiate } = WebAssembly;
  let memory = null;
  WebAssembly.Instance = class extends Instance {
    constructor(...args) {
      super(...args);
      memory = this.exports.memory;
    }
  };
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    memory = (result.instance ?? result).exports.memory;
    return result;
  };
  try {
    // Bytes, not the default URL: a new instance, not the one load() cached for other sections.
    const bs = await load({ wasm: readFileSync(join(dir, 'dist/broadsheet.wasm')) });
    return { bs, memoryBytes: () => memory.buffer.byteLength };
  } finally {
    WebAssembly.Instance = Instance;
    WebAssembly.instantiate = instantiate;
  }
}

async function builds(root, ab) {
  const list = [{ name: 'this build', ...(await loadBuild(root)) }];
  if (ab) list.push({ name: `--ab=${ab}`, ...(await loadBuild(ab)) });
  return list;
}

// The process's CPU time in milliseconds: the clock for Node's figures.
function cpuClock() {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export async function benchRender({ root, quick, ab, noBrowser }) {
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom');
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  const element = document.createElement('div');
  const seed = readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8');
  const heavy = linkHeavyArticle(root);
  const inputs = [
    { name: 'seed article', json: seed },
    { name: '2,000-word link-heavy article', json: heavy },
  ];
  const ops = [
    { name: 'renderToString', run: (bs, t) => bs.renderToString(t) },
    { name: 'render() into jsdom', run: (bs, t) => bs.render(t, element).destroy() },
    { name: 'validate', run: (bs, t) => bs.validate(t) },
  ];
  const list = await builds(root, ab);
  const rounds = quick ? 7 : 41;
  console.log(
    `\nRender: whole articles through the public API in Node (median CPU ms per call: the process's` +
      ` own CPU time, which other processes on the machine disturb less than the wall clock)`,
  );
  for (const input of inputs) {
    const kb = (Buffer.byteLength(input.json) / 1024).toFixed(1);
    console.log(`\n  ${input.name} (${kb} KiB JSON)`);
    for (const op of ops) {
      const fns = list.map((b) => () => op.run(b.bs, input.json));
      printRow(op.name, alternate(fns, rounds, cpuClock), ab);
    }
  }
  if (!noBrowser) await benchRenderChromium({ root, quick, ab, inputs });
}

// The same in Chromium (scripts/bench-page.js), each build's browser bundle: this one's dist/, and
// the other's served under /ab/.
async function benchRenderChromium({ root, quick, ab, inputs }) {
  const chromium = process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `\n  Chromium: skipped (${chromium} missing; bash scripts/bootstrap.sh installs it)`,
    );
    return;
  }
  const { launch, openPage, serveRoot } = await import('../tests/browser/chromium.js');
  const routes = {
    '/bench-render.html': (req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>' +
            '<script type="module" src="/scripts/bench-page.js"></script></head><body></body></html>',
        ),
  };
  if (ab) {
    for (const [file, type] of [
      ['broadsheet.js', 'text/javascript'],
      ['broadsheet-widgets.js', 'text/javascript'],
      ['broadsheet.wasm', 'application/wasm'],
    ]) {
      routes[`/ab/${file}`] = (req, res) =>
        res.writeHead(200, { 'content-type': type }).end(readFileSync(join(ab, 'dist', file)));
    }
  }
  const server = await serveRoot({ routes });
  const browser = await launch();
  try {
    const { page, events } = await openPage(browser, `${server.url}/bench-render.html`);
    await page.waitForFunction(() => window.__ready === true);
    const urls = ['/dist/broadsheet.js', ...(ab ? ['/ab/broadsheet.js'] : [])];
    const results = await page.evaluate(
      ([u, i, r]) => window.__benchRender(u, i, r),
      [urls, inputs, quick ? 7 : 41],
    );
    if (events.errors.length) throw new Error(events.errors.join('\n'));
    console.log(`\n  In Chromium ${browser.version()} (median ms per call)`);
    for (const input of results) {
      console.log(`\n  ${input.name}`);
      for (const { op, ms } of input.results) printRow(op, ms, ab);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

function printRow(op, ms, ab) {
  const names = ['this build', ...(ab ? [`--ab=${ab}`] : [])];
  const cells = names.map((name, i) => `${name} ${ms[i].toFixed(3).padStart(8)} ms`);
  const ratio = ms.length > 1 ? `  x${(ms[1] / ms[0]).toFixed(2)} (other / this)` : '';
  console.log(`    ${op.padEnd(22)} ${cells.join('   ')}${ratio}`);
}

// The mix of calls the memory section repeats: every public entry point, good and bad input.
export function memoryMix(root, bs, document) {
  const read = (f) => readFileSync(join(root, f), 'utf8');
  const examples = ['seed-china-belarus', 'feature-tour', 'untrusted-comment-roundup'].map((n) =>
    read(`examples/${n}.json`),
  );
  const heavy = linkHeavyArticle(root);
  // 240 KiB of Markdown: more than the 1 MiB an instance starts with once the input (reserved at
  // 3 bytes a character) and the output are in memory, so the warm-up grows it.
  const long = Array(12).fill(linkHeavyMarkdown()).join('\n\n');
  const element = document.createElement('div');
  const expectThrow = (fn) => {
    try {
      fn();
    } catch (error) {
      if (error.name === 'BroadsheetError') return;
      throw error;
    }
    throw new Error('bad input was accepted');
  };
  return [
    ...examples.map((a) => () => bs.renderToString(a)),
    () => bs.renderToString(heavy),
    () => bs.renderToString(examples[0], { trust: 'untrusted', toc: 'auto', layout: 'single' }),
    () => bs.render(examples[1], element).destroy(),
    () => bs.renderMarkdown(long, { trust: 'untrusted' }),
    () =>
      bs.renderMarkdown('# T\n\n<b onclick=x>b</b> [x](javascript:alert(1)) <script>y</script>'),
    () => bs.validate(heavy),
    () => bs.validate({ headline: 42, related: { items: [{ url: 7 }] } }),
    () => expectThrow(() => bs.renderToString('{"headline": "x",')),
    () => expectThrow(() => bs.renderToString({ headline: 'x' }, { count: -1 })),
    () => expectThrow(() => bs.renderToString('['.repeat(100000))),
  ];
}

export async function benchMemory({ root, quick, ab }) {
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom');
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  const total = quick ? 2000 : 10000;
  console.log(`\nMemory: WASM memory.buffer.byteLength over ${total} mixed renders`);
  for (const b of await builds(root, ab)) {
    const start = b.memoryBytes();
    const mix = memoryMix(root, b.bs, document);
    for (let i = 0; i < 3 * mix.length; i++) mix[i % mix.length]();
    const warm = b.memoryBytes();
    const marks = [];
    const t0 = performance.now();
    for (let i = 1; i <= total; i++) {
      mix[i % mix.length]();
      if (i % (total / 5) === 0) marks.push(`${i}: ${(b.memoryBytes() / 1048576).toFixed(2)}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    const grew = b.memoryBytes() - warm;
    console.log(
      `    ${b.name}: ${(start / 1048576).toFixed(2)} MiB at start, ` +
        `${(warm / 1048576).toFixed(2)} MiB after warm-up (${3 * mix.length} calls); ` +
        `MiB at ${marks.join(', ')}; ${grew ? `GREW by ${grew} B` : 'flat'} (${seconds.toFixed(1)} s)`,
    );
  }
}
