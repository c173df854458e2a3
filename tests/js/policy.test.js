// web/policy.js is a frozen copy of include/broadsheet/policy.h: the same names at the same codes
// as the X-macro lists the WASM's own tables are compiled from (the enum value is the position in
// the list). And the shipped JS keeps away from every HTML-parsing sink.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ATTRS, TAGS, VOID_TAGS } from '../../web/policy.js';

const root = new URL('../../', import.meta.url);
const header = readFileSync(new URL('include/broadsheet/policy.h', root), 'utf8');

// The entries of `#define BROADSHEET_<list>(X)` in order: [name, third argument] each.
function xMacroList(list) {
  const start = header.indexOf(`#define BROADSHEET_${list}(X)`);
  assert.ok(start >= 0, `policy.h defines BROADSHEET_${list}`);
  // The definition runs to the first line that does not end with a backslash.
  const lines = header.slice(start).split('\n');
  const body = lines.slice(0, lines.findIndex((line) => !line.endsWith('\\')) + 1).join('\n');
  const entries = [...body.matchAll(/X\(\w+, "([^"]+)", ([^)]*)\)/g)].map(([, name, rest]) => [
    name,
    rest,
  ]);
  assert.ok(entries.length > 10, `BROADSHEET_${list} has entries`);
  return entries;
}

test('the JS tag table equals the policy.h tag list, code for code', () => {
  assert.deepEqual(
    [...TAGS],
    xMacroList('TAGS').map(([name]) => name),
  );
});

test('the JS attribute table equals the policy.h attribute list, code for code', () => {
  assert.deepEqual(
    [...ATTRS],
    xMacroList('ATTRS').map(([name]) => name),
  );
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
  const voids = xMacroList('TAGS')
    .filter(([, flags]) => flags.includes('kTagVoid'))
    .map(([name]) => name);
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
});
