// broadsheet bench, bulk section (bench-bulk.js): one buildDirectory() in this process, as
// `broadsheet build` runs one, and on standard output as JSON its summary, the CPU (ms) of all
// this process's threads during the build, and that CPU split by thread.
//   node scripts/bench-bulk-build.js INPUT OUTPUT JOBS
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { buildDirectory } from '../web/build.js';

// CPU milliseconds of each thread of this process so far (Linux: /proc/self/task/*/stat, user +
// system ticks of 10 ms), by thread id, as [all, system]. Node 20 has no per-thread CPU call.
function threadCpu() {
  const found = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const system = Number(fields[12]) * 10;
      found.set(tid, [Number(fields[11]) * 10 + system, system]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return found;
}

// Runs build() and splits the process's CPU between the main thread, the threads that started
// during it and did real work (the pool's workers) and the rest (libuv's and V8's helpers), and
// gives the workers' system time apart: in a worker that is the file system's (open, write,
// rename). The threads are read every 100 ms, since a worker's figures go with it when it ends.
async function cpuByThread(build) {
  if (!existsSync('/proc/self/task')) return { result: await build(), split: null };
  const before = threadCpu();
  const last = new Map(before);
  const poll = setInterval(() => {
    for (const [tid, ms] of threadCpu()) last.set(tid, ms);
  }, 100);
  const result = await build();
  clearInterval(poll);
  for (const [tid, ms] of threadCpu()) last.set(tid, ms);
  const split = { main: 0, workers: 0, workersSystem: 0, helpers: 0 };
  for (const [tid, [ms, system]] of last) {
    const [msBefore, systemBefore] = before.get(tid) ?? [0, 0];
    const used = ms - msBefore;
    if (tid === String(process.pid)) split.main += used;
    else if (!before.has(tid) && used >= 100) {
      split.workers += used;
      split.workersSystem += system - systemBefore;
    } else split.helpers += used;
  }
  return { result, split };
}

const [input, output, jobs] = process.argv.slice(2);
// libuv starts its file-system threads at the first asynchronous call: here, so that they are not
// taken for the build's workers.
await readFile(new URL('../package.json', import.meta.url));
const before = process.cpuUsage();
const run = await cpuByThread(() => buildDirectory({ input, output, jobs: Number(jobs) }));
const used = process.cpuUsage(before);
const { total, rendered, skipped, failed, elapsed } = run.result;
const summary = { total, rendered, skipped, failed, elapsed };
process.stdout.write(
  JSON.stringify({ summary, cpu: (used.user + used.system) / 1000, split: run.split }),
);
