// Test harness: render() into #host. The subscribe handler is read from the host element at submit
// time, so a test sets host.onSubscribe the way it does on <broadsheet-article>.
import { load } from '/dist/broadsheet.js';

const host = document.getElementById('host');
window.__render = async (url, extra = {}) => {
  const bs = await load();
  const text = await (await fetch(url)).text();
  const options = {
    ...extra,
    get onSubscribe() {
      return host.onSubscribe ?? undefined;
    },
  };
  window.__handle = bs.render(text, host, options);
  // Relative dates come from a chunk imported on demand: the handle settles once they show.
  await window.__handle.ready;
};
window.__ready = true;
