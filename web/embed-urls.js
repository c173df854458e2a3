// broadsheet — part of the embed script (web/embed.js): its WebAssembly module and stylesheet are
// the files next to it. In the bundle, import.meta.url is the embed script's own URL.
//
// A module of its own, imported before element.js: defining <broadsheet-article> upgrades the tags
// already on the page at once, and they must find these URLs in place.
import { settings } from './mount.js';

settings.wasm = new URL('broadsheet.wasm', import.meta.url).href;
settings.stylesheet = new URL('broadsheet.css', import.meta.url).href;
