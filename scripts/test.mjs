#!/usr/bin/env node
// broadsheet test runner (`npm test`): bootstraps the toolchain, builds, then runs every suite and
// prints one closing line with the totals.
//   1. doctest  — C++ core, native build, through CTest
//   2. node     — JS API on the built WASM (node:test, tests/js)
//   3. browser  — real Chromium (playwright-core) and Firefox (puppeteer-core) (node:test, tests/browser)
//   4. fuzz     — a short libFuzzer run of each harness (sanitizer, article JSON)
// Options: --skip-build, --only=doctest,node,browser,fuzz
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const wants = (suite) => only.length === 0 || only.includes(suite);

function run(cmd, argv, { capture = false, env = {} } = {}) {
  const r = spawnSync(cmd, argv, {
    cwd: root,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  if (capture) {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
  }
  return r;
}

const results = [];
// `skipped`: tests that did not run (node:test's skip and todo, cancelled ones). They are never
// counted as passed; under CI=true any of them fails the run, since a test that CI skips checks
// nothing there.
function record(suite, passed, failed, status, skipped = 0) {
  // A suite that exits non-zero without reporting a failure still fails.
  if (status !== 0 && failed === 0) failed = 1;
  results.push({ suite, passed, failed, skipped });
}

function nodeSuite(suite, dir) {
  const files = existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.test.js'))
        .map((f) => join(dir, f))
    : [];
  if (files.length === 0) {
    console.error(`broadsheet test: no tests found in ${dir}`);
    record(suite, 0, 1, 1);
    return;
  }
  console.log(`\n=== ${suite}: node --test ${dir}`);
  const r = run(process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    '--test-reporter-destination=' + join(root, `build/${suite}.tap`),
    ...files,
  ]);
  const tap = existsSync(join(root, `build/${suite}.tap`))
    ? spawnSync('cat', [join(root, `build/${suite}.tap`)], { encoding: 'utf8' }).stdout
    : '';
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
  const skipped = count('skipped') + count('todo') + count('cancelled');
  record(suite, count('pass'), count('fail'), r.status, skipped);
}

if (!args.includes('--skip-build')) {
  console.log('=== bootstrap');
  if (run('bash', ['scripts/bootstrap.sh']).status !== 0) process.exit(1);
  console.log('=== build');
  if (run(process.execPath, ['scripts/build.mjs']).status !== 0) process.exit(1);
}

if (wants('doctest')) {
  console.log('\n=== doctest (C++ core) through ctest');
  // ctest exits 0 when it finds no test at all ("No tests were found!!!"): --no-tests=error makes
  // that an error, and a run without doctest's summary line, or with no test case, fails too.
  const r = run(
    'ctest',
    ['--test-dir', 'build/native', '--output-on-failure', '--no-tests=error', '-V'],
    { capture: true },
  );
  const m = /test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/.exec(r.stdout);
  const passed = Number(m?.[2] ?? 0);
  const failed = Number(m?.[3] ?? 0);
  if (passed + failed === 0) console.error('broadsheet test: ctest ran no doctest test case');
  record('doctest', passed, passed + failed === 0 ? 1 : failed, r.status);
}
if (wants('node')) nodeSuite('node', 'tests/js');
if (wants('browser')) nodeSuite('browser', 'tests/browser');
if (wants('fuzz')) {
  // One count per harness: a failure names the harness that failed. The first run builds both.
  console.log('\n=== fuzz (libFuzzer, ASan + UBSan, 30 s per harness)');
  let passed = 0;
  let failed = 0;
  for (const harness of ['sanitizer', 'article']) {
    // --tree: the parse-stability checks too (cheap; off by default in long runs for speed).
    const r = run('bash', ['scripts/fuzz.sh', '--short', '--tree', `--harness=${harness}`]);
    if (r.status === 0) passed += 1;
    else failed += 1;
  }
  record('fuzz', passed, failed, failed === 0 ? 0 : 1);
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const notRun = r.skipped ? `, ${r.skipped} skipped or todo` : '';
  console.log(`  ${r.suite.padEnd(8)} ${r.passed} passed, ${r.failed} failed${notRun}`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
console.log(
  `broadsheet: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (skipped && ci) {
  console.error(
    'broadsheet test: tests were skipped; CI counts a test that did not run as a failure',
  );
}
process.exit(failed === 0 && !(skipped && ci) && results.length > 0 ? 0 : 1);
