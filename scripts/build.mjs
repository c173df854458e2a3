#!/usr/bin/env node
// broadsheet build: WASM core (Emscripten) -> dist/broadsheet.wasm, native core + tests (CMake),
// web/policy.js and web/codes.js from the C++ headers (scripts/gen_tables.mjs), the browser
// JavaScript and CSS -> dist/ (scripts/bundle.mjs: minified ES modules, the embed
// script, the stylesheet), then prints the gzip size of everything a browser fetches for each way
// of using broadsheet.
//   node scripts/build.mjs              everything
//   node scripts/build.mjs --wasm-only  the WASM module and the browser files (what npm ships)
//   node scripts/build.mjs --native-only
//   node scripts/build.mjs --js-only    only the browser files (no compilers needed)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SIZE_BUDGET, buildBrowser } from './bundle.mjs';
import { writeTables } from './gen_tables.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const jsOnly = args.has('--js-only');
const jobs = String(Math.max(1, (await import('node:os')).availableParallelism?.() ?? 2));

function step(label, cmd, argv, env = {}) {
  process.stdout.write(`broadsheet build: ${label}\n`);
  const r = spawnSync(cmd, argv, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.error) {
    console.error(
      `broadsheet build: cannot run ${cmd}: ${r.error.message}. Run scripts/bootstrap.sh first.`,
    );
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`broadsheet build: ${label} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

if (!jsOnly && !existsSync(join(root, 'third_party/md4c/src/md4c.c'))) {
  console.error(
    'broadsheet build: md4c sources missing (third_party/md4c). Run: bash scripts/bootstrap.sh',
  );
  process.exit(1);
}

// nlohmann/json comes from Debian's package in /usr/include, outside Emscripten's sysroot:
// scripts/stage_json.mjs copies just that folder into build/include (with one change to its
// lexer, described there), so the WASM compile never sees the host's other headers.
const staged = join(root, 'build/include');
if (!jsOnly) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/stage_json.mjs')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(1);
}

// Emscripten's JS optimizer needs Debian's acorn module.
const emEnv = { NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };

if (!args.has('--native-only') && !jsOnly) {
  if (!existsSync(join(root, 'build/wasm/CMakeCache.txt'))) {
    step(
      'configure WASM (emcmake cmake)',
      'emcmake',
      [
        'cmake',
        '-S',
        '.',
        '-B',
        'build/wasm',
        '-DCMAKE_BUILD_TYPE=MinSizeRel',
        `-DBROADSHEET_JSON_INCLUDE=${staged}`,
      ],
      emEnv,
    );
  }
  step('compile WASM', 'cmake', ['--build', 'build/wasm', '-j', jobs], emEnv);
  mkdirSync(join(root, 'dist'), { recursive: true });
  cpSync(join(root, 'build/wasm/broadsheet.wasm'), join(root, 'dist/broadsheet.wasm'));
}

if (!args.has('--wasm-only') && !jsOnly) {
  if (!existsSync(join(root, 'build/native/CMakeCache.txt'))) {
    step('configure native (cmake)', 'cmake', [
      '-S',
      '.',
      '-B',
      'build/native',
      '-DCMAKE_BUILD_TYPE=Debug',
      `-DBROADSHEET_JSON_INCLUDE=${staged}`,
    ]);
  }
  step('compile native core and tests', 'cmake', ['--build', 'build/native', '-j', jobs]);
}

if (!args.has('--native-only')) {
  // The tables web/ shares with the core, written again from the headers the core was just built
  // from (committed, so that web/ runs from a clone; tests/js/policy.test.js checks they match).
  try {
    for (const file of writeTables()) {
      process.stdout.write(`broadsheet build: wrote ${file} (scripts/gen_tables.mjs)\n`);
    }
  } catch (error) {
    console.error(`broadsheet build: ${error.message}`);
    process.exit(1);
  }
  process.stdout.write('broadsheet build: browser JavaScript and CSS (scripts/bundle.mjs)\n');
  let fetched;
  try {
    fetched = await buildBrowser();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }

  // What a browser fetches, per way of using broadsheet: the entry, the chunks it imports, the
  // module, the stylesheet. Sizes are gzip -9 by Node's zlib.
  const report = (title, files, budget) => {
    let total = 0;
    console.log(`broadsheet build: sizes (${title})`);
    for (const f of files) {
      const p = join(root, f);
      if (!existsSync(p)) {
        console.log(`  ${f.padEnd(28)} missing`);
        continue;
      }
      const raw = statSync(p).size;
      const gz = gzipSync(readFileSync(p), { level: 9 }).length;
      total += gz;
      console.log(
        `  ${f.padEnd(28)} ${String(raw).padStart(8)} B  ${String(gz).padStart(7)} B gzip`,
      );
    }
    const verdict = budget ? ` (budget ${budget} B: ${total <= budget ? 'within' : 'OVER'})` : '';
    console.log(
      `  ${'total'.padEnd(28)} ${''.padStart(8)}    ${String(total).padStart(7)} B gzip${verdict}`,
    );
    return total;
  };
  const wasm = 'dist/broadsheet.wasm';
  const fetchedTotal = report(
    'load() + render()',
    [wasm, ...fetched.get('broadsheet')],
    SIZE_BUDGET,
  );
  report('<broadsheet-article>', [
    wasm,
    ...fetched.get('broadsheet/element'),
    ...fetched.get('broadsheet/style.css'),
  ]);
  report('embed script', [
    wasm,
    ...fetched.get('broadsheet/embed'),
    ...fetched.get('broadsheet/style.css'),
  ]);
  report('hydrate() alone, no WASM', fetched.get('broadsheet/widgets'));
  if (fetchedTotal > SIZE_BUDGET) {
    console.error(
      `broadsheet build: load() + render() fetch ${fetchedTotal} B gzip, over the ${SIZE_BUDGET} B budget`,
    );
    process.exit(1);
  }
}
