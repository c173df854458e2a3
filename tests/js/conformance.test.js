// Conformance: md4c's own spec and extension tests (third_party/md4c/test, fetched by the
// bootstrap script, not in git) through bs.renderMarkdown.
//
// Every example whose Markdown has no raw HTML must render to the expected HTML after the
// normalization below; the few legitimate differences are listed in EXCEPTIONS, and each listed
// example must still differ (so the list cannot rot).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseFragment } from 'parse5';
import { load } from '../../web/index.js';

const testDir = new URL('../../third_party/md4c/test/', import.meta.url);

const FILES = [
  'spec.txt',
  'tables.txt',
  'strikethrough.txt',
  'tasklists.txt',
  'permissive-url-autolinks.txt',
  'permissive-email-autolinks.txt',
  'permissive-www-autolinks.txt',
];

// ---------------------------------------------------------------------------------------------
// Known, legitimate differences. broadsheet parses with MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
// MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS, while each file's expected HTML was made with
// its own extension alone (spec.txt: none); and its URL policy refuses schemes other than http,
// https, mailto and tel (a refused link keeps its text). Every listed example must still differ,
// and differ only in its links: with <a> elements unwrapped on both sides, the two must match.
const AUTOLINK_URL = 'permissive URL autolinks are on: a bare http(s)/ftp URL becomes a link';
const AUTOLINK_EMAIL = 'permissive e-mail autolinks are on: a bare address becomes a mailto: link';
const SCHEME = 'URL scheme refused by policy: the link is dropped, its text kept';

const SCHEME_CASE =
  'the policy re-serializes a URL scheme in lower case (MAILTO: -> mailto:); schemes are ' +
  'case-insensitive (RFC 3986 3.1), so the link is the same';
const COLON =
  'policy: a URL without a scheme may not have a ":" before its first "/", "?" or "#" ' +
  '("foo):" is refused as if it could be read as a scheme); the link text is kept';

// Not listed, because it is a bug: spec.txt example 235, "123456789. ok", renders
// <ol start="10000">: the core clamps the list's start number like a width or height.
const EXCEPTIONS = [
  { file: 'spec.txt', example: 496, reason: COLON },
  {
    file: 'spec.txt',
    example: 497,
    reason:
      'in-content fragment links get the user-content- prefix that content ids carry (#fragment -> #user-content-fragment)',
  },
  { file: 'spec.txt', example: 592, reason: `${SCHEME} (irc:)` },
  { file: 'spec.txt', example: 593, reason: SCHEME_CASE },
  { file: 'spec.txt', example: 594, reason: `${SCHEME} (a+b+c:)` },
  { file: 'spec.txt', example: 595, reason: `${SCHEME} (made-up-scheme:)` },
  { file: 'spec.txt', example: 597, reason: `${SCHEME} (localhost: read as a scheme)` },
  { file: 'spec.txt', example: 604, reason: AUTOLINK_URL },
  { file: 'spec.txt', example: 607, reason: AUTOLINK_URL },
  { file: 'spec.txt', example: 608, reason: AUTOLINK_EMAIL },
  { file: 'tables.txt', example: 16, reason: AUTOLINK_URL },
  {
    file: 'permissive-url-autolinks.txt',
    example: 3,
    reason: `${AUTOLINK_EMAIL} (inside ssh://root@example.com)`,
  },
  { file: 'permissive-url-autolinks.txt', example: 6, reason: `${SCHEME} (ftp:)` },
];

// ---------------------------------------------------------------------------------------------
// The example format of spec.txt and md4c's extension files (as in md4c's spec_tests.py):
//   ```````````````````````````````` example
//   markdown
//   .
//   html
//   ````````````````````````````````
// with → standing for a tab on both sides.
const FENCE = '`'.repeat(32);

