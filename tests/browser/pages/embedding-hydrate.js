// Test harness: hydrate() on markup renderToString() produced on the server. Imports widgets.js
// alone: no WebAssembly is needed to make server-rendered widgets work.
import { hydrate } from '/dist/broadsheet-widgets.js';

const host = document.getElementById('host');
const article = host.querySelector('.bs-article');
window.__handle = hydrate(host, {
  dates: 'relative',
  now: host.dataset.now,
  get onSubscribe() {
    return host.onSubscribe ?? undefined;
  },
});
window.__sameArticle = () => host.querySelector('.bs-article') === article;
// Relative dates load on demand: ready once they show.
window.__handle.ready.then(() => {
  window.__ready = true;
});
