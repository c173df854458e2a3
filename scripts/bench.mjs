#!/usr/bin/env node
// broadsheet benchmark: speed and size against the peer libraries, measured in the same run.
//   npm run bench                 Markdown -> sanitized HTML string, every peer on the same inputs,
//                                 in Node and then in Chromium (scripts/bench-page.js)
//   npm run bench -- --quick      fewer iterations (a smoke run)
//   npm run bench -- --no-browser Node only
//   npm run bench -- --only=bulk  only the bulk section: `broadsheet build` of 2,000 articles with
//                                 1 and 2 jobs, and a rebuild with nothing changed, each build in a
//                                 process of its own, in /dev/shm where there is one, then one pair
//                                 on the disk (bench-bulk.js, bench-bulk-build.js), and the
//                                 machine's own ceiling for two threads (bench-bulk-ceiling.js)
//   npm run bench -- --only=bulk --articles=N  the same with N articles (default 2,000): a longer
//                                 build, in which the pool's start and warm-up weigh less
//   npm run bench -- --only=cold-start  only the cold start in Chromium: load() from bytes + the
//                                 first render against both peers, fresh browsers (bench-cold-start.js)
//   npm run bench -- --only=render   only whole-article renders (seed, 2,000-word link-heavy
//                                 article: string, DOM, validate; bench-render.js)
//   npm run bench -- --only=memory   only WASM memory over 10,000 mixed renders (bench-render.js)
//   npm run bench -- --only=markdown only Markdown string -> HTML string in Node, against the peers
//   npm run bench -- --ab=DIR     render and memory sections also for the build in DIR (its web/
//                                 and dist/), timed in the same process: before/after figures
// Peers (devDependencies): md4w (md4c in WASM, no sanitizer), markdown-it + DOMPurify (jsdom in
// Node, the browser's DOM in Chromium), markdown-it + sanitize-html and marked + sanitize-html
// (Node), marked + DOMPurify (Chromium).
// Figures are medians of timed rounds; ratios are peer time / broadsheet time (above 1: broadsheet
// is faster) and peer size / broadsheet size.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { time, timeContenders } from './bench-time.js';
import { benchBulk } from './bench-bulk.js';
import { benchColdStart } from './bench-cold-start.js';
import { linkHeavyMarkdown, rawHtmlBody } from './bench-corpora.js';
import { benchMemory, benchRender } from './bench-render.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');

if (!existsSync(join(root, 'dist/broadsheet.wasm'))) {
  console.error('bench: dist/broadsheet.wasm missing; run npm run build first');
  process.exit(1);
}
const ab = process.argv.find((a) => a.startsWith('--ab='))?.slice(5);
const noBrowser = process.argv.includes('--no-browser');
const articlesArg = process.argv.find((a) => a.startsWith('--articles='))?.slice(11);
const articles = articlesArg === undefined ? undefined : Number(articlesArg);
if (articles !== undefined && !(Number.isInteger(articles) && articles >= 1)) {
  console.error(
    `bench: --articles wants a whole number of articles, 1 or more (got "${articlesArg}")`,
  );
  process.exit(1);
}
if (process.argv.includes('--only=bulk')) {
  await benchBulk({ root, quick, articles });
  process.exit(0);
}
if (process.argv.includes('--only=cold-start')) {
  await benchColdStart({ root, quick });
  process.exit(0);
}
for (const [only, section] of [
  ['render', benchRender],
  ['memory', benchMemory],
]) {
  if (process.argv.includes(`--only=${only}`)) {
    await section({ root, quick, ab, noBrowser });
    process.exit(0);
  }
}
if (!existsSync(join(root, 'node_modules/markdown-it'))) {
  console.error('bench: devDependencies missing; run npm ci (or bash scripts/bootstrap.sh)');
  process.exit(1);
}

// ---- inputs ----
const examples = ['seed-china-belarus', 'feature-tour', 'untrusted-comment-roundup'].map((n) =>
  JSON.parse(readFileSync(join(root, `examples/${n}.json`), 'utf8')),
);
const bodyText = (a) =>
  typeof a.body === 'string'
    ? a.body
    : a.body
        .filter((b) => b.type === 'markdown')
        .map((b) => b.text)
        .join('\n\n');
