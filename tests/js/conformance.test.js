// Conformance: md4c's own spec and extension tests (third_party/md4c/test, md4c 0.5.2, fetched by
// the bootstrap script, not in git) through bs.renderMarkdown.
//
// Every example in broadsheet's dialect whose Markdown has no raw HTML must render to the expected
// HTML after the normalization below; the few legitimate differences are listed in EXCEPTIONS,
// each listed example must still differ (so the list cannot rot), and at least 98% of the
// examples compared must match (see the last test but one). A missing test file fails the suite:
// it is never skipped.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseFragment } from 'parse5';
import { load } from '../../web/index.js';

const testDir = new URL('../../third_party/md4c/test/', import.meta.url);

// md4c's test files with examples in broadsheet's dialect: CommonMark, its spec and md4c's
// regression and coverage tests, and the four extensions broadsheet turns on.
const FILES = [
  'spec.txt',
  'spec-tables.txt',
  'spec-strikethrough.txt',
  'spec-tasklists.txt',
  'spec-permissive-autolinks.txt',
  'regressions.txt',
  'coverage.txt',
];
// md4c's test files for extensions broadsheet leaves off: not compared. Any other *.txt file in
// md4c's test folder fails the suite until it is placed in one list or the other.
const OTHER_DIALECTS = {
  'spec-hard-soft-breaks.txt': 'MD_FLAG_HARD_SOFT_BREAKS is off: a soft break stays a soft break',
  'spec-latex-math.txt': 'MD_FLAG_LATEXMATHSPANS is off: $...$ is text',
  'spec-underline.txt': 'MD_FLAG_UNDERLINE is off: _x_ is emphasis',
  'spec-wiki-links.txt': 'MD_FLAG_WIKILINKS is off: [[x]] is text',
};
// Each example names the md2html options it is rendered with (after a second '.' line). These
// are broadsheet's parser flags (src/md4c_flags.h: MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
// MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS); an example that needs any other option is
// not compared.
const DIALECT_OPTIONS = new Set([
  '--ftables',
  '--fstrikethrough',
  '--ftasklists',
  '--fpermissive-url-autolinks',
  '--fpermissive-email-autolinks',
  '--fpermissive-www-autolinks',
]);

// ---------------------------------------------------------------------------------------------
// Known, legitimate differences, each with the only part of the output it may differ in:
//   links       broadsheet parses with all of DIALECT_OPTIONS, while each example's expected HTML
//               was made with its own options alone (spec.txt: none); and its URL policy refuses
//               schemes other than http, https, mailto and tel (a refused link keeps its text).
//               With <a> elements unwrapped on both sides, the two must match.
//   whitespace  md4c's own runner compares with whitespace runs collapsed (test/normalize.py),
//               and a few expected outputs rely on it: they differ from what md4c itself writes
//               in whitespace only. With runs collapsed outside <pre>, the two must match.
// Every listed example must still differ, and only in that part.
const AUTOLINK_URL = 'permissive URL autolinks are on: a bare http(s) URL becomes a link';
const AUTOLINK_EMAIL = 'permissive e-mail autolinks are on: a bare address becomes a mailto: link';
const SCHEME = 'URL scheme refused by policy: the link is dropped, its text kept';
const COLON =
  'policy: a URL without a scheme may not have a ":" before its first "/", "?" or "#" ' +
  '("foo):" is refused as if it could be read as a scheme); the link text is kept';
const SCHEME_CASE =
  'the policy writes a URL scheme in lower case (MAILTO: -> mailto:); schemes are ' +
  'case-insensitive (RFC 3986 3.1), so the link is the same';
const FRAGMENT =
  'in-content fragment links get the user-content- prefix that content ids carry ' +
  '(#fragment -> #user-content-fragment)';
const EXPECTED_WHITESPACE = "md4c's expected HTML differs from md4c's own output in whitespace";

