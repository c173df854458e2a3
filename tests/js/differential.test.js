// Differential checks on the XSS corpus (tests/fixtures/attacks.json), in jsdom:
//
// 1. DOMPurify as a second opinion. DOMPurify is configured to allow exactly broadsheet's policy
//    (tags and attributes from web/policy.js, URL attributes by their kind in
//    include/broadsheet/policy.h, http/https/mailto/tel and relative URLs), with its SAFE_FOR_XML
//    rules on. Run over broadsheet's renderToString() output, for every vector and every example,
//    it must remove nothing, and its output must equal broadsheet's HTML parsed and re-serialized
//    by the same jsdom. That re-serialization must also equal broadsheet's string itself: the
//    output is already in the form a parser writes back (parse-stable).
//
// 2. Idempotence of the raw-HTML sanitizer on broadsheet's own output (see the comment there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { load } from '../../web/index.js';
import { vectors, withPayload } from '../fixtures/attacks.js';
import { ATTRS, TAGS } from '../../web/policy.js';

const root = new URL('../../', import.meta.url);
const bs = await load();
const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
  url: 'https://news.example/a',
});
const { document } = window;
const DOMPurify = createDOMPurify(window);

// Attribute kinds from the one policy file: which attributes hold URLs.
const header = readFileSync(new URL('include/broadsheet/policy.h', root), 'utf8');
const kinds = new Map(
  [...header.matchAll(/X\(\w+,\s*"([a-z-]+)",\s*AttrKind::(\w+)\)/g)].map(([, n, k]) => [n, k]),
);
assert.deepEqual(
  [...kinds.keys()].sort(),
  [...ATTRS].sort(),
  'policy.h and policy.js list the same attributes',
);
const URL_KINDS = new Set(['kUrl', 'kSrcset']);

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [...TAGS],
  ALLOWED_ATTR: [...ATTRS],
  // data-broadsheet, data-ad-slot, data-ad-sizes, data-ad-height and the aria-* attributes are in ATTRS; no others.
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Scheme allowlist for URL attributes: http(s), mailto, tel, or relative (no scheme at all).
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  // DOMPurify applies ALLOWED_URI_REGEXP to every attribute not marked URI-safe; broadsheet's text,
  // number and enum attributes are not URLs, so "javascript:" in an aria-label is just text.
  ADD_URI_SAFE_ATTR: [...kinds].filter(([, k]) => !URL_KINDS.has(k)).map(([n]) => n),
  KEEP_CONTENT: true,
  // DOMPurify's default, spelled out: SAFE_FOR_XML drops attributes whose value holds an XML
  // breakout ("</script", "-->", "]>", ...) and `for` outside label. broadsheet's output must pass
  // it untouched too (policy.h, BROADSHEET_XML_BREAKOUTS).
  SAFE_FOR_XML: true,
};

function reserialize(html) {
  const body = document.createElement('body');
  body.innerHTML = html;
  return body.innerHTML;
}

function describeRemoved(removed) {
  return removed.map((r) =>
    r.attribute
      ? `attribute ${r.attribute.name}=${JSON.stringify(r.attribute.value)} on <${r.from?.localName}>`
      : `element <${r.element?.localName ?? r.element?.nodeName}>`,
  );
}

// What DOMPurify (and a parse) would change in `html`: an empty list when it passes untouched.
function purifyProblems(html) {
  const problems = [];
  const parsed = reserialize(html);
  if (parsed !== html) problems.push(`not parse-stable: ${firstDiff(html, parsed)}`);
  const clean = DOMPurify.sanitize(html, PURIFY_CONFIG);
  // DOMPurify walks from the <body> it parsed into and, since 'body' is not in TAGS, lists
  // that wrapper as removed; it is not part of the fragment and the output keeps its content.
  const removed = describeRemoved(DOMPurify.removed.filter((r) => r.element?.nodeName !== 'BODY'));
  if (removed.length) problems.push(`DOMPurify removed ${removed.join(', ')}`);
  if (clean !== parsed) problems.push(`DOMPurify output differs: ${firstDiff(parsed, clean)}`);
  return problems;
}

