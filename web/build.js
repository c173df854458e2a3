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
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve, sep } from 'node:path';
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

// More threads than this only cost memory (each holds a WebAssembly instance, about 8 MB).
export const MAX_JOBS = 256;

function checkJobs(jobs) {
  if (jobs === undefined) return defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS) {
    throw fail(
      'invalid_argument',
      `jobs must be a whole number from 1 to ${MAX_JOBS}, got ${jobs}`,
    );
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

// Tasks a worker holds at once: when it posts a result its next task is already there, so it never
// waits for this thread (listing, hashing, the other workers' messages) to send one.
const TASKS_PER_WORKER = 2;

// Module-private: the batch entry point buildDirectory uses, not part of the pool's public API.
const renderBatch = Symbol('renderBatch');

// A pool of `jobs` worker threads (default: the number of cores), each with its own instance of
// the core compiled once here. Tasks queue and go to the least busy worker; idle workers do not
// keep the process alive. `wasm`: the module's path or bytes (default dist/broadsheet.wasm).
export function createPool({ jobs, wasm } = {}) {
  const size = checkJobs(jobs);
  const compiled = wasmBytes(wasm).then((bytes) => WebAssembly.compile(bytes));
  const queue = [];
  const workers = new Set();
  const unsettled = new Set();
  let nextId = 1;
  let closed = false;
  // The first error of a worker that never became ready: the core cannot load in a thread.
  let startFailure = null;

  // The process stays alive exactly while a promise of this pool is unsettled, whatever its
  // threads are doing: this timer is referenced then, and the threads never are (terminate()
  // references one until it has stopped). When a thread was referenced while it started or held
  // a task, that rule had to hold on every path (start, failure, respawn, queueing, close); a
  // slip leaves a render pending with nothing holding the event loop, and Node exits with the
  // promise unsettled ("Promise resolution is still pending but the event loop has already
  // resolved" under node:test). One reference counted by the promises themselves cannot slip.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  keepAlive.unref();

  // `lane`: the batches of buildDirectory this worker takes first (see dispatch).
  function spawn(module, lane) {
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), {
      workerData: { wasm: module },
    });
    worker.tasks = new Map();
    worker.lane = lane;
    worker.ready = false;
    worker.on('message', (message) => {
      if (message.ready) {
        worker.ready = true;
      } else {
        const task = worker.tasks.get(message.id);
        worker.tasks.delete(message.id);
        if (message.error) {
          const { message: text, errors } = message.error;
          task.reject(new BroadsheetError(text, errors));
        } else {
          task.resolve(message.results ?? message.html);
        }
      }
      dispatch();
    });
    // A worker that dies (out of memory, a bug) fails its tasks, not the pool: a fresh one replaces it.
    worker.on('error', (error) => {
      if (!worker.ready) startFailure ??= error;
      worker.failure = error;
    });
    worker.on('exit', () => {
      workers.delete(worker);
      const reason = worker.failure?.message ?? 'the worker thread stopped';
      for (const task of worker.tasks.values()) {
        task.reject(fail('render_failed', `broadsheet worker failed: ${reason}`));
      }
      worker.tasks.clear();
      // The core cannot load in a thread (or the pool is closing and its last thread is gone):
      // the queued tasks fail instead of waiting, or of respawning forever.
      if (startFailure || (closed && workers.size === 0)) {
        const why = startFailure?.message ?? 'the pool was closed';
        for (const task of queue.splice(0)) {
          task.reject(fail('wasm_load', `cannot start a broadsheet worker: ${why}`));
        }
        return;
      }
      if (!closed) spawn(module, worker.lane);
      dispatch();
    });
    // After the listeners: adding a 'message' listener references the thread's port again.
    worker.unref();
    workers.add(worker);
    return worker;
  }

  const started = compiled.then((module) => {
    for (let i = 0; i < size; i++) spawn(module, i);
  });

  // Each task goes to the least busy ready worker with room that will take it: a task of a lane
  // (a buildDirectory batch) to the worker of that lane, so that the workers write into
  // different folders; a task of no lane to any. A worker with nothing to do takes a task of
  // another lane rather than wait.
  function dispatch() {
    for (;;) {
      let worker = null;
      let at = -1;
      for (const w of workers) {
        if (!w.ready || w.tasks.size >= TASKS_PER_WORKER) continue;
        if (worker && w.tasks.size >= worker.tasks.size) continue;
        const own = queue.findIndex((t) => t.lane === undefined || t.lane === w.lane);
        const take = own >= 0 || w.tasks.size > 0 ? own : 0;
        if (take >= 0 && take < queue.length) [worker, at] = [w, take];
      }
      if (!worker) return;
      const [task] = queue.splice(at, 1);
      try {
        worker.postMessage(task.message);
      } catch (error) {
        // Options with a function or a symbol in them cannot cross to a thread.
        task.reject(fail('invalid_argument', `cannot send the task to a worker: ${error.message}`));
        continue;
      }
      worker.tasks.set(task.id, task);
    }
  }

  function run(message, lane) {
    if (closed) return Promise.reject(fail('invalid_argument', 'this pool is closed'));
    if (startFailure) {
      return Promise.reject(
        fail('wasm_load', `cannot start a broadsheet worker: ${startFailure.message}`),
      );
    }
    const promise = new Promise((resolvePromise, reject) => {
      const id = nextId++;
      const task = { id, lane, message: { ...message, id }, resolve: resolvePromise, reject };
      queue.push(task);
      started.then(dispatch, (error) => {
        queue.splice(queue.indexOf(task), 1);
        reject(
          error instanceof BroadsheetError
            ? error
            : fail('wasm_load', `cannot load the broadsheet core: ${error?.message ?? error}`),
        );
      });
    });
    unsettled.add(promise);
    keepAlive.ref();
    const forget = () => {
      unsettled.delete(promise);
      if (unsettled.size === 0) keepAlive.unref();
    };
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
    // (hex) of the input bytes.
    async renderFile(input, out, { options, page = false } = {}) {
      if (typeof out !== 'string' || out === '') {
        throw fail('invalid_argument', 'out must be a file path');
      }
      // Resolved here: the worker splits the folder from the name at the last separator.
      const [result] = await run({ files: [[input, resolve(out)]], options, page });
      if (typeof result === 'string') return result;
      throw new BroadsheetError(result.error.message, result.error.errors);
    },
    // Several files in one message (one clone of the options, one reply): each result is the
    // input's SHA-256 or { error: { message, errors } }. Rejects only if the thread dies.
    [renderBatch](files, options, page, lane) {
      return run({ files, options, page }, lane);
    },
    // Waits for the queued tasks, then stops the threads.
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...unsettled]);
      await started.catch(() => {});
      await Promise.all([...workers].map((w) => w.terminate()));
      clearInterval(keepAlive);
    },
  };
}