const EXCEPTIONS = [
  { file: 'spec.txt', example: 500, only: 'links', reason: COLON },
  { file: 'spec.txt', example: 501, only: 'links', reason: FRAGMENT },
  { file: 'spec.txt', example: 596, only: 'links', reason: `${SCHEME} (irc:)` },
  { file: 'spec.txt', example: 597, only: 'links', reason: SCHEME_CASE },
  { file: 'spec.txt', example: 598, only: 'links', reason: `${SCHEME} (a+b+c:)` },
  { file: 'spec.txt', example: 599, only: 'links', reason: `${SCHEME} (made-up-scheme:)` },
  {
    file: 'spec.txt',
    example: 601,
    only: 'links',
    reason: `${SCHEME} (localhost: read as a scheme)`,
  },
  {
    file: 'spec.txt',
    example: 608,
    only: 'links',
    reason: `${AUTOLINK_URL} (between "< " and " >")`,
  },
  { file: 'spec.txt', example: 611, only: 'links', reason: AUTOLINK_URL },
  { file: 'spec.txt', example: 612, only: 'links', reason: AUTOLINK_EMAIL },
  { file: 'spec-permissive-autolinks.txt', example: 9, only: 'links', reason: `${SCHEME} (ftp:)` },
  { file: 'spec-permissive-autolinks.txt', example: 13, only: 'links', reason: `${SCHEME} (ftp:)` },
  {
    file: 'regressions.txt',
    example: 5,
    only: 'whitespace',
    reason: `${EXPECTED_WHITESPACE}: a line break in the link text where the Markdown has a space`,
  },
  {
    file: 'regressions.txt',
    example: 17,
    only: 'links',
    reason: `${AUTOLINK_URL} (the example is rendered with --ftables alone)`,
  },
  {
    file: 'coverage.txt',
    example: 8,
    only: 'whitespace',
    reason: `${EXPECTED_WHITESPACE}: a space where the Markdown (and broadsheet) has a tab`,
  },
];

// ---------------------------------------------------------------------------------------------
// The example format of md4c's test files (as md4c's test/run-testsuite.py reads it):
//   ```````````````````````````````` example
//   markdown
//   .
//   html
//   .
//   md2html options, one a line (optional)
//   ````````````````````````````````
// with → standing for a tab in the Markdown and the HTML.
const FENCE = '`'.repeat(32);

