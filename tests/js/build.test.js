// Bulk builds: `broadsheet build` (spawned as a user runs it) and broadsheet/build's pool and
// buildDirectory(), on a temporary folder of nested articles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { BroadsheetError, load } from '../../web/index.js';
import { buildDirectory, createPool, MANIFEST } from '../../web/build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/broadsheet.js');
const example = (name) => readFileSync(join(root, `examples/${name}.json`), 'utf8');
const bs = await load();

// The articles of every build below: nested folders, one article that cannot be rendered.
const GOOD = {
  'seed.json': example('seed-china-belarus'),
  'world/tour.json': example('feature-tour'),
  'world/europe/comments.json': example('untrusted-comment-roundup'),
  'world/europe/short.json': JSON.stringify({ headline: 'Short & sweet', body: 'One *line*.' }),
};
const BAD = { 'world/bad.json': JSON.stringify({ headline: 3, body: 'x' }) };

const scratch = mkdtempSync(join(tmpdir(), 'broadsheet-build-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;

function articles(files) {
  const dir = join(scratch, `in-${folders++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Every file under dir, relative, sorted.
function tree(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

const html = (name) => name.replace(/\.json$/, '.html');
const mtimes = (out, names) => names.map((n) => statSync(join(out, html(n))).mtimeMs);

test('build writes every good article and lists the bad one with its file and path', () => {
  const input = articles({ ...GOOD, ...BAD });
  const out = join(scratch, 'out-bad');
  const r = run(['build', input, '--out', out, '--jobs', '2']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /^world\/bad\.json: \/headline: expected a string, got a number \[invalid_type\]$/m,
  );
  assert.match(r.stdout, /^broadsheet build: 4 rendered, 0 skipped, 1 failed in \d+\.\d\d s\n$/);
  assert.deepEqual(tree(out), [MANIFEST, ...Object.keys(GOOD).map(html)].sort());
  for (const [name, text] of Object.entries(GOOD)) {
    assert.equal(readFileSync(join(out, html(name)), 'utf8'), `${bs.renderToString(text)}\n`, name);
  }
  // Not a TTY: progress is plain lines on stderr, the last one at 5/5.
  assert.match(r.stderr, /^broadsheet build: 5\/5 {2}\d+ articles\/s {2}0:00 left$/m);
  assert.doesNotMatch(r.stderr, /\r|\x1b\[/);
});

test('a rebuild skips unchanged articles, re-renders a changed one, and --force renders all', async () => {
  const input = articles(GOOD);
  const out = join(scratch, 'out-incremental');
  const names = Object.keys(GOOD);
  const full = await buildDirectory({ input, output: out, jobs: 2 });
  assert.deepEqual([full.rendered, full.skipped, full.failed], [4, 0, 0]);
  const written = mtimes(out, names);

  const progress = [];
  const again = await buildDirectory({
    input,
    output: out,
    jobs: 2,
    onProgress: (p) => progress.push(p),
  });
  assert.deepEqual([again.rendered, again.skipped, again.failed], [0, 4, 0]);
  assert.deepEqual(mtimes(out, names), written, 'no output is rewritten');
  assert.ok(again.elapsed < full.elapsed, `rebuild ${again.elapsed} ms, build ${full.elapsed} ms`);
  assert.deepEqual(
    progress.map((p) => p.done),
    [1, 2, 3, 4],
  );
  assert.equal(progress.at(-1).total, 4);

  // Same bytes, new modification time: still skipped, the record is of the content.
  writeFileSync(join(input, 'seed.json'), GOOD['seed.json']);
  const changedName = 'world/europe/short.json';
  const changed = JSON.stringify({ headline: 'Longer now', body: 'Two *lines*.' });
  writeFileSync(join(input, changedName), changed);
  const touched = await buildDirectory({ input, output: out, jobs: 2 });
  assert.deepEqual([touched.rendered, touched.skipped, touched.failed], [1, 3, 0]);
  const after = mtimes(out, names);
  names.forEach((n, i) => {
    if (n === changedName) assert.notEqual(after[i], written[i], n);
    else assert.equal(after[i], written[i], n);
  });
  assert.equal(
    readFileSync(join(out, html(changedName)), 'utf8'),
    `${bs.renderToString(changed)}\n`,
  );

  // An output deleted by hand is written again.
  rmSync(join(out, 'seed.html'));
  const restored = await buildDirectory({ input, output: out, jobs: 1 });
  assert.deepEqual([restored.rendered, restored.skipped], [1, 3]);

  const forced = run(['build', input, '--out', out, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /: 4 rendered, 0 skipped, 0 failed in /);
  // Other options are another build: every article is rendered again, and as requested.
  const pages = run(['build', input, '--out', out, '--page']);
  assert.match(pages.stdout, /: 4 rendered, 0 skipped, 0 failed in /);
  const untrusted = run(['build', input, '--out', out, '--untrusted']);
  assert.match(untrusted.stdout, /: 4 rendered, 0 skipped, 0 failed in /);
  assert.equal(
    readFileSync(join(out, 'seed.html'), 'utf8'),
    `${bs.renderToString(GOOD['seed.json'], { trust: 'untrusted' })}\n`,
  );
});

test('a failed article is tried again on the next build', async () => {
  const input = articles({ ...BAD, 'ok.json': GOOD['world/europe/short.json'] });
  const out = join(scratch, 'out-retry');
  const first = await buildDirectory({ input, output: out, jobs: 1 });
  assert.deepEqual([first.rendered, first.failed], [1, 1]);
  assert.deepEqual(first.errors, [
    {
      file: 'world/bad.json',
      code: 'invalid_type',
      path: '/headline',
      message: 'expected a string, got a number',
    },
  ]);
  const second = await buildDirectory({ input, output: out, jobs: 1 });
  assert.deepEqual([second.rendered, second.skipped, second.failed], [0, 1, 1]);
  writeFileSync(join(input, 'world/bad.json'), JSON.stringify({ headline: 'Fixed', body: 'x' }));
  const third = await buildDirectory({ input, output: out, jobs: 1 });
  assert.deepEqual([third.rendered, third.skipped, third.failed], [1, 1, 0]);
});

test('build writes atomically: a failed write leaves the old state and no temporary file', () => {
  const input = articles({
    'a.json': GOOD['seed.json'],
    'b.json': GOOD['world/europe/short.json'],
  });
  const out = join(scratch, 'out-atomic');
  // A folder where b.html should go: the rename over it fails after the bytes were written.
  mkdirSync(join(out, 'b.html'), { recursive: true });
  const r = run(['build', input, '--out', out]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^b\.json: \(document\): .+ \[write_failed\]$/m);
  assert.deepEqual(tree(out), [MANIFEST, 'a.html']);
  assert.deepEqual(readdirSync(join(out, 'b.html')), []);
  assert.ok(!readdirSync(out).some((f) => f.endsWith('.tmp')));
});

test('build --page writes the documents that render --page prints', () => {
  const input = articles({ 'news/seed.json': GOOD['seed.json'] });
  const out = join(scratch, 'out-page');
  const r = run(['build', input, '--out', out, '--page', '--jobs', '1']);
  assert.equal(r.code, 0, r.stderr);
  const single = run(['render', '--page', join(input, 'news/seed.json')]);
  assert.equal(readFileSync(join(out, 'news/seed.html'), 'utf8'), single.stdout);
  assert.match(single.stdout, /^<!doctype html>/);
});

test('an output folder inside the input folder is not read as input, and may hold no articles', () => {
  const input = articles({ 'a.json': GOOD['seed.json'] });
  const out = join(input, 'site');
  const first = run(['build', input, '--out', out]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /: 1 rendered, 0 skipped, 0 failed in /);
  const second = run(['build', input, '--out', out]);
  assert.match(second.stdout, /: 0 rendered, 1 skipped, 0 failed in /);
  assert.deepEqual(tree(out), [MANIFEST, 'a.html']);
  // A JSON file in it would be left out of the build without a word: the build is refused.
  writeFileSync(join(out, 'stray.json'), '{');
  const third = run(['build', input, '--out', out]);
  assert.equal(third.code, 2);
  assert.match(third.stderr, /holds articles \(stray\.json\)/);
});

test('folders given with a separator at the end build the same tree, the output inside skipped', () => {
  const input = articles(GOOD);
  const out = join(input, 'site');
  const r = run(['build', `${input}${sep}`, '--out', `${out}${sep}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(tree(out), [MANIFEST, ...Object.keys(GOOD).map(html)].sort());
  const again = run(['build', `${input}${sep}${sep}`, '--out', out]);
  assert.match(again.stdout, / 0 rendered, 4 skipped, 0 failed in /);
});

test('buildDirectory sends many articles per batch and lane: each is written or reported alone', async () => {
  // 240 articles in 6 folders with 3 threads: batches of up to 20 articles, a lane of 80 per
  // thread, and a bad article in the middle of a batch.
  const files = {};
  for (let i = 0; i < 240; i++) {
    const name = `section-${i % 6}/story-${String(i).padStart(3, '0')}.json`;
    files[name] = JSON.stringify({ headline: `Story ${i}`, body: `Text *${i}*, [more](/s/${i}).` });
  }
  const bad = 'section-2/story-116.json';
  files[bad] = JSON.stringify({ headline: 'Bad', body: 3 });
  const input = articles(files);
  const out = join(scratch, 'out-many');
  const summary = await buildDirectory({ input, output: out, jobs: 3 });
  assert.equal(summary.total, 240);
  assert.equal(summary.rendered, 239);
  assert.equal(summary.failed, 1);
  assert.deepEqual(
    summary.errors.map((e) => [e.file, e.code, e.path]),
    [[bad, 'invalid_type', '/body']],
  );
  const good = Object.keys(files).filter((name) => name !== bad);
  assert.deepEqual(tree(out), [MANIFEST, ...good.map(html)].sort());
  for (const name of good) {
    assert.equal(
      readFileSync(join(out, html(name)), 'utf8'),
      `${bs.renderToString(files[name])}\n`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
  assert.deepEqual(Object.keys(manifest.files).sort(), good.sort());
});

test('build reads each file as UTF-8 bytes: other scripts, a byte order mark, and a file that is not UTF-8', async () => {
  // The worker hands a file's bytes to the core as they are when they are UTF-8 (and takes the
  // page's bytes back), so these pin that path to what renderToString makes of the same text.
  const text = JSON.stringify({
    headline: 'Ünïcödé: 東京 and Кыив, with 👍🏽 and a \u2028 line separator',
    body: 'Café *crème*, [naïve](/ñ?q=é) and ½ of 10 €.',
  });
  const input = articles({ 'plain.json': text });
  const bom = (json) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
  mkdirSync(join(input, 'ok'));
  writeFileSync(join(input, 'ok/bom.json'), bom(text));
  // With a byte order mark, a JSON error is placed as in the file without it (as `render` does).
  writeFileSync(join(input, 'ok/bom-bad.json'), bom('{"headline": , "body": "x"}'));
  // A Latin-1 é (0xE9) where UTF-8 needs two bytes: refused at that byte, not read with U+FFFD.
  const latin1 = Buffer.from('{"headline": "Caf\u00e9", "body": "x"}', 'latin1');
  writeFileSync(join(input, 'latin1.json'), latin1);
  const out = join(scratch, 'out-bytes');
  const summary = await buildDirectory({ input, output: out, jobs: 1 });
  assert.equal(summary.rendered, 2);
  assert.deepEqual(
    summary.errors.map((e) => [e.file, e.code, e.message]),
    [
      [
        'latin1.json',
        'invalid_json',
        'not valid JSON at line 1, column 18 (byte 18): not UTF-8 (an invalid sequence starts with byte 0xE9)',
      ],
      [
        'ok/bom-bad.json',
        'invalid_json',
        "not valid JSON at line 1, column 14 (byte 14): syntax error while parsing value - unexpected ','; expected '[', '{', or a literal",
      ],
    ],
  );
  const expected = `${bs.renderToString(text)}\n`;
  assert.match(expected, /東京/);
  assert.equal(readFileSync(join(out, 'plain.html'), 'utf8'), expected);
  assert.equal(readFileSync(join(out, 'ok/bom.html'), 'utf8'), expected);
});

test('build refuses bad usage with exit status 2', () => {
  const input = articles({ 'a.json': GOOD['seed.json'] });
  const cases = [
    [
      ['build', join(scratch, 'missing'), '--out', join(scratch, 'x')],
      /input folder .+ does not exist/,
    ],
    [['build', join(input, 'a.json'), '--out', join(scratch, 'x')], /is not a folder/],
    [['build', input], /build needs --out DIR/],
    [['build', '--out', join(scratch, 'x')], /build needs a folder DIR/],
    [['build', input, '--out', join(scratch, 'x'), '--jobs', '0'], /--jobs needs a whole number/],
    [['render', join(input, 'a.json'), '--force'], /apply to build only/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  }
});

test('the pool renders the same HTML as renderToString and rejects a bad article', async () => {
  const pool = createPool({ jobs: 2 });
  try {
    const texts = [...Object.values(GOOD), ...Object.values(GOOD)];
    const rendered = await Promise.all(texts.map((t) => pool.render(t)));
    assert.deepEqual(
      rendered,
      texts.map((t) => bs.renderToString(t)),
    );
    const object = JSON.parse(GOOD['seed.json']);
    assert.equal(
      await pool.render(object, { trust: 'untrusted' }),
      bs.renderToString(object, { trust: 'untrusted' }),
    );
    await assert.rejects(pool.render(BAD['world/bad.json']), (error) => {
      assert.ok(error instanceof BroadsheetError);
      assert.deepEqual(error.errors[0], {
        code: 'invalid_type',
        path: '/headline',
        message: 'expected a string, got a number',
      });
      return true;
    });
    await assert.rejects(pool.render(object, { onSubscribe() {} }), { code: 'invalid_argument' });
    assert.throws(() => createPool({ jobs: 0 }), { code: 'invalid_argument' });

    // renderFile: from bytes or a path, into a folder it makes; resolves to the input's SHA-256.
    const input = articles({ 'a.json': GOOD['seed.json'] });
    const out = join(scratch, 'out-render-file', 'deep', 'a.html');
    const bytes = new TextEncoder().encode(GOOD['seed.json']);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    assert.equal(await pool.renderFile(bytes, out), sha256);
    assert.equal(readFileSync(out, 'utf8'), `${bs.renderToString(GOOD['seed.json'])}\n`);
    assert.equal(await pool.renderFile(join(input, 'a.json'), out, { page: true }), sha256);
    assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/);
    // An output path relative to the working folder, with or without a folder in it.
    const cwd = process.cwd();
    process.chdir(join(scratch, 'out-render-file'));
    try {
      assert.equal(await pool.renderFile(bytes, 'here.html'), sha256);
      assert.equal(await pool.renderFile(bytes, join('deep', 'there.html')), sha256);
    } finally {
      process.chdir(cwd);
    }
    for (const bad of [undefined, '', 42]) {
      await assert.rejects(pool.renderFile(bytes, bad), { code: 'invalid_argument' });
    }
    // Nothing else is made beside them (no folder named after a cut of the file name).
    assert.deepEqual(readdirSync(join(scratch, 'out-render-file')).sort(), ['deep', 'here.html']);
    for (const file of ['here.html', join('deep', 'there.html')]) {
      const written = readFileSync(join(scratch, 'out-render-file', file), 'utf8');
      assert.equal(written, `${bs.renderToString(GOOD['seed.json'])}\n`);
    }
    await assert.rejects(pool.renderFile(join(input, 'missing.json'), out), {
      code: 'read_failed',
    });
    await assert.rejects(
      pool.renderFile(new TextEncoder().encode(BAD['world/bad.json']), out),
      (error) => error instanceof BroadsheetError && error.errors[0].path === '/headline',
    );
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.render(GOOD['seed.json']), /closed/);

  // A module that is not WebAssembly fails each render with wasm_load, and the pool still closes.
  const broken = createPool({ jobs: 1, wasm: new Uint8Array([0, 1, 2]) });
  await assert.rejects(broken.render(GOOD['seed.json']), { code: 'wasm_load' });
  await broken.close();
  // One that compiles but is not broadsheet's fails in the threads: the same, and no respawn loop.
  const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const foreign = createPool({ jobs: 2, wasm: empty });
  const renders = [1, 2, 3].map(() => foreign.render(GOOD['seed.json']));
  for (const render of renders) await assert.rejects(render, { code: 'wasm_load' });
  await assert.rejects(foreign.render(GOOD['seed.json']), { code: 'wasm_load' });
  await foreign.close();
});

// In a process with nothing else to do, a pending render alone keeps it alive (through the
// module's compile, the threads' start, a queue longer than the pool, a render asked for after
// the pool went idle), and an idle pool that was never closed lets it exit.
test('a pending render keeps the process alive and an idle pool does not', () => {
  const script = `
    import { createPool } from ${JSON.stringify(join(root, 'web/build.js'))};
    const article = ${JSON.stringify(GOOD['world/europe/short.json'])};
    let pending = 0;
    const track = (promise) => {
      pending++;
      return promise.finally(() => pending--);
    };
    process.on('beforeExit', () => {
      if (pending) console.log('exited with ' + pending + ' renders pending');
    });
    const pool = createPool({ jobs: 1 });
    const first = await Promise.all([1, 2, 3, 4, 5].map(() => track(pool.render(article))));
    await new Promise((wake) => setTimeout(wake, 50));
    const later = await track(pool.render(article));
    console.log(first.length + 1, later === first[0] ? 'same' : 'different');
  `;
  const file = join(scratch, 'alive.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, null, 'the idle pool kept the process alive');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '6 same\n');
});

// A terminal, through util-linux script(1): the bar is redrawn in place and cleared at the end.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
test(
  'on a terminal, progress is one bar redrawn in place',
  { skip: !hasScript && 'no script(1)' },
  () => {
    const input = articles(GOOD);
    const out = join(scratch, 'out-tty');
    const command = [process.execPath, cli, 'build', input, '--out', out, '--jobs', '2']
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /\r\x1b\[K\[[#-]{24}\] \d\/4 {2}\d+ articles\/s {2}\d+:\d\d left/);
    assert.doesNotMatch(r.stdout, /\n\[[#-]{24}\]/, 'never a new line per update');
    assert.match(r.stdout, /\r\x1b\[Kbroadsheet build: 4 rendered, 0 skipped, 0 failed in /);
  },
);

test('links to articles and folders are followed (a loop once), names starting with . are not', async () => {
  const input = articles({ ...GOOD, '.drafts/d.json': GOOD['seed.json'], '.hidden.json': '{}' });
  const elsewhere = articles({ 'linked/a.json': GOOD['seed.json'], 'b.json': GOOD['seed.json'] });
  symlinkSync(join(elsewhere, 'linked'), join(input, 'linked-folder'));
  symlinkSync(join(elsewhere, 'b.json'), join(input, 'linked-file.json'));
  symlinkSync(input, join(input, 'world', 'loop'));
  symlinkSync(join(elsewhere, 'gone.json'), join(input, 'broken.json'));
  const output = join(scratch, `out-${folders++}`);
  const summary = await buildDirectory({ input, output, jobs: 2 });
  const written = tree(output).filter((f) => f.endsWith('.html'));
  assert.ok(written.includes('linked-folder/a.html'), written.join(' '));
  assert.ok(written.includes('linked-file.html'), written.join(' '));
  assert.ok(!written.some((f) => f.startsWith('.') || f.includes('/.')), written.join(' '));
  assert.ok(!written.some((f) => f.startsWith('world/loop/')), 'a link back up is entered once');
  assert.equal(summary.rendered, Object.keys(GOOD).length + 2);
  assert.deepEqual(
    summary.errors.map(({ file, code }) => ({ file, code })),
    [{ file: 'broken.json', code: 'read_failed' }],
  );
});

test('an output that is a file is refused at once; a damaged record renders everything', async () => {
  const input = articles(GOOD);
  const file = join(scratch, `file-${folders++}`);
  writeFileSync(file, 'x');
  await assert.rejects(buildDirectory({ input, output: file, jobs: 1 }), (error) => {
    assert.equal(error.code, 'invalid_argument');
    assert.match(error.message, /is not a folder/);
    return true;
  });
  const output = join(scratch, `out-${folders++}`);
  await buildDirectory({ input, output, jobs: 1 });
  writeFileSync(join(output, MANIFEST), JSON.stringify({ key: 'x', files: null }));
  const again = await buildDirectory({ input, output, jobs: 1 });
  assert.equal(again.rendered, Object.keys(GOOD).length);
});

test('a build of a folder with no articles says so and exits 0', () => {
  const input = articles({ 'notes.txt': 'x', 'UPPER.JSON': '{}' });
  const r = run(['build', input, '--out', join(scratch, `out-${folders++}`)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /no \*\.json articles under /);
});

test('an output folder inside the input that holds articles is refused, not skipped', async () => {
  const input = articles({ ...GOOD, 'site/stray.json': GOOD['seed.json'] });
  await assert.rejects(buildDirectory({ input, output: join(input, 'site'), jobs: 1 }), (error) => {
    assert.equal(error.code, 'invalid_argument');
    assert.match(error.message, /holds articles \(stray\.json\)/);
    return true;
  });
  // Its own record and pages are no articles: building into it again is fine.
  const clean = articles(GOOD);
  await buildDirectory({ input: clean, output: join(clean, 'site'), jobs: 1 });
  const again = await buildDirectory({ input: clean, output: join(clean, 'site'), jobs: 1 });
  assert.equal(again.skipped, Object.keys(GOOD).length);
});
