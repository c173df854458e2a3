// broadsheet — types of the public API (web/index.js). The article types mirror
// docs/article-format.md; schema/article.schema.json is the machine-readable reference.
import type { HydrateOptions } from './widgets.js';

export { hydrate } from './widgets.js';
export type {
  HydrateHandle,
  HydrateOptions,
  SubscribeEventDetail,
  SubscribeMessages,
} from './widgets.js';

/** A URL: absolute (http, https, mailto, tel), relative, or a #fragment. Others are dropped at render time. */
export type Url = string;
/** ISO 8601 date (YYYY-MM-DD) or date-time. */
export type DateString = string;
export type TextDirection = 'ltr' | 'rtl' | 'auto';

export interface Link {
  name?: string;
  url?: Url;
}

export interface Image {
  src: Url;
  /** Empty for a decorative image. */
  alt: string;
  /** 1 to 10000. */
  width?: number;
  /** 1 to 10000. */
  height?: number;
  srcset?: string;
  caption?: string;
  credit?: string;
}

/** A related/latest teaser. */
export interface Story {
  headline: string;
  url: Url;
  excerpt?: string;
  image?: Image;
  published?: DateString | null;
  /** An item whose id equals the article's id is not shown. */
  id?: string;
}

export interface StoryList {
  title?: string;
  items?: Story[];
  /** Maximum number of items shown (>= 1). */
  count?: number;
}

interface BlockBase {
  id?: string;
  lang?: string;
  dir?: TextDirection;
}

export type Block = BlockBase &
  (
    | { type: 'markdown'; text?: string }
    | ({ type: 'image' } & Image)
    | { type: 'gallery'; images?: Image[] }
    | { type: 'pullquote'; text?: string; attribution?: string }
    | {
        type: 'embed';
        provider?: 'youtube' | 'vimeo' | 'twitter' | 'instagram' | 'spotify';
        url?: Url;
        title?: string;
      }
    | { type: 'ad'; slot?: string; sizes?: string[] }
    | { type: 'related'; items?: Story[] }
    /** Sanitized through the allowlist. */
    | { type: 'html'; html?: string }
    | { type: 'divider' }
  );

/** Article JSON v1. Unknown fields are allowed (a newer 1.x minor renders) and ignored. */
export interface Article {
  /** "1.x"; default "1.0". A major version above 1 is rejected. */
  version?: string;
  id?: string;
  /** Canonical absolute URL; its origin decides which links leave the site. */
  url?: Url;
  /** BCP 47, e.g. "en-GB". */
  lang?: string;
  dir?: TextDirection;
  /** "untrusted" adds rel="nofollow ugc" to links. */
  trust?: 'publisher' | 'untrusted';
  site?: Link;
  topbar?: {
    location?: string;
    temperature?: { value?: number; unit?: 'C' | 'F' };
    /** YYYY-MM-DD. */
    date?: string;
  };
  breadcrumbs?: { label?: string; url?: Url }[];
  /** Required: the h1. Plain text. */
  headline: string;
  dek?: string;
  authors?: Link[];
  published?: DateString | null;
  modified?: DateString | null;
  hero?: Image;
  /** Markdown (CommonMark + tables, strikethrough, autolinks, task lists) or blocks. */
  body?: string | Block[];
  source?: Link;
  tags?: Link[];
  related?: StoryList;
  latest?: StoryList;
  subscribe?: {
    title?: string;
    benefits?: string[];
    /** Required when the box is present. */
    action: Url;
    cta?: string;
    placeholder?: string;
    label?: string;
  };
  ads?: { every?: number; label?: string };
  [unknown: string]: unknown;
}

