// web/policy.js is a frozen copy of include/broadsheet/policy.h: the same names at the same codes
// as the WASM's own tables. And the shipped JS keeps away from every HTML-parsing sink.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { instantiate } from '../../web/core.js';
import { ATTRS, TAGS, VOID_TAGS } from '../../web/policy.js';

const root = new URL('../../', import.meta.url);
const POLICY_NAMES = 6;
const core = await instantiate();
const wasm = JSON.parse(core.call(POLICY_NAMES, '').text);

test('the JS tag table equals the WASM tag table, code for code', () => {
  assert.deepEqual([...TAGS], wasm.tags);
});

test('the JS attribute table equals the WASM attribute table, code for code', () => {
  assert.deepEqual([...ATTRS], wasm.attrs);
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
});
