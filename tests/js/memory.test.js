// WASM memory stays flat: after three passes over every kind of call (articles as HTML and DOM,
// 240 KiB of Markdown, validate, bad JSON, bad options, too-deep input), which grow the memory the
// instance starts with (1 MiB) to what the largest call needs, 2,000 more calls of the same kinds
// must not grow it. memory.buffer.byteLength can only grow, so a leak of the
// result block, the input copy or anything the core keeps between calls shows as growth here
// (a result block left unfreed grows it by about 100 MiB over these 2,000 calls). `npm run bench`
// runs the same mix 10,000 times (scripts/bench-render.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { loadBuild, memoryMix } from '../../scripts/bench-render.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('WASM memory does not grow over 2,000 mixed renders after a warm-up', async () => {
  const { bs, memoryBytes } = await loadBuild(root);
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  const mix = memoryMix(root, bs, document);
  const start = memoryBytes();
  for (let round = 0; round < 3; round++) for (const call of mix) call();
  const warm = memoryBytes();
  assert.ok(warm > start, 'the warm-up grows the memory: the mix holds a call larger than it');
  const seen = [];
  for (let i = 1; i <= 2000; i++) {
    mix[i % mix.length]();
    if (i % 500 === 0) seen.push(memoryBytes());
  }
  assert.deepEqual(
    seen,
    seen.map(() => warm),
    `memory after warm-up ${warm} B, then every 500 calls: ${seen.join(', ')}`,
  );
});
