// broadsheet at the edge: the seed article served by a Worker in workerd (Cloudflare Workers'
// open-source runtime, the `workerd` devDependency). The Worker imports web/index.js as an ES
// module and dist/broadsheet.wasm as a compiled WebAssembly module, as README "Rendering at the
// edge" shows; no Node APIs, no file system, no fetch of the module.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { load } from '../../web/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const workerd = join(root, 'node_modules/.bin/workerd');
const seedText = readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8');
const seed = JSON.parse(seedText);
const bs = await load();

// The Worker of README "Rendering at the edge", with the seed as its article: GET renders it,
// POST renders the article JSON in the request body as untrusted.
const WORKER = `import { BroadsheetError, load } from './web/index.js';
import wasm from './broadsheet.wasm';
import article from './article.json';

export default {
  async fetch(request) {
    const bs = await load({ wasm }); // compiled once per isolate, then a cache hit
    try {
      const html =
        request.method === 'POST'
          ? bs.renderToString(await request.text(), { trust: 'untrusted' })
          : bs.renderToString(article);
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    } catch (error) {
      if (!(error instanceof BroadsheetError)) throw error;
      return Response.json({ errors: error.errors }, { status: 422 });
    }
  },
};
`;

// web/index.js and every module it imports, found from the sources so that a new import is
// served too: workerd resolves './x.js' against the importing module's name.
function webModules() {
  const names = new Set();
  const visit = (name) => {
    if (names.has(name)) return;
    names.add(name);
    const source = readFileSync(join(root, name), 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'\.\/([\w.-]+\.js)'/gms)) {
      visit(`web/${m[1]}`);
    }
  };
  visit('web/index.js');
  return [...names].sort();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let dir;
let child;
let port;
let stderr = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-workerd-'));
  writeFileSync(join(dir, 'worker.js'), WORKER);
  const embed = (file) => JSON.stringify(relative(dir, join(root, file)));
  const modules = [
    `(name = "worker.js", esModule = embed "worker.js")`,
    ...webModules().map((name) => `(name = "${name}", esModule = embed ${embed(name)})`),
    `(name = "broadsheet.wasm", wasm = embed ${embed('dist/broadsheet.wasm')})`,
    `(name = "article.json", json = embed ${embed('examples/seed-china-belarus.json')})`,
  ];
  port = await freePort();
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .edge)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const edge :Workerd.Worker = (
  modules = [
    ${modules.join(',\n    ')}
  ],
  compatibilityDate = "2024-09-23",
);
`,
  );
  child = spawn(workerd, ['serve', join(dir, 'config.capnp')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
});

after(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
});

// workerd listens a moment after it starts: retry until it answers, within a bounded time.
async function fetchWhenUp(url, init = {}, deadline = Date.now() + 15000) {
  for (;;) {
    if (child.exitCode !== null) {
      assert.fail(`workerd exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    } catch (error) {
      if (Date.now() > deadline) assert.fail(`workerd did not answer: ${error.message}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

test('a Worker in workerd renders the seed article with the WASM module imported', async () => {
  const response = await fetchWhenUp(`http://127.0.0.1:${port}/`);
  const html = await response.text();
  assert.equal(response.status, 200, html);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.ok(html.includes(seed.headline.replace(/&/g, '&amp;')), 'the headline is on the page');
  assert.match(html, /^<article[\s>]/);
  // The same sanitized HTML as in Node: nothing in the edge runtime changes the output.
  assert.equal(html, bs.renderToString(seed));
});

test('the Worker sanitizes an untrusted article and reports a bad one with its path', async () => {
  const attack = {
    headline: 'Reader comments',
    body: '<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n[click](javascript:alert(3))',
  };
  const url = `http://127.0.0.1:${port}/`;
  const response = await fetchWhenUp(url, { method: 'POST', body: JSON.stringify(attack) });
  const html = await response.text();
  assert.equal(response.status, 200, html);
  assert.equal(html, bs.renderToString(attack, { trust: 'untrusted' }));
  assert.ok(html.includes('Reader comments'));
  assert.doesNotMatch(html, /<script|onerror|javascript:/i);

  const bad = await fetchWhenUp(url, { method: 'POST', body: '{"headline": 3, "body": "x"}' });
  assert.equal(bad.status, 422);
  const { errors } = await bad.json();
  assert.deepEqual(
    errors.map((e) => [e.code, e.path]),
    [['invalid_type', '/headline']],
  );
});
