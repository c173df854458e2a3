// bin/broadsheet.js, spawned the way a user runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { load, version } from '../../web/index.js';

const root = new URL('../../', import.meta.url);
const cli = fileURLToPath(new URL('bin/broadsheet.js', root));
const seedPath = fileURLToPath(new URL('examples/seed-china-belarus.json', root));
const seedText = readFileSync(seedPath, 'utf8');
const seed = JSON.parse(seedText);
const bs = await load();

function run(args, input) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input,
    encoding: 'utf8',
    cwd: fileURLToPath(root),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNoStack(stderr) {
  assert.doesNotMatch(stderr, /^\s+at /m);
}

test('the CLI is executable with a node shebang', () => {
  assert.match(readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  if (process.platform !== 'win32') {
    const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('render prints the HTML fragment', () => {
  const r = run(['render', seedPath]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${bs.renderToString(seed)}\n`);
  assert.equal(r.stderr, '');
});

test('render --untrusted marks links nofollow ugc', () => {
  const r = run(['render', '--untrusted', seedPath]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${bs.renderToString(seed, { trust: 'untrusted' })}\n`);
});

test('render - reads standard input', () => {
  const r = run(['render', '-'], seedText);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${bs.renderToString(seed)}\n`);
});

test('render --page prints a complete HTML document', () => {
  const r = run(['render', seedPath, '--page']);
  assert.equal(r.code, 0, r.stderr);
  const page = r.stdout;
  assert.match(page, /^<!doctype html>\n<html lang="en-GB">/);
  assert.ok(page.includes('<meta charset="utf-8">'));
  assert.ok(page.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'));
  assert.ok(page.includes(`<title>${seed.headline}</title>`));
  assert.ok(
    page.includes(`<body>\n<main>\n${bs.renderToString(seed)}\n</main>\n</body>\n</html>\n`),
  );
  const css = new URL('web/style.css', root);
  if (existsSync(css)) assert.ok(page.includes(`<style>\n${readFileSync(css, 'utf8')}</style>`));
  else assert.ok(!page.includes('<style'));
});

test('render --page escapes the headline in <title> and drops a bad lang', () => {
  const article = {
    headline: '</title><script>alert(1)</script> & "q"',
    lang: '"><script>',
    body: 'x',
  };
  const r = run(['render', '--page', '-'], JSON.stringify(article));
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    r.stdout.includes(
      '<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</title>',
    ),
  );
  assert.ok(r.stdout.includes('<html>'));
  // The one script element is the JSON-LD, and the headline inside it cannot close it.
  assert.equal(r.stdout.split('<script').length - 1, 1);
  assert.equal(r.stdout.split('</script>').length - 1, 1);
  assert.ok(r.stdout.includes('<script type="application/ld+json">'));
  assert.ok(r.stdout.includes('"headline":"\\u003c/title\\u003e\\u003cscript\\u003ealert(1)'));
});

test('render --out writes a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-'));
  try {
    const out = join(dir, 'out.html');
    const r = run(['render', seedPath, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), `${bs.renderToString(seed)}\n`);
    assert.equal(run(['render', seedPath, `--out=${out}`, '--page']).code, 0);
    assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate accepts a good article and reports warnings', () => {
  const ok = run(['validate', seedPath]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /ok/);
  const forward = run([
    'validate',
    fileURLToPath(new URL('examples/forward-compat-1.3.json', root)),
  ]);
  assert.equal(forward.code, 0, forward.stderr);
  assert.match(
    forward.stderr,
    /^\S*forward-compat-1\.3\.json: warning: \/body\/\d+\/type: .* \[unknown_block\]$/m,
  );
});

test('validate and render exit 1 on an invalid article, one error per line, no stack', () => {
  const bad = JSON.stringify({ headline: 42, related: { items: [{ url: 7 }] } });
  for (const command of ['validate', 'render']) {
    const r = run([command, '-'], bad);
    assert.equal(r.code, 1, command);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^stdin: \/headline: .+ \[invalid_type\]$/m);
    assert.match(r.stderr, /^stdin: \/related\/items\/0\/\S+: .+ \[\w+\]$/m);
    assertNoStack(r.stderr);
  }
});

test('truncated JSON exits 1 with invalid_json', () => {
  const r = run(['render', '-'], seedText.slice(0, 100));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\[invalid_json\]$/m);
  assertNoStack(r.stderr);
});

test('a missing file exits 1 with one line', () => {
  const r = run(['render', 'no/such/file.json']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^broadsheet: cannot read no\/such\/file\.json: /);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('render --out makes its folders, replaces a file whole, and reports a write it cannot make', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-out-'));
  try {
    const out = join(dir, 'new', 'folder', 'a.html');
    let r = run(['render', seedPath, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const fragment = readFileSync(out, 'utf8');
    assert.match(fragment, /^<article/);
    writeFileSync(out, 'old');
    r = run(['render', seedPath, '--out', out, '--page']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/i);
    assert.deepEqual(readdirSync(join(dir, 'new', 'folder')), ['a.html'], 'no temporary file left');
    // A folder that cannot be made (a file is in the way): one line, exit 1, no stack.
    writeFileSync(join(dir, 'file'), '');
    r = run(['render', seedPath, '--out', join(dir, 'file', 'a.html')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^broadsheet: cannot write .*a\.html: /);
    assertNoStack(r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after "--" every argument is a name, even one that starts with -', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-cli-dash-'));
  try {
    writeFileSync(join(dir, '-article.json'), seedText);
    const r = spawnSync(process.execPath, [cli, 'render', '--', '-article.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<article/);
    const without = spawnSync(process.execPath, [cli, 'render', '-article.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(without.status, 2, 'without "--" it is an unknown option');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help prints usage, --version the version', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /broadsheet render FILE/);
  assert.match(help.stdout, /broadsheet validate FILE/);
  assert.equal(run(['--version']).stdout, `${version}\n`);
});

test('usage errors exit 2 with the usage on stderr', () => {
  for (const args of [
    [],
    ['render'],
    ['publish', 'x'],
    ['render', seedPath, '--bogus'],
    ['render', seedPath, '--out'],
    ['render', seedPath, '--out', '--page'],
    ['render', seedPath, '--out', seedPath],
    ['build', seedPath, '--out', 'x', '--jobs', '257'],
    ['build', seedPath, '--out', 'x', '--jobs', '99999999999999999999'],
    ['render', 'a', 'b'],
    ['validate', seedPath, '--page'],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage:/);
  }
});
