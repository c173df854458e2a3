// Test page only (not shipped): renders attack vectors both ways and checks the result in the DOM.
//   (a) render(article, element)           DOM built from the op buffer
//   (b) element.innerHTML = renderToString  how a page that got the server's HTML parses it
// innerHTML is allowed here: this page stands in for a consumer of the HTML string.
import * as broadsheet from '/dist/broadsheet.js';
import { ATTRS, TAGS } from '/web/policy.js';

const bs = await broadsheet.load();
// render() hydrates what it builds (web/widgets.js: the subscribe form's behaviour); a page that
// received the server's HTML does the same with hydrate(), so the innerHTML side gets it too.
const { hydrate } = broadsheet;
if (typeof hydrate !== 'function') throw new Error('broadsheet.hydrate is missing');
const stage = document.getElementById('stage');

const XHTML = 'http://www.w3.org/1999/xhtml';
const SITE = 'https://news.example';
const ARTICLE_URL = 'https://news.example/a';
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
// Hard rules from tests/fixtures/README.md, on top of the policy tables.
const BANNED_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'portal',
  'svg',
  'math',
  'textarea',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'select',
  'form',
  'meta',
  'base',
  'link',
  'input',
]);
// The ids broadsheet's layout gives its own elements: the contents list, section headings that
// label their landmarks, and ad slots (a slot's name from the article reduced to letters, digits,
// '-' and '_'). Content ids always carry the user-content- prefix.
const LAYOUT_ID =
  /^bs-(contents|related-title|latest-title|subscribe-title|related-inline-title)(-\d+)?$|^bs-ad-[A-Za-z0-9_-]+$/;

const BANNED_ATTRS = new Set([
  'style',
  'srcdoc',
  'formaction',
  'name',
  'ping',
  'xlink:href',
  'form',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'cite',
  'poster',
  'background',
  'data',
  'longdesc',
]);
const SHOWN_ATTRS = ['alt', 'title', 'placeholder', 'aria-label'];

// Set by the test from include/broadsheet/policy.h: tags that raw HTML / Markdown may produce.
// Also the fixture's base article, rendered again after every vector.
let userContentTags = null;
let baseArticle = null;
let baseHtml = null;
window.__configure = ({ userContent, base }) => {
  userContentTags = new Set(userContent);
  baseArticle = base;
  baseHtml = bs.renderToString(base);
  return { tags: [...TAGS], attrs: [...ATTRS] };
};

// Candidate URLs of a srcset value (HTML "parse a srcset attribute", without the descriptors).
function srcsetUrls(value) {
  const space = /[\t\n\f\r ]/;
  const urls = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (space.test(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !space.test(value[i])) i++;
    let url = value.slice(start, i);
    if (/,$/.test(url)) {
      url = url.replace(/,+$/, '');
    } else {
      let inParens = false;
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === '(') inParens = true;
        else if (c === ')') inParens = false;
        else if (c === ',' && !inParens) break;
      }
    }
    urls.push(url);
  }
  return urls;
}

