// broadsheet — types of web/element.js (package export "broadsheet/element"): <broadsheet-article>.
import type { Article, BroadsheetError, Widget, WidgetInput } from './index.js';

export const TAG_NAME: 'broadsheet-article';

/** detail of broadsheet:render: the rendered root (article.bs-article or div.bs-widget). */
export interface RenderEventDetail {
  root: Element | null;
}

/** detail of broadsheet:error: why nothing could be shown (the element shows it too). */
export interface ErrorEventDetail {
  /** A BroadsheetError (its `errors` list the problems) or whatever else was thrown. */
  error: BroadsheetError | Error;
}

/**
 * <broadsheet-article src="article.json">: fetches and renders an article, or one widget, into a
 * shadow root with broadsheet's stylesheet (or its own children, with the light-dom attribute).
 *
 * Attributes: src, widget ("related" | "latest" | "subscribe"), count, trust ("untrusted"),
 * dates ("relative"), light-dom. Without src it renders the JSON of a
 * <script type="application/json"> child.
 */
export class BroadsheetArticleElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Reflects the src attribute: the URL of the article (or widget) JSON. */
  src: string;
  /** An article (or widget JSON) to render; when set it wins over src and the inline JSON. */
  article: Article | WidgetInput | string | undefined;
  /** Handles subscriptions; may return a promise (pending, success and failure are shown). */
  onSubscribe: ((email: string) => unknown) | null;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;
}

/** Defines <broadsheet-article> in `registry` unless it is defined already (the import does this). */
export function defineBroadsheetArticle(registry?: CustomElementRegistry): void;

/** The attributes, as a framework's JSX typing may want them. */
export interface BroadsheetArticleAttributes {
  src?: string;
  widget?: Widget;
  count?: number | string;
  trust?: 'publisher' | 'untrusted';
  dates?: 'relative' | 'absolute';
  'light-dom'?: boolean | '';
}

declare global {
  interface HTMLElementTagNameMap {
    'broadsheet-article': BroadsheetArticleElement;
  }
  interface HTMLElementEventMap {
    'broadsheet:render': CustomEvent<RenderEventDetail>;
    'broadsheet:error': CustomEvent<ErrorEventDetail>;
  }
}