export interface RenderOptions {
  /** Lowers trust for this render; never raises it above the article's own `trust`. */
  trust?: 'publisher' | 'untrusted';
  /** Longest related/latest excerpt in characters (0 to 100000, 0 keeps them whole). Default 160. */
  excerptLength?: number;
  /** false leaves the related stories widget out. */
  related?: boolean;
  /** false leaves the latest stories widget out. */
  latest?: boolean;
  /** false leaves the subscribe box out. */
  subscribe?: boolean;
  /** Most stories a related/latest list shows (0 to 100; 0 keeps the list's own count). */
  count?: number;
  /**
   * Render only this widget, as one <div class="bs-widget">. The input may then be a whole article
   * or just the widget's object: a StoryList for "related"/"latest", the subscribe object.
   */
  widget?: Widget;
  /**
   * A contents list (links to the body's h2/h3 headings) before the body: true, false, or "auto"
   * (when the body has 3 or more h2). Default: the article's own `toc`, else none.
   */
  toc?: boolean | 'auto';
  /**
   * "standard": related stories in a side column on wide screens; "single": one column, related
   * and latest after the body. Default: the article's own `layout`, else "standard".
   */
  layout?: 'standard' | 'single';
}

export type Widget = 'related' | 'latest' | 'subscribe';

/** The options of render(): the core's, plus the widget behaviour render() attaches (hydrate()). */
export interface DomRenderOptions extends RenderOptions, HydrateOptions {}

/** One problem with an input. */
export interface Diagnostic {
  /** Stable code, e.g. "invalid_type", "required", "invalid_json", "invalid_options", "invalid_argument". */
  code: string;
  /** JSON pointer to the offending value; "" for the document itself. */
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface RenderHandle {
  /** The element passed to render(). */
  readonly element: Element | DocumentFragment;
  /** The rendered root: <article class="bs-article">, or <div class="bs-widget"> (null after destroy()). */
  readonly root: Element | null;
  /** Renders again in place. On an error it throws and leaves the current DOM as it is. */
  update(article: Article | WidgetInput | string, options?: DomRenderOptions): void;
  /** Removes the rendered nodes and their listeners. The handle cannot be updated afterwards. */
  destroy(): void;
}

/**
 * What a standalone widget (RenderOptions.widget) may be fed instead of a whole article; `url` and
 * `id` name the current article, which a list never shows.
 */
export type WidgetInput = (StoryList | NonNullable<Article['subscribe']>) & {
  url?: Url;
  id?: string;
};

export interface Broadsheet {
  readonly version: string;
  /**
   * Renders an article to an HTML fragment (one <article> element, or one <div class="bs-widget">
   * with options.widget). Hydrate it in the browser with hydrate().
   */
  renderToString(article: Article | WidgetInput | string, options?: RenderOptions): string;
  /**
   * Builds the article's DOM into `element`, replacing its children, and attaches the widgets'
   * behaviour (as hydrate() does) with the same options.
   */
  render(
    article: Article | WidgetInput | string,
    element: Element | DocumentFragment,
    options?: DomRenderOptions,
  ): RenderHandle;
  /** Renders a Markdown body alone, through the same policy, to HTML. */
  renderMarkdown(markdown: string, options?: RenderOptions): string;
  /** Checks an article without rendering it. */
  validate(article: Article | string): ValidationResult;
}

export interface LoadOptions {
  /** Where the WebAssembly module is (default: dist/broadsheet.wasm of this package), its bytes, or the compiled module. */
  wasm?: URL | string | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
}

/**
 * Thrown by every call: an invalid article (`errors` as from validate()), invalid options
 * (code "invalid_options"), a bad argument ("invalid_argument"), a module that cannot be loaded
 * ("wasm_load") or a core failure ("wasm_abort", "out_of_memory").
 */
export class BroadsheetError extends Error {
  readonly name: 'BroadsheetError';
  /** The first error's code. */
  readonly code: string | undefined;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  constructor(message: string, errors?: Diagnostic[], warnings?: Diagnostic[]);
}

/** Loads (once per source) and instantiates the WebAssembly core. */
export function load(options?: LoadOptions): Promise<Broadsheet>;

export const version: string;