function resolve(value, base) {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

// A URL attribute value is safe when it resolves, against the page and against the article's own
// address, to http(s), mailto or tel. Unparseable values are reported too: broadsheet re-serializes
// every URL it keeps, so it should never emit one a browser cannot parse.
function checkUrl(value, label, problems) {
  for (const base of [location.href, ARTICLE_URL]) {
    const url = resolve(value, base);
    if (!url) {
      problems.push(`${label}: unparseable URL ${JSON.stringify(value)}`);
      return;
    }
    if (!SAFE_PROTOCOLS.has(url.protocol)) {
      problems.push(`${label}: unsafe URL ${JSON.stringify(value)} (${url.protocol})`);
      return;
    }
  }
}

function isSubscribeForm(form) {
  const aside = form.parentElement;
  return (
    form.localName === 'form' &&
    form.classList.contains('bs-subscribe-form') &&
    aside?.localName === 'aside' &&
    aside.getAttribute('data-broadsheet') === 'subscribe' &&
    !form.closest('.bs-body')
  );
}

// The subscribe box's e-mail field: the only input with a name, the only non-task-list input.
function isSubscribeEmail(el) {
  const form = el.closest('form');
  return (
    el.localName === 'input' &&
    form !== null &&
    isSubscribeForm(form) &&
    el.getAttribute('type') === 'email' &&
    el.classList.contains('bs-subscribe-email')
  );
}

// Explicit exception: hydration gives the subscribe form's status line an id (the core emits
// none) so the e-mail field can point at it with aria-describedby. Content cannot choose it.
function isGeneratedMessageId(el, value) {
  const form = el.closest('form');
  return (
    el.localName === 'p' &&
    el.classList.contains('bs-subscribe-message') &&
    form !== null &&
    isSubscribeForm(form) &&
    /^bs-subscribe-message-[a-z0-9]+-\d+$/.test(value)
  );
}

// Explicit exception: a GFM task list item renders a disabled checkbox (no name, no id).
function isTaskCheckbox(el) {
  return (
    el.localName === 'input' &&
    el.getAttribute('type') === 'checkbox' &&
    el.hasAttribute('disabled') &&
    el.parentElement?.localName === 'li' &&
    el.parentElement.classList.contains('task-list-item') &&
    el.closest('.bs-body') !== null
  );
}

function checkTree(container, vector, where, problems) {
  const forms = [...container.querySelectorAll('form')];
  if (forms.length > 1) problems.push(`${where}: ${forms.length} forms`);
  const h1s = container.querySelectorAll('h1');
  if (h1s.length > 1 || (h1s.length === 1 && !h1s[0].classList.contains('bs-headline'))) {
    problems.push(`${where}: an h1 other than the headline`);
  }
  for (const el of container.querySelectorAll('*')) {
    const tag = el.localName;
    const label = `${where} <${tag}>`;
    if (el.namespaceURI !== XHTML) problems.push(`${label} in namespace ${el.namespaceURI}`);
    if (!TAGS.includes(tag)) problems.push(`${label}: element not in the policy`);
    const exempt =
      (tag === 'form' && isSubscribeForm(el)) ||
      (tag === 'input' && (isSubscribeEmail(el) || isTaskCheckbox(el)));
    if (BANNED_TAGS.has(tag) && !exempt) problems.push(`${label}: forbidden element`);
    if (
      el.closest('.bs-body') &&
      userContentTags &&
      !userContentTags.has(tag) &&
      !isTaskCheckbox(el)
    ) {
      problems.push(`${label}: article furniture element inside the body`);
    }
    if (tag === 'form' && exempt && vector.target !== '/subscribe/action') {
      if (el.getAttribute('action') !== 'https://news.example/s') {
        const action = JSON.stringify(el.getAttribute('action'));
        problems.push(`${label}: action ${action} not from /subscribe/action`);
      }
    }
    for (const attr of el.attributes) {
      const name = attr.name;
      const lower = name.toLowerCase();
      const at = `${label}[${name}=${JSON.stringify(attr.value)}]`;
      if (!ATTRS.includes(name)) problems.push(`${at}: attribute not in the policy`);
      if (lower.startsWith('on')) problems.push(`${at}: event handler`);
      if (attr.namespaceURI !== null || attr.prefix !== null || name.includes(':')) {
        problems.push(`${at}: namespaced attribute`);
      }
      if (
        BANNED_ATTRS.has(lower) &&
        !(lower === 'name' && attr.value === 'email' && isSubscribeEmail(el))
      ) {
        problems.push(`${at}: forbidden attribute`);
      }
      if (
        lower === 'id' &&
        (tag === 'input' ||
          !(attr.value.startsWith('user-content-') || LAYOUT_ID.test(attr.value))) &&
        !isGeneratedMessageId(el, attr.value)
      ) {
        problems.push(
          `${at}: id neither user-content- nor one of the layout's own, or on an input`,
        );
      }
      if (URL_ATTRS.has(lower)) checkUrl(attr.value, at, problems);
      if (lower === 'srcset') for (const url of srcsetUrls(attr.value)) checkUrl(url, at, problems);
      if (lower === 'rel' && /(^|\s)opener(\s|$)/i.test(attr.value))
        problems.push(`${at}: rel=opener`);
    }
    if (tag === 'a' && el.hasAttribute('href')) {
      const url = resolve(el.getAttribute('href'), ARTICLE_URL);
      // mailto: and tel: hand off to another application and open no page: rel means nothing there.
      if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== SITE) {
        const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
        if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
          const href = JSON.stringify(el.getAttribute('href'));
          problems.push(`${label}[href=${href}]: off-site link without rel="noopener noreferrer"`);
        }
        // An untrusted article's off-site links also tell search engines not to vouch for them.
        if (
          vector.article?.trust === 'untrusted' &&
          (!rel.includes('nofollow') || !rel.includes('ugc'))
        ) {
          const href = JSON.stringify(el.getAttribute('href'));
          problems.push(
            `${label}[href=${href}]: untrusted off-site link without rel="nofollow ugc"`,
          );
        }
      }
    }
    // What the browser actually picked from src/srcset.
    if (tag === 'img' && el.currentSrc) checkUrl(el.currentSrc, `${label}.currentSrc`, problems);
  }
}

