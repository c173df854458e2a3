// broadsheet bench, cold-start section: the first render a reader waits for on a page that embeds
// one article. broadsheet: load() from the module's bytes, then render() of the whole seed article
// into DOM (layout, furniture, widgets hydrated); the peers: the first render of the seed's body
// alone. Each run launches a fresh Chromium (nothing compiled or cached by an earlier run) and
// opens one page per contender, in an order that rotates from run to run; the page
// (scripts/bench-cold-page.js) has already loaded the contender's JavaScript and fetched its
// bytes, so network time is left out. Run alone with `node scripts/bench.mjs --only=cold-start`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTENDERS = [
  ['broadsheet', 'broadsheet load() from bytes + render() of the seed article'],
  ['markdownIt', 'markdown-it + DOMPurify first render of the seed body'],
  ['md4w', 'md4w init() from bytes + first render of the body (NOT sanitized)'],
];

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
  const runs = quick ? 3 : 9;
  const results = new Map(CONTENDERS.map(([id]) => [id, []]));
  let version = '';
  try {
    for (let r = 0; r < runs; r++) {
      const browser = await launch();
      version = browser.version();
      try {
        for (let i = 0; i < CONTENDERS.length; i++) {
          const [id] = CONTENDERS[(r + i) % CONTENDERS.length];
          const { page, events } = await openPage(browser, `${server.url}/cold-start.html`);
          await page.waitForFunction(() => window.__ready === true);
          await page.evaluate(([c, s, b]) => window.__prepare(c, s, b), [id, seedJson, body]);
          results.get(id).push(await page.evaluate(() => window.__run()));
          if (events.errors.length) throw new Error(events.errors.join('\n'));
          await page.close();
        }
      } finally {
        await browser.close();
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
}
