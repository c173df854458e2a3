#!/usr/bin/env node
// broadsheet build: WASM core (Emscripten) -> dist/broadsheet.wasm, native core + tests (CMake),
// then prints the gzip size of everything a browser fetches for load() + render().
//   node scripts/build.mjs              both builds
//   node scripts/build.mjs --wasm-only  only the WASM module (what the npm package ships)
//   node scripts/build.mjs --native-only
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const jobs = String(Math.max(1, (await import('node:os')).availableParallelism?.() ?? 2));

function step(label, cmd, argv, env = {}) {
  process.stdout.write(`broadsheet build: ${label}\n`);
  const r = spawnSync(cmd, argv, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.error) {
    console.error(`broadsheet build: cannot run ${cmd}: ${r.error.message}. Run scripts/bootstrap.sh first.`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`broadsheet build: ${label} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync(join(root, 'third_party/md4c/src/md4c.c'))) {
  console.error('broadsheet build: md4c sources missing (third_party/md4c). Run: bash scripts/bootstrap.sh');
  process.exit(1);
}

// nlohmann/json comes from Debian's package in /usr/include, outside Emscripten's sysroot: stage
// just that folder so the WASM compile never sees the host's other headers.
const staged = join(root, 'build/include');
if (!existsSync(join(staged, 'nlohmann/json.hpp'))) {
  if (!existsSync('/usr/include/nlohmann/json.hpp')) {
    console.error('broadsheet build: nlohmann/json.hpp missing. Run: bash scripts/bootstrap.sh');
    process.exit(1);
  }
  mkdirSync(staged, { recursive: true });
  cpSync('/usr/include/nlohmann', join(staged, 'nlohmann'), { recursive: true });
}

// Emscripten's JS optimizer needs Debian's acorn module.
const emEnv = { NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };

if (!args.has('--native-only')) {
  if (!existsSync(join(root, 'build/wasm/CMakeCache.txt'))) {
    step('configure WASM (emcmake cmake)', 'emcmake', [
      'cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=MinSizeRel',
      `-DBROADSHEET_JSON_INCLUDE=${staged}`,
    ], emEnv);
  }
  step('compile WASM', 'cmake', ['--build', 'build/wasm', '-j', jobs], emEnv);
  mkdirSync(join(root, 'dist'), { recursive: true });
  cpSync(join(root, 'build/wasm/broadsheet.wasm'), join(root, 'dist/broadsheet.wasm'));
}

if (!args.has('--wasm-only')) {
  if (!existsSync(join(root, 'build/native/CMakeCache.txt'))) {
    step('configure native (cmake)', 'cmake', [
      '-S', '.', '-B', 'build/native', '-DCMAKE_BUILD_TYPE=Debug',
      `-DBROADSHEET_JSON_INCLUDE=${staged}`,
    ]);
  }
  step('compile native core and tests', 'cmake', ['--build', 'build/native', '-j', jobs]);
}

if (!args.has('--native-only')) {
  // What a browser fetches for load() + render(): the module and the JS it imports.
  const shipped = ['dist/broadsheet.wasm', 'web/index.js', 'web/core.js', 'web/dom.js', 'web/policy.js'];
  let total = 0;
  console.log('broadsheet build: sizes (what load() + render() fetch)');
  for (const f of shipped) {
    const p = join(root, f);
    if (!existsSync(p)) continue;
    const raw = statSync(p).size;
    const gz = gzipSync(readFileSync(p), { level: 9 }).length;
    total += gz;
    console.log(`  ${f.padEnd(22)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
  }
  const budget = 64 * 1024;
  console.log(`  ${'total'.padEnd(22)} ${''.padStart(8)}    ${String(total).padStart(7)} B gzip (budget ${budget} B: ${total <= budget ? 'within' : 'OVER'})`);
}
