// Linear time on hostile input (issue 11): for every family of Markdown and HTML that has made
// Markdown parsers, sanitizers or id generators take quadratic time, 10x the input must cost under
// 25x the time, through the public API. The margin is generous on purpose (a quadratic path shows
// about 100x, a cubic one far more). Time is the process's CPU time, which other processes' load
// on a shared machine hardly moves; each is the best of three runs, the small and large inputs
// taking turns, and an input over the limit is measured once more. Each small input is grown
// until it takes at least 5 ms, so that the timer's resolution and the call's fixed cost do not
// flatter the ratio; the growing starts well below the sizes given, so that a path gone quadratic
// or cubic fails within seconds instead of stalling the suite (2,000 identical headings once took
// minutes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from '../../web/index.js';

const GROWTH = 10;
const MAX_RATIO = 25;
const RUNS = 3;
const MIN_SMALL_MS = 5;
// The large input stays under the core's 8 MiB input limit, with room for JSON escaping.
const MAX_LARGE_BYTES = 7 * 1024 * 1024;
// Growing starts this many times below each size given below.
const HEADROOM = 16;
// Far beyond what any small input below takes (about 5 to 25 ms).
const SLOW_SMALL_MS = 1000;

const bs = await load();

// The three ways hostile text reaches the core.
const markdown = (text) => bs.renderMarkdown(text);
const markdownBody = (text) => bs.renderToString({ headline: 'Hostile', body: text });
const htmlBlock = (html) =>
  bs.renderToString({ headline: 'Hostile', body: [{ type: 'html', html }] });

// Repeats `unit(i)` for i = 1, 2, … until the text is `bytes` long: inputs whose pieces grow
// (backtick runs of every length, list items indented one step deeper each).
function growing(unit, bytes) {
  let text = '';
  for (let i = 1; text.length < bytes; i++) text += unit(i);
  return text;
}

// Milliseconds of CPU time (user + system) the render takes. Not wall time: on a shared machine
// other processes' load shows in wall time, the cost of the call itself in both.
function timeOf(render, input) {
  const start = process.cpuUsage();
  const output = render(input);
  const { user, system } = process.cpuUsage(start);
  assert.ok(output.length > 0, 'no output');
  return (user + system) / 1000;
}

function bestOf(render, input) {
  let best = timeOf(render, input);
  for (let run = 1; run < RUNS && best < SLOW_SMALL_MS; run++) {
    best = Math.min(best, timeOf(render, input));
  }
  return best;
}

// Times `make(n)` and `make(10 n)`. n is doubled from size / HEADROOM up to the size given, and on
// until the small input takes MIN_SMALL_MS (the sizes below reach that on the machine the test was
// written on, a shared 2-core VM). A small input that takes SLOW_SMALL_MS is a failure at once,
// before its large one runs for minutes.
function measure({ render, make, n: size }) {
  let n = Math.max(1, Math.round(size / HEADROOM));
  let small = make(n);
  for (;;) {
    const ms = bestOf(render, small);
    if (ms >= SLOW_SMALL_MS) return { smallBytes: small.length, smallMs: ms, tooSlow: true };
    if (ms >= MIN_SMALL_MS && n >= size) break;
    const next = make(2 * n);
    if (next.length * GROWTH > MAX_LARGE_BYTES) break;
    n *= 2;
    small = next;
  }
  const large = make(n * GROWTH);
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let run = 0; run < RUNS; run++) {
    smallMs = Math.min(smallMs, timeOf(render, small));
    largeMs = Math.min(largeMs, timeOf(render, large));
  }
  return { smallBytes: small.length, largeBytes: large.length, smallMs, largeMs };
}

function checkFamily(t, cases) {
  const slow = [];
  for (const [name, input] of Object.entries(cases)) {
    // A second measurement when the first is over the limit: load from other processes can land
    // on the large runs only; a superlinear path fails both.
    let ratio = Infinity;
    for (let attempt = 0; attempt < 2 && ratio >= MAX_RATIO; attempt++) {
      const m = measure(input);
      if (m.tooSlow) {
        slow.push(`${name}: ${m.smallBytes} B took ${m.smallMs.toFixed(0)} ms`);
        break;
      }
      ratio = Math.min(ratio, m.largeMs / m.smallMs);
      t.diagnostic(
        `${name}: ${m.smallBytes} B ${m.smallMs.toFixed(1)} ms, ${m.largeBytes} B ` +
          `${m.largeMs.toFixed(1)} ms: ${(m.largeMs / m.smallMs).toFixed(1)}x`,
      );
      if (attempt === 1 && ratio >= MAX_RATIO) {
        slow.push(`${name}: ${ratio.toFixed(1)}x for ${GROWTH}x the input`);
      }
    }
  }
  assert.deepEqual(slow, [], `not linear (limit ${MAX_RATIO}x)`);
}

