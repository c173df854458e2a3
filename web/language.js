// broadsheet — a page's own language's labels: the catalogue from locales/ put under the caller's
// messages. A chunk of its own: English is built into the core, so an English page never fetches
// this; web/index.js imports it when a page is in another language (and on a server, in load()).
import { syncFileReader } from './read-file.js';

// The catalogues in locales/ (tests/js/language.test.js checks this list against the files).
export const CATALOGUES = 'ar de es fr he hi it ja ko nl pl pt ru sv tr uk zh'.split(' ');
// By name: the messages, or a promise while they are fetched.
const catalogues = {};
// node:fs's readFileSync on a server (readFromFiles()): a catalogue is read at once, so
// renderToString() there needs no await. (The browser build has none: a catalogue is fetched.)
let readFileSync;

// On a server: catalogues from files. Returns localised().
export async function readFromFiles() {
  readFileSync = await syncFileReader();
  return localised;
}

// load({ languages }): these tags' catalogues, fetched before the first render needs them.
export const preload = (tags) => Promise.all(tags.map((tag) => catalogue(String(tag))));

// The catalogue for a BCP 47 tag by truncation (pt-BR, then pt, then English), or a promise that
// settles when it has arrived. Only a listed name becomes a file name: an article's lang can
// neither read another file ("../") nor cause a request that fails.
function catalogue(tag) {
  for (let name = tag.toLowerCase(); name; name = name.replace(/-?[^-]*$/, '')) {
    if (!CATALOGUES.includes(name)) continue;
    const url = new URL(`../locales/${name}.json`, import.meta.url);
    return (catalogues[name] ??= readFileSync
      ? JSON.parse(readFileSync(url, 'utf8'))
      : fetch(url)
          .then((r) => r.json())
          .catch(() => ({})) // unreachable or broken: English labels on this page
          .then((found) => (catalogues[name] = found)));
  }
  return {};
}

// [options with the language's catalogue under the caller's own messages, or the options as given
// while the catalogue is fetched, and then that fetch].
export function localised(article, options) {
  let lang = options?.locale;
  try {
    lang ||= (typeof article === 'string' ? JSON.parse(article) : article)?.lang;
  } catch {
    // the core reports the syntax error
  }
  const found = catalogue(String(lang || 'en'));
  if (found.then || (options && (typeof options !== 'object' || Array.isArray(options)))) {
    return [options, found.then && found];
  }
  // A child of the caller's object: hydrate() still reads its onSubscribe at submit time.
  return [
    Object.create(options ?? null, {
      messages: { value: { ...found, ...options?.messages }, enumerable: true },
    }),
  ];
}
