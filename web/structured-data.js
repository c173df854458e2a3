// broadsheet — structured data for search engines and link previews, for servers that write a
// page's <head>: schema.org NewsArticle JSON-LD, Open Graph and Twitter <meta> tags.
//
//   import { structuredData } from 'broadsheet/structured-data';
//   const { jsonLd, meta, head } = structuredData(article);
//
// Plain JavaScript, no WebAssembly: it reads an article that the core accepted (validate it first;
// the CLI's `render --page` does). It is not part of what a browser fetches for render(): the DOM
// path never adds a script element.

/**
 * Serializes `value` as JSON that can sit inside <script type="application/ld+json">: "<", ">"
 * and "&" become \u003c, \u003e and \u0026, so no string can close the script element ("</script>")
 * or open a comment ("<!--"); U+2028 and U+2029 are escaped for old JavaScript parsers.
 */
export function jsonForScript(value) {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

// Crawlers need absolute URLs: a relative one is resolved against the article's own URL; only
// http and https survive (a javascript: or data: URL is dropped here as in the rendered page).
function absolute(value, base) {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// Drops undefined members and empty arrays, so the output carries only what the article says.
function compact(object) {
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

const escapeAttribute = (value) =>
  value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);

/**
 * The structured data of an article (an object or a JSON string):
 *   jsonLd: the schema.org NewsArticle object (headline, description, image, datePublished,
 *           dateModified, author, publisher, mainEntityOfPage, inLanguage, keywords);
 *   meta:   [{property or name, content}] for Open Graph (og:*, article:*) and Twitter cards;
 *   head:   both as HTML for a page's <head>: the <meta> tags and one
 *           <script type="application/ld+json"> whose JSON cannot close the element.
 */
export function structuredData(article) {
  const a = typeof article === 'string' ? JSON.parse(article) : article;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) {
    throw new TypeError('structuredData(article): article must be an object or a JSON string');
  }
  const url = absolute(a.url, undefined);
  const siteUrl = absolute(a.site?.url, url);
  const image = absolute(a.hero?.src, url);
  const headline = text(a.headline);
  const description = text(a.dek);
  const authors = (Array.isArray(a.authors) ? a.authors : [])
    .filter((p) => text(p?.name))
    .map((p) => compact({ '@type': 'Person', name: text(p.name), url: absolute(p.url, url) }));
  const tags = (Array.isArray(a.tags) ? a.tags : []).map((t) => text(t?.name)).filter(Boolean);
  const publisher = text(a.site?.name)
    ? compact({ '@type': 'Organization', name: text(a.site.name), url: siteUrl })
    : undefined;

  const jsonLd = compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    description,
    image: image ? [image] : undefined,
    datePublished: text(a.published),
    dateModified: text(a.modified) ?? text(a.published),
    author: authors,
    publisher,
    mainEntityOfPage: url,
    inLanguage: text(a.lang),
    keywords: tags.length ? tags.join(', ') : undefined,
  });

  const meta = [];
  const add = (key, name, content) => {
    if (content !== undefined) meta.push({ [key]: name, content });
  };
  add('property', 'og:type', 'article');
  add('property', 'og:title', headline);
  add('property', 'og:description', description);
  add('property', 'og:url', url);
  add('property', 'og:site_name', text(a.site?.name));
  add('property', 'og:image', image);
  add('property', 'og:image:alt', image ? text(a.hero?.alt) : undefined);
  add('property', 'article:published_time', text(a.published));
  add('property', 'article:modified_time', text(a.modified));
  for (const tag of tags) add('property', 'article:tag', tag);
  add('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  add('name', 'twitter:title', headline);
  add('name', 'twitter:description', description);
  add('name', 'twitter:image', image);
  add('name', 'twitter:image:alt', image ? text(a.hero?.alt) : undefined);

  const head =
    meta
      .map((m) => {
        const key = m.property !== undefined ? 'property' : 'name';
        return `<meta ${key}="${escapeAttribute(m[key])}" content="${escapeAttribute(m.content)}">`;
      })
      .join('\n') + `\n<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`;
  return { jsonLd, meta, head };
}