// Each family: inputs named after the pattern, each {render, make(n), n}, n a starting size.
test('emphasis runs take linear time', (t) => {
  checkFamily(t, {
    'openers without closers (_a _a …)': {
      render: markdown,
      make: (n) => '_a '.repeat(n),
      n: 64000,
    },
    'closers without openers (a_ a_ …)': {
      render: markdown,
      make: (n) => 'a_ '.repeat(n),
      n: 64000,
    },
    'nested strong and emphasis': {
      render: markdown,
      make: (n) => '*a **a '.repeat(n) + 'b' + ' a** a*'.repeat(n),
      n: 4000,
    },
    'triple runs (a***a***…)': { render: markdown, make: (n) => 'a***'.repeat(n), n: 16000 },
    'mismatched openers and closers (*a_ …)': {
      render: markdown,
      make: (n) => '*a_ '.repeat(n),
      n: 32000,
    },
    'closers in multiples of 3 (a**b c* c* …)': {
      render: markdown,
      make: (n) => `a**b${'c* '.repeat(n)}`,
      n: 64000,
    },
    'strikethrough runs (~a ~~b …)': {
      render: markdown,
      make: (n) => '~a ~~b '.repeat(n),
      n: 32000,
    },
  });
});

test('bracket runs take linear time', (t) => {
  checkFamily(t, {
    'closers without openers (a]a]…)': { render: markdown, make: (n) => 'a]'.repeat(n), n: 64000 },
    'openers without closers ([a[a…)': { render: markdown, make: (n) => '[a'.repeat(n), n: 64000 },
    'nested brackets ([[[a]]])': {
      render: markdown,
      make: (n) => `${'['.repeat(n)}a${']'.repeat(n)}`,
      n: 64000,
    },
    'link openers and emphasis closers ([ a_…)': {
      render: markdown,
      make: (n) => '[ a_'.repeat(n),
      n: 32000,
    },
    'nested brackets before a reference definition': {
      render: markdown,
      make: (n) => `${'['.repeat(n)}${']'.repeat(n)}\n\n[a]: /b`,
      n: 32000,
    },
  });
});

