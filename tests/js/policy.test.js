// web/policy.js and web/codes.js are generated from the C++ headers (scripts/gen_tables.mjs): the
// committed files are what the generator writes now (that they hold the same names at the same
// codes as the compiled C++ tables is tests/cpp/policy_test.cpp). And the shipped JS keeps away
// from every HTML-parsing sink.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SOURCES } from '../../scripts/gen_tables.mjs';
import { ATTRS, TAGS, VOID_TAGS } from '../../web/policy.js';

const root = new URL('../../', import.meta.url);

// The build writes the files again before the tests run, so comparing the working copy with the
// generator could never fail under `npm test`. This reads the commit itself: HEAD's headers must
// generate HEAD's files (a header committed without them, or a hand edit of a generated file,
// fails here; needs the git checkout the suite runs in).
test('in the commit checked out, the generated files match the headers they come from', () => {
  const git = (...args) =>
    execFileSync('git', args, { cwd: fileURLToPath(root), encoding: 'utf8', maxBuffer: 1 << 26 });
  const from = mkdtempSync(join(tmpdir(), 'broadsheet-head-'));
  try {
    for (const header of Object.values(SOURCES)) {
      mkdirSync(dirname(join(from, header)), { recursive: true });
      writeFileSync(join(from, header), git('show', `HEAD:${header}`));
    }
    const script = fileURLToPath(new URL('scripts/gen_tables.mjs', root));
    execFileSync(process.execPath, [script, '--from', from, '--out', join(from, 'out')]);
    for (const file of ['web/policy.js', 'web/codes.js']) {
      const generated = readFileSync(join(from, 'out', file.split('/').pop()), 'utf8');
      assert.equal(git('show', `HEAD:${file}`), generated, `${file} in HEAD is stale`);
    }
  } finally {
    rmSync(from, { recursive: true, force: true });
  }
});

test('the tables are frozen', () => {
  for (const table of [TAGS, ATTRS, VOID_TAGS]) {
    assert.ok(Object.isFrozen(table));
    assert.throws(() => {
      'use strict';
      table.push('script');
    }, TypeError);
  }
  assert.ok(!TAGS.includes('script'));
});

test('VOID_TAGS lists exactly the kTagVoid elements of policy.h', () => {
  const header = readFileSync(new URL('include/broadsheet/policy.h', root), 'utf8');
  const voids = [...header.matchAll(/X\(\w+, "([a-z0-9]+)", ([^)]*)\)/g)]
    .filter(([, , flags]) => flags.includes('kTagVoid'))
    .map(([, name]) => name);
  assert.ok(voids.length > 0);
  assert.deepEqual([...VOID_TAGS].sort(), voids.sort());
  for (const name of VOID_TAGS) assert.ok(TAGS.includes(name), name);
});

// The design's rule for the browser: build nodes, never markup (works under Trusted Types, no
// mutation XSS), and nothing that generates code (works under a strict CSP).
test('shipped JS uses no HTML-parsing sink, no code generation and no top-level await', () => {
  const sinks =
    /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|document\.write|srcdoc|eval|Function)\b|setHTML|parseHTML/;
  const files = readdirSync(new URL('web/', root)).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('dom.js') && files.includes('core.js'));
  for (const file of files) {
    const source = readFileSync(new URL(`web/${file}`, root), 'utf8');
    const code = source.replace(/\/\/.*$/gm, ''); // comments may name what the code avoids
    assert.doesNotMatch(code, sinks, file);
    assert.doesNotMatch(code, /^(?=\S)[^\n]*\bawait\b/m, `${file}: top-level await`);
  }
  // And what people ship: the bundles, as the build minified them (a bundler could bring in a
  // sink that no source file names). Read whole: minified code has no comments to leave out, and
  // a "//" in a string ("https://") would hide the rest of a long line.
  const bundles = readdirSync(new URL('dist/', root)).filter((f) => f.endsWith('.js'));
  assert.ok(bundles.includes('broadsheet.js') && bundles.includes('broadsheet-embed.js'));
  for (const file of bundles) {
    assert.doesNotMatch(readFileSync(new URL(`dist/${file}`, root), 'utf8'), sinks, `dist/${file}`);
  }
});
