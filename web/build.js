// broadsheet/build — rendering many articles at once, in Node: a pool of worker threads with one
// WASM instance each (web/build-worker.js), and a folder build on top of it that the CLI's
// `broadsheet build` runs. Not part of what a browser fetches.
//
//   const pool = createPool({ jobs: 4 });
//   const html = await pool.render(article, options);   // the same HTML as renderToString
//   await pool.close();
//
//   const summary = await buildDirectory({ input: 'articles', output: 'site' });
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BroadsheetError, fail } from './core.js';
import { version } from './index.js';
import { stylesheet } from './page.js';

const DEFAULT_WASM = new URL('../dist/broadsheet.wasm', import.meta.url);

// The manifest a build keeps in its output folder: what each output was rendered from.
export const MANIFEST = '.broadsheet-build.json';

export function defaultJobs() {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

function checkJobs(jobs) {
  if (jobs === undefined) return defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw fail('invalid_argument', `jobs must be a whole number from 1, got ${jobs}`);
  }
  return jobs;
}

async function wasmBytes(wasm) {
  if (wasm === undefined || typeof wasm === 'string' || wasm instanceof URL) {
    return new Uint8Array(await readFile(wasm ?? DEFAULT_WASM));
  }
  if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) {
    return wasm instanceof ArrayBuffer
      ? new Uint8Array(wasm)
      : new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  }
  throw fail('invalid_argument', 'wasm must be a file path, a file: URL or the module bytes');
}

// A pool of `jobs` worker threads (default: the number of cores), each with its own instance of
// the core compiled once here. Tasks queue and go to the first idle worker; idle workers do not
// keep the process alive. `wasm`: the module's path or bytes (default dist/broadsheet.wasm).
export function createPool({ jobs, wasm } = {}) {
  const size = checkJobs(jobs);
  const compiled = wasmBytes(wasm).then((bytes) => WebAssembly.compile(bytes));
  const queue = [];
  const idle = [];
  const workers = new Set();
  const pending = new Map();
  const unsettled = new Set();
  let nextId = 1;
  let closed = false;
  // The first error of a worker that never became ready: the core cannot load in a thread.
  let startFailure = null;

  function spawn(module) {
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), {
      workerData: { wasm: module },
    });
    worker.current = null;
    worker.ready = false;
    worker.on('message', (message) => {
      if (message.ready) {
        worker.ready = true;
        idle.push(worker);
        worker.unref();
        dispatch();
        return;
      }
      const task = pending.get(message.id);
      pending.delete(message.id);
      worker.current = null;
      idle.push(worker);
      worker.unref();
      if (message.error) {
        const { message: text, errors } = message.error;
        task.reject(new BroadsheetError(text, errors));
      } else {
        task.resolve(message.html);
      }
      dispatch();
    });
    // A worker that dies (out of memory, a bug) fails its task, not the pool: a fresh one replaces it.
    worker.on('error', (error) => {
      if (!worker.ready) startFailure ??= error;
      worker.failure = error;
    });
    worker.on('exit', () => {
      workers.delete(worker);
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
      const task = worker.current && pending.get(worker.current);
      if (task) {
        pending.delete(worker.current);
        const reason = worker.failure?.message ?? 'the worker thread stopped';
        task.reject(fail('render_failed', `broadsheet worker failed: ${reason}`));
      }
      // The core cannot load in a thread (or the pool is closing and its last thread is gone):
      // the queued tasks fail instead of waiting, or of respawning forever.
      if (startFailure || (closed && workers.size === 0)) {
        const reason = startFailure?.message ?? 'the pool was closed';
        for (const t of queue.splice(0)) {
          pending.delete(t.id);
          t.reject(fail('wasm_load', `cannot start a broadsheet worker: ${reason}`));
        }
        return;
      }
      if (!closed) workers.add(spawn(module));
    });
    workers.add(worker);
    return worker;
  }

  const started = compiled.then((module) => {
    for (let i = 0; i < size; i++) spawn(module);
  });

  function dispatch() {
    while (idle.length && queue.length) {
      const worker = idle.shift();
      const task = queue.shift();
      worker.current = task.id;
      worker.ref();
      try {
        worker.postMessage(task.message);
      } catch (error) {
        // Options with a function or a symbol in them cannot cross to a thread.
        pending.delete(task.id);
        worker.current = null;
        idle.push(worker);
        worker.unref();
        task.reject(fail('invalid_argument', `cannot send the task to a worker: ${error.message}`));
      }
    }
  }

  function run(message) {
    if (closed) return Promise.reject(fail('invalid_argument', 'this pool is closed'));
    if (startFailure) {
      return Promise.reject(
        fail('wasm_load', `cannot start a broadsheet worker: ${startFailure.message}`),
      );
    }
    const promise = new Promise((resolvePromise, reject) => {
      const id = nextId++;
      const task = { id, message: { ...message, id }, resolve: resolvePromise, reject };
      pending.set(id, task);
      queue.push(task);
      started.then(dispatch, (error) => {
        pending.delete(id);
        queue.splice(queue.indexOf(task), 1);
        reject(
          error instanceof BroadsheetError
            ? error
            : fail('wasm_load', `cannot load the broadsheet core: ${error?.message ?? error}`),
        );
      });
    });
    unsettled.add(promise);
    const forget = () => unsettled.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  return {
    size,
    // The article (object or JSON string) as an HTML fragment, rendered on a worker thread; rejects
    // with a BroadsheetError as renderToString throws one.
    render(article, options) {
      return run({ article, options });
    },
    // Renders article JSON, its bytes or a file path to read on the worker thread, and writes the
    // fragment, or with `page` a complete document, to `out` atomically. Resolves to the SHA-256
    // (hex) of the input bytes. Used by buildDirectory.
    renderFile(input, out, { options, page = false } = {}) {
      return run({ file: { input, out }, options, page });
    },
    // Waits for the queued tasks, then stops the threads.
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...unsettled]);
      await started.catch(() => {});
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

