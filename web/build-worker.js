// broadsheet — one worker thread of a render pool (web/build.js): its own WASM instance, loaded
// from the module the pool compiled once, rendering one task at a time.
//   { id, article, options }              -> { id, html } | { id, error }
//   { id, file: { input, out }, options, page }  input: the JSON bytes, or a file path to read;
//                                  writes `out` atomically -> { id, html: sha256 of the input }
// `error` is { message, errors }: the BroadsheetError's diagnostics ({code, path, message}).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { BroadsheetError, load } from './index.js';
import { decodeJsonBytes } from './json-bytes.js';
import { page } from './page.js';

// No top-level await (see tests/js/policy.test.js): tasks wait for the instance instead. A core
// that cannot load rejects here, unhandled, which ends the thread with that error for the pool.
const loaded = load({ wasm: workerData.wasm });
let bs = null;
let tempCount = 0;
// Folders this thread has made (or found) already: one mkdir per folder, not per file.
const folders = new Set();

// A reader (a web server, rsync) sees the old file or the new one, never half of one: the bytes go
// to a temporary file in the same folder (so rename stays on one file system) and replace the
// output in one rename.
async function writeAtomically(file, text) {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}-${threadId}-${tempCount++}.tmp`,
  );
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function failure(error) {
  if (error instanceof BroadsheetError) return { message: error.message, errors: error.errors };
  const code = error?.code === undefined ? 'render_failed' : 'write_failed';
  const message = String(error?.message ?? error);
  return { message, errors: [{ code, path: '', message }] };
}

async function renderFile({ input: source, out }, options, asPage) {
  let bytes = source;
  if (typeof source === 'string') {
    try {
      bytes = await readFile(source);
    } catch (error) {
      throw new BroadsheetError(error.message, [
        { code: 'read_failed', path: '', message: error.message },
      ]);
    }
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const input = decodeJsonBytes(bytes);
  if (input.error) throw new BroadsheetError(input.error.message, [input.error]);
  const fragment = bs.renderToString(input.text, options);
  const html = asPage ? await page(fragment, input.text) : `${fragment}\n`;
  if (!folders.has(dirname(out))) {
    await mkdir(dirname(out), { recursive: true });
    folders.add(dirname(out));
  }
  await writeAtomically(out, html);
  return sha256;
}

parentPort.on('message', async (task) => {
  try {
    bs ??= await loaded;
    if (task.file) {
      const sha256 = await renderFile(task.file, task.options, task.page);
      parentPort.postMessage({ id: task.id, html: sha256 });
    } else {
      parentPort.postMessage({ id: task.id, html: bs.renderToString(task.article, task.options) });
    }
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: failure(error) });
  }
});
loaded.then(() => parentPort.postMessage({ ready: true }));