test('backticks take linear time', (t) => {
  checkFamily(t, {
    'runs of every length (e`e``e```…)': {
      render: markdown,
      make: (n) => growing((i) => `e${'`'.repeat(i)}`, n),
      n: 640000,
    },
    'escaped backticks (\\``\\``…)': { render: markdown, make: (n) => '\\``'.repeat(n), n: 64000 },
    'unclosed code spans of two lengths': {
      render: markdown,
      make: (n) => '`a ``b '.repeat(n),
      n: 32000,
    },
  });
});

test('link openers take linear time', (t) => {
  checkFamily(t, {
    'broken link titles ([ (](…)': { render: markdown, make: (n) => '[ (]('.repeat(n), n: 64000 },
    'unclosed destinations ([a](<…)': {
      render: markdown,
      make: (n) => '[a](<'.repeat(n),
      n: 64000,
    },
    'unclosed titles ([a](/b "…)': {
      render: markdown,
      make: (n) => '[a](/b "'.repeat(n),
      n: 32000,
    },
    'image openers (![![…)': { render: markdown, make: (n) => '!['.repeat(n), n: 64000 },
    'unclosed link (…](…)': { render: markdown, make: (n) => '[a]('.repeat(n), n: 16000 },
  });
});

test('entities take linear time', (t) => {
  checkFamily(t, {
    'named, numeric and unknown references': {
      render: markdown,
      make: (n) => '&amp;&#x41;&#66;&notanentity; '.repeat(n),
      n: 4000,
    },
    'ampersands alone (&&&…)': { render: markdown, make: (n) => '&'.repeat(n), n: 80000 },
    'references in a link destination': {
      render: markdown,
      make: (n) => `[a](${'&amp;'.repeat(n)})`,
      n: 8000,
    },
    'references in a raw HTML attribute': {
      render: htmlBlock,
      make: (n) => `<img alt="${'&amp;&lt;&#x41;'.repeat(n)}" src="/a.png">`,
      n: 8000,
    },
  });
});

test('links take linear time', (t) => {
  checkFamily(t, {
    'many inline links': { render: markdown, make: (n) => '[t](/u) '.repeat(n), n: 4000 },
    'many references and uses': {
      render: markdown,
      make: (n) => growing((i) => `[${i}]: /u${i}\n`, n * 6) + '[1] [2] '.repeat(n / 8),
      n: 8000,
    },
    'angle-bracket autolinks': {
      render: markdown,
      make: (n) => '<https://a.example/x> '.repeat(n),
      n: 1000,
    },
    'refused links (each a warning)': {
      render: markdownBody,
      make: (n) => '[x](javascript:alert(1)) '.repeat(n),
      n: 2000,
    },
  });
});

test('permissive URL, www and e-mail autolinks take linear time', (t) => {
  checkFamily(t, {
    'www autolinks': { render: markdown, make: (n) => 'www.a.example '.repeat(n), n: 4000 },
    'www autolinks in an article body': {
      render: markdownBody,
      make: (n) => 'www.a.example '.repeat(n),
      n: 2000,
    },
    'URL autolinks': { render: markdown, make: (n) => 'https://a.example/x '.repeat(n), n: 1000 },
    'e-mail autolinks': { render: markdown, make: (n) => 'a@b.example '.repeat(n), n: 2000 },
    'broken www autolinks (www._www._…)': {
      render: markdown,
      make: (n) => `${'www._'.repeat(n)}x`,
      n: 32000,
    },
    'one long URL': {
      render: markdown,
      make: (n) => `https://a.example/${'a'.repeat(n)}`,
      n: 640000,
    },
    'dots before an @': { render: markdown, make: (n) => `${'a.'.repeat(n)}@b`, n: 256000 },
  });
});

test('raw HTML tags take linear time', (t) => {
  checkFamily(t, {
    'empty tags (<><>…)': { render: markdown, make: (n) => '<>'.repeat(n), n: 128000 },
    'processing-instruction openers': {
      render: markdown,
      make: (n) => `x${'<?'.repeat(n)}`,
      n: 64000,
    },
    'CDATA openers': { render: markdown, make: (n) => `x${'<![CDATA['.repeat(n)}`, n: 32000 },
    'comment openers': { render: markdown, make: (n) => `x${'<!--'.repeat(n)}`, n: 64000 },
    'unclosed inline tags in Markdown': {
      render: markdown,
      make: (n) => '<b>'.repeat(n),
      n: 32000,
    },
    'inline tags with attributes in Markdown': {
      render: markdown,
      make: (n) => 'a <span title="x">b</span> '.repeat(n),
      n: 4000,
    },
    'unclosed formatting tags': { render: htmlBlock, make: (n) => '<b>'.repeat(n), n: 16000 },
    'nested blocks': { render: htmlBlock, make: (n) => '<div>'.repeat(n), n: 8000 },
    'links inside links': { render: htmlBlock, make: (n) => '<a href="/x">'.repeat(n), n: 4000 },
    'stray end tags': { render: htmlBlock, make: (n) => '</x>'.repeat(n), n: 16000 },
    'one tag with many attributes': {
      render: htmlBlock,
      make: (n) => `<span ${'a=b '.repeat(n)}>x</span>`,
      n: 16000,
    },
    'nested table cells': {
      render: htmlBlock,
      make: (n) => '<table><tr><td>'.repeat(n),
      n: 1000,
    },
    'paragraphs closing paragraphs': { render: htmlBlock, make: (n) => '<p>'.repeat(n), n: 8000 },
    'dropped elements (each a warning)': {
      render: htmlBlock,
      make: (n) => '<script>x</script><b onclick="x">y</b>'.repeat(n),
      n: 1000,
    },
  });
});

test('tables with many columns take linear time', (t) => {
  const row = (columns, cell) => `${`|${cell}`.repeat(columns)}|\n`;
  checkFamily(t, {
    // md4c makes a table of at most 128 columns; rows of that width, more of them.
    '128 columns, more rows': {
      render: markdown,
      make: (n) => row(128, 'a') + row(128, '-') + row(128, 'b').repeat(n),
      n: 100,
    },
    'wider header rows than md4c tables': {
      render: markdown,
      make: (n) => row(n, 'a') + row(n, '-') + row(n, 'b').repeat(10),
      n: 16000,
    },
    'a wide header over many narrow rows': {
      render: markdown,
      make: (n) => `${'th|'.repeat(n)}\n${'-|'.repeat(n)}\n${'td\n'.repeat(n)}`,
      n: 16000,
    },
  });
});

test('nested quotes and lists take linear time', (t) => {
  checkFamily(t, {
    'nested block quotes (> > > a)': {
      render: markdown,
      make: (n) => `${'> '.repeat(n)}a`,
      n: 32000,
    },
    // Each item one step deeper, up to 500 levels, then back out and in again.
    'lists nested one step deeper each line': {
      render: markdown,
      make: (n) => growing((i) => `${'  '.repeat(i % 500)}* a\n`, n),
      n: 256000,
    },
    'list markers on one line (* * * a)': {
      render: markdown,
      make: (n) => `${'* '.repeat(n)}a`,
      n: 16000,
    },
    'ordered list markers on one line': {
      render: markdown,
      make: (n) => `${'1. '.repeat(n)}a`,
      n: 16000,
    },
    'quotes and lists alternating': {
      render: markdown,
      make: (n) => `${'> - '.repeat(n)}a`,
      n: 16000,
    },
  });
});

test('headings take linear time (their generated ids)', (t) => {
  checkFamily(t, {
    'headings with the same text': { render: markdown, make: (n) => '# a\n\n'.repeat(n), n: 4000 },
    'headings with distinct texts': {
      render: markdown,
      make: (n) => Array.from({ length: n }, (_, i) => `# h${i}\n\n`).join(''),
      n: 4000,
    },
    // Ids stay unique across the article: 100 blocks (the body allows 1000) of such headings.
    'Markdown blocks with the same headings': {
      render: (blocks) => bs.renderToString({ headline: 'Hostile', body: blocks }),
      make: (n) =>
        Array.from({ length: 100 }, () => ({ type: 'markdown', text: '# a\n'.repeat(n) })),
      n: 20,
    },
  });
});
