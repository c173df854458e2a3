// broadsheet — builds the JavaScript and CSS that browsers load, from the sources in web/, with
// esbuild (a devDependency; nothing it writes needs it at run time):
//   dist/broadsheet.js           web/index.js + core, dom, policy   imports broadsheet-widgets.js
//   dist/broadsheet-widgets.js   web/widgets.js                     imports nothing
//   dist/broadsheet-element.js   web/element.js + mount             imports broadsheet.js
//   dist/broadsheet-embed.js     web/embed.js and everything it uses, one classic script (IIFE)
//   dist/broadsheet.css          web/style.css
// All minified, each with a source map (*.map) pointing back into web/. The three ES modules are
// the package's "browser" entries. One file per public entry, importing each other the way the
// sources do, so a page that uses two of them loads each piece of code once (and one
// BroadsheetError class), and load() + render() fetch two files.
//
// Node keeps the readable web/ modules (the "default" export condition). The browser builds drop
// core.js's Node branch (reading the .wasm from a file path): web/read-file.js, the one module that
// imports from Node, becomes a function that says so, which keeps bundlers that consume dist/ from
// tripping over `node:` imports. (A `node:` import left in a browser module fails the build.)
//   node scripts/bundle.mjs   writes the files above and lists what each entry fetches
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** The browser entry points: the package export, its source and its file in dist/. */
// The size budget for everything load() + render() fetch (the module and the JavaScript it
// imports), gzip -9 by Node's zlib: 76 KiB. scripts/build.mjs fails above it, so size only goes down.
export const SIZE_BUDGET = 77824;

// `eager`: the file starts with V8's explicit compile hint (Chrome 136), which compiles all of its
// functions while the script loads instead of each on its first call: the first render calls
// nearly all of dist/broadsheet.js, whose lazy compiles took about 1 ms of the main thread's time
// in it (docs/performance.md, "First render"). 20 B gzip; other engines read it as a comment.
export const ENTRIES = [
  { name: 'broadsheet', source: 'web/index.js', output: 'dist/broadsheet.js', eager: true },
  { name: 'broadsheet/widgets', source: 'web/widgets.js', output: 'dist/broadsheet-widgets.js' },
  // Not a package export: the chunk widgets.js imports on demand for relative dates.
  {
    name: 'broadsheet/relative-dates',
    source: 'web/relative-dates.js',
    output: 'dist/broadsheet-relative-dates.js',
  },
  // Not a package export: the chunk index.js imports for a page in another language than English.
  { name: 'broadsheet/language', source: 'web/language.js', output: 'dist/broadsheet-language.js' },
  { name: 'broadsheet/element', source: 'web/element.js', output: 'dist/broadsheet-element.js' },
];

async function esbuild() {
  try {
    return await import('esbuild');
  } catch (error) {
    throw new Error(
      `bundle: esbuild is missing (${error.code ?? error.message}). Run: npm ci (or bash scripts/bootstrap.sh)`,
    );
  }
}

// web/core.js and web/mount.js find the module and the stylesheet at '../dist/…', which from web/
// and from dist/ alike is dist/. In a bundle the files are siblings: './…', so the dist/ files keep
// working wherever they are copied together, and the embed script (where import.meta.url is the
// script's URL) finds both next to itself.
const SIBLING_ASSETS = { 'web/core.js': 'broadsheet.wasm', 'web/mount.js': 'broadsheet.css' };
const siblingAssets = {
  name: 'broadsheet-sibling-assets',
  setup(build) {
    build.onLoad({ filter: /[\\/]web[\\/](core|mount)\.js$/ }, (args) => {
      const source = Object.keys(SIBLING_ASSETS).find((f) => resolve(root, f) === args.path);
      if (!source) return undefined;
      const from = `new URL('../dist/${SIBLING_ASSETS[source]}', import.meta.url)`;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(from)) {
        return {
          errors: [{ text: `${source} no longer holds ${from}: update scripts/bundle.mjs` }],
        };
      }
      return {
        contents: text.replace(from, `new URL('./${SIBLING_ASSETS[source]}', import.meta.url)`),
        loader: 'js',
      };
    });
  },
};

