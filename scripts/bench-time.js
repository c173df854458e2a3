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