const rendered = vectors.map((v) => {
  const article = withPayload(v.target, v.payload);
  try {
    return { ...v, article, html: bs.renderToString(article) };
  } catch (error) {
    return { ...v, article, error };
  }
});
const classes = [...new Set(vectors.map((v) => v.class))];

function failIfAny(failures, total, what) {
  if (failures.length > 0) {
    assert.fail(
      `${failures.length} of ${total} vectors ${what}:\n` +
        failures.map(([title, list]) => `- ${title}\n    ${list.join('\n    ')}`).join('\n'),
    );
  }
}

for (const name of classes) {
  test(`DOMPurify with broadsheet's policy removes nothing: ${name}`, () => {
    const batch = rendered.filter((v) => v.class === name);
    const failures = [];
    for (const v of batch) {
      const problems = [];
      if (v.error) {
        // Only a url-field vector may be rejected, and only with a BroadsheetError with paths.
        if (!(
          v.class === 'url-field' &&
          v.error.name === 'BroadsheetError' &&
          v.error.errors?.length &&
          v.error.errors.every((e) => e.path?.startsWith('/'))
        )) {
          problems.push(`renderToString threw: ${v.error}`);
        }
        if (problems.length) failures.push([v.title, problems]);
        continue;
      }
      problems.push(...purifyProblems(v.html));
      if (problems.length) failures.push([v.title, problems]);
    }
    failIfAny(failures, batch.length, `(${name}) differ from DOMPurify`);
  });
}

// The examples are real articles (the seed page, the feature tour, reader comments): what any
// page shows, not only what an attacker sends.
const examples = JSON.parse(readFileSync(new URL('examples/index.json', root), 'utf8'));

test("DOMPurify with broadsheet's policy removes nothing from any example", () => {
  assert.ok(examples.length >= 4, 'examples/index.json lists the examples');
  const failures = [];
  for (const { file } of examples) {
    const article = readFileSync(new URL(`examples/${file}`, root), 'utf8');
    const problems = purifyProblems(bs.renderToString(article));
    if (problems.length) failures.push([file, problems]);
  }
  failIfAny(failures, examples.length, 'differ from DOMPurify');
});

function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  return `at ${i}: ${JSON.stringify(a.slice(from, i + 40))} vs ${JSON.stringify(b.slice(from, i + 40))}`;
}

// ---- idempotence -------------------------------------------------------------------------------
//
// What can "rendering broadsheet's output again changes nothing" honestly mean? Let S(h) be the
// body HTML broadsheet produces for an article whose body is one `html` block h (the raw-HTML
// sanitizer, then the Writer). On its own output S is the identity: raw <h1> becomes <h2> (h1
// belongs to the headline) but other heading levels are kept, and every id carries the
// "user-content-" prefix exactly once (an id that already has it keeps it; content still cannot
// choose an unprefixed id).
// The Markdown renderer emits a little markup that the raw-HTML allowlist does not admit:
// the task-list checkbox (<input>, article furniture) and `class` attributes. That markup goes on
// the first trip through S and never comes back.
// Call M the removal of markdown-only markup. The claim is:
//   S(B1) = M(B1)  for the body B1 of every first render, and
//   S(B2) = B2     for B2 = S(B1): sanitizing the output again changes nothing,
// compared as DOM trees (parsed and re-serialized in jsdom, nothing trimmed): no element,
// attribute, attribute value or character changes. (The Markdown
// route, B1 as a raw-HTML block inside Markdown, is not used: a blank line inside <pre> ends a
// CommonMark HTML block, so that route reinterprets the text by design, not by a bug.)

