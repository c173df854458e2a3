// broadsheet — one worker thread of a render pool (web/build.js): its own WASM instance, loaded
// from the module the pool compiled once, rendering one task at a time.
//   { id, article, options }                 -> { id, html } | { id, error }
//   { id, files: [[input, out], ...], options, page }
//       input: the JSON bytes, or a file path to read; writes each `out` atomically
//       -> { id, results: [sha256 of the input (hex) | { error }, ...] }, one per file, in order
// `error` is { message, errors }: the BroadsheetError's diagnostics ({code, path, message}).
// The files are read and written with synchronous calls: this thread has nothing else to do while
// they run, and each asynchronous call would cost a hop through libuv's thread pool, a promise and
// a FileHandle, which on a build of small articles was a third of this thread's time.
import * as buffer from 'node:buffer';
import * as crypto from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { renderJsonBytes } from './core.js';
import { BroadsheetError, load } from './index.js';
import { decodeJsonBytes } from './json-bytes.js';
import { writeAtomically } from './write-file.js';

// No top-level await (see tests/js/policy.test.js): tasks wait for the instance instead. A core
// that cannot load rejects here, unhandled, which ends the thread with that error for the pool.
const loaded = load({ wasm: workerData.wasm });
let bs = null;
// Folders this thread has made (or found) already: one mkdir per folder, not per file.
const folders = new Set();

// The output paths come from the pool already joined and resolved (web/build.js), so the folder
// and the name are split at the last separator: path.dirname/join/basename are each one more
// function for every worker's V8 to optimize (about 26 ms of compiler time per worker, which a
// build of a few thousand articles pays again for each thread).
const lastSep = (file) => file.lastIndexOf(sep);

// Node 18.14 and later check UTF-8 natively; before, every file takes the string path.
const isUtf8 = buffer.isUtf8 ?? (() => false);

// The input's SHA-256 (hex) for the build's record. Node 20.12 and later hash in one call: cheaper
// per article than a Hash object, and one function fewer for each worker's V8 to optimize.
const sha256 = crypto.hash
  ? (bytes) => crypto.hash('sha256', bytes, 'hex')
  : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// The page shell (web/page.js) is loaded on the first --page task only: a build without pages
// does not import it in every worker.
let pageShell = null;

// The fragment's bytes (a view into WASM memory, valid only during the call) copied out, with the
// newline a written file ends with.
function withNewline(fragment) {
  const file = Buffer.allocUnsafe(fragment.length + 1);
  file.set(fragment);
  file[fragment.length] = 0x0a;
  return file;
}

function failure(error) {
  if (error instanceof BroadsheetError) return { message: error.message, errors: error.errors };
  const code = error?.code === undefined ? 'render_failed' : 'write_failed';
  const message = String(error?.message ?? error);
  return { message, errors: [{ code, path: '', message }] };
}

// Renders one file; a --page build gets a promise (the page shell is read from disk once).
function renderFile(source, out, options, asPage) {
  let bytes = source;
  if (typeof source === 'string') {
    try {
      bytes = readFileSync(source);
    } catch (error) {
      throw new BroadsheetError(error.message, [
        { code: 'read_failed', path: '', message: error.message },
      ]);
    }
  }
  const hash = sha256(bytes);
  if (!asPage && isUtf8(bytes)) {
    // The file's bytes go to the core as they are, and the page's bytes come back to be written:
    // decoding each to a JavaScript string and encoding it again took a fifth of this thread's
    // time per article. A UTF-8 byte order mark is dropped, as TextDecoder drops it, so that the
    // core counts the positions of JSON errors from the same byte in both paths.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    write(out, bs[renderJsonBytes](bom ? bytes.subarray(3) : bytes, options, withNewline));
    return hash;
  }
  const input = decodeJsonBytes(bytes);
  if (input.error) throw new BroadsheetError(input.error.message, [input.error]);
  const fragment = bs.renderToString(input.text, options);
  if (!asPage) {
    write(out, `${fragment}\n`);
    return hash;
  }
  pageShell ??= import('./page.js');
  return pageShell.then(async ({ page }) => {
    write(out, await page(fragment, input.text));
    return hash;
  });
}

function write(out, html) {
  // With its separator: a file at the root ("/a.html", "C:\\a.html") is in "/" or "C:\\".
  const folder = out.slice(0, lastSep(out) + 1);
  if (!folders.has(folder)) {
    mkdirSync(folder, { recursive: true });
    folders.add(folder);
  }
  writeAtomically(out, html, `${process.pid}-${threadId}`);
}

parentPort.on('message', async (task) => {
  try {
    bs ??= await loaded;
    if (task.files) {
      const results = [];
      for (const [input, out] of task.files) {
        try {
          const result = renderFile(input, out, task.options, task.page);
          results.push(task.page ? await result : result);
        } catch (error) {
          results.push({ error: failure(error) });
        }
      }
      parentPort.postMessage({ id: task.id, results });
    } else {
      parentPort.postMessage({ id: task.id, html: bs.renderToString(task.article, task.options) });
    }
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: failure(error) });
  }
});
loaded.then(() => parentPort.postMessage({ ready: true }));
