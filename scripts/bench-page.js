// The Chromium half of `npm run bench` (scripts/bench.mjs serves the repository and opens a page
// that loads this module): every contender turns Markdown into a sanitized HTML string inside a
// real browser, where DOMPurify uses the browser's own parser instead of jsdom. Not shipped.
import { load } from '/dist/broadsheet.js';
import { init as initMd4w, mdToHtml } from '/node_modules/md4w/js/index.js';
import { alternate, time, timeContenders } from '/scripts/bench-time.js';

const { markdownit, DOMPurify, marked } = window;

window.__bench = async (inputs, rounds) => {
  const bs = await load();
  await initMd4w(new URL('/node_modules/md4w/js/md4w-fast.wasm', location.href));
  const mdit = markdownit({ html: true, linkify: true });
  const contenders = [
    ['broadsheet renderMarkdown (sanitized)', (t) => bs.renderMarkdown(t)],
    ['md4w mdToHtml (md4c WASM, NOT sanitized)', (t) => mdToHtml(t)],
    ['markdown-it + DOMPurify (browser DOM)', (t) => DOMPurify.sanitize(mdit.render(t))],
    ['marked + DOMPurify (browser DOM)', (t) => DOMPurify.sanitize(marked.parse(t))],
  ];
  return inputs.map(({ name, text }) => ({
    name,
    results: timeContenders(
      contenders.map(([, fn]) => fn),
      text,
      rounds,
    ).map((ms, k) => ({ contender: contenders[k][0], ms })),
  }));
};
window.__benchDom = async (article, rounds) => {
  const bs = await load();
  const mdit = markdownit({ html: true, linkify: true });
  const host = document.body.appendChild(document.createElement('div'));
  const contenders = [
    ['broadsheet render() (whole article, sanitized)', () => bs.render(article, host)],
    [
      'markdown-it + DOMPurify RETURN_DOM_FRAGMENT (body)',
      () =>
        host.replaceChildren(
          DOMPurify.sanitize(mdit.render(article.body), { RETURN_DOM_FRAGMENT: true }),
        ),
    ],
  ];
  const results = contenders.map(([contender, fn]) => ({ contender, ms: time(fn, null, rounds) }));
  host.remove();
  return results;
};
window.__ready = true;

// The render section's Chromium half (scripts/bench-render.js): whole articles through each
// build's public API (`urls`: the dist/broadsheet.js of each), into detached DOM nodes and strings.
// Builds alternate batch by batch (alternate() in bench-time.js), as in Node. Returns
// [{name, results: [{op, ms: [one per build]}]}].
window.__benchRender = async (urls, inputs, rounds) => {
  const builds = [];
  for (const url of urls) builds.push(await (await import(url)).load());
  const element = document.createElement('div');
  const ops = [
    ['renderToString', (bs, t) => bs.renderToString(t)],
    ['render() into the DOM', (bs, t) => bs.render(t, element).destroy()],
    ['validate', (bs, t) => bs.validate(t)],
  ];
  return inputs.map(({ name, json }) => ({
    name,
    results: ops.map(([op, run]) => {
      return {
        op,
        ms: alternate(
          builds.map((bs) => () => run(bs, json)),
          rounds,
        ),
      };
    }),
  }));
};
