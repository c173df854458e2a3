// A TypeScript consumer of every export, compiled with strict settings by tests/js/types.test.js.
// Lines marked @ts-expect-error must keep failing: the types are checked, not just present.
import {
  BroadsheetError,
  hydrate,
  load,
  version,
  type Article,
  type Broadsheet,
  type Diagnostic,
  type DomRenderOptions,
  type HydrateHandle,
  type RenderHandle,
  type RenderOptions,
  type StoryList,
  type ValidationResult,
} from 'broadsheet';
import { BroadsheetArticleElement, defineBroadsheetArticle, TAG_NAME } from 'broadsheet/element';
import {
  hydrate as hydrateAlone,
  MESSAGES,
  relativeTime,
  type SubscribeEventDetail,
} from 'broadsheet/widgets';
import {
  buildDirectory,
  createPool,
  defaultJobs,
  MANIFEST,
  type BuildProgress,
  type BuildSummary,
  type RenderPool,
} from 'broadsheet/build';

const article: Article = {
  headline: 'China and Belarus express ‘extreme interest’ in Ukraine peace',
  lang: 'en-GB',
  body: [{ type: 'markdown', text: 'Hello' }, { type: 'divider' }],
  related: { title: 'Related stories', items: [{ headline: 'One', url: '/one' }] },
  subscribe: { action: 'https://news.example/subscribe', benefits: ['Never miss a story'] },
};

async function npmConsumer(element: HTMLElement): Promise<void> {
  const bs: Broadsheet = await load({
    wasm: new URL('/broadsheet.wasm', location.href),
    languages: ['de'],
  });
  const html: string = bs.renderToString(article, { trust: 'untrusted', excerptLength: 80 });
  const related: string = bs.renderToString(article, { widget: 'related', count: 3 });
  const list: StoryList = { title: 'Latest', items: [{ headline: 'Two', url: '/two' }] };
  const latest: string = bs.renderToString(list, { widget: 'latest' });
  const options: DomRenderOptions = {
    widget: 'subscribe',
    dates: 'relative',
    onSubscribe: async (email: string) => {
      await fetch('/subscribe', { method: 'POST', body: email });
      return 'Thanks!';
    },
    messages: { failure: 'Try later.' },
  };
  const handle: RenderHandle = bs.render(article, element, options);
  const root: Element | null = handle.root;
  handle.update(JSON.stringify(article));
  handle.destroy();
  const result: ValidationResult = bs.validate('{"headline": 1}');
  const problems: Diagnostic[] = result.errors;
  console.log(html, related, latest, root, problems, version, bs.version, MESSAGES.success);
  try {
    bs.renderMarkdown('**bold**');
  } catch (error) {
    if (error instanceof BroadsheetError) console.log(error.code, error.errors[0]?.path);
  }
  // @ts-expect-error widget is one of related, latest, subscribe
  bs.renderToString(article, { widget: 'sidebar' });
  // @ts-expect-error dates are relative or absolute
  bs.render(article, element, { dates: 'soon' });
  const coreOnly: RenderOptions = { related: false, latest: false, subscribe: true };
  console.log(coreOnly);
}

function serverRendered(container: HTMLElement): void {
  const handle: HydrateHandle = hydrate(container, {
    dates: 'relative',
    locale: 'en-GB',
    now: Date.now(),
  });
  const again: HydrateHandle = hydrateAlone(document, { onSubscribe: null });
  handle.destroy();
  again.destroy();
  container.addEventListener('broadsheet:subscribe', (event) => {
    const detail: SubscribeEventDetail = event.detail;
    if (detail.email.endsWith('@example.com')) event.preventDefault();
  });
  console.log(relativeTime(new Date(0), new Date(), 'en'));
}

function customElement(): void {
  defineBroadsheetArticle();
  const element = document.createElement(TAG_NAME);
  const typed: BroadsheetArticleElement = element;
  typed.src = '/articles/china-belarus.json';
  typed.setAttribute('widget', 'related');
  typed.onSubscribe = (email) => fetch(`/subscribe?email=${encodeURIComponent(email)}`);
  typed.article = article;
  typed.addEventListener('broadsheet:render', (event) => console.log(event.detail.root?.localName));
  typed.addEventListener('broadsheet:error', (event) => console.log(event.detail.error.message));
  const queried: BroadsheetArticleElement | null = document.querySelector('broadsheet-article');
  // @ts-expect-error onSubscribe takes a function or null
  typed.onSubscribe = 'subscribe';
  document.body.append(typed);
  console.log(queried);
}

async function bulk(): Promise<void> {
  const pool: RenderPool = createPool({ jobs: defaultJobs() });
  const html: string = await pool.render(article, { trust: 'untrusted' });
  // @ts-expect-error jobs is a number
  createPool({ jobs: '2' });
  await pool.close();
  const summary: BuildSummary = await buildDirectory({
    input: 'articles',
    output: 'site',
    page: true,
    onProgress: (p: BuildProgress) => console.log(p.done, p.total, p.elapsed),
  });
  for (const e of summary.errors) console.log(`${e.file}: ${e.path}: ${e.message} [${e.code}]`);
  // @ts-expect-error output is required
  await buildDirectory({ input: 'articles' });
  console.log(html, MANIFEST);
}

void npmConsumer(document.body);
void bulk();
serverRendered(document.body);
customElement();

// Every reader's language: the locale and messages options, an article's own messages, ready.
async function localised(bs: Broadsheet, element: Element) {
  const html: string = bs.renderToString(
    { headline: 'H', lang: 'de', timezone: 'Europe/Berlin', messages: { by: 'Von ' } },
    { locale: 'de-AT', messages: { 'readingTime.other': '{n} Min.', success: 'Danke!' } },
  );
  const handle = bs.render({ headline: 'H', lang: 'ar' }, element, { locale: 'he' });
  await handle.ready;
  return html;
}
void localised;