function showsText(container, text) {
  if (container.textContent.includes(text)) return true;
  for (const el of container.querySelectorAll('*')) {
    for (const name of SHOWN_ATTRS) if (el.getAttribute(name)?.includes(text)) return true;
  }
  return false;
}

// Describes where two trees first differ, for the failure message.
function difference(a, b, path = '') {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
    return `${path}: ${a.nodeName} vs ${b.nodeName}`;
  }
  if (a.nodeType === Node.TEXT_NODE || a.nodeType === Node.COMMENT_NODE) {
    return a.data === b.data
      ? null
      : `${path} text: ${JSON.stringify(a.data)} vs ${JSON.stringify(b.data)}`;
  }
  if (a.nodeType === Node.ELEMENT_NODE) {
    const attrs = (e) =>
      [...e.attributes].map((x) => `${x.name}=${JSON.stringify(x.value)}`).join(' ');
    if (attrs(a) !== attrs(b))
      return `${path}/${a.localName} attributes: ${attrs(a)} vs ${attrs(b)}`;
  }
  const here = a.nodeType === Node.ELEMENT_NODE ? `${path}/${a.localName}` : path;
  const n = Math.max(a.childNodes.length, b.childNodes.length);
  for (let i = 0; i < n; i++) {
    const x = a.childNodes[i];
    const y = b.childNodes[i];
    if (!x || !y) {
      return `${here}[${i}]: ${x ? x.nodeName : 'nothing'} vs ${y ? y.nodeName : 'nothing'}`;
    }
    const d = difference(x, y, `${here}[${i}]`);
    if (d) return d;
  }
  return null;
}

function isBroadsheetError(error) {
  return (
    error?.name === 'BroadsheetError' && Array.isArray(error.errors) && error.errors.length > 0
  );
}

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

// Renders one vector into two fresh containers; returns the synchronous problems and, for the
// checks that must wait for the browser, the containers.
function renderVector(vector) {
  const problems = [];
  const dom = document.createElement('div');
  const parsed = document.createElement('div');
  stage.append(dom, parsed);
  const built = attempt(() => bs.render(vector.article, dom));
  const string = attempt(() => bs.renderToString(vector.article));
  const t = vector.target;
  for (const [what, r] of [
    ['render()', built],
    ['renderToString()', string],
  ]) {
    if (!r.error) continue;
    if (!isBroadsheetError(r.error)) {
      problems.push(`${what} threw ${r.error?.name}: ${r.error?.message}`);
    } else if (vector.class !== 'url-field') {
      problems.push(`${what} rejected a ${vector.class} vector: ${r.error.message}`);
    } else if (!r.error.errors.every((e) => typeof e.path === 'string' && e.path.startsWith('/'))) {
      problems.push(
        `${what} BroadsheetError without JSON-pointer paths: ${JSON.stringify(r.error.errors)}`,
      );
    } else if (!r.error.errors.some((e) => e.path === t || e.path.startsWith(`${t}/`))) {
      problems.push(
        `${what} BroadsheetError does not point at ${t}: ${JSON.stringify(r.error.errors)}`,
      );
    }
  }
  if (!built.error !== !string.error) {
    problems.push(`only one of render() and renderToString() rejected the article`);
  }
  if (!string.error) {
    parsed.innerHTML = string.value;
    hydrate(parsed);
  }
  // The instance survives: the base article still renders exactly as before.
  const again = attempt(() => bs.renderToString(baseArticle));
  if (again.error) problems.push(`the base article no longer renders: ${again.error.message}`);
  else if (again.value !== baseHtml)
    problems.push('the base article renders differently afterwards');
  return { problems, dom, parsed, rejected: Boolean(built.error && string.error) };
}

