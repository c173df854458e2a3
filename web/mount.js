// broadsheet — mounting an article or widget into a host element: what <broadsheet-article>
// (element.js) and the embed script (embed.js) share. It attaches a shadow root with the default
// stylesheet, shows a loading state, fetches the JSON, renders it with render() (which hydrates
// the widgets) and, when anything fails, shows an error the reader can see instead of an empty
// box. Nodes only, never markup: this runs under Trusted Types.
import { BroadsheetError, load } from './index.js';

// Errors about the host or its JSON, shaped like the core's (see core.js's fail()).
const fail = (code, message) => new BroadsheetError(message, [{ code, path: '', message }]);

// The default stylesheet: dist/broadsheet.css (the minified web/style.css), from web/ and from the
// bundles alike. scripts/bundle.mjs makes it './broadsheet.css' in the bundles, so the embed script
// and the dist/ modules take the stylesheet next to themselves, as load() takes the module.
const STYLESHEET = new URL('../dist/broadsheet.css', import.meta.url).href;

/** What a reader sees while the article loads, and when it cannot be shown. */
export const STATUS_TEXT = Object.freeze({
  loading: 'Loading…',
  failed: 'This content could not be shown.',
});

// One constructed stylesheet for every shadow root (per stylesheet URL), fetched once.
const sheets = new Map();

function canConstruct(document) {
  return (
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype &&
    'adoptedStyleSheets' in (document.defaultView?.ShadowRoot?.prototype ?? {})
  );
}

// Resolves to a CSSStyleSheet, or null when constructable stylesheets are unavailable or the
// stylesheet cannot be fetched (say, cross-origin without CORS); the caller then uses a <link>.
function constructedSheet(url, document) {
  if (!canConstruct(document)) return Promise.resolve(null);
  let sheet = sheets.get(url);
  if (!sheet) {
    sheet = fetch(url)
      .then((response) => (response.ok ? response.text() : null))
      .then((text) => {
        if (text === null) return null;
        const constructed = new CSSStyleSheet();
        constructed.replaceSync(text);
        return constructed;
      })
      .catch(() => null);
    sheets.set(url, sheet);
  }
  return sheet;
}

function link(document, href) {
  const element = document.createElement('link');
  element.rel = 'stylesheet';
  element.href = href;
  return element;
}

// Adds the stylesheet to a shadow root; resolves once it applies (or has been linked).
async function styleShadow(shadow) {
  const document = shadow.ownerDocument;
  const url = STYLESHEET;
  const sheet = await constructedSheet(url, document);
  if (sheet) {
    try {
      if (!shadow.adoptedStyleSheets.includes(sheet)) {
        shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      }
      return;
    } catch {
      // A sheet constructed for another document cannot be adopted here: link it instead.
    }
  }
  shadow.prepend(link(document, url));
}

// A host that cannot take a shadow root renders in the light DOM; the stylesheet, whose every
// selector is scoped to broadsheet's own classes, then goes into the document once.
function styleDocument(document) {
  const url = STYLESHEET;
  const present = [...document.querySelectorAll('link[rel="stylesheet"]')].some(
    (l) => l.href === url,
  );
  if (!present) document.head.append(link(document, url));
}

function element(document, tag, className, ...children) {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

function statusBox(document, kind, ...children) {
  const box = element(document, 'div', `bs-widget bs-status bs-status-${kind}`, ...children);
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  return box;
}

function errorBox(document, error) {
  const children = [element(document, 'p', 'bs-status-title', STATUS_TEXT.failed)];
  const list = error instanceof BroadsheetError ? error.errors : [];
  if (list.length > 1 || (list.length === 1 && list[0].path)) {
    // Validation errors, each as "path: message" (the path a JSON pointer into the article).
    const items = list.map((d) =>
      element(
        document,
        'li',
        'bs-status-error-item',
        ...(d.path ? [element(document, 'code', 'bs-status-path', d.path), ': '] : []),
        d.message,
      ),
    );
    children.push(element(document, 'ul', 'bs-status-errors', ...items));
  } else {
    children.push(element(document, 'p', 'bs-status-detail', String(error?.message ?? error)));
  }
  return statusBox(document, 'error', ...children);
}

async function read(input, base, signal) {
  if (input.article !== undefined) return input.article;
  if (typeof input.text === 'string') return input.text;
  if (!input.src) {
    throw fail(
      'no_source',
      'No article: give a src URL or a <script type="application/json"> child with the JSON',
    );
  }
  const url = new URL(input.src, base).href;
  let response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw fail('fetch_failed', `Cannot load ${url}: ${error?.message ?? error}`);
  }
  if (!response.ok) {
    throw fail('fetch_failed', `Cannot load ${url}: HTTP ${response.status}`);
  }
  // The text, not response.json(): the core reports bad JSON with its position.
  return response.text();
}

/**
 * Prepares `host` for rendering: a shadow root with the stylesheet (`shadow`, the default) or
 * the light DOM, and a container in it. Returns {show(input, options), destroy()}. `input` is
 * {src} (a URL), {text} (JSON) or {article} (an object or JSON string); `options` go to render().
 * Events on the host: broadsheet:render {root} and broadsheet:error {error}.
 */
export function createMount(host, { shadow = true, documentStyles = false } = {}) {
  const document = host.ownerDocument;
  const container = document.createElement('div');
  container.className = 'bs-mount';
  let styled = Promise.resolve();
  let root = null;
  if (shadow) {
    try {
      root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    } catch {
      root = null; // not a valid shadow host (say, a <p>): the light DOM it is
    }
  }
  if (root) {
    styled = styleShadow(root);
    root.append(container);
  } else {
    if (documentStyles) styleDocument(document);
    // The rendering replaces the host's fallback content; an inline JSON script stays.
    const scripts = [...host.children].filter((c) => c.matches('script[type="application/json"]'));
    host.replaceChildren(...scripts, container);
  }

  let generation = 0;
  let controller = null;
  let handle = null;

  function emit(type, detail) {
    host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  function clear(...children) {
    handle?.destroy();
    handle = null;
    container.replaceChildren(...children);
  }

  async function show(input, options) {
    const current = ++generation;
    controller?.abort();
    controller = typeof AbortController === 'function' ? new AbortController() : null;
    const title = element(document, 'p', 'bs-status-title', STATUS_TEXT.loading);
    clear(statusBox(document, 'loading', title));
    host.setAttribute('aria-busy', 'true');
    try {
      const [bs, article] = await Promise.all([
        load(),
        read(input, host.baseURI, controller?.signal),
        styled,
      ]);
      if (current !== generation) return;
      clear();
      handle = bs.render(article, container, options);
      host.removeAttribute('aria-busy');
      emit('broadsheet:render', { root: handle.root });
    } catch (error) {
      if (current !== generation) return;
      clear(errorBox(document, error));
      host.removeAttribute('aria-busy');
      emit('broadsheet:error', { error });
    }
  }

  return {
    container,
    show,
    /** The render() handle of what is shown, or null while loading or after an error. */
    get handle() {
      return handle;
    },
    destroy() {
      ++generation;
      controller?.abort();
      clear();
      host.removeAttribute('aria-busy');
    },
  };
}
