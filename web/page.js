// broadsheet — the page shell around a rendered article: a complete HTML document with the
// stylesheet, and in the head structured data (web/structured-data.js). Node only (it reads
// web/style.css from disk); used by `broadsheet render --page` and bulk builds (web/build.js).
import { readFile } from 'node:fs/promises';
import { version } from './index.js';
import { structuredData } from './structured-data.js';

// For <title> and attribute values of the page shell only; the article itself is rendered by the core.
function escapeHtml(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

let stylesheetText = null;

// web/style.css, read once per process (a bulk build writes thousands of pages); '' when this
// checkout has none, and then pages are unstyled.
export function stylesheet() {
  stylesheetText ??= readFile(new URL('./style.css', import.meta.url), 'utf8').catch(() => '');
  return stylesheetText;
}

// A complete HTML document around `fragment`, the article `text` (JSON) rendered by the core.
export async function page(fragment, text) {
  let article = {};
  try {
    article = JSON.parse(text);
  } catch {
    // The core accepted it, so only the page metadata is lost (e.g. a byte order mark).
  }
  // The language and direction the core chose (the locale option over the article's lang, rtl for
  // a right-to-left language), from the element it wrote.
  const root = /^<(?:article|div) [^>]*>/.exec(fragment)?.[0] ?? '';
  const lang = /\slang="([^"]*)"/.exec(root)?.[1];
  const dir = /\sdir="([^"]*)"/.exec(root)?.[1];
  const attrs = [];
  if (lang && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) attrs.push(` lang="${lang}"`);
  if (['ltr', 'rtl', 'auto'].includes(dir)) attrs.push(` dir="${dir}"`);
  const title = typeof article.headline === 'string' ? article.headline : '';
  const { jsonLd, head } = structuredData(article);
  const description = jsonLd.description
    ? `<meta name="description" content="${escapeHtml(jsonLd.description)}">\n`
    : '';
  const canonical = jsonLd.mainEntityOfPage
    ? `<link rel="canonical" href="${escapeHtml(jsonLd.mainEntityOfPage)}">\n`
    : '';
  const css = await stylesheet();
  const style = css ? `<style>\n${css}</style>\n` : '';
  return (
    `<!doctype html>\n<html${attrs.join('')}>\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="broadsheet ${version}">\n` +
    `<title>${escapeHtml(title)}</title>\n${description}${canonical}${head}\n${style}</head>\n<body>\n<main>\n${fragment}\n</main>\n</body>\n</html>\n`
  );
}