// `folder` (an absolute path, as resolve() gives it) with a separator at its end, so that a path
// inside it is a concatenation.
const withSeparator = (folder) => (folder.endsWith(sep) ? folder : folder + sep);

// Every *.json file under `dir` (absolute), as paths relative to it with '/' separators, sorted,
// and the folders that could not be read ({file, error}). Names starting with '.' are left out
// (.git, .drafts, editors' files); symbolic links are followed, to files and to folders, each
// folder once (a link back up is not a loop). `skip` is a folder not to enter (the output folder
// when it lies inside the input). The paths are
// built by concatenation, not with path.join and path.relative: those normalise every path again,
// which on a large folder costs the main thread, and the JIT compiling them the helper threads,
// CPU that a build with as many workers as cores takes from the workers.
async function listArticles(dir, skip) {
  const found = [];
  const unreadable = [];
  const visited = new Set();
  async function walk(folder, prefix) {
    let entries;
    try {
      const real = await realpath(folder);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ file: prefix || './', error: fail('read_failed', error.message) });
      return;
    }
    for (const entry of entries) {
      const { name } = entry;
      if (name.startsWith('.')) continue;
      const path = folder + name;
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isFolder = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          // A link to nothing: an article that cannot be read, if it names one.
          if (name.endsWith('.json')) {
            unreadable.push({ file: prefix + name, error: fail('read_failed', error.message) });
          }
          continue;
        }
      }
      if (isFolder) {
        if (path !== skip) await walk(path + sep, `${prefix}${name}/`);
      } else if (isFile && name.endsWith('.json') && name !== MANIFEST) {
        found.push(prefix + name);
      }
    }
  }
  await walk(withSeparator(dir), '');
  return { files: found.sort(), unreadable };
}

// An article's relative name ('/' separators) with this platform's separators.
const native = (file) => (sep === '/' ? file : file.split('/').join(sep));

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

async function readManifest(file) {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    if (
      manifest &&
      typeof manifest.key === 'string' &&
      manifest.files &&
      typeof manifest.files === 'object'
    ) {
      return manifest;
    }
  } catch {
    // No manifest yet, or a damaged one: everything is rendered.
  }
  return { key: '', files: {} };
}

// Whether `file` is a file; false for any error (a folder that became a file, no permission):
// the article is then rendered again and any error is its own.
function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