const inputs = [
  { name: 'seed article body', text: bodyText(examples[0]) },
  { name: 'three example bodies', text: examples.map(bodyText).join('\n\n') },
  { name: '2,000-word link-heavy article', text: linkHeavyMarkdown() },
  // md4c passes raw HTML through untouched: md4w's figure is a copy, the others sanitize it.
  { name: 'raw-HTML body (inline and block tags)', text: rawHtmlBody() },
];
const spec = join(root, 'third_party/md4c/test/spec.txt');
if (existsSync(spec)) {
  inputs.push({ name: 'CommonMark spec (md4c)', text: readFileSync(spec, 'utf8') });
}
const attacks = JSON.parse(readFileSync(join(root, 'tests/fixtures/attacks.json'), 'utf8'));
inputs.push({
  name: 'attack corpus bodies',
  text: attacks
    .filter((v) => v.target === '/body')
    .map((v) => v.payload)
    .join('\n\n'),
});

// ---- contenders ----
const { load } = await import(join(root, 'web/index.js'));
const bs = await load();
const md4w = await import('md4w');
await md4w.init('fast');
const MarkdownIt = require('markdown-it');
const mdit = new MarkdownIt({ html: true, linkify: true });
const { JSDOM } = require('jsdom');
const createDOMPurify = require('dompurify');
const purify = createDOMPurify(new JSDOM('').window);
const { marked } = require('marked');
const sanitizeHtml = require('sanitize-html');
const sanitizeOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'del', 'input']),
  allowedAttributes: { ...sanitizeHtml.defaults.allowedAttributes, img: ['src', 'alt', 'title'] },
};

const contenders = [
  { name: 'broadsheet renderMarkdown (sanitized)', run: (t) => bs.renderMarkdown(t) },
  { name: 'md4w mdToHtml (md4c WASM, NOT sanitized)', run: (t) => md4w.mdToHtml(t) },
  // The Node peer issue 12 names for the 8x (Markdown) and 4x (raw HTML) targets: timed in
  // alternating batches with the two above (timeContenders).
  {
    name: 'markdown-it + sanitize-html',
    run: (t) => sanitizeHtml(mdit.render(t), sanitizeOptions),
  },
  { name: 'markdown-it + DOMPurify (jsdom)', run: (t) => purify.sanitize(mdit.render(t)) },
  { name: 'marked + sanitize-html', run: (t) => sanitizeHtml(marked.parse(t), sanitizeOptions) },
];

console.log(`broadsheet bench (Node ${process.version}${quick ? ', quick' : ''})\n`);
console.log(
  'Speed: Markdown string -> HTML string (median ms per document; ratio = peer / broadsheet)',
);
for (const input of inputs) {
  const kb = (Buffer.byteLength(input.text) / 1024).toFixed(1);
  console.log(`\n  ${input.name} (${kb} KiB)`);
  const times = timeContenders(
    contenders.map((c) => c.run),
    input.text,
    quick ? 3 : 9,
    3,
  );
  const base = times[0];
  for (const [k, c] of contenders.entries()) {
    const ms = times[k];
    const mbs = Buffer.byteLength(input.text) / 1e6 / (ms / 1000);
    const ratio = c === contenders[0] ? '' : `  x${(ms / base).toFixed(2)}`;
    console.log(
      `    ${c.name.padEnd(44)} ${ms.toFixed(3).padStart(9)} ms  ${mbs.toFixed(1).padStart(7)} MB/s${ratio}`,
    );
  }
}

// Whole-article render (broadsheet only: the peers have no article layout).
const seedJson = readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8');
const articleMs = time((t) => bs.renderToString(t), seedJson, quick ? 3 : 9);
console.log(`\n  broadsheet renderToString(seed article JSON): ${articleMs.toFixed(3)} ms`);
if (process.argv.includes('--only=markdown')) process.exit(0);

await benchRender({ root, quick, ab, noBrowser });
await benchMemory({ root, quick, ab });