// Every *.json file under `dir`, as paths relative to it with '/' separators, sorted. `skip` is a
// folder not to enter (the output folder when it lies inside the input).
async function listArticles(dir, skip) {
  const found = [];
  async function walk(folder) {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (path !== skip) await walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.json') && entry.name !== MANIFEST) {
        found.push(relative(dir, path).split(sep).join('/'));
      }
    }
  }
  await walk(dir);
  return found.sort();
}

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

async function readManifest(file) {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    if (manifest && typeof manifest.key === 'string' && typeof manifest.files === 'object') {
      return manifest;
    }
  } catch {
    // No manifest yet, or a damaged one: everything is rendered.
  }
  return { key: '', files: {} };
}

async function exists(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

// Renders every article JSON under `input` (recursively) to `output`, keeping the folder structure:
// input/x/y.json -> output/x/y.html. Skips an article whose bytes, and the options, broadsheet
// version and core module, are those of the last build into `output` and whose output is still
// there (`force`: render all). Never stops at a bad article: each failure is in `errors`
// ({file, code, path, message}). onProgress({done, total, rendered, skipped, failed, elapsed}) is
// called after each article. Returns {total, rendered, skipped, failed, errors, elapsed} (ms).
export async function buildDirectory({
  input,
  output,
  jobs,
  page = false,
  force = false,
  options,
  wasm,
  onProgress,
} = {}) {
  if (typeof input !== 'string' || typeof output !== 'string') {
    throw fail('invalid_argument', 'input and output must be folder paths');
  }
  const size = checkJobs(jobs);
  const started = performance.now();
  const inputDir = resolve(input);
  const outputDir = resolve(output);
  let info;
  try {
    info = await stat(inputDir);
  } catch {
    throw fail('invalid_argument', `input folder ${input} does not exist`);
  }
  if (!info.isDirectory()) throw fail('invalid_argument', `input ${input} is not a folder`);

  const files = await listArticles(inputDir, outputDir === inputDir ? null : outputDir);
  const manifestFile = join(outputDir, MANIFEST);
  // Everything besides an article's bytes that its output depends on: a new version, core or
  // stylesheet renders everything again.
  const key = sha256(
    JSON.stringify({ version, page: Boolean(page), options: options ?? null }),
    await wasmBytes(wasm),
    page ? await stylesheet() : '',
  );
  const previous = force ? { key: '', files: {} } : await readManifest(manifestFile);
  const reuse = previous.key === key;
  const manifest = { key, version, files: {} };

  const summary = { total: files.length, rendered: 0, skipped: 0, failed: 0, errors: [] };
  const progress = () =>
    onProgress?.({
      done: summary.rendered + summary.skipped + summary.failed,
      total: summary.total,
      rendered: summary.rendered,
      skipped: summary.skipped,
      failed: summary.failed,
      elapsed: performance.now() - started,
    });

  // Started at the first article that needs rendering: a build with nothing to do starts no thread.
  let pool = null;
  // Bytes waiting for a worker are held in memory: at most a few per worker at a time.
  const inFlight = new Set();
  try {
    for (const file of files) {
      const source = join(inputDir, file);
      const out = join(outputDir, file.replace(/\.json$/, '.html'));
      // Only an article with a record is read here, to compare; the others are read (and hashed)
      // on the worker threads, which keeps this thread from holding back a full build.
      let bytes = null;
      if (reuse && typeof previous.files[file] === 'string') {
        try {
          bytes = await readFile(source);
        } catch (error) {
          summary.failed++;
          summary.errors.push({ file, code: 'read_failed', path: '', message: error.message });
          progress();
          continue;
        }
        const hash = sha256(bytes);
        if (previous.files[file] === hash && (await exists(out))) {
          manifest.files[file] = hash;
          summary.skipped++;
          progress();
          continue;
        }
      }
      pool ??= createPool({ jobs: size, wasm });
      const task = pool
        .renderFile(bytes ?? source, out, { options, page })
        .then(
          (hash) => {
            manifest.files[file] = hash;
            summary.rendered++;
          },
          (error) => {
            summary.failed++;
            const errors = error.errors?.length
              ? error.errors
              : [{ code: 'render_failed', path: '', message: String(error?.message ?? error) }];
            for (const e of errors) summary.errors.push({ file, ...e });
          },
        )
        .finally(() => {
          inFlight.delete(task);
          progress();
        });
      inFlight.add(task);
      if (inFlight.size >= size * 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }

  // The manifest lists what is in `output` now: a failed article has no entry, so it is tried
  // again next time. Written atomically, like every output.
  if (files.length > 0 || (await exists(manifestFile))) {
    await mkdir(outputDir, { recursive: true });
    const temp = `${manifestFile}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(manifest, null, 1)}\n`);
    await rename(temp, manifestFile).catch(async (error) => {
      await rm(temp, { force: true });
      throw error;
    });
  }
  summary.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...summary, elapsed: performance.now() - started };
}
