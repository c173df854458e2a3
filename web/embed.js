// broadsheet — the one-tag embed script (package export "broadsheet/embed").
//
//   <div data-broadsheet-src="/articles/china-belarus.json"></div>
//   <div data-broadsheet-widget="related" data-broadsheet-src="/related.json"
//        data-broadsheet-count="3"></div>
//   <script src="https://cdn.example/broadsheet/broadsheet-embed.js" defer></script>
//
// This file is the source: scripts/bundle.mjs turns it and the modules it imports into
// dist/broadsheet-embed.js, a classic script in which import.meta.url is the script's own URL;
// the bundle's default module and stylesheet are './broadsheet.wasm' and './broadsheet.css'
// (bundle.mjs), so both are fetched from next to the script.
//
// Every [data-broadsheet-src] and [data-broadsheet-widget] element on the page is mounted in a
// shadow root (or, for an element that cannot have one, in its light DOM). Attributes:
//   data-broadsheet-src     URL of the JSON: an article, or for a widget just its own object
//                           ({title, items} / the subscribe object). Without it, an inline
//                           <script type="application/json"> child is read.
//   data-broadsheet-widget  related | latest | subscribe: render only that widget
//   data-broadsheet-count   most stories a related/latest list shows
//   data-broadsheet-trust   "untrusted": links get rel="nofollow ugc"
//   data-broadsheet-dates   "relative": card dates as "3 hours ago"
// A host's onSubscribe property (a function, possibly async) handles subscriptions; the
// broadsheet:subscribe, broadsheet:render and broadsheet:error events bubble out of each host.
// It also defines <broadsheet-article> (unless the page has it) and sets window.broadsheet
// ({version, load, hydrate, mount}) unless that name is taken.
import './element.js';
import { hydrate, load, version } from './index.js';
import { createMount } from './mount.js';

const SELECTOR = '[data-broadsheet-src], [data-broadsheet-widget]';
// Shared by every copy of this script on the page, so a host is never mounted twice.
const MOUNTED = Symbol.for('broadsheet.embed.mounted');

function optionsOf(host) {
  const data = host.dataset;
  const options = {};
  if (data.broadsheetWidget) options.widget = data.broadsheetWidget;
  const count = data.broadsheetCount?.trim();
  if (count) options.count = /^\d+$/.test(count) ? Number(count) : count;
  if (data.broadsheetTrust) options.trust = data.broadsheetTrust;
  if (data.broadsheetDates) options.dates = data.broadsheetDates;
  Object.defineProperty(options, 'onSubscribe', {
    enumerable: true,
    get: () => (typeof host.onSubscribe === 'function' ? host.onSubscribe : undefined),
  });
  return options;
}

function mountOne(host) {
  if (host[MOUNTED]) return;
  host[MOUNTED] = true;
  const src = host.dataset.broadsheetSrc;
  const inline = host.querySelector(':scope > script[type="application/json"]')?.textContent;
  const input = src ? { src } : { text: inline };
  createMount(host, { documentStyles: true }).show(input, optionsOf(host));
}

/** Mounts every broadsheet host under `root` (default: the document) not mounted yet. */
function mount(root = document) {
  const hosts = [...root.querySelectorAll(SELECTOR)];
  if (root.matches?.(SELECTOR)) hosts.unshift(root);
  hosts.forEach(mountOne);
}

if (!('broadsheet' in window)) {
  window.broadsheet = Object.freeze({
    version,
    /** load(): by default the module next to this script. */
    load,
    hydrate,
    mount,
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => mount(), { once: true });
} else {
  mount();
}
