// The benchmark's clock, shared by its Node half (scripts/bench.mjs) and its Chromium half
// (scripts/bench-page.js): warm up, grow the batch until it lasts ~40 ms, then time `rounds` such
// batches and return the median milliseconds per call. No imports: it runs in both.
export function time(fn, text, rounds) {
  for (let i = 0; i < 5; i++) fn(text);
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(text);
    if (performance.now() - t0 > 40 || n > 1e6) break;
    n *= 2;
  }
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(text);
    times.push((performance.now() - t0) / n);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

// Before/after in one process: each of `fns` (the same work on different builds) in batches of a
// fixed size (the first one lasting ~10 ms on `clock`), `rounds` times, the order alternating from
// round to round so that a slow moment of a shared machine falls on all alike. Returns the median
// milliseconds per call of each. Short, many, alternating batches: on a loaded machine, long batches
// timed one build after the other differed by up to 30% between runs.
export function alternate(fns, rounds, clock = () => performance.now()) {
  // Warm up for 50 ms each, so that the batch is sized on optimized code, not on its first calls.
  for (const fn of fns) {
    const t0 = clock();
    do fn();
    while (clock() - t0 < 50);
  }
  let n = 1;
  for (;;) {
    const t0 = clock();
    for (let i = 0; i < n; i++) fns[0]();
    if (clock() - t0 > 10 || n > 1e6) break;
    n *= 2;
  }
  const times = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = [...fns.keys()];
    if (r % 2) order.reverse();
    for (const k of order) {
      const t0 = clock();
      for (let i = 0; i < n; i++) fns[k]();
      times[k].push((clock() - t0) / n);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
}

// The Markdown sections' contenders on one text, in the order given: the first `paired` of them
// (broadsheet, md4w and in Node markdown-it + sanitize-html: the peers the speed targets name) in
// alternating batches, so that a slow moment of the machine falls on all of them (timed one after
// the other, broadsheet's ratio to md4w swung by up to 2x between two runs on a quiet machine);
// the other JavaScript peers, up to 100x slower, one after the other.
export function timeContenders(fns, text, rounds, paired = 2) {
  const alike = alternate(
    fns.slice(0, paired).map((fn) => () => fn(text)),
    rounds * 3,
  );
  return [...alike, ...fns.slice(paired).map((fn) => time(fn, text, rounds))];
}