function parseExamples(text) {
  const examples = [];
  let state = 0; // 0 prose, 1 markdown, 2 html
  let markdown = [];
  let html = [];
  let startLine = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const l = line.trim();
    if (state === 0 && /^`{32} example( [a-z]+)?$/.test(l)) {
      state = 1;
      startLine = i + 1;
    } else if (state === 1 && l === '.') {
      state = 2;
    } else if (state === 2 && l === FENCE) {
      examples.push({
        number: examples.length + 1,
        line: startLine,
        markdown: markdown.join('').replaceAll('→', '\t'),
        html: html.join('').replaceAll('→', '\t'),
      });
      state = 0;
      markdown = [];
      html = [];
    } else if (state === 1) {
      markdown.push(`${line}\n`);
    } else if (state === 2) {
      html.push(`${line}\n`);
    }
  });
  assert.equal(state, 0, 'an example is not closed');
  return examples;
}

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

function normalize(html, { shiftHeadings = false, unwrapLinks = false } = {}) {
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

function run(example) {
  const actual = bs.renderMarkdown(example.markdown);
  const expected = (options) => normalize(example.html, { shiftHeadings: true, ...options });
  const expectedNorm = expected();
  const actualNorm = normalize(actual);
  return {
    actual,
    expectedNorm,
    actualNorm,
    same: expectedNorm === actualNorm,
    sameBesideLinks: expected({ unwrapLinks: true }) === normalize(actual, { unwrapLinks: true }),
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
  // What must still count: other rel values, whitespace inside text and <pre>, URLs as written.
  assert.notEqual(normalize('<a href="/u">x</a>'), normalize('<a href="/u" rel="nofollow">x</a>'));
  assert.notEqual(normalize('<pre><code>a\n</code></pre>'), normalize('<pre><code>a</code></pre>'));
  assert.notEqual(normalize('<p>a  b</p>'), normalize('<p>a b</p>'));
  assert.notEqual(normalize('<a href="/%41">x</a>'), normalize('<a href="/A">x</a>'));
});

const missing = FILES.filter((f) => !existsSync(new URL(f, testDir)));
const exceptionKey = (file, number) => `${file}#${number}`;
const exceptions = new Map(EXCEPTIONS.map((e) => [exceptionKey(e.file, e.example), e]));

test('every listed exception names a known file, once, with a reason', () => {
  const seen = new Set();
  for (const e of EXCEPTIONS) {
    const key = exceptionKey(e.file, e.example);
    assert.ok(FILES.includes(e.file), `unknown file ${e.file}`);
    assert.ok(Number.isInteger(e.example) && e.example > 0, `bad example number in ${key}`);
    assert.ok(typeof e.reason === 'string' && e.reason.length > 0, `${key}: no reason`);
    assert.ok(!seen.has(key), `${key} is listed twice`);
    seen.add(key);
  }
});

for (const file of FILES) {
  const skip =
    missing.includes(file) && `third_party/md4c/test/${file} is missing: run the bootstrap script`;
  test(`md4c ${file}`, { skip }, (t) => {
    const examples = parseExamples(readFileSync(new URL(file, testDir), 'utf8'));
    assert.ok(examples.length > 0, `no examples found in ${file}`);

    const failures = [];
    const stale = [];
    let compared = 0;
    let skipped = 0;
    let listed = 0;
    for (const example of examples) {
      const exception = exceptions.get(exceptionKey(file, example.number));
      if (hasRawHtml(example.markdown)) {
        skipped++;
        if (exception) stale.push(`example ${example.number} is listed but skipped for raw HTML`);
        continue;
      }
      const { actual, expectedNorm, actualNorm, same, sameBesideLinks } = run(example);
      if (exception) {
        listed++;
        if (same) {
          stale.push(
            `example ${example.number} is listed (${exception.reason}) but now ` +
              'matches: remove it from EXCEPTIONS',
          );
        } else if (!sameBesideLinks) {
          failures.push(
            `${report(file, example, actual, expectedNorm, actualNorm)}\n` +
              `  listed (${exception.reason}), but it differs in more than its links`,
          );
        }
        continue;
      }
      compared++;
      if (!same) failures.push(report(file, example, actual, expectedNorm, actualNorm));
    }
    for (const e of EXCEPTIONS) {
      if (e.file === file && e.example > examples.length) {
        stale.push(`example ${e.example} is listed but does not exist`);
      }
    }

    t.diagnostic(
      `${file}: ${examples.length} examples, ${compared} compared, ` +
        `${skipped} skipped for raw HTML, ${listed} listed exceptions`,
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

// The raw-HTML rule against md4c's own verdict: md4w (md4c in WebAssembly, a devDependency)
// renders each example with broadsheet's extension flags, with and without MD_FLAG_NO_HTML; where
// the two differ, md4c reported raw HTML, and the rule must skip that example. (The flags are
// given as numbers: md4w's "NO_HTML" shorthand is 0x240, NO_HTML_SPANS | STRIKETHROUGH.)
const MD_FLAGS = 0x0004 | 0x0008 | 0x0100 | 0x0200 | 0x0400 | 0x0800; // autolinks, tables, ~, tasks
const MD_FLAG_NO_HTML = 0x0020 | 0x0040;
const md4w = await import('md4w').catch(() => null);

test(
  'the raw-HTML rule skips every example md4c reports raw HTML for',
  {
    skip:
      (!md4w && 'md4w is not installed') || (missing.length > 0 && 'md4c test files are missing'),
  },
  async (t) => {
    await md4w.init();
    const render = (markdown, flags) => md4w.mdToHtml(markdown, { parseFlags: flags });
    const missed = [];
    for (const file of FILES) {
      const overSkipped = [];
      for (const example of parseExamples(readFileSync(new URL(file, testDir), 'utf8'))) {
        const { markdown } = example;
        const reported =
          render(markdown, MD_FLAGS) !== render(markdown, MD_FLAGS | MD_FLAG_NO_HTML);
        if (reported && !hasRawHtml(markdown)) {
          missed.push(`${file} example ${example.number}: ${JSON.stringify(markdown)}`);
        }
        if (!reported && hasRawHtml(markdown)) overSkipped.push(example.number);
      }
      if (overSkipped.length > 0) {
        t.diagnostic(
          `${file}: skipped although md4c reports no raw HTML: ${overSkipped.join(', ')}`,
        );
      }
    }
    assert.deepEqual(missed, [], 'examples with raw HTML that the rule does not skip');
  },
);
