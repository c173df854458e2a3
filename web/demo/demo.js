// broadsheet demo (npm start): pick an example from examples/index.json, render it with render(),
// and edit its JSON in the playground, which validates and renders again as you type. The language
// picker renders it for another reader (the `locale` option: Intl dates and numbers, the labels of
// locales/<lang>.json, right to left for Arabic and Hebrew). Ad slots are
// filled by a broadsheet:adslot listener, as a publisher's ad stack would fill them.
// DOM APIs only: the page runs with Trusted Types required, so any HTML-string sink would throw.
import { load } from '../index.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const DEBOUNCE_MS = 250;

const picker = document.getElementById('example');
const language = document.getElementById('language');
// The languages with a catalogue in locales/, each named in its own language.
const LANGUAGES = 'en fr de es it pt nl pl sv ru uk tr ar he hi ja zh ko'.split(' ');
const source = document.getElementById('source');
const preview = document.getElementById('preview');
const status = document.getElementById('status');
const fatal = document.getElementById('fatal');
const summary = document.getElementById('summary');
const problems = document.getElementById('problems');

// Creates an element with a class and text children; never parses markup.
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function showFatal(message) {
  fatal.textContent = message;
  fatal.hidden = false;
  status.textContent = 'Not running';
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listDiagnostics({ errors, warnings }) {
  const items = [
    ...errors.map((d) => ({ ...d, severity: 'error' })),
    ...warnings.map((d) => ({ ...d, severity: 'warning' })),
  ];
  problems.replaceChildren(
    ...items.map((d) =>
      el(
        'li',
        `demo-problem is-${d.severity}`,
        el('span', 'demo-severity', d.severity),
        el('code', 'demo-path', d.path || '(document)'),
        el('span', 'demo-message', d.message),
        el('code', 'demo-code', d.code ?? ''),
      ),
    ),
  );
  summary.textContent =
    errors.length === 0
      ? `Valid article${warnings.length ? ` with ${plural(warnings.length, 'warning')}` : ', no warnings'}.`
      : `${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}.`;
  summary.className = `demo-summary ${errors.length ? 'is-error' : 'is-ok'}`;
}

function start(bs) {
  let handle = null;
  let timer = 0;

  // Validates the textarea and renders it; an invalid article keeps the previous rendering.
  function update() {
    clearTimeout(timer);
    const text = source.value;
    const result = bs.validate(text);
    listDiagnostics(result);
    if (!result.ok) {
      preview.classList.toggle('is-stale', handle !== null);
      status.textContent = handle
        ? 'Invalid article: showing the last valid rendering'
        : 'Invalid article';
      return;
    }
    try {
      const started = performance.now();
      const options = language.value ? { locale: language.value } : undefined;
      if (handle) handle.update(text, options);
      else handle = bs.render(text, preview, options);
      preview.classList.remove('is-stale');
      status.textContent = `Rendered in ${(performance.now() - started).toFixed(1)} ms`;
    } catch (error) {
      // validate() passed, so this is an options or core failure: report it, keep the page alive.
      listDiagnostics({
        errors: error.errors ?? [{ path: '', message: String(error), code: '' }],
        warnings: [],
      });
      status.textContent = 'Render failed';
    }
  }

  async function pick(file) {
    status.textContent = `Loading ${file}…`;
    const response = await fetch(new URL(file, EXAMPLES));
    if (!response.ok) throw new Error(`cannot fetch examples/${file}: HTTP ${response.status}`);
    source.value = await response.text();
    history.replaceState(null, '', `#${encodeURIComponent(file)}`);
    update();
  }

  async function choose(file) {
    try {
      await pick(file);
    } catch (error) {
      showFatal(String(error.message ?? error));
    }
  }

  source.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  picker.addEventListener('change', () => choose(picker.value));
  language.addEventListener('change', update);

  // What a publisher's ad tag does with the event: define the slot by its id, then display a
  // creative in it. Here a placeholder creative of the slot's tallest size arrives after a short
  // delay, as a real fill would; the slot reserved that height, so nothing below it moves.
  preview.addEventListener('broadsheet:adslot', ({ detail }) => {
    const [width, height] = detail.sizes.reduce((a, b) => (b[1] > a[1] ? b : a), [300, 250]);
    setTimeout(() => {
      if (!detail.element.isConnected) return;
      const creative = el('div', 'demo-creative', `Ad ${width}×${height} · ${detail.slot}`);
      creative.style.width = `min(100%, ${width}px)`;
      creative.style.height = `${height}px`;
      detail.element.append(creative);
    }, 600);
  });

  // The rendered subscribe form would post to the article's action URL; the demo answers it here.
  preview.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = event.target.querySelector('.bs-subscribe-message');
    if (message) message.textContent = 'Demo page: nothing was sent.';
  });

  return choose;
}

async function main() {
  let bs;
  try {
    bs = await load();
  } catch (error) {
    showFatal(
      `The broadsheet WebAssembly core did not load: ${error.message}. ` +
        'Build it with "npm start" (which builds when dist/broadsheet.wasm is missing) or "npm run build".',
    );
    return;
  }
  const choose = start(bs);
  source.disabled = false;
  language.append(
    ...LANGUAGES.map((tag) => {
      const option = new Option(new Intl.DisplayNames(tag, { type: 'language' }).of(tag), tag);
      option.lang = tag;
      return option;
    }),
  );

  let examples;
  try {
    const response = await fetch(new URL('index.json', EXAMPLES));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    examples = await response.json();
  } catch (error) {
    showFatal(`Cannot list the examples (examples/index.json): ${error.message}`);
    return;
  }
  picker.replaceChildren(...examples.map(({ file, title }) => new Option(title ?? file, file)));
  picker.disabled = false;

  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = examples.some((e) => e.file === wanted) ? wanted : examples[0]?.file;
  if (first) {
    picker.value = first;
    await choose(first);
  }
}

main();
