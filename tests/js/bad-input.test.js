// Bad articles (tests/fixtures/bad-articles/cases.json) through every way in: validate(),
// renderToString() and the CLI. Each gives structured errors, {code, path (JSON pointer),
// message}, with the expected code and path; none crashes, and the instance stays usable.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { BroadsheetError, load } from '../../web/index.js';

const root = new URL('../../', import.meta.url);
const fixtures = new URL('tests/fixtures/bad-articles/', root);
const cli = fileURLToPath(new URL('bin/broadsheet.js', root));
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8'));
const seed = readFileSync(new URL('examples/seed-china-belarus.json', root), 'utf8');
const bs = await load();
const seedHtml = bs.renderToString(seed);

const scratch = mkdtempSync(join(tmpdir(), 'broadsheet-bad-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// A case's text: a string, or parts where {repeat, times} stands for a long run (8 MiB, 100000
// brackets) that would make a poor fixture file.
const textOf = (c) =>
  typeof c.text === 'string'
    ? c.text
    : c.text.map((p) => (typeof p === 'string' ? p : p.repeat.repeat(p.times))).join('');

const codesAndPaths = (diagnostics) => diagnostics.map(({ code, path }) => ({ code, path }));

function runCli(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.equal(r.error, undefined);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// stderr holds one `file: path: message [code]` line per error, in order, and no stack trace.
function assertCliErrors(stderr, c, file) {
  const lines = stderr.split('\n').filter((l) => l && !l.startsWith(`${file}: warning: `));
  assert.equal(lines.length, c.errors.length, stderr);
  c.errors.forEach(({ code, path }, i) => {
    assert.ok(lines[i].startsWith(`${file}: ${path || '(document)'}: `), lines[i]);
    assert.ok(lines[i].endsWith(` [${code}]`), lines[i]);
  });
  if (c.message) assert.ok(lines[0].includes(c.message), `${lines[0]} lacks ${c.message}`);
  assert.doesNotMatch(stderr, /^\s+at /m);
}

test('the corpus holds at least 40 bad articles of every kind the format can get wrong', () => {
  const bad = cases.filter((c) => c.errors.length > 0);
  assert.ok(bad.length >= 40, `${bad.length} bad articles`);
  assert.equal(new Set(cases.map((c) => c.title)).size, cases.length);
  const kinds = new Set(bad.map((c) => c.kind));
  for (const kind of [
    'malformed JSON',
    'wrong type',
    'out-of-range number',
    'bad date',
    'bad URL',
    'unknown major version',
    'too deep',
    'too large',
    'invalid UTF-8 file',
  ]) {
    assert.ok(kinds.has(kind), kind);
  }
  // Every malformed document says where: a person fixes a file by line and column.
  for (const c of bad.filter((c) => c.kind === 'malformed JSON' || c.file)) {
    assert.match(c.message ?? '', /^at line \d+, column \d*/, c.title);
  }
});

for (const c of cases.filter((c) => c.text !== undefined)) {
  test(`${c.kind}: ${c.title}`, () => {
    const text = textOf(c);
    const result = bs.validate(text);
    assert.deepEqual(codesAndPaths(result.errors), c.errors);
    assert.deepEqual(codesAndPaths(result.warnings), c.warnings ?? []);
    for (const d of [...result.errors, ...result.warnings]) {
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length > 0);
    }
    if (c.message)
      assert.ok(result.errors[0].message.includes(c.message), result.errors[0].message);

    const file = join(scratch, 'article.json');
    writeFileSync(file, text);
    const cliRun = runCli(['render', file]);
    if (c.errors.length === 0) {
      // Rendered anyway: the warnings are printed, the fragment too.
      assert.equal(result.ok, true);
      const html = bs.renderToString(text);
      assert.match(html, /^<article class="bs-article"/);
      assert.equal(cliRun.code, 0, cliRun.stderr);
      assert.equal(cliRun.stdout, `${html}\n`);
      for (const { code, path } of c.warnings) {
        const line = `^${RegExp.escape?.(file) ?? file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning: ${path}: .+ \\[${code}\\]$`;
        assert.match(cliRun.stderr, new RegExp(line, 'm'));
      }
      return;
    }

    assert.equal(result.ok, false);
    let thrown;
    try {
      bs.renderToString(text);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof BroadsheetError, `renderToString threw ${thrown}`);
    assert.deepEqual(thrown.errors, result.errors);
    assert.equal(thrown.code, c.errors[0].code);
    assert.equal(bs.renderToString(seed), seedHtml, 'the instance still renders');

    assert.equal(cliRun.code, 1, cliRun.stderr);
    assert.equal(cliRun.stdout, '');
    assertCliErrors(cliRun.stderr, c, file);
  });
}

// A file whose bytes are not UTF-8 reaches only the CLI as bytes: a JavaScript string cannot
// hold them. The CLI refuses the file rather than decode it with U+FFFD in place of the bytes.
for (const c of cases.filter((c) => c.file !== undefined)) {
  test(`${c.kind}: ${c.title}`, () => {
    const file = fileURLToPath(new URL(c.file, fixtures));
    for (const command of ['render', 'validate']) {
      const r = runCli([command, file]);
      assert.equal(r.code, 1, `${command}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assertCliErrors(r.stderr, c, file);
    }
    const bytes = readFileSync(file);
    const r = spawnSync(process.execPath, [cli, 'render', '-'], { input: bytes, encoding: 'utf8' });
    assert.equal(r.status, 1, 'the same bytes on standard input');
    assertCliErrors(r.stderr, c, 'stdin');
  });
}

test('a UTF-16 file is named as one, with what to do', () => {
  const file = fileURLToPath(new URL('invalid-utf8-utf16.json', fixtures));
  const r = runCli(['validate', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /looks like UTF-16: save it as UTF-8/);
  const utf8 = runCli(['validate', fileURLToPath(new URL('invalid-utf8-ff.json', fixtures))]);
  assert.doesNotMatch(utf8.stderr, /UTF-16/);
});

test('a file that starts with a UTF-8 byte order mark is read as UTF-8', () => {
  const file = join(scratch, 'bom.json');
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]));
  const r = runCli(['render', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${seedHtml}\n`);
});