function parseExamples(text) {
  const examples = [];
  let state = 0; // 0 prose, 1 markdown, 2 html, 3 options
  let markdown = [];
  let html = [];
  let options = [];
  let startLine = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const l = line.trim();
    if (state === 0 && /^`{32} example( \[?[a-z-]+\]?)?$/.test(l)) {
      state = 1;
      startLine = i + 1;
    } else if (state >= 2 && l === FENCE) {
      examples.push({
        number: examples.length + 1,
        line: startLine,
        markdown: markdown.join('').replaceAll('→', '\t'),
        html: html.join('').replaceAll('→', '\t'),
        options,
      });
      state = 0;
      markdown = [];
      html = [];
      options = [];
    } else if (state >= 1 && l === '.') {
      state++;
    } else if (state === 1) {
      markdown.push(`${line}\n`);
    } else if (state === 2) {
      html.push(`${line}\n`);
    } else if (state === 3 && l !== '') {
      options.push(l);
    }
  });
  assert.equal(state, 0, 'an example is not closed');
  return examples;
}

const outsideDialect = (example) => example.options.filter((o) => !DIALECT_OPTIONS.has(o));

// ---------------------------------------------------------------------------------------------
// Raw HTML. An example is skipped when its Markdown contains something md4c can report as raw
// HTML, found with CommonMark's own grammar (spec section 6.6 and the HTML block starts of 4.6):
// a complete open tag (`<name attr="v" …>` or `<name/>`), a closing tag (`</name>`), a comment,
// a processing instruction, a declaration or CDATA, or the start of an HTML block of type 1
// (`<script`, `<pre`, `<style`, `<textarea`) or 6 (`<div`, `</table` … before whitespace, `>`,
// `/>` or a line end). A backslash-escaped `<` does not count. Autolinks (`<http://x>`,
// `<foo@bar.example>`) and the spec's "not a tag" examples (`<a h*#ref="hi">`, `< a>`,
// `</a href="foo">`…) match none of these, so they are compared like any other example.
// The rule errs on the side of skipping: a tag inside a code span or an indented code block, or a
// link destination written `<url>`, is skipped too. The last test below checks it against md4c's
// own verdict, when md4w is installed.
const ATTRIBUTE_VALUE = String.raw`[^\s"'=<>\x60]+|'[^']*'|"[^"]*"`;
const ATTRIBUTE = String.raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:${ATTRIBUTE_VALUE}))?`;
const BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|' +
  'dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|' +
  'hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|' +
  'search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const RAW_HTML = new RegExp(
  [
    String.raw`<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\s*\/?>`, // open tag
    String.raw`<\/[A-Za-z][A-Za-z0-9-]*\s*>`, // closing tag
    String.raw`<!--|<\?|<![A-Za-z]|<!\[CDATA\[`, // comment, PI, declaration, CDATA
    String.raw`<(?:script|pre|style|textarea)(?=[\s>]|$)`, // HTML block, type 1
    String.raw`<\/?(?:${BLOCK_NAMES})(?=[\s>]|\/>|$)`, // HTML block, type 6
  ]
    .map((alternative) => String.raw`(?<!\\)(?:\\\\)*(?:${alternative})`)
    .join('|'),
  'im',
);

function hasRawHtml(markdown) {
  return RAW_HTML.test(markdown);
}

// ---------------------------------------------------------------------------------------------
// Normalization: both sides parsed as fragments by parse5 (so entities, `<br />` vs `<br>`,
// attribute quoting and `disabled` vs `disabled=""` stop mattering), then serialized in a
// canonical form:
//   - whitespace-only text between block elements is dropped, and text is trimmed where it touches
//     a block element's start or end (md4c writes "\n" between blocks, broadsheet writes nothing);
//     whitespace inside text is kept as it is, and nothing is touched inside <pre>;
//   - attributes are sorted;
//   - attributes broadsheet adds by design are dropped, with their design values only: rel on
//     links, loading="lazy" and decoding="async" on images, aria-label on task-list checkboxes;
//   - class="language-…" on <code> is dropped (broadsheet emits no class taken from the input);
//   - the expected side's headings go down one level (body headings start at <h2>), capped at h6.
// URLs are compared exactly as parse5 reads them (entity-decoded, percent-encoding untouched).
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'col',
  'colgroup',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const VOID = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
const DESIGN_ATTRS = {
  a: { rel: ['noopener noreferrer', 'noopener noreferrer nofollow ugc'] },
  img: { loading: ['lazy'], decoding: ['async'] },
  // Task-list checkboxes get an accessible name (axe: form elements must have labels).
  input: { 'aria-label': ['Done', 'Not done'] },
};
// Headings carry generated ids (user-content-<slug>); any value of that form is by design.
const GENERATED_ID = /^user-content-/;

const isElement = (node) => node?.tagName !== undefined;
const isBlock = (node) => isElement(node) && BLOCK.has(node.tagName);
const escapeText = (s) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttr = (s) => escapeText(s).replaceAll('"', '&quot;');

function normalize(
  html,
  { shiftHeadings = false, unwrapLinks = false, collapseWhitespace = false } = {},
) {
  function tagName(node) {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (shiftHeadings && m) return `h${Math.min(6, Number(m[1]) + 1)}`;
    return node.tagName;
  }

  function attrs(node) {
    const design = DESIGN_ATTRS[node.tagName] ?? {};
    return node.attrs
      .filter(({ name, value }) => !design[name]?.includes(value))
      .filter(
        ({ name, value }) =>
          !(node.tagName === 'code' && name === 'class' && /^language-\S+$/.test(value)),
      )
      .filter(
        ({ name, value }) =>
          !(/^h[1-6]$/.test(node.tagName) && name === 'id' && GENERATED_ID.test(value)),
      )
      .map(({ name, value }) => `${name}="${escapeAttr(value)}"`)
      .sort()
      .map((a) => ` ${a}`)
      .join('');
  }

  function children(parent, inPre) {
    const nodes = parent.childNodes;
    const parentIsBlock = parent.nodeName === '#document-fragment' || isBlock(parent);
    let out = '';
    nodes.forEach((node, i) => {
      if (node.nodeName === '#text') {
        let text = node.value;
        if (!inPre) {
          const prev = nodes[i - 1];
          const next = nodes[i + 1];
          if (prev ? isBlock(prev) : parentIsBlock) text = text.replace(/^\s+/, '');
          if (next ? isBlock(next) : parentIsBlock) text = text.replace(/\s+$/, '');
          if (collapseWhitespace) text = text.replace(/\s+/g, ' ');
        }
        out += escapeText(text);
      } else if (node.nodeName === '#comment') {
        out += `<!--${node.data}-->`;
      } else if (unwrapLinks && node.tagName === 'a') {
        out += children(node, inPre);
      } else if (isElement(node)) {
        out += element(node, inPre);
      }
    });
    return out;
  }

  function element(node, inPre) {
    const name = tagName(node);
    const open = `<${name}${attrs(node)}>`;
    if (VOID.has(node.tagName)) return open;
    const content = node.tagName === 'template' ? node.content : node;
    return `${open}${children(content, inPre || node.tagName === 'pre')}</${name}>`;
  }

  return children(parseFragment(html), false);
}

// ---------------------------------------------------------------------------------------------

const bs = await load();

function report(file, example, actual, expectedNorm, actualNorm) {
  return [
    `${file} example ${example.number} (line ${example.line})`,
    `  input:    ${JSON.stringify(example.markdown)}`,
    `  expected: ${JSON.stringify(example.html)}`,
    `  actual:   ${JSON.stringify(actual)}`,
    `  normalized expected: ${expectedNorm}`,
    `  normalized actual:   ${actualNorm}`,
  ].join('\n');
}

// What a listed difference may differ in: the normalization under which the two must match.
const ONLY = { links: { unwrapLinks: true }, whitespace: { collapseWhitespace: true } };

function run(example, only) {
  const actual = bs.renderMarkdown(example.markdown);
  const expected = (options) => normalize(example.html, { shiftHeadings: true, ...options });
  const expectedNorm = expected();
  const actualNorm = normalize(actual);
  return {
    actual,
    expectedNorm,
    actualNorm,
    same: expectedNorm === actualNorm,
    sameBesideListed: only && expected(ONLY[only]) === normalize(actual, ONLY[only]),
  };
}

test('the normalization itself', () => {
  const same = (a, b, options) => assert.equal(normalize(a, options), normalize(b, options));
  same('<p>a<br />\nb</p>\n<hr />\n', '<p>a<br>\nb</p><hr>');
  same(
    '<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n',
    '<ul><li>a<ul><li>b</li></ul></li></ul>',
  );
  same('<a href="/u" title="t">x</a>', '<a title="t" rel="noopener noreferrer" href="/u">x</a>');
  same('<img src="/i" alt="a">', '<img alt="a" src="/i" loading="lazy" decoding="async">');
  assert.equal(normalize('<h1>x</h1>', { shiftHeadings: true }), '<h2>x</h2>');
  assert.equal(normalize('<h6>x</h6>', { shiftHeadings: true }), '<h6>x</h6>');
  assert.equal(
    normalize('<pre><code class="language-js">a\n</code></pre>'),
    '<pre><code>a\n</code></pre>',
  );
  assert.equal(normalize('<p>&quot;&amp;&#x41;</p>'), '<p>"&amp;A</p>');
  assert.equal(
    normalize('<input disabled checked type="checkbox">'),
    '<input checked="" disabled="" type="checkbox">',
  );
  assert.equal(normalize('<p>a <a href="x">b</a> c</p>', { unwrapLinks: true }), '<p>a b c</p>');
  assert.equal(normalize('<p>a\t\n b</p>', { collapseWhitespace: true }), '<p>a b</p>');
  assert.equal(normalize('<pre>a\t b</pre>', { collapseWhitespace: true }), '<pre>a\t b</pre>');
  // What must still count: other rel values, whitespace inside text and <pre>, URLs as written.
  assert.notEqual(normalize('<a href="/u">x</a>'), normalize('<a href="/u" rel="nofollow">x</a>'));
  assert.notEqual(normalize('<pre><code>a\n</code></pre>'), normalize('<pre><code>a</code></pre>'));
  assert.notEqual(normalize('<p>a  b</p>'), normalize('<p>a b</p>'));
  assert.notEqual(normalize('<a href="/%41">x</a>'), normalize('<a href="/A">x</a>'));
});

const exceptionKey = (file, number) => `${file}#${number}`;
const exceptions = new Map(EXCEPTIONS.map((e) => [exceptionKey(e.file, e.example), e]));

// md4c's suite is fetched by the bootstrap; without it the conformance tests fail, never skip.
function readExamples(file) {
  const url = new URL(file, testDir);
  assert.ok(existsSync(url), `third_party/md4c/test/${file} is missing: run scripts/bootstrap.sh`);
  const examples = parseExamples(readFileSync(url, 'utf8'));
  assert.ok(examples.length > 0, `no examples found in ${file}`);
  return examples;
}

test("every test file of md4c's suite is compared or named as another dialect", () => {
  assert.ok(existsSync(testDir), 'third_party/md4c/test is missing: run scripts/bootstrap.sh');
  const present = readdirSync(testDir).filter((f) => f.endsWith('.txt'));
  assert.deepEqual(present.sort(), [...FILES, ...Object.keys(OTHER_DIALECTS)].sort());
});

test('every listed exception names a known file, once, with a reason', () => {
  const seen = new Set();
  for (const e of EXCEPTIONS) {
    const key = exceptionKey(e.file, e.example);
    assert.ok(FILES.includes(e.file), `unknown file ${e.file}`);
    assert.ok(Number.isInteger(e.example) && e.example > 0, `bad example number in ${key}`);
    assert.ok(typeof e.reason === 'string' && e.reason.length > 0, `${key}: no reason`);
    assert.ok(Object.hasOwn(ONLY, e.only), `${key}: "only" must be one of ${Object.keys(ONLY)}`);
    assert.ok(!seen.has(key), `${key} is listed twice`);
    seen.add(key);
  }
});

// Filled by the per-file tests, read by the last one.
const totals = {
  files: 0,
  compared: 0,
  matched: 0,
  matchedByMd4cRule: 0, // listed whitespace differences, which md4c's own runner counts as passes
  listed: 0,
  rawHtml: 0,
  otherOptions: 0,
};

for (const file of FILES) {
  test(`md4c ${file}`, (t) => {
    const examples = readExamples(file);
    const failures = [];
    const stale = [];
    let compared = 0;
    let rawHtml = 0;
    let otherOptions = 0;
    let listed = 0;
    let differing = 0; // compared, not listed, and different
    let whitespaceOnly = 0; // listed, and different in whitespace only
    for (const example of examples) {
      const exception = exceptions.get(exceptionKey(file, example.number));
      const options = outsideDialect(example);
      if (options.length > 0) {
        otherOptions++;
        if (exception) stale.push(`example ${example.number} is listed but needs ${options}`);
        continue;
      }
      if (hasRawHtml(example.markdown)) {
        rawHtml++;
        if (exception) stale.push(`example ${example.number} is listed but skipped for raw HTML`);
        continue;
      }
      const { actual, expectedNorm, actualNorm, same, sameBesideListed } = run(
        example,
        exception?.only,
      );
      if (exception) {
        listed++;
        if (same) {
          stale.push(
            `example ${example.number} is listed (${exception.reason}) but now ` +
              'matches: remove it from EXCEPTIONS',
          );
        } else if (sameBesideListed && exception.only === 'whitespace') {
          whitespaceOnly++;
        } else if (!sameBesideListed) {
          failures.push(
            `${report(file, example, actual, expectedNorm, actualNorm)}\n` +
              `  listed (${exception.reason}), but it differs in more than its ${exception.only}`,
          );
        }
        continue;
      }
      compared++;
      if (!same) {
        differing++;
        failures.push(report(file, example, actual, expectedNorm, actualNorm));
      }
    }
    for (const e of EXCEPTIONS) {
      if (e.file === file && e.example > examples.length) {
        stale.push(`example ${e.example} is listed but does not exist`);
      }
    }

    totals.files++;
    totals.compared += compared + listed;
    totals.matched += compared - differing;
    totals.matchedByMd4cRule += whitespaceOnly;
    totals.listed += listed;
    totals.rawHtml += rawHtml;
    totals.otherOptions += otherOptions;
    t.diagnostic(
      `${file}: ${examples.length} examples, ${compared + listed} compared ` +
        `(${listed} listed differences), ${rawHtml} with raw HTML, ` +
        `${otherOptions} needing other md2html options`,
    );
    const problems = [...failures, ...stale.map((s) => `${file}: ${s}`)];
    if (problems.length > 0) {
      assert.fail(
        `${failures.length} unexpected difference(s), ${stale.length} stale ` +
          `exception(s)\n\n${problems.join('\n\n')}`,
      );
    }
  });
}

// The share counts an example as matching when it matches exactly as compared above, or differs
// only in whitespace that md4c's own runner collapses (the "whitespace" exceptions): md4c's suite
// counts those as passes, and broadsheet writes the same whitespace as md4c there.
test('at least 98% of the compared examples match, across the files', (t) => {
  assert.equal(totals.files, FILES.length, 'a conformance file did not run to the end');
  const percent = (n) => `${((n / totals.compared) * 100).toFixed(1)}%`;
  const matched = totals.matched + totals.matchedByMd4cRule;
  t.diagnostic(
    `${matched} of ${totals.compared} examples without raw HTML match (${percent(matched)}; ` +
      `${totals.matched} exactly, ${percent(totals.matched)}); ${totals.listed} listed ` +
      `differences; not compared: ${totals.rawHtml} with raw HTML, ${totals.otherOptions} ` +
      'needing other md2html options',
  );
  assert.ok(totals.compared > 600, `only ${totals.compared} examples compared`);
  assert.ok(matched / totals.compared >= 0.98, `${percent(matched)} match, under 98%`);
});

// The raw-HTML rule against md4c's own verdict: md4w (md4c in WebAssembly, a devDependency)
// renders each example with broadsheet's extension flags, with and without MD_FLAG_NO_HTML; where
// the two differ, md4c reported raw HTML, and the rule must skip that example. (The flags are
// given as numbers: md4w's "NO_HTML" shorthand is 0x240, NO_HTML_SPANS | STRIKETHROUGH.)
const MD_FLAGS = 0x0004 | 0x0008 | 0x0100 | 0x0200 | 0x0400 | 0x0800; // autolinks, tables, ~, tasks
const MD_FLAG_NO_HTML = 0x0020 | 0x0040;

test('the raw-HTML rule skips every example md4c reports raw HTML for', async (t) => {
  const md4w = await import('md4w'); // a devDependency: npm ci installs it
  await md4w.init();
  const render = (markdown, flags) => md4w.mdToHtml(markdown, { parseFlags: flags });
  const missed = [];
  for (const file of FILES) {
    const overSkipped = [];
    for (const example of readExamples(file)) {
      const { markdown } = example;
      const reported = render(markdown, MD_FLAGS) !== render(markdown, MD_FLAGS | MD_FLAG_NO_HTML);
      if (reported && !hasRawHtml(markdown)) {
        missed.push(`${file} example ${example.number}: ${JSON.stringify(markdown)}`);
      }
      if (!reported && hasRawHtml(markdown)) overSkipped.push(example.number);
    }
    if (overSkipped.length > 0) {
      t.diagnostic(`${file}: skipped although md4c reports no raw HTML: ${overSkipped.join(', ')}`);
    }
  }
  assert.deepEqual(missed, [], 'examples with raw HTML that the rule does not skip');
});