// A static import of a plain function, not the dynamic import of a stub module: esbuild wraps a
// module imported dynamically in lazy-loading helpers (0.15 KB gzip of dist/broadsheet.js).
const READ_FILE = resolve(root, 'web/read-file.js');
const nodeStub = {
  name: 'broadsheet-node-stub',
  setup(build) {
    build.onResolve({ filter: /[\\/]read-file\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === READ_FILE
        ? { path: READ_FILE, namespace: 'node-stub' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => {
      const message =
        'broadsheet: the browser build (dist/) cannot read files (node:fs/promises): in Node, ' +
        'import the package without the "browser" condition (web/), or pass load({ wasm }) the ' +
        "module's bytes, a WebAssembly.Module or an http(s) URL";
      return {
        contents:
          `export function readFile() {\n  throw new Error(${JSON.stringify(message)});\n}\n` +
          'export async function syncFileReader() {}\n',
        loader: 'js',
      };
    });
  },
};

function version() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false, // the maps point at web/, which the package ships
  target: 'es2020',
  platform: 'browser',
  legalComments: 'inline',
  logLevel: 'warning',
};

// While one entry is bundled, an import of another entry's source becomes an import of that
// entry's file in dist/.
function otherEntries(self) {
  return {
    name: 'broadsheet-entries',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        const entry = ENTRIES.find((e) => e !== self && resolve(root, e.source) === file);
        return entry ? { path: `./${basename(entry.output)}`, external: true } : undefined;
      });
    },
  };
}

/**
 * Writes everything in dist/ this script owns. Returns a Map from each package export in ENTRIES,
 * and the embed script and stylesheet, to the files a browser fetches for it (its own file first),
 * as paths relative to the repository root.
 */
export async function buildBrowser() {
  const esbuildApi = await esbuild();
  // A warning here is a broken output in waiting (an import dropped as side-effect free, a Node
  // API in browser code): each stops the build.
  const build = async (options) => {
    const result = await esbuildApi.build(options);
    if (result.warnings.length) {
      throw new Error(`bundle: esbuild warned about ${options.entryPoints.join(', ')}; see above`);
    }
    return result;
  };
  mkdirSync(dist, { recursive: true });
  const banner = (what) => `/*! broadsheet ${version()} ${what} (MIT) — built from web/ */`;

  const result = new Map();
  for (const entry of ENTRIES) {
    const { metafile } = await build({
      ...common,
      entryPoints: [entry.source],
      outfile: entry.output,
      format: 'esm',
      metafile: true,
      plugins: [nodeStub, siblingAssets, otherEntries(entry)],
      banner: { js: `${entry.eager ? '//# allFunctionsCalledOnLoad\n' : ''}${banner(entry.name)}` },
    });
    const imports = metafile.outputs[entry.output].imports
      .filter((i) => i.kind === 'import-statement')
      .map((i) => join('dist', i.path));
    result.set(entry.name, imports);
  }
  // What a browser fetches for an entry: its file, then what it imports, transitively.
  const fetched = (name) => {
    const files = [];
    (function visit(output) {
      if (files.includes(output)) return;
      files.push(output);
      const entry = ENTRIES.find((e) => e.output === output);
      for (const i of result.get(entry.name)) visit(i);
    })(ENTRIES.find((e) => e.name === name).output);
    return files;
  };
  for (const [name, files] of [...result].map(([n]) => [n, fetched(n)])) result.set(name, files);

  // The embed script is a classic script: import.meta.url becomes the script's own URL, captured
  // in an outer function before anything else runs (document.currentScript is null once the script
  // has gone async), so no global is left behind.
  await build({
    ...common,
    entryPoints: ['web/embed.js'],
    outfile: 'dist/broadsheet-embed.js',
    plugins: [nodeStub, siblingAssets],
    format: 'iife',
    define: { 'import.meta.url': '__broadsheetScriptUrl' },
    banner: {
      js:
        `${banner('embed script')}\n(function () {\n'use strict';\n` +
        'var __broadsheetScriptUrl = (document.currentScript && document.currentScript.src) || document.baseURI;',
    },
    footer: { js: '})();' },
  });
  await build({
    ...common,
    entryPoints: ['web/style.css'],
    outfile: 'dist/broadsheet.css',
    banner: { css: banner('stylesheet') },
  });

  result.set('broadsheet/embed', ['dist/broadsheet-embed.js']);
  result.set('broadsheet/style.css', ['dist/broadsheet.css']);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    for (const [name, files] of await buildBrowser())
      console.log(`bundle: ${name}: ${files.join(' ')}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
