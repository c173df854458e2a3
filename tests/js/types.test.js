// The package's TypeScript types: a strict consumer (tests/types/consumer.ts) compiles against
// them through package.json "exports", and every runtime export has a declaration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = `${root}node_modules/.bin/tsc`;

test('a strict TypeScript consumer compiles against the package types', () => {
  assert.ok(existsSync(tsc), 'typescript is installed (npm install)');
  const r = spawnSync(tsc, ['--noEmit', '-p', 'tests/types'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.error, undefined);
  assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'tsc reports nothing');
  assert.equal(r.status, 0);
});

// Names a .d.ts exports: declarations and `export { a, b } from`, without type-only ones.
function declared(file) {
  const text = readFileSync(`${root}web/${file}`, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(/^export (?:declare )?(?:function|const|class|let) (\w+)/gm))
    names.add(m[1]);
  for (const m of text.matchAll(/^export \{([^}]*)\} from/gm)) {
    for (const n of m[1].split(','))
      if (n.trim())
        names.add(
          n
            .trim()
            .split(/\s+as\s+/)
            .pop(),
        );
  }
  return [...names].sort();
}

for (const [module, types] of [
  ['index.js', 'index.d.ts'],
  ['widgets.js', 'widgets.d.ts'],
  ['element.js', 'element.d.ts'],
  ['build.js', 'build.d.ts'],
]) {
  test(`every export of web/${module} is declared in web/${types}`, async () => {
    // element.js defines nothing without a DOM, so it imports in Node too.
    const runtime = Object.keys(await import(`../../web/${module}`)).sort();
    assert.deepEqual(declared(types), runtime);
  });
}
