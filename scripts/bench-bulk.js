// broadsheet bench, bulk section: buildDirectory() (what `broadsheet build` runs) on 2,000
// generated articles in 20 folders, with 1 and 2 worker threads, and a rebuild with nothing
// changed. Run alone with `node scripts/bench.mjs --only=bulk`. Each build runs in a process of
// its own (bench-bulk-build.js), as `broadsheet build` does: in one process, the builds after the
// first found V8's compiled code of the earlier ones (the main thread's JavaScript, the core's
// optimised functions): 150-300 ms less CPU in V8's compiler threads and 60-80 ms less on the
// main thread, which a CLI run never finds and which favoured --jobs 2.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

// Articles in a build: issue 12's figure; `--articles=N` times a longer one, in which the pool's
// start and each worker's warm-up weigh less.
const ARTICLES = 2000;
const FOLDERS = 20;

// Articles that differ from each other (headline, a paragraph) around the seed's body, so that no
// two inputs are the same bytes and each is a realistic news page.
function writeArticles(root, dir, articles) {
  const seed = JSON.parse(readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8'));
  for (let i = 0; i < articles; i++) {
    const folder = join(dir, `section-${i % FOLDERS}`);
    if (i < FOLDERS) mkdirSync(folder, { recursive: true });
    const article = {
      ...seed,
      headline: `${seed.headline} (${i + 1})`,
      body: [
        { type: 'markdown', text: `Update **${i + 1}**: see [the archive](/archive/${i}).` },
        ...(Array.isArray(seed.body) ? seed.body : [{ type: 'markdown', text: seed.body }]),
      ],
    };
    writeFileSync(join(folder, `article-${i}.json`), JSON.stringify(article));
  }
}

// What the disk charges for the writes a build makes, measured apart from any build: one thread
// writes 500 files of 7 KB as a worker does (temporary file, then rename). On an ext4 file system
// without a journal, as on the machine these figures come from, creating a file first steps over
// every inode of its block group that was freed in the last minute, or six while that inode's
// table block is unwritten (recently_deleted() in fs/ext4/ialloc.c), one by one, and the threads
// that create files take turns on those blocks: on a disk where other programs delete files
// (builds, browsers, tests) a write costs 3-10x its CPU of a quiet moment, and two threads gain
// little over one, whatever the build does. The figure says which of the two a run met.
function probeFileSystem(dir) {
  const folder = join(dir, 'probe');
  mkdirSync(folder);
  const html = 'x'.repeat(7300);
  const before = process.cpuUsage();
  for (let i = 0; i < 500; i++) {
    const file = join(folder, `article-${i}.html`);
    writeFileSync(`${file}.tmp`, html);
    renameSync(`${file}.tmp`, file);
  }
  const { user, system } = process.cpuUsage(before);
  return { cpu: (user + system) / 500, system: system / 500 };
}

function printProbe(disk, folder) {
  console.log(
    `    on the disk (${folder}): a 7 KB write, temporary file + rename, ` +
      `${disk.cpu.toFixed(0)} µs CPU (${disk.system.toFixed(0)} in the kernel; 30-50 µs when ` +
      'nothing deleted files lately)',
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// One buildDirectory() in a fresh Node process: its summary, the CPU of all its threads during
// the build, and that CPU split by thread (bench-bulk-build.js).
function buildInProcess(root, input, output, jobs) {
  const script = join(root, 'scripts/bench-bulk-build.js');
  const args = [script, input, output, String(jobs)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
}

// A memory-backed folder (Linux's /dev/shm, a tmpfs) for the timed rounds, when there is one: the
// articles are read and the pages written there, so that the rounds measure the build (its
// threads, renders, hashing, writes through the kernel) and not the state of a disk, which on this
// machine moves a build's time by 2-5x with whatever deleted files in the minutes before
// (probeFileSystem), the bench's own earlier rounds and runs included. One pair of builds on the
// disk follows, printed apart, with the disk's state.
function memoryFolder(articles) {
  try {
    // Room for the articles and two sites at a time (about 23 KB per article, 45 MB for 2,000; a
    // container's /dev/shm may be 64 MB in all), with a margin.
    const { bavail, bsize } = statfsSync('/dev/shm');
    const room = Math.max(256 * 2 ** 20, articles * 128 * 2 ** 10);
    if (process.platform === 'linux' && bavail * bsize > room) {
      return mkdtempSync('/dev/shm/broadsheet-bench-bulk-');
    }
  } catch {
    // no such folder, or not writable: the disk it is
  }
  return null;
}

// The machine's own ceiling for the ratio below (bench-bulk-ceiling.js): two threads rendering
// with nothing shared against one, timed after their warm-up, each run in a fresh process,
// alternating. On this project's 2-core virtual machine two such threads got 1.3-1.7x one, not
// 2x: its two cores slow each other down (host threads shared with other guests).
function ceiling(root, rounds) {
  const script = join(root, 'scripts/bench-bulk-ceiling.js');
  const renders = 2000;
  const walls = { 1: [], 2: [] };
  for (let r = 0; r < rounds; r++) {
    for (const threads of r % 2 ? [2, 1] : [1, 2]) {
      const out = execFileSync(process.execPath, [script, String(threads), String(renders)], {
        encoding: 'utf8',
      });
      walls[threads].push(JSON.parse(out).wall);
    }
  }
  const one = median(walls[1]);
  const two = median(walls[2]);
  console.log(
    `    the machine's ceiling: ${renders} renders of the seed in one thread ${one.toFixed(0)} ms, ` +
      `in each of two threads at once ${two.toFixed(0)} ms: x${((2 * one) / two).toFixed(2)} ` +
      `(median of ${rounds}; no files, no start-up)`,
  );
}

export async function benchBulk({ root, quick, articles = ARTICLES }) {
  const rounds = quick ? 1 : 5;
  const memory = memoryFolder(articles);
  const diskDir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-bulk-'));
  const dir = memory ?? diskDir;
  try {
    const input = join(dir, 'articles');
    writeArticles(root, input, articles);
    console.log(
      `\nBulk: buildDirectory() of ${articles} articles in ${FOLDERS} folders (median of ${rounds}; ` +
        'each build in a fresh process; a full build starts its pool, writes into an empty folder)',
    );
    // Wall time is what a user waits for, but with other processes on the machine, --jobs 2 can
    // only be as fast as the cores it gets: the load average and the CPU time (all threads) say
    // how much it got.
    const load = loadavg()[0].toFixed(1);
    console.log(`    (${availableParallelism()} cores, load average ${load} at the start)`);
    console.log(
      memory
        ? `    (articles and pages in memory, ${dir}: a tmpfs; the same builds on the disk follow)`
        : `    (articles and pages on the disk, ${dir}: no memory-backed folder here)`,
    );
    if (!memory) printProbe(probeFileSystem(diskDir), diskDir);
    // The rounds alternate (1 2, 2 1, 1 2): a change in the machine's load falls on both.
    const times = { 1: [], 2: [] };
    const cpu = { 1: [], 2: [] };
    const split = { 1: [], 2: [] };
    for (let r = 0; r < rounds; r++) {
      for (const jobs of r % 2 ? [2, 1] : [1, 2]) {
        // Each round into an empty folder, as a first build (a migration, a new site) writes.
        // Over existing outputs each atomic replace costs more than the render on this
        // machine's ext4 (2,000 temp+rename writes of 7 KB: 0.5 s into an empty folder, 1.6-4.8 s
        // over existing files: each rename frees the replaced file's inode, which every later
        // create then steps over, see probeFileSystem), and that time does not shrink with more
        // threads.
        const output = join(dir, `site-${jobs}-${r}`);
        const run = buildInProcess(root, input, output, jobs);
        const { summary } = run;
        if (summary.failed) throw new Error(`bench: ${summary.failed} articles failed`);
        times[jobs].push(summary.elapsed);
        cpu[jobs].push(run.cpu);
        if (run.split) split[jobs].push(run.split);
        // In memory, a round's site goes once timed (the rebuild below reads site-2-0): two
        // sites at most at a time. On a disk they stay to the end, since each deletion would
        // slow the next round's creates (probeFileSystem).
        if (memory && output !== join(dir, 'site-2-0')) rmSync(output, { recursive: true });
      }
    }
    const full = {};
    for (const jobs of [1, 2]) {
      full[jobs] = median(times[jobs]);
      const rate = articles / (full[jobs] / 1000);
      const cpuPerArticle = median(cpu[jobs]) / articles;
      console.log(
        `    full build, --jobs ${jobs}  ${full[jobs].toFixed(0).padStart(7)} ms  ${rate.toFixed(0).padStart(6)} articles/s  ` +
          `${cpuPerArticle.toFixed(2)} ms CPU per article`,
      );
      // The split of the round with the median worker CPU, in ms per article: what the main
      // thread and the helpers take from the cores the workers need.
      const mid = split[jobs].sort((a, b) => a.workers - b.workers)[split[jobs].length >> 1];
      if (mid) {
        const per = (ms) => (ms / articles).toFixed(2);
        console.log(
          `      of which workers ${per(mid.workers)} (file system ${per(mid.workersSystem)}), ` +
            `main thread ${per(mid.main)}, helper threads ${per(mid.helpers)}`,
        );
      }
    }
    const rebuilds = [];
    for (let r = 0; r < rounds; r++) {
      const { summary } = buildInProcess(root, input, join(dir, 'site-2-0'), 2);
      if (summary.skipped !== articles) throw new Error('bench: the rebuild rendered articles');
      rebuilds.push(summary.elapsed);
    }
    const rebuild = median(rebuilds);
    console.log(
      `    rebuild, nothing changed ${rebuild.toFixed(0).padStart(7)} ms  (all ${articles} skipped)`,
    );
    console.log(`    --jobs 2 / --jobs 1 articles per second: x${(full[1] / full[2]).toFixed(2)}`);
    console.log(`    rebuild / full build (--jobs 2) time:    ${(rebuild / full[2]).toFixed(3)}`);
    ceiling(root, rounds);
    if (memory) {
      // The same two builds once each on the disk (the articles read from memory), after a probe
      // of what a write costs there now.
      printProbe(probeFileSystem(diskDir), diskDir);
      const onDisk = {};
      for (const jobs of [1, 2]) {
        const { summary } = buildInProcess(root, input, join(diskDir, `site-${jobs}`), jobs);
        if (summary.failed) throw new Error(`bench: ${summary.failed} articles failed`);
        onDisk[jobs] = summary.elapsed;
      }
      console.log(
        `      full build, --jobs 1 ${onDisk[1].toFixed(0)} ms, --jobs 2 ${onDisk[2].toFixed(0)} ms: ` +
          `x${(onDisk[1] / onDisk[2]).toFixed(2)} (one build each)`,
      );
    }
    console.log(`    (load average ${loadavg()[0].toFixed(1)} at the end)`);
  } finally {
    if (memory) rmSync(memory, { recursive: true, force: true });
    rmSync(diskDir, { recursive: true, force: true });
  }
}
