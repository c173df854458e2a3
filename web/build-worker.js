// broadsheet — one worker thread of a render pool (web/build.js): its own WASM instance, loaded
// from the module the pool compiled once, rendering one task at a time.
//   { id, article, options }              -> { id, html } | { id, error }
//   { id, file: { bytes, out }, options, page } reads nothing: the pool sends the bytes it hashed;
//                                            writes `out` atomically -> { id } | { id, error }
// `error` is { message, errors }: the BroadsheetError's diagnostics ({code, path, message}).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { BroadsheetError, load } from './index.js';
import { decodeJsonBytes } from './json-bytes.js';
import { page } from './page.js';

const bs = await load({ wasm: workerData.wasm });
let tempCount = 0;

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

async function renderFile({ bytes, out }, options, asPage) {
  const input = decodeJsonBytes(bytes);
  if (input.error) throw new BroadsheetError(input.error.message, [input.error]);
  const fragment = bs.renderToString(input.text, options);
  const html = asPage ? await page(fragment, input.text) : `${fragment}\n`;
  await mkdir(dirname(out), { recursive: true });
  await writeAtomically(out, html);
}

parentPort.on('message', async (task) => {
  try {
    if (task.file) {
      await renderFile(task.file, task.options, task.page);
      parentPort.postMessage({ id: task.id });
    } else {
      parentPort.postMessage({ id: task.id, html: bs.renderToString(task.article, task.options) });
    }
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: failure(error) });
  }
});
parentPort.postMessage({ ready: true });
