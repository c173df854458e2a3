// web/core.js: loading the module from every kind of source, and surviving a core that traps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { RENDER_ARTICLE_HTML as RENDER_HTML, RENDER_ARTICLE_OPS } from '../../web/codes.js';
import { BroadsheetError, instantiate } from '../../web/core.js';

const root = new URL('../../', import.meta.url);
const wasmBytes = readFileSync(new URL('dist/broadsheet.wasm', root));
const seedText = readFileSync(new URL('examples/seed-china-belarus.json', root), 'utf8');

function isError(code) {
  return (e) => e instanceof BroadsheetError && e.code === code;
}

// Serves the module over HTTP with a chosen Content-Type, the way a browser would fetch it.
async function withServer(fn) {
  const server = createServer((req, res) => {
    const [, type] = req.url.match(/^\/(\w+)\/broadsheet\.wasm$/) ?? [];
    if (!type) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': type === 'wasm' ? 'application/wasm' : 'application/octet-stream',
    });
    res.end(wasmBytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

test('the default source is dist/broadsheet.wasm next to the package', async () => {
  const core = await instantiate();
  const { status, text } = core.call(RENDER_HTML, seedText);
  assert.equal(status, 0);
  assert.match(text, /^<article/);
});

test('fetches over HTTP with streaming, and falls back when the MIME type is wrong', async () => {
  await withServer(async (origin) => {
    const expected = (await instantiate(wasmBytes)).call(RENDER_HTML, seedText).text;
    const compileStreaming = WebAssembly.compileStreaming;
    let streamed = 0;
    WebAssembly.compileStreaming = (response) => {
      streamed++;
      return compileStreaming(response);
    };
    try {
      for (const [path, streams] of [
        ['/wasm/broadsheet.wasm', 1],
        ['/octet/broadsheet.wasm', 0],
      ]) {
        for (const source of [`${origin}${path}`, new URL(path, origin)]) {
          streamed = 0;
          const core = await instantiate(source);
          assert.equal(core.call(RENDER_HTML, seedText).text, expected, String(source));
          assert.equal(streamed, streams, `streaming compile for ${source}`);
        }
      }
    } finally {
      WebAssembly.compileStreaming = compileStreaming;
    }
    await assert.rejects(instantiate(`${origin}/missing.wasm`), isError('wasm_load'));
  });
});

test('a plain file path works in Node', async () => {
  const core = await instantiate(new URL('dist/broadsheet.wasm', root).pathname);
  assert.equal(core.call(RENDER_HTML, seedText).status, 0);
});

test('call() hands a successful result to read() where it lies in WASM memory', async () => {
  const core = await instantiate(wasmBytes);
  let seen = null;
  const ok = core.call(RENDER_ARTICLE_OPS, seedText, '', (bytes) => {
    seen = bytes;
    return 'built';
  });
  assert.equal(ok.status, 0);
  assert.equal(ok.value, 'built');
  // A view into the instance's memory, not a copy of its own.
  assert.ok(seen instanceof Uint8Array);
  assert.ok(seen.byteOffset > 0 && seen.buffer.byteLength >= 65536, 'a view of WASM memory');
  assert.equal(new DataView(seen.buffer, seen.byteOffset).getUint32(0, true), 0x42534f31);
  // A rejected call is diagnostics text, read() is not called.
  const bad = core.call(RENDER_ARTICLE_OPS, '{', '', () => assert.fail('read() called'));
  assert.equal(bad.status, 1);
  assert.equal(JSON.parse(bad.text).errors[0].code, 'invalid_json');
});

test('an error thrown by read() reaches the caller as it is, and the instance stays usable', async () => {
  const core = await instantiate(wasmBytes);
  const own = new TypeError('from read');
  assert.throws(
    () =>
      core.call(RENDER_ARTICLE_OPS, seedText, '', () => {
        throw own;
      }),
    (e) => e === own,
  );
  assert.equal(core.call(RENDER_HTML, seedText).status, 0);
});

// The bridge answers only the functions web/ calls (1, 2, 3, 5) and the Markdown op buffer (4);
// anything else, the policy-name listing that tests once used (6) included, is a rejected call.
test('an unknown bridge function is rejected with invalid_call', async () => {
  const core = await instantiate(wasmBytes);
  for (const fn of [0, 6, 99]) {
    const { status, text } = core.call(fn, seedText);
    assert.equal(status, 1, String(fn));
    assert.deepEqual(
      JSON.parse(text).errors.map((e) => e.code),
      ['invalid_call'],
      String(fn),
    );
  }
});

// A stand-in core, assembled here, with the bridge's exports. bs_call(fn) answers one ASCII digit,
// a per-instance call counter; fn 7 traps (unreachable), fn 8 calls proc_exit(3).
function fakeCore() {
  const uleb = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const str = (s) => [...uleb(s.length), ...new TextEncoder().encode(s)];
  const vec = (items) => [...uleb(items.length), ...items.flat()];
  const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
  const I32 = 0x7f;
  const types = [
    [0x60, 1, I32, 1, I32], // 0: (i32) -> i32
    [0x60, 1, I32, 0], // 1: (i32) -> ()
    [0x60, 5, I32, I32, I32, I32, I32, 1, I32], // 2: bs_call
    [0x60, 0, 0], // 3: () -> ()
  ];
  const body = (code) => [...uleb(code.length + 1), 0, ...code]; // no locals
  const callBody = [
    0x20,
    0,
    0x41,
    7,
    0x46,
    0x04,
    0x40,
    0x00,
    0x0b, // if (fn == 7) unreachable
    0x20,
    0,
    0x41,
    8,
    0x46,
    0x04,
    0x40,
    0x41,
    3,
    0x10,
    0,
    0x0b, // if (fn == 8) proc_exit(3)
    0x23,
    0,
    0x41,
    1,
    0x6a,
    0x24,
    0, // counter += 1
    0x41,
    0x80,
    0x10,
    0x41,
    0,
    0x36,
    2,
    0, // [2048] = status 0
    0x41,
    0x84,
    0x10,
    0x41,
    1,
    0x36,
    2,
    0, // [2052] = length 1
    0x41,
    0x88,
    0x10,
    0x23,
    0,
    0x41,
    48,
    0x6a,
    0x3a,
    0,
    0, // [2056] = '0' + counter
    0x41,
    0x80,
    0x10,
    0x0b, // return 2048
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, vec(types)),
    ...section(2, vec([[...str('wasi_snapshot_preview1'), ...str('proc_exit'), 0, 1]])),
    ...section(3, vec([[0], [1], [2], [3]])),
    ...section(5, vec([[0, 1]])),
    ...section(6, vec([[I32, 1, 0x41, 0, 0x0b]])),
    ...section(
      7,
      vec([
        [...str('memory'), 2, 0],
        [...str('bs_alloc'), 0, 1],
        [...str('bs_free'), 0, 2],
        [...str('bs_call'), 0, 3],
        [...str('_initialize'), 0, 4],
      ]),
    ),
    ...section(
      10,
      vec([
        body([0x41, 0x80, 0x08, 0x0b]), // bs_alloc: return 1024
        body([0x0b]),
        body(callBody),
        body([0x0b]),
      ]),
    ),
  ]);
}

test('a trap or an abort throws wasm_abort, and the next call runs on a fresh instance', async () => {
  const core = await instantiate(fakeCore());
  assert.equal(core.call(1, 'x').text, '1');
  assert.equal(core.call(1, 'x').text, '2');
  assert.throws(() => core.call(7, 'x'), isError('wasm_abort'));
  assert.equal(core.call(1, 'x').text, '1', 'restarted');
  assert.equal(core.call(1, 'x').text, '2');
  assert.throws(() => core.call(8, 'x'), isError('wasm_abort'));
  assert.equal(core.call(1, 'x').text, '1', 'restarted after proc_exit');
});
