// broadsheet — types of web/structured-data.js (package export "broadsheet/structured-data").
import type { Article } from './index.js';

/** One Open Graph or Twitter <meta> tag: `property` for og:* and article:*, `name` for twitter:*. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

export interface StructuredData {
  /** The schema.org NewsArticle object, members the article does not give left out. */
  jsonLd: Record<string, unknown>;
  meta: MetaTag[];
  /** The <meta> tags and a <script type="application/ld+json"> for a page's <head>. */
  head: string;
}

/** Structured data of an article the core accepted (validate it first). */
export function structuredData(article: Article | string): StructuredData;

/** JSON for a <script> element: "<", ">", "&", U+2028 and U+2029 escaped as \uXXXX. */
export function jsonForScript(value: unknown): string;