// ---- size: what a browser downloads ----
const gz = (files) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
const nm = (p) => join(root, 'node_modules', p);
const sizes = [
  {
    name: 'broadsheet (wasm + JS for load() + render())',
    bytes: gz(
      // The same list scripts/build.mjs reports: the package's browser entry (minified by
      // scripts/bundle.mjs), which imports the widgets module for the subscribe form.
      ['dist/broadsheet.wasm', 'dist/broadsheet.js', 'dist/broadsheet-widgets.js']
        .map((f) => join(root, f))
        .filter(existsSync),
    ),
  },
  {
    name: 'md4w (small wasm + JS, no sanitizer)',
    bytes: gz([nm('md4w/js/md4w-small.wasm'), nm('md4w/js/md4w.js'), nm('md4w/js/index.js')]),
  },
  {
    name: 'md4w (fast wasm + JS, no sanitizer)',
    bytes: gz([nm('md4w/js/md4w-fast.wasm'), nm('md4w/js/md4w.js'), nm('md4w/js/index.js')]),
  },
  {
    name: 'markdown-it + DOMPurify (minified)',
    bytes: gz([
      nm('markdown-it/dist/browser/markdown-it.umd.min.js'),
      nm('dompurify/dist/purify.min.js'),
    ]),
  },
];
console.log('\nSize: gzip -9 of what a browser fetches (ratio = peer / broadsheet)');
for (const s of sizes) {
  const ratio = s === sizes[0] ? '' : `  x${(s.bytes / sizes[0].bytes).toFixed(2)}`;
  console.log(`    ${s.name.padEnd(48)} ${String(s.bytes).padStart(8)} B${ratio}`);
}

// ---- speed in Chromium: the same inputs, DOMPurify with the browser's own parser ----
if (!process.argv.includes('--no-browser')) {
  const chromium = process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(`\nChromium: skipped (${chromium} missing; bash scripts/bootstrap.sh installs it)`);
  } else {
    const { launch, openPage, serveRoot } = await import('../tests/browser/chromium.js');
    const server = await serveRoot({
      routes: {
        '/bench.html': (req, res) =>
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/node_modules/markdown-it/dist/browser/markdown-it.umd.min.js"></script>
<script src="/node_modules/dompurify/dist/purify.min.js"></script>
<script src="/node_modules/marked/lib/marked.umd.js"></script>
<script type="module" src="/scripts/bench-page.js"></script></head><body></body></html>`,
          ),
      },
    });
    const browser = await launch();
    try {
      const { page, events } = await openPage(browser, `${server.url}/bench.html`);
      await page.waitForFunction(() => window.__ready === true);
      const version = browser.version();
      const results = await page.evaluate(
        ([list, rounds]) => window.__bench(list, rounds),
        [inputs.map(({ name, text }) => ({ name, text })), quick ? 3 : 9],
      );
      if (events.errors.length) throw new Error(events.errors.join('\n'));
      console.log(
        `\nSpeed in Chromium ${version}: Markdown string -> HTML string (median ms; ratio = peer / broadsheet)`,
      );
      for (const input of results) {
        const bytes = Buffer.byteLength(inputs.find((i) => i.name === input.name).text);
        console.log(`\n  ${input.name} (${(bytes / 1024).toFixed(1)} KiB)`);
        const base = input.results[0].ms;
        for (const { contender, ms } of input.results) {
          const mbs = bytes / 1e6 / (ms / 1000);
          const ratio = ms === base ? '' : `  x${(ms / base).toFixed(2)}`;
          console.log(
            `    ${contender.padEnd(44)} ${ms.toFixed(3).padStart(9)} ms  ${mbs.toFixed(1).padStart(7)} MB/s${ratio}`,
          );
        }
      }
      // The DOM a page gets: broadsheet's render() of the whole article into an element against
      // markdown-it + DOMPurify's fragment of the body alone, appended to the same element.
      const longRead = {
        headline: 'A long read',
        published: '2024-11-08T09:00:00Z',
        body: linkHeavyMarkdown(),
      };
      const dom = await page.evaluate(
        ([article, rounds]) => window.__benchDom(article, rounds),
        [longRead, quick ? 3 : 9],
      );
      console.log('\n  DOM for the 2,000-word article (median ms; ratio = peer / broadsheet)');
      for (const { contender, ms } of dom) {
        const ratio = ms === dom[0].ms ? '' : `  x${(ms / dom[0].ms).toFixed(2)}`;
        console.log(`    ${contender.padEnd(52)} ${ms.toFixed(3).padStart(9)} ms${ratio}`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }
}

if (!process.argv.includes('--no-browser')) await benchColdStart({ root, quick });
await benchBulk({ root, quick, articles });
