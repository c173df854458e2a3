// broadsheet bench, cold-start section: the first render a reader waits for on a page that embeds
// one article. broadsheet: load() from the module's bytes, then render() of the whole seed article
// into DOM (layout, furniture, widgets hydrated); the peers: the first render of the seed's body
// alone. Each run launches a fresh Chromium (nothing compiled or cached by an earlier run) and
// opens one page per contender, in an order that rotates from run to run; the page
// (scripts/bench-cold-page.js) has already loaded the contender's JavaScript and fetched its
// bytes, so network time is left out. A second fresh Chromium per run repeats the pages under a
// DevTools trace for the main thread's CPU time and its compile work, which say where the time
// goes and vary less than the clock on a busy machine. Run alone with
// `node scripts/bench.mjs --only=cold-start`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTENDERS = [
  ['broadsheet', 'broadsheet load() from bytes + render() of the seed article'],
  ['markdownIt', 'markdown-it + DOMPurify first render of the seed body'],
  ['md4w', 'md4w init() from bytes + first render of the body (NOT sanitized)'],
];

const TRACE_CATEGORIES = [
  'toplevel',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.compile',
];

// The renderer main thread's CPU time (`tdur`) between the page's cold-start and cold-end marks:
// the scheduler's tasks that overlap them, each counted for the share of its wall time inside the
// marks, and
// within that the time spent compiling WebAssembly functions on their first call and JavaScript
// functions.
function mainThreadCpu({ traceEvents }) {
  const mark = (name) => traceEvents.find((e) => e.name === name && e.cat === 'blink.user_timing');
  const start = mark('cold-start');
  const end = mark('cold-end');
  if (!start || !end) throw new Error('cold start: the trace has no cold-start/cold-end marks');
  const main = `${start.pid}:${start.tid}`;
  const inside = (e) => {
    const overlap = Math.min(e.ts + e.dur, end.ts) - Math.max(e.ts, start.ts);
    return overlap > 0 ? ((e.tdur ?? e.dur) * overlap) / Math.max(e.dur, 1) : 0;
  };
  const onMain = traceEvents
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const sum = (list) => list.reduce((ms, e) => ms + inside(e) / 1000, 0);
  // The scheduler's outermost events (tasks, microtask checkpoints) cover all of the thread's work.
  const tasks = [];
  for (const e of onMain.filter((e) => e.cat.split(',').includes('toplevel'))) {
    const last = tasks[tasks.length - 1];
    if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
  }
  return {
    cpu: sum(tasks),
    wasmCompile: sum(onMain.filter((e) => e.name === 'wasm.CompileLazy')),
    wasmFunctions: traceEvents.filter(
      (e) => e.name === 'wasm.CompileLazy' && e.ts >= start.ts && e.ts <= end.ts,
    ).length,
    jsCompile: sum(onMain.filter((e) => e.name === 'V8.CompileCode')),
    // WebAssembly functions V8 compiled again with TurboFan during the render (on a background
    // thread, competing with the main thread for the cores): none since scripts/stage_json.mjs.
    tierUps: traceEvents.filter(
      (e) =>
        e.name === 'wasm.TopTierCompilation' && e.ts < end.ts && e.ts + (e.dur ?? 0) > start.ts,
    ).length,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchColdStart({ root, quick }) {
  const chromium = process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `\nCold start: skipped (${chromium} missing; bash scripts/bootstrap.sh installs it)`,
    );
    return;
  }
  const { launch, openPage, serveRoot } = await import('../tests/browser/chromium.js');
  const seedJson = readFileSync(join(root, 'examples/seed-china-belarus.json'), 'utf8');
  const seed = JSON.parse(seedJson);
  const body = Array.isArray(seed.body)
    ? seed.body
        .filter((b) => b.type === 'markdown')
        .map((b) => b.text)
        .join('\n\n')
    : seed.body;
  const server = await serveRoot({
    routes: {
      '/cold-start.html': (req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cold start</title>
<script type="module" src="/scripts/bench-cold-page.js"></script></head><body></body></html>`,
        ),
    },
  });
  // One page for contender `id`: the wall-clock figure, or, when `traced`, the main thread's CPU
  // time from a DevTools trace (steadier than wall-clock time on a busy machine) and how much of it
  // went to compiling: WebAssembly functions on their first call, JavaScript functions.
  async function coldPage(browser, id, traced) {
    const { page, events } = await openPage(browser, `${server.url}/cold-start.html`);
    await page.waitForFunction(() => window.__ready === true);
    await page.evaluate(([c, s, b]) => window.__prepare(c, s, b), [id, seedJson, body]);
    if (traced) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const result = await page.evaluate(() => window.__run());
    if (traced) Object.assign(result, mainThreadCpu(JSON.parse(await browser.stopTracing())));
    if (events.errors.length) throw new Error(events.errors.join('\n'));
    await page.close();
    return result;
  }

  const runs = quick ? 3 : 9;
  const results = new Map(CONTENDERS.map(([id]) => [id, []]));
  const traces = new Map(CONTENDERS.map(([id]) => [id, []]));
  let version = '';
  try {
    for (let r = 0; r < runs; r++) {
      // A browser for the clock and another for the traces, so that no page finds a module or a
      // script that an earlier page of the same browser compiled.
      for (const [into, traced] of [
        [results, false],
        [traces, true],
      ]) {
        const browser = await launch();
        version = browser.version();
        try {
          for (let i = 0; i < CONTENDERS.length; i++) {
            const [id] = CONTENDERS[(r + i) % CONTENDERS.length];
            into.get(id).push(await coldPage(browser, id, traced));
          }
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await server.close();
  }
  console.log(
    `\nCold start in Chromium ${version}: a fresh browser per run, one page per contender ` +
      `(median of ${runs} runs, ms; ratio = peer / broadsheet)`,
  );
  const base = median(results.get('broadsheet').map((x) => x.ms));
  for (const [id, name] of CONTENDERS) {
    const list = results.get(id);
    const ms = median(list.map((x) => x.ms));
    const split =
      id === 'markdownIt'
        ? ''
        : `  (load ${median(list.map((x) => x.load)).toFixed(1)}, render ${median(list.map((x) => x.render)).toFixed(1)})`;
    const ratio = id === 'broadsheet' ? '' : `  x${(ms / base).toFixed(2)}`;
    console.log(`    ${name.padEnd(66)} ${ms.toFixed(1).padStart(6)} ms${ratio}${split}`);
  }
  console.log(
    '\n  Main-thread CPU time of the same, from DevTools traces in separate browsers (median ms;\n' +
      '  compiling: WebAssembly functions on their first call, and JavaScript functions; tier-ups:\n' +
      '  WebAssembly functions compiled again with TurboFan during the render)',
  );
  const cpuBase = median(traces.get('broadsheet').map((x) => x.cpu));
  for (const [id, name] of CONTENDERS) {
    const list = traces.get(id);
    const cpu = median(list.map((x) => x.cpu));
    const ratio = id === 'broadsheet' ? '' : `  x${(cpu / cpuBase).toFixed(2)}`;
    const wasm = median(list.map((x) => x.wasmCompile));
    const functions = median(list.map((x) => x.wasmFunctions));
    const js = median(list.map((x) => x.jsCompile));
    const tierUps = median(list.map((x) => x.tierUps));
    const detail = `  (WebAssembly ${wasm.toFixed(1)} for ${functions} functions, JavaScript ${js.toFixed(1)}; ${tierUps} tier-ups)`;
    console.log(`    ${name.padEnd(66)} ${cpu.toFixed(1).padStart(6)} ms${ratio}${detail}`);
  }
}