const ID_REFS = ['aria-describedby', 'aria-labelledby', 'for'];

function comparable(container) {
  const copy = container.cloneNode(true);
  copy.normalize();
  const renamed = new Map();
  for (const el of copy.querySelectorAll('[id]')) {
    if (el.id.startsWith('user-content-')) continue;
    renamed.set(el.id, `generated-${renamed.size + 1}`);
    el.id = renamed.get(el.id);
  }
  for (const el of copy.querySelectorAll(ID_REFS.map((n) => `[${n}]`).join())) {
    for (const name of ID_REFS) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      el.setAttribute(
        name,
        value
          .split(/\s+/)
          .map((id) => renamed.get(id) ?? id)
          .join(' '),
      );
    }
  }
  return copy;
}

function checkVector(vector, { problems, dom, parsed, rejected }) {
  if (rejected) return problems;
  checkTree(dom, vector, 'render()', problems);
  checkTree(parsed, vector, 'innerHTML', problems);
  if (vector.mustShowText !== undefined) {
    const text = JSON.stringify(vector.mustShowText);
    if (!showsText(dom, vector.mustShowText))
      problems.push(`render(): mustShowText ${text} not shown`);
    if (!showsText(parsed, vector.mustShowText))
      problems.push(`innerHTML: mustShowText ${text} not shown`);
  }
  // Both sinks agree. Adjacent text nodes (the op buffer may deliver one run of text in pieces,
  // a parser always makes one node) are merged first, and ids made by hydration (a per-page
  // counter) are numbered by order of appearance; nothing is trimmed, every other node,
  // attribute and character must be identical.
  const a = comparable(dom);
  const b = comparable(parsed);
  const merged = dom.cloneNode(true);
  merged.normalize();
  vector.splitText = !dom.isEqualNode(merged);
  if (!a.isEqualNode(b)) {
    problems.push(`DOM from render() differs from the parsed HTML string: ${difference(a, b)}`);
  }
  return problems;
}

const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Gives error/load handlers, autofocus and animation-driven handlers their chance: every image
// settles (or 1 s passes), then two animation frames and a short pause.
async function settle() {
  const started = performance.now();
  while (performance.now() - started < 1000) {
    if ([...stage.querySelectorAll('img')].every((img) => img.complete)) break;
    await sleep(20);
  }
  await frame();
  await frame();
  await sleep(200);
}

// Event types whose handlers wait for a reader (a hover, focus, a click, keys, a drag, a paste)
// rather than fire by themselves. Once a batch has settled, each is dispatched on every rendered
// element, so that a handler that survived runs and trips the probe, whether or not the tree
// checks would also have flagged its attribute. Untrusted events of the base type do not activate
// links or submit forms, and a listener at the window cancels clicks and submits all the same:
// the page never navigates away (a javascript: URL is the URL checks' to catch).
const READER_EVENTS = [
  'mouseover',
  'mouseenter',
  'mousemove',
  'mousedown',
  'mouseup',
  'mouseout',
  'mouseleave',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'pointerover',
  'pointerenter',
  'pointerdown',
  'pointerup',
  'pointermove',
  'focus',
  'focusin',
  'blur',
  'focusout',
  'keydown',
  'keypress',
  'keyup',
  'beforeinput',
  'input',
  'change',
  'select',
  'wheel',
  'scroll',
  'touchstart',
  'touchend',
  'dragstart',
  'drag',
  'dragenter',
  'dragover',
  'drop',
  'dragend',
  'copy',
  'cut',
  'paste',
  'toggle',
  'submit',
  'reset',
  'invalid',
  'search',
  'beforetoggle',
];

