// The page of the cold-start section of `npm run bench` (scripts/bench-cold-start.js): one
// contender per page, in a browser launched for the run. __prepare() loads only that contender's
// JavaScript (so no page finds another's code compiled) and fetches its bytes; __run() is the
// timed part: compile + instantiate + the first render into DOM, what a page that embeds one
// article waits for before it can show it. Not shipped.
let run;

function classicScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

const bytesOf = (url) => fetch(url).then((r) => r.arrayBuffer());

const contenders = {
  async broadsheet(seedJson, element) {
    const { load } = await import('/dist/broadsheet.js');
    const wasm = await bytesOf('/dist/broadsheet.wasm');
    const article = JSON.parse(seedJson);
    return async () => {
      const t0 = performance.now();
      const bs = await load({ wasm });
      const t1 = performance.now();
      bs.render(article, element);
      const t2 = performance.now();
      return { ms: t2 - t0, load: t1 - t0, render: t2 - t1 };
    };
  },
  async md4w(seedJson, element, body) {
    const { init, mdToHtml } = await import('/node_modules/md4w/js/index.js');
    const wasm = await bytesOf('/node_modules/md4w/js/md4w-fast.wasm');
    return async () => {
      const t0 = performance.now();
      await init(wasm);
      const t1 = performance.now();
      element.innerHTML = mdToHtml(body);
      const t2 = performance.now();
      return { ms: t2 - t0, load: t1 - t0, render: t2 - t1 };
    };
  },
  async markdownIt(seedJson, element, body) {
    await classicScript('/node_modules/markdown-it/dist/browser/markdown-it.umd.min.js');
    await classicScript('/node_modules/dompurify/dist/purify.min.js');
    return async () => {
      const t0 = performance.now();
      const html = window.markdownit({ html: true, linkify: true }).render(body);
      element.append(window.DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }));
      const t1 = performance.now();
      return { ms: t1 - t0, load: 0, render: t1 - t0 };
    };
  },
};

window.__prepare = async (contender, seedJson, body) => {
  const element = document.body.appendChild(document.createElement('main'));
  run = await contenders[contender](seedJson, element, body);
};
// The marks bound the run in a DevTools trace (scripts/bench-cold-start.js reads them there).
window.__run = async () => {
  performance.mark('cold-start');
  const result = await run();
  performance.mark('cold-end');
  return result;
};
window.__ready = true;
