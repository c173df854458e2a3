// One description of the article format: the validator (validate() on the built WASM) and the JSON
// Schema (schema/article.schema.json, through ajv) judge every article of the shared corpus in
// tests/fixtures/articles/ alike, and the invalid ones fail with the expected code at the
// expected JSON pointer in both. The docs' field tables and the Article types are generated from
// the schema; a test fails when they are stale.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { load } from '../../web/index.js';

const root = new URL('../../', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const bs = await load();

// strict: an unknown keyword or a misspelt one in the schema is an error, not ignored.
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
const schemaValid = ajv.compile(readJson('schema/article.schema.json'));

const corpusDir = 'tests/fixtures/articles/';
const corpus = readdirSync(new URL(corpusDir, root))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((name) => readJson(corpusDir + name).map((c) => ({ ...c, file: name })));

const pointerToken = (key) => key.replaceAll('~', '~0').replaceAll('/', '~1');

// Where ajv places each error, as a JSON pointer: the value, or for `required` the missing member.
function schemaErrorPaths(errors) {
  return errors.map((e) =>
    e.keyword === 'required'
      ? `${e.instancePath}/${pointerToken(e.params.missingProperty)}`
      : e.instancePath,
  );
}

test('the corpus holds at least 80 articles, valid and invalid, each with a unique title', () => {
  assert.ok(corpus.length >= 80, `${corpus.length} cases`);
  assert.ok(corpus.filter((c) => c.valid).length >= 20);
  assert.ok(corpus.filter((c) => !c.valid).length >= 40);
  assert.equal(new Set(corpus.map((c) => c.title)).size, corpus.length);
  for (const c of corpus) {
    assert.equal(typeof c.valid, 'boolean', c.title);
    assert.ok('article' in c, c.title);
    if (c.valid) assert.equal(c.errors, undefined, c.title);
    else assert.ok(Array.isArray(c.errors) && c.errors.length > 0, c.title);
  }
});

for (const c of corpus) {
  test(`${c.file.replace('.json', '')}: ${c.title}`, () => {
    // As text: a document that is not an object (an array, a number) reaches the core as written.
    const result = bs.validate(JSON.stringify(c.article));
    const bySchema = schemaValid(c.article);
    const schemaErrors = bySchema ? [] : ajv.errorsText(schemaValid.errors);
    assert.equal(result.ok, c.valid, `validate(): ${JSON.stringify(result.errors)}`);
    assert.equal(bySchema, c.valid, `schema: ${schemaErrors}`);
    if (c.valid) {
      assert.deepEqual(result.errors, []);
      return;
    }
    assert.deepEqual(
      result.errors.map(({ code, path }) => ({ code, path })),
      c.errors,
    );
    const paths = schemaErrorPaths(schemaValid.errors);
    for (const { path } of c.errors) {
      assert.ok(paths.includes(path), `schema reports ${path}; it reports ${schemaErrors}`);
    }
  });
}

test("the schema's label names are the ones the core reads (kLabels in src/language.h)", () => {
  const header = readFileSync(new URL('src/language.h', root), 'utf8');
  const block = /kLabels\[\] =([\s\S]*?);/.exec(header)[1];
  const names = [...block.matchAll(/"([A-Za-z.]+)\\0/g)].map((m) => m[1]);
  assert.ok(names.length >= 20, names.join(' '));
  const schema = readJson('schema/article.schema.json');
  assert.deepEqual(Object.keys(schema.properties.messages.properties), names);
});

test('every example article is valid for the validator and the schema', () => {
  for (const { file } of readJson('examples/index.json')) {
    const article = readJson(`examples/${file}`);
    assert.deepEqual(bs.validate(article).errors, [], file);
    assert.ok(schemaValid(article), `${file}: ${ajv.errorsText(schemaValid.errors)}`);
  }
});

test('docs/article-format.md and the Article types in web/index.d.ts are generated from the schema', () => {
  const r = spawnSync(process.execPath, ['scripts/gen_format.mjs', '--check'], {
    cwd: fileURLToPath(root),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