const CANCELLED = ['click', 'auxclick', 'submit'];

function actAsReader() {
  const cancel = (event) => event.preventDefault();
  for (const type of CANCELLED) window.addEventListener(type, cancel, true);
  try {
    for (const element of stage.querySelectorAll('*')) {
      for (const type of READER_EVENTS) {
        element.dispatchEvent(new Event(type, { cancelable: true }));
      }
    }
  } finally {
    for (const type of CANCELLED) window.removeEventListener(type, cancel, true);
  }
}

// Probe calls and script errors are reported from where the last report stopped, never cleared:
// one that arrives after its batch was collected (a timer, a late image) is reported with the
// next batch, or by __late() after the last one.
let callsSeen = 0;
let errorsSeen = 0;
function unreported() {
  const out = { calls: window.__calls.slice(callsSeen), errors: window.__errors.slice(errorsSeen) };
  callsSeen = window.__calls.length;
  errorsSeen = window.__errors.length;
  return out;
}

// Runs a batch: returns per-vector problems and the probe calls / script errors of the batch.
window.__runBatch = async (vectors) => {
  stage.replaceChildren();
  const rendered = vectors.map((v) => {
    try {
      return renderVector(v);
    } catch (error) {
      return { problems: [`test page error: ${error}`], dom: null, parsed: null, rejected: true };
    }
  });
  await settle();
  // The trees are checked as rendered, before the reader's events change the widgets' state
  // (the subscribe form marks itself invalid, say); then the events, for what they make run.
  const results = vectors.map((v, i) => ({
    title: v.title,
    problems: checkVector(v, rendered[i]),
    rejected: rendered[i].rejected,
    splitText: Boolean(v.splitText),
  }));
  actAsReader();
  await frame();
  const out = { results, ...unreported() };
  stage.replaceChildren();
  return out;
};

// After the last batch: waits for anything late, then reports what arrived since the last report.
window.__late = async (ms) => {
  await sleep(ms);
  return unreported();
};

// Harness self-test: markup known to be hostile must trip the probe and the checks, so a quiet
// run means something (lazy images load, handlers get their chance, the checker looks).
window.__selfTest = async () => {
  stage.replaceChildren();
  unreported();
  const el = document.createElement('div');
  stage.append(el);
  el.innerHTML =
    '<p><img src="/no-such-image.png" loading="lazy" onerror="alert(\'canary\')"></p>' +
    '<p><b onmouseover="alert(\'hover\')">h</b><i onfocus="alert(\'focus\')">f</i>' +
    '<a href="/elsewhere" onclick="alert(\'click\')">c</a>' +
    '<span onpaste="alert(\'paste\')">p</span></p>' +
    '<a href="java&#x09;script:alert(1)">x</a><a href="https://evil.example/">y</a>' +
    '<svg><a href="/x"></a></svg><div style="color:red" id="clobber"></div>';
  await settle();
  const problems = [];
  checkTree(el, { target: '/body' }, 'selftest', problems);
  actAsReader();
  await frame();
  // The tree comparison sees a one-character difference and ignores split text nodes.
  const x = document.createElement('div');
  const y = document.createElement('div');
  x.innerHTML = '<p id="user-content-a">ab</p>';
  y.innerHTML = '<p id="user-content-a">ab</p>';
  y.firstChild.firstChild.splitText(1);
  const splitEqual = comparable(x).isEqualNode(comparable(y));
  y.firstChild.lastChild.data = 'c';
  const changeSeen =
    !comparable(x).isEqualNode(comparable(y)) && difference(comparable(x), comparable(y));
  const textSeen = showsText(x, 'ab') && !showsText(x, 'abc');
  const out = { calls: unreported().calls, problems, splitEqual, changeSeen, textSeen };
  out.stillHere = location.pathname.endsWith('/attacks.html');
  stage.replaceChildren();
  return out;
};

window.__ready = true;
