// broadsheet bench, bulk section (bench-bulk.js): what two threads get from this machine when they
// share nothing. THREADS worker threads each load the core, warm up, wait for the others, then
// render the same article RENDERS times; standard output is the timed stretch's wall time (ms) as
// JSON. No files, no pool, no start-up in the timing: the most --jobs 2 could gain over --jobs 1
// here, which a virtual machine's two cores (host threads that other guests share) can put well
// below 2.
//   node scripts/bench-bulk-ceiling.js THREADS RENDERS
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const WARM_UP = 400;

if (isMainThread) {
  const [threads, renders] = process.argv.slice(2).map(Number);
  const wasm = readFileSync(new URL('../dist/broadsheet.wasm', import.meta.url));
  const module = await WebAssembly.compile(wasm);
  // [threads ready, go]: each thread counts itself in, then all start on one notify.
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL(import.meta.url), { workerData: { module, gate, renders } }),
  );
  const done = workers.map((w) => new Promise((resolve) => w.once('message', resolve)));
  while (Atomics.load(gate, 0) < threads) await new Promise((resolve) => setTimeout(resolve, 1));
  const start = performance.now();
  Atomics.store(gate, 1, 1);
  Atomics.notify(gate, 1);
  await Promise.all(done);
  process.stdout.write(JSON.stringify({ wall: performance.now() - start }));
  await Promise.all(workers.map((w) => w.terminate()));
} else {
  const { module, gate, renders } = workerData;
  const { load } = await import('../web/index.js');
  const bs = await load({ wasm: module });
  const article = readFileSync(new URL('../examples/seed-china-belarus.json', import.meta.url));
  const text = article.toString('utf8');
  for (let i = 0; i < WARM_UP; i++) bs.renderToString(text);
  Atomics.add(gate, 0, 1);
  Atomics.wait(gate, 1, 0);
  for (let i = 0; i < renders; i++) bs.renderToString(text);
  parentPort.postMessage('done');
}
