// broadsheet — the public API: load() the core once, then render articles to HTML or DOM.
//
//   const bs = await load();
//   bs.renderToString(article, options?)   HTML fragment
//   bs.render(article, element, options?)  DOM nodes into element; returns a handle
//   bs.renderMarkdown(markdown, options?)  a Markdown body alone, as HTML
//   bs.validate(article)                   { ok, errors, warnings }
//   hydrate(root, options?)                widget behaviour on server-rendered markup (no WASM)
//
// Everything that goes wrong throws a BroadsheetError with `errors` ({code, path, message}),
// except hydrate() given a root that is not a DOM node: a TypeError, as DOM methods throw.
import {
  RENDER_ARTICLE_HTML as ARTICLE_HTML,
  RENDER_ARTICLE_OPS as ARTICLE_OPS,
  RENDER_MARKDOWN_HTML as MARKDOWN_HTML,
  VALIDATE,
} from './codes.js';
import {
  BroadsheetError,
  fail,
  instantiate,
  language,
  renderJsonBytes,
  useLanguage,
} from './core.js';
import { buildDom } from './dom.js';
import { hydrate } from './widgets.js';

export { BroadsheetError, hydrate };
export const version = '0.1.0';

function describe(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

// An escaped \ud800-\udfff after an even run of backslashes (an odd one escapes the backslash).
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

// JSON.stringify throws a TypeError on a BigInt or a cycle, and returns undefined for a function:
// all of them are the caller's mistake, reported as one.
// `or`: what else the argument may be, for the message (an article may be a JSON string).
function json(value, what, or = '') {
  if (value !== null && typeof value === 'object') {
    let text;
    try {
      text = JSON.stringify(value);
    } catch (error) {
      throw fail(
        'invalid_argument',
        `${what} cannot be converted to JSON: ${String(error?.message ?? error).split('\n')[0]}`,
      );
    }
    // JSON.stringify writes a lone surrogate (say, from an excerpt cut with slice() inside an
    // emoji) as a \udXXX escape, which the core's parser rejects; a string argument gets U+FFFD
    // for it from TextEncoder, so an object does too. Paired surrogates are never escaped.
    if (typeof text === 'string') return text.replace(LONE_SURROGATE, '$1\\ufffd');
  }
  throw fail('invalid_argument', `${what} must be an object${or}, got ${describe(value)}`);
}

function articleJson(article) {
  return typeof article === 'string' ? article : json(article, 'article', ' or a JSON string');
}

// Options that only the browser side reads (web/widgets.js); the core never sees them.
const HYDRATE_ONLY = ['onSubscribe', 'onAdSlot', 'dates', 'now'];

function optionsJson(options) {
  if (options === undefined || options === null) return '';
  if (typeof options === 'object' && !Array.isArray(options)) {
    const core = {};
    for (const key in options) if (!HYDRATE_ONLY.includes(key)) core[key] = options[key];
    return json(core, 'options');
  }
  return json(options, 'options');
}

function rejected(text, what) {
  const { errors, warnings } = JSON.parse(text);
  const label = errors.every((e) => e.code === 'invalid_options') ? 'Invalid options' : what;
  const first = errors[0] ?? { path: '', message: 'rejected without a reason' };
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const where = first.path ? `${first.path}: ` : '';
  return new BroadsheetError(`${label}: ${where}${first.message}${more}`, errors, warnings);
}

function bind(core) {
  function html(fn, input, options, what, read) {
    const { status, text, value } = core.call(fn, input, optionsJson(options), read);
    if (status !== 0) throw rejected(text, what);
    return read ? value : text;
  }

  function fragment(article, element, options) {
    if (!element || typeof element.replaceChildren !== 'function' || !element.ownerDocument) {
      throw fail('invalid_argument', `element must be a DOM element, got ${describe(element)}`);
    }
    // The nodes are built from the op buffer where it lies in WASM memory, before it is freed.
    const { status, text, value } = core.call(
      ARTICLE_OPS,
      articleJson(article),
      optionsJson(options),
      (bytes) => buildDom(bytes, element.ownerDocument),
    );
    if (status !== 0) throw rejected(text, 'Invalid article');
    return value;
  }

  return {
    version,

    // The article's language needs its catalogue: Node reads it at once; in a browser, pass
    // `messages` or render() once (it fetches locales/<lang>.json) before the first call.
    renderToString(article, options) {
      return html(ARTICLE_HTML, articleJson(article), options, 'Invalid article');
    },

    [renderJsonBytes]: (bytes, options, read) =>
      html(ARTICLE_HTML, bytes, options, 'Invalid article', read),

    renderMarkdown(markdown, options) {
      if (typeof markdown !== 'string') {
        throw fail('invalid_argument', `markdown must be a string, got ${describe(markdown)}`);
      }
      return html(MARKDOWN_HTML, markdown, options, 'Invalid markdown');
    },

    validate(article) {
      const { errors, warnings } = JSON.parse(core.call(VALIDATE, articleJson(article)).text);
      return { ok: errors.length === 0, errors, warnings };
    },

    // Builds the article into `element`, replacing its children, and hydrates it (the subscribe
    // form, relative dates: see web/widgets.js) with the same options. The handle's update()
    // renders again in place (the old nodes stay if the new article is invalid); destroy()
    // removes the nodes and their listeners.
    render(article, element, options) {
      let nodes = [];
      let root = null;
      let behaviour = null;
      let ready;
      const mount = (a, given) => {
        const built = fragment(a, element, given);
        behaviour?.destroy();
        nodes = [...built.childNodes];
        element.replaceChildren(built);
        root = nodes.find((n) => n.nodeType === 1) ?? null;
        // The lang the core wrote (the locale option, else the article's): not English, its labels
        // are in a catalogue (the core asked the language chunk for it while rendering), and so
        // are the subscribe form's messages. Not here yet: the language chunk, then the catalogue
        // it fetches, then one render.
        const lang = root?.lang ?? '';
        let [o, pending] = language?.localised(lang, given) ?? [given];
        if (!language && !/^(en\b|$)/i.test(lang)) {
          pending = import('./language.js').then((chunk) => useLanguage(chunk).localised(lang)[1]);
        }
        // The caller's own options object: hydrate reads onSubscribe from it at submit time.
        behaviour = root ? hydrate(root, o ?? {}) : null;
        // The language's labels arrive: the same article again, unless it was replaced meanwhile.
        const current = (ready = pending?.then(
          () => ready === current && nodes && mount(a, given),
        ));
        return current;
      };
      mount(article, options);
      return {
        element,
        // Settles once the page shows its own language's labels (a catalogue fetch, in a browser)
        // and, asked for, its relative dates (a chunk hydrate() imports).
        get ready() {
          return Promise.resolve(ready).then(() => behaviour?.ready);
        },
        get root() {
          return root;
        },
        update(next, nextOptions) {
          if (!nodes) throw fail('invalid_argument', 'this render handle was destroyed');
          mount(next, nextOptions);
        },
        destroy() {
          behaviour?.destroy();
          behaviour = null;
          for (const node of nodes ?? []) if (node.parentNode === element) node.remove();
          nodes = null;
          root = null;
        },
      };
    },
  };
}

// One instance per source: load() again with the same (or no) source is a cache hit.
const byString = new Map();
const byObject = new WeakMap();

// Loads the WebAssembly core. options.wasm: where the module is (URL or string), its bytes
// (ArrayBuffer or typed array) or a compiled WebAssembly.Module; default dist/broadsheet.wasm.
// options.languages: BCP 47 tags whose catalogues a browser fetches before load() settles.
export async function load(options = {}) {
  const source = options?.wasm;
  if (!(
    source === undefined ||
    typeof source === 'string' ||
    source instanceof URL ||
    source instanceof ArrayBuffer ||
    ArrayBuffer.isView(source) ||
    source instanceof WebAssembly.Module
  )) {
    throw fail(
      'invalid_argument',
      `options.wasm must be a URL, bytes or a WebAssembly.Module, got ${describe(source)}`,
    );
  }
  const languages = options?.languages;
  if (languages !== undefined && !Array.isArray(languages)) {
    throw fail('invalid_argument', `options.languages must be an array of language tags`);
  }
  if (globalThis.process?.versions?.node || languages?.length) {
    // A server reads catalogues from files; a page fetches these ones now, so that the first
    // render() is already in its language.
    const chunk = await import('./language.js');
    await chunk.prepare(languages ?? []);
    useLanguage(chunk);
  }
  const isObject = typeof source === 'object' && !(source instanceof URL);
  const cache = isObject ? byObject : byString;
  const key = isObject ? source : String(source ?? '');
  let pending = cache.get(key);
  if (!pending) {
    pending = instantiate(source).then(bind, (error) => {
      // A failed load (network, bad bytes) is not cached: the next load() tries again.
      if (cache.get(key) === pending) cache.delete(key);
      throw error instanceof BroadsheetError
        ? error
        : fail('wasm_load', `cannot load the broadsheet core: ${error?.message ?? error}`);
    });
    cache.set(key, pending);
  }
  return pending;
}