function parseFragment(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

// Serializes with every element's attributes in name order: attribute order carries no meaning,
// and the Markdown renderer and the sanitizer write a link's rel and title in different orders.
function serializeFragment(fragment) {
  const div = document.createElement('div');
  div.append(fragment.cloneNode(true));
  for (const el of div.querySelectorAll('*')) {
    const attrs = [...el.attributes].map(({ name, value }) => [name, value]);
    for (const [name] of attrs) el.removeAttribute(name);
    for (const [name, value] of attrs.sort(([a], [b]) => (a < b ? -1 : 1)))
      el.setAttribute(name, value);
  }
  return div.innerHTML;
}

const canonical = (html) => serializeFragment(parseFragment(html));

// Deepest element nesting in a fragment.
function depth(node) {
  let most = 0;
  for (const child of node.children) most = Math.max(most, depth(child));
  return node.nodeType === 1 ? most + 1 : most;
}
const MAX_DEPTH = Number(/constexpr uint32_t kMaxDepth = (\d+);/.exec(header)[1]);

// M: task-list inputs and class attributes removed.
function expectedAfterSanitizer(html, { markdownOnly }) {
  const fragment = parseFragment(html);
  if (markdownOnly) {
    for (const input of fragment.querySelectorAll('input')) input.remove();
    for (const el of fragment.querySelectorAll('[class]')) el.removeAttribute('class');
  }
  return serializeFragment(fragment);
}

function bodyOf(html, selector) {
  const body = parseFragment(html).querySelector(selector);
  assert.ok(body, `no ${selector} in ${html.slice(0, 200)}`);
  return body.innerHTML;
}

function sanitizeAgain(bodyHtml) {
  const html = bs.renderToString({
    version: '1.0',
    headline: 'Base',
    body: [{ type: 'html', html: bodyHtml }],
  });
  return bodyOf(html, '.bs-body > .bs-html');
}

// The Writer flattens elements nested deeper than kMaxDepth into their parent. The html block
// sits one level deeper than Markdown output (inside div.bs-html), so a body that already reaches
// the limit loses one more level on every pass: for those (the deep-nesting vectors) only the
// text is compared, and the depth must stay within the limit.
const WRAPPERS = 3; // article > div.bs-body > div.bs-html

for (const name of classes) {
  const batch = rendered.filter((v) => v.class === name && !v.error);
  test(`the sanitizer is idempotent on broadsheet's own body HTML, up to renaming: ${name}`, (t) => {
    const failures = [];
    let deep = 0;
    let renamed = 0;
    for (const v of batch) {
      const problems = [];
      const b1 = bodyOf(v.html, '.bs-body');
      const b2 = sanitizeAgain(b1);
      const b3 = sanitizeAgain(b2);
      if (depth(parseFragment(b1)) + WRAPPERS >= MAX_DEPTH) {
        deep++;
        const text = (html) => parseFragment(html).textContent;
        if (text(b2) !== text(b1) || text(b3) !== text(b1))
          problems.push('deep body: text changed');
        if (depth(parseFragment(b3)) + WRAPPERS > MAX_DEPTH)
          problems.push('deep body: nested beyond kMaxDepth');
      } else {
        const want2 = expectedAfterSanitizer(b1, { markdownOnly: true });
        if (want2 !== canonical(b1)) renamed++;
        if (canonical(b2) !== want2)
          problems.push(`second pass: ${firstDiff(want2, canonical(b2))}`);
        const want3 = canonical(b2); // the fixed point: a second pass changes nothing
        if (canonical(b3) !== want3)
          problems.push(`third pass: ${firstDiff(want3, canonical(b3))}`);
      }
      if (problems.length) failures.push([v.title, problems]);
    }
    t.diagnostic(
      `${renamed} of ${batch.length} first-pass bodies changed by M (task lists, classes)`,
    );
    if (deep) t.diagnostic(`${deep} body(ies) at the depth limit: text compared only`);
    failIfAny(failures, batch.length, `(${name}) change under a second sanitizer pass`);
  });
}
