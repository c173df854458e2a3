// broadsheet — a page's own language's labels: the catalogues in locales/. A chunk of its own:
// English is built into the core, so an English page never fetches this; web/index.js imports it
// when a page is in another language (and on a server, in load()). The core asks for a catalogue
// itself once it has read the article (labels() below), so nothing here reads the article.
import { syncFileReader } from './read-file.js';

// The catalogues in locales/ (tests/js/language.test.js checks this list against the files).
export const CATALOGUES = 'ar de es fr he hi it ja ko nl pl pt ru sv tr uk zh'.split(' ');
// By name: the messages, or a promise while they are fetched.
const catalogues = {};
// By name: the messages laid out for the core (labels()).
const tables = {};
// The room the core gives an answer (kHostAnswerRoom in src/wasm_api.cpp; tests/js/language.test.js
// checks they agree): a catalogue's labels longer than this are not given, as the core would
// misread them cut short, and the page keeps English labels.
export const CORE_ANSWER_ROOM = 4096;
// node:fs's readFileSync on a server (prepare()): a catalogue is read at once, so
// renderToString() there needs no await. (The browser build has none: a catalogue is fetched.)
let readFileSync;

// load(): on a server, catalogues are read from files from now on; then these tags' catalogues
// (load({ languages })) are fetched, or read, before the first render needs them.
export async function prepare(tags) {
  if (globalThis.process?.versions?.node) readFileSync ??= await syncFileReader();
  await Promise.all(tags.map((tag) => catalogue(String(tag))[1]));
}

// A catalogue file a server cannot read or parse (locales/ left out of a bundle, say): English
// labels, said once on the console, and not read again on every render. The question comes from
// inside the core's render, where an exception would unwind the WebAssembly stack.
function readCatalogue(url) {
  try {
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch (error) {
    console.warn(`broadsheet: cannot read ${url.pathname} (${error.message}): English labels`);
    return {};
  }
}

// [the catalogue's name, its messages or a promise that settles when they have arrived] for a
// BCP 47 tag by truncation (pt-BR, then pt; none: English, []). Every listed name is a bare
// language subtag, so only the tag's first subtag can match: one slice, whatever the length of an
// article's lang (a truncation loop over a long untrusted tag took seconds). Only a listed name
// becomes a file name: an article's lang can neither read another file ("../") nor cause a
// request that fails.
function catalogue(tag) {
  const dash = tag.indexOf('-');
  const name = (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
  if (!CATALOGUES.includes(name)) return [];
  const url = new URL(`../locales/${name}.json`, import.meta.url);
  return [
    name,
    (catalogues[name] ??= readFileSync
      ? readCatalogue(url)
      : fetch(url)
          .then((r) => r.json())
          .catch(() => ({})) // unreachable or broken: English labels on this page
          .then((found) => (catalogues[name] = found))),
  ];
}

// The core's question (web/core.js, src/language.h kCatalogue): the labels of the catalogue for
// the page's language as "name\0text\0" after one another, "" when there is none or while it is
// fetched (the fetch starts here: render() then waits for it, see localised()).
export function labels(tag) {
  const [name, found] = catalogue(tag);
  if (!found || found.then) return '';
  if (!(name in tables)) {
    const table = Object.entries(found)
      .filter(([, text]) => typeof text === 'string')
      .map(([key, text]) => `${key}\0${text}\0`)
      .join('');
    // (UTF-8 takes at most 3 bytes per UTF-16 unit.)
    tables[name] = table.length * 3 <= CORE_ANSWER_ROOM ? table : '';
  }
  return tables[name];
}

// For hydrate() after render(): [options with the catalogue's messages of `lang` (the language the
// core wrote) under the caller's own (the subscribe form's), or the options as given while the
// catalogue is fetched, and then that fetch].
export function localised(lang, options) {
  const found = catalogue(lang)[1] ?? {};
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
