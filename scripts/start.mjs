#!/usr/bin/env node
// npm start: builds the WASM core when it is missing or older than its sources (and the browser
// files in dist/ every time), then serves the repository root and prints the demo's address.
// Runs until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = join(root, 'dist/broadsheet.wasm');
const SOURCES = ['src', 'include', 'CMakeLists.txt'];
const PORT_ATTEMPTS = 20;

// The newest file under `path` (a file or a folder), as {file, mtime}.
function newest(path) {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { file: path, mtime: stat.mtimeMs };
  let best = null;
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found && (!best || found.mtime > best.mtime)) best = found;
  }
  return best;
}

// Why the WASM module needs building, or null when it is up to date.
function staleReason() {
  if (!existsSync(wasm)) return 'dist/broadsheet.wasm is missing';
  const built = statSync(wasm).mtimeMs;
  for (const s of SOURCES) {
    const found = newest(join(root, s));
    if (found && found.mtime > built)
      return `${relative(root, found.file)} is newer than dist/broadsheet.wasm`;
  }
  return null;
}

function run(cmd, args) {
  console.log(`broadsheet start: running ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) {
    console.error(`broadsheet start: cannot run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(
      `broadsheet start: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`,
    );
    process.exit(r.status || 1);
  }
}

const reason = staleReason();
if (reason) {
  console.log(`broadsheet start: ${reason}; building the WASM core`);
  run('bash', ['scripts/bootstrap.sh']);
  run(process.execPath, ['scripts/build.mjs', '--wasm-only']);
} else {
  console.log('broadsheet start: dist/broadsheet.wasm is up to date');
  // The browser files in dist/ (the stylesheet the element adopts among them) take esbuild a
  // fraction of a second: always rebuilt, so edits in web/ show on reload.
  run(process.execPath, ['scripts/build.mjs', '--js-only']);
}

const first = Number(process.env.PORT || 8080);
if (!Number.isInteger(first) || first < 0 || first > 65535) {
  console.error(
    `broadsheet start: PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`,
  );
  process.exit(1);
}

let server = null;
for (let port = first; !server && port < first + PORT_ATTEMPTS && port <= 65535; port++) {
  try {
    server = await serve({ root, port });
  } catch (error) {
    if (error.code !== 'EADDRINUSE' || first === 0) throw error;
    console.log(`broadsheet start: port ${port} is busy, trying ${port + 1}`);
  }
}
if (!server) {
  console.error(`broadsheet start: no free port from ${first} to ${first + PORT_ATTEMPTS - 1}`);
  process.exit(1);
}

console.log(`broadsheet demo: ${server.url}/web/demo/`);
console.log('broadsheet start: serving the repository root; Ctrl-C stops it');

function stop() {
  server.close().then(() => process.exit(0));
  // Open keep-alive connections would hold close() back; do not wait on them.
  server.server.closeAllConnections?.();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