// The most articles sent to a worker in one message: enough that a message's cost (a clone of the
// options, two thread hops) is small beside the renders, few enough that the progress moves.
const MAX_BATCH = 32;

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
  const outputInfo = await stat(outputDir).catch(() => null);
  if (outputInfo && !outputInfo.isDirectory()) {
    throw fail('invalid_argument', `output ${output} is not a folder`);
  }

  const manifestFile = join(outputDir, MANIFEST);
  const core = await wasmBytes(wasm);
  // Everything besides an article's bytes that its output depends on: a new version, core or
  // stylesheet renders everything again.
  const key = sha256(
    JSON.stringify({ version, page: Boolean(page), options: options ?? null }),
    core,
    page ? await stylesheet() : '',
  );
  const previous = force ? { key: '', files: {} } : await readManifest(manifestFile);
  const reuse = previous.key === key;
  const manifest = { key, version, files: {} };

  const summary = { total: 0, rendered: 0, skipped: 0, failed: 0, errors: [] };
  const progress = () =>
    onProgress?.({
      done: summary.rendered + summary.skipped + summary.failed,
      total: summary.total,
      rendered: summary.rendered,
      skipped: summary.skipped,
      failed: summary.failed,
      elapsed: performance.now() - started,
    });
  const record = (file, result) => {
    if (typeof result === 'string') {
      manifest.files[file] = result;
      summary.rendered++;
    } else {
      summary.failed++;
      for (const e of result.errors) summary.errors.push({ file, ...e });
    }
    progress();
  };

  // The folder is listed first (a few ms for thousands of files), so that no more threads start than
  // there are articles: each costs tens of ms and about 8 MB. With no output to reuse every article
  // is rendered and the threads start at once; otherwise at the first article that needs
  // rendering, and a build with nothing to do starts none.
  const listed = await listArticles(inputDir, outputDir === inputDir ? null : outputDir);
  const { files } = listed;
  // An output folder inside the input is not read as input: articles in it would be left out
  // without a word, so a folder that holds any is refused.
  if (outputDir.startsWith(withSeparator(inputDir)) && outputInfo) {
    const inside = (await listArticles(outputDir, null)).files;
    if (inside.length) {
      throw fail(
        'invalid_argument',
        `output ${output} lies inside the input and holds articles (${inside[0]}), which would ` +
          'not be built: choose an output folder that holds none',
      );
    }
  }
  const workers = Math.max(1, Math.min(size, files.length));
  let pool = reuse || !files.length ? null : createPool({ jobs: workers, wasm: core });
  // Batches sent and not yet answered: at most one more than the workers hold, so the bytes
  // waiting in memory stay few and a worker that finishes has the next batch at once.
  const inFlight = new Set();
  // Two threads writing into one folder take turns on it: on ext4, 2,000 files written (temp file
  // + rename) into one folder by two threads took as long as by one, into two folders 0.6 of it.
  // So the sorted list is cut into one lane per worker, each a stretch of it (of its folders),
  // whose batches the pool gives to that lane's worker while it has any.
  const lanes = Array.from({ length: workers }, () => ({ batch: [], names: [] }));
  const send = (lane) => {
    pool ??= createPool({ jobs: workers, wasm: core });
    const { batch, names: sent } = lane;
    const task = pool[renderBatch](batch, options, page, lanes.indexOf(lane))
      .then(
        (results) => results.forEach((result, i) => record(sent[i], result.error ?? result)),
        // The thread died (out of memory, a bug): every article of its batch failed with it.
        (error) => sent.forEach((file) => record(file, error)),
      )
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    lane.batch = [];
    lane.names = [];
  };
  const inputBase = withSeparator(inputDir);
  const outputBase = withSeparator(outputDir);
  try {
    summary.total = files.length + listed.unreadable.length;
    // A folder or a linked article that could not be read fails like an article; the rest goes on.
    for (const { file, error } of listed.unreadable) record(file, error);
    const laneLength = Math.ceil(files.length / workers);
    let seen = 0;
    for (let k = 0; k < laneLength; k++) {
      for (let l = 0; l < workers; l++) {
        const i = l * laneLength + k;
        if (i >= files.length) continue;
        seen++;
        const file = files[i];
        const source = inputBase + native(file);
        const out = `${outputBase + native(file).slice(0, -'.json'.length)}.html`;
        // Only an article with a record is read here, to compare; the others are read (and hashed)
        // on the worker threads, which keeps this thread from holding back a full build. Read with
        // synchronous calls: this thread waits for each anyway, and they cost a third as much.
        let bytes = null;
        if (reuse && typeof previous.files[file] === 'string') {
          try {
            bytes = readFileSync(source);
          } catch (error) {
            record(file, fail('read_failed', error.message));
            continue;
          }
          const hash = sha256(bytes);
          if (previous.files[file] === hash && isFile(out)) {
            manifest.files[file] = hash;
            summary.skipped++;
            progress();
            continue;
          }
        }
        const lane = lanes[l];
        lane.batch.push([bytes ?? source, out]);
        lane.names.push(file);
        // Smaller batches towards the end, so that the workers finish together.
        const left = files.length - seen;
        if (
          lane.batch.length >= Math.max(1, Math.min(MAX_BATCH, Math.floor(left / (workers * 4))))
        ) {
          send(lane);
          if (inFlight.size > workers * TASKS_PER_WORKER) await Promise.race(inFlight);
        }
      }
    }
    for (const lane of lanes) if (lane.batch.length) send(lane);
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }

  // The manifest lists what is in `output` now: a failed article has no entry, so it is tried
  // again next time. Written atomically, like every output.
  if (summary.total > 0 || isFile(manifestFile)) {
    await mkdir(outputDir, { recursive: true });
    const temp = `${manifestFile}.${process.pid}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(manifest, null, 1)}\n`);
      await rename(temp, manifestFile);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  summary.errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...summary, elapsed: performance.now() - started };
}
