#!/usr/bin/env node
// broadsheet size floor: how much of what load() + render() fetch is the named dependencies alone.
// Builds two modules from scripts/size-floor.cpp with the WebAssembly build's compiler and linker
// options (CMake targets broadsheet_floor_md4c and broadsheet_floor_md4c_json, not built by
// default): md4c's parser and the HTML entity table, then the same with nlohmann/json's parser.
// Whatever dist/broadsheet.wasm weighs beyond the second is broadsheet's own code and data.
//   npm run size:floor        (after npm run build, which configures build/wasm)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SIZE_BUDGET as budget, buildBrowser } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'build/wasm/CMakeCache.txt'))) {
  console.error('broadsheet size floor: build/wasm is not configured. Run: npm run build');
  process.exit(1);
}

console.log('broadsheet size floor: building the dependency-only modules (build/wasm)');
const env = {
  ...process.env,
  NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':'),
};
const floors = ['broadsheet_floor_md4c', 'broadsheet_floor_md4c_json'];
const r = spawnSync('cmake', ['--build', 'build/wasm', '--target', ...floors], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (r.error || r.status !== 0) {
  console.error(
    `broadsheet size floor: the build failed (${r.error?.message ?? `exit ${r.status}`})`,
  );
  process.exit(1);
}

const gz = (path) => gzipSync(readFileSync(join(root, path)), { level: 9 }).length;

// The JavaScript load() + render() fetch, as scripts/build.mjs counts it (rebuilt from web/).
const scripts = (await buildBrowser()).get('broadsheet');

const md4c = gz('build/wasm/broadsheet_floor_md4c.wasm');
const json = gz('build/wasm/broadsheet_floor_md4c_json.wasm');
const wasm = gz('dist/broadsheet.wasm');
const js = scripts.reduce((sum, f) => sum + gz(f), 0);
const row = (label, bytes, note = '') =>
  console.log(`  ${label.padEnd(44)} ${String(bytes).padStart(7)} B${note ? `  ${note}` : ''}`);

console.log('broadsheet size floor: gzip -9 (Node zlib), as scripts/build.mjs reports');
row('md4c parser + HTML entity table', md4c);
row('  + nlohmann/json parser', json, `(nlohmann/json: ${json - md4c} B)`);
row('dist/broadsheet.wasm', wasm, `(broadsheet's own code and data: ${wasm - json} B)`);
row('browser JavaScript', js, `(${scripts.join(', ')})`);
row('load() + render() total', wasm + js, `(budget ${budget} B)`);
row("room for broadsheet's own WebAssembly", budget - js - json, 'within the budget');
