// broadsheet — the <broadsheet-article> custom element (package export "broadsheet/element").
//
//   <script type="module">import 'broadsheet/element';</script>
//   <broadsheet-article src="/articles/china-belarus.json"></broadsheet-article>
//   <broadsheet-article widget="related" count="3">
//     <script type="application/json">{ "title": "Related stories", "items": [...] }</script>
//   </broadsheet-article>
//
// Attributes: src (URL of the JSON; re-renders when it changes), widget (related | latest |
// subscribe), count, trust="untrusted", dates="relative", light-dom (render into the element's
// own children instead of a shadow root; read once, when the element is first connected).
// Properties: src, article (an object or JSON string; wins over src and inline JSON),
// onSubscribe(email). Events: broadsheet:render {root}, broadsheet:error {error}, and the
// subscribe form's broadsheet:subscribe {email}.
import { createMount } from './mount.js';

export const TAG_NAME = 'broadsheet-article';
const INLINE = ':scope > script[type="application/json"]';

// Importing this module on a server (no DOM) defines nothing and does not throw.
const Base = globalThis.HTMLElement ?? class {};

export class BroadsheetArticleElement extends Base {
  static observedAttributes = ['src', 'widget', 'count', 'trust', 'dates'];

  #mount = null;
  #observer = null;
  #inline = null; // the inline JSON last rendered, to tell our own DOM changes from the page's
  #article = undefined;
  #onSubscribe = null;
  #queued = false;
  #dirty = true;

  constructor() {
    super();
    // A property set before the element was upgraded is an own data property that would shadow
    // the accessors: move it through them.
    for (const name of ['article', 'onSubscribe', 'src']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  get src() {
    return this.getAttribute('src') ?? '';
  }
  set src(value) {
    this.setAttribute('src', value);
  }

  /** An article object or JSON string to render; it wins over src and the inline JSON. */
  get article() {
    return this.#article;
  }
  set article(value) {
    this.#article = value;
    this.#invalidate();
  }

  /** Called with the email when a reader subscribes; may return a promise. */
  get onSubscribe() {
    return this.#onSubscribe;
  }
  set onSubscribe(handler) {
    this.#onSubscribe = typeof handler === 'function' ? handler : null;
  }

  connectedCallback() {
    if (!this.#mount) {
      this.#mount = createMount(this, { shadow: !this.hasAttribute('light-dom') });
      // An inline JSON child can arrive after the element (the parser, or a script adding it).
      this.#observer = new MutationObserver(() => {
        if (this.#inlineText() !== this.#inline) this.#invalidate();
      });
      this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    }
    if (this.#dirty) this.#schedule();
  }

  disconnectedCallback() {
    this.#queued = false;
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after) this.#invalidate();
  }

  #invalidate() {
    this.#dirty = true;
    if (this.isConnected && this.#mount) this.#schedule();
  }

  // Several attribute changes in one task render once.
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      if (!this.#queued) return;
      this.#queued = false;
      this.#render();
    });
  }

  #inlineText() {
    return this.querySelector(INLINE)?.textContent ?? null;
  }

  #options() {
    const options = {};
    const widget = this.getAttribute('widget');
    if (widget) options.widget = widget;
    const count = this.getAttribute('count');
    if (count !== null && count.trim() !== '') {
      // Not a number: passed as written, and the core reports it as an invalid option.
      options.count = /^\s*\d+\s*$/.test(count) ? Number(count) : count;
    }
    const trust = this.getAttribute('trust');
    if (trust) options.trust = trust;
    const dates = this.getAttribute('dates');
    if (dates) options.dates = dates;
    // Read at submit time, so a handler set after rendering counts.
    Object.defineProperty(options, 'onSubscribe', {
      enumerable: true,
      get: () => this.#onSubscribe ?? undefined,
    });
    return options;
  }

  #render() {
    const inline = this.#inlineText();
    const src = this.getAttribute('src');
    // Parsing is not finished: the inline JSON may still be on its way.
    if (
      this.#article === undefined &&
      !src &&
      inline === null &&
      this.ownerDocument.readyState === 'loading'
    ) {
      this.ownerDocument.addEventListener('DOMContentLoaded', () => this.#invalidate(), {
        once: true,
      });
      return;
    }
    this.#dirty = false;
    this.#inline = inline;
    const input =
      this.#article !== undefined
        ? { article: this.#article }
        : src
          ? { src }
          : { text: inline ?? undefined };
    this.#mount.show(input, this.#options());
  }
}

/** Defines <broadsheet-article> unless the page already has it (say, from the embed script). */
export function defineBroadsheetArticle(registry = globalThis.customElements) {
  if (registry && !registry.get(TAG_NAME)) registry.define(TAG_NAME, BroadsheetArticleElement);
}

defineBroadsheetArticle();
