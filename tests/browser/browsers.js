// The browser engines the cross-engine tests run in: Debian's Chromium through playwright-core
// (chromium.js), and Debian's Firefox ESR through puppeteer-core over WebDriver BiDi. A test is
// written once against the page operations Playwright names (goto, evaluate, waitForFunction,
// locator(...).click/fill/textContent/getAttribute/waitFor, request/dialog/pageerror/console
// events); in Firefox a small adapter below gives the same operations on top of puppeteer.
//
//   for (const engine of ENGINES) {
//     describe(engine.name, () => {
//       const session = useEngine(engine, () => serveRoot());
//       test('…', async () => { const { page, events } = await session.openPage(url); … });
//     });
//   }
//
// One browser per engine per file (Firefox takes seconds to start; a page that asks for the dark
// colour scheme gets a second one, see openSchemePage). `engine.features` says what only one
// engine can do, so that a test checks the rest in both instead of being skipped.
import puppeteer from 'puppeteer-core';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch as launchChromium, openPage as openChromiumPage, watchPage } from './chromium.js';

const FIREFOX = process.env.BROADSHEET_FIREFOX ?? '/usr/bin/firefox-esr';
const TIMEOUT_MS = 30_000; // Playwright's default for actions and waits

// Firefox's own setting for what pages see as prefers-color-scheme (0 dark, 1 light). WebDriver
// BiDi has no media emulation, so a Firefox is started per scheme, and the usual one is light.
const FIREFOX_SCHEME = { dark: 0, light: 1 };

function launchFirefox(colorScheme = 'light') {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Firefox takes 3-8 s to start on a busy 2-core machine; puppeteer's default is 30 s.
    timeout: 90_000,
    extraPrefsFirefox: {
      'layout.css.prefers-color-scheme.content-override': FIREFOX_SCHEME[colorScheme],
      // No updates, telemetry or first-run pages: the test server is the only host it talks to.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
}

export const ENGINES = [
  {
    name: 'Chromium',
    // requestType: request.resourceType() names what loaded a file (stylesheet, fetch, …), a
    // CDP feature.
    features: { requestType: true },
    launch: launchChromium,
    openPage: openChromiumPage,
    // The page's media emulation, before anything loads.
    async openSchemePage(session, url, colorScheme) {
      const opened = await openChromiumPage(session.browser);
      await opened.page.emulateMedia({ colorScheme });
      if (url) await opened.page.goto(url);
      return opened;
    },
  },
  {
    name: 'Firefox',
    // WebDriver BiDi has no request resource type (puppeteer-core reads it over CDP only).
    features: { requestType: false },
    launch: () => launchFirefox(),
    openPage: openFirefoxPage,
    // A second Firefox for the dark scheme, started the first time a test asks for it.
    async openSchemePage(session, url, colorScheme) {
      if (colorScheme === 'light') return openFirefoxPage(session.browser, url);
      session.schemeBrowsers[colorScheme] ??= launchFirefox(colorScheme);
      return openFirefoxPage(await session.schemeBrowsers[colorScheme], url);
    },
  },
];

/**
 * One browser of `engine` and one server for the tests of the enclosing describe(): registers its
 * before/after hooks and returns {engine, browser, server, openPage(url?, {colorScheme}?)}, filled
 * in once the hooks have run. `start` returns the server (serveRoot, or embed-server.js's
 * startServer). openPage's colorScheme ('light' or 'dark') is what the page sees as
 * prefers-color-scheme from its first script on.
 */
export function useEngine(engine, start) {
  const session = {
    engine,
    browser: null,
    server: null,
    schemeBrowsers: {},
    openPage: (url, { colorScheme } = {}) =>
      colorScheme
        ? engine.openSchemePage(session, url, colorScheme)
        : engine.openPage(session.browser, url),
  };
  before(async () => {
    session.server = await start();
    session.browser = await engine.launch();
  });
  after(async () => {
    for (const browser of Object.values(session.schemeBrowsers)) await (await browser).close();
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

// ---- Firefox: Playwright's page operations on a puppeteer page ----

/** As chromium.js's openPage: {page, events, requests}, other hosts refused at once. */
async function openFirefoxPage(browser, url) {
  const page = new FirefoxPage(await browser.newPage());
  await page.start();
  return watchPage(page, url);
}

async function poll(what, probe) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await sleep(25);
  }
}

class FirefoxPage {
  constructor(raw) {
    this.raw = raw;
    this.routes = [];
  }

  // Every request passes the routes (the last one added that matches decides, as in Playwright).
  async start() {
    await this.raw.setRequestInterception(true);
    // A request still in flight when its page closes cannot be continued or failed any more:
    // puppeteer rejects with TargetCloseError, which is the page going away, not a test failure.
    // Any other rejection stays unhandled, and fails the run.
    const settled = (promise) =>
      Promise.resolve(promise).catch((error) => {
        if (error?.name !== 'TargetCloseError') throw error;
      });
    this.raw.on('request', (request) => {
      const url = new URL(request.url());
      const route = this.routes.findLast(([match]) => match(url));
      if (!route) return settled(request.continue());
      return route[1]({
        abort: () => settled(request.abort('blockedbyclient')),
        continue: () => settled(request.continue()),
      });
    });
  }

  route(match, handler) {
    this.routes.push([match, handler]);
  }

  on(event, listener) {
    if (event === 'request') {
      // Requests the page made, as Chromium reports them: not data: URLs (Firefox reports its
      // own built-in font as one) nor the favicon Firefox fetches for every document.
      // resourceType() is CDP-only: null here (see features.requestType).
      this.raw.on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol === 'data:' || url.pathname === '/favicon.ico') return;
        listener({ url: () => r.url(), resourceType: () => null });
      });
    } else {
      this.raw.on(event, listener);
    }
  }

  goto(url) {
    return this.raw.goto(url);
  }

  url() {
    return this.raw.url();
  }

  // Playwright's signature (one argument). Evaluated through BiDi's script.callFunction, never
  // through eval in the page, which a strict CSP would refuse (and report).
  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }

  waitForFunction(fn, arg) {
    return poll(`function ${fn}`, () => this.raw.evaluate(fn, arg));
  }

  addInitScript(fn) {
    return this.raw.evaluateOnNewDocument(fn);
  }

  /** `pattern` is a glob as Playwright takes it: '**' any characters, '*' any but '/'. */
  waitForURL(pattern) {
    const source = pattern
      .split('**')
      .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
      .join('.*');
    const re = new RegExp(`^${source}$`);
    return poll(`URL ${pattern}`, () => re.test(this.raw.url()));
  }

  setViewportSize({ width, height }) {
    return this.raw.setViewport({ width, height });
  }

  emulateMedia() {
    throw new Error(
      'no media emulation over BiDi: open the page with openPage(url, {colorScheme})',
    );
  }

  locator(selector) {
    return new FirefoxLocator(this, [{ css: selector }]);
  }

  close() {
    return this.raw.close();
  }
}

const escapeRegExp = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

// Runs in the page: the elements the steps select, in document order, with CSS that reaches into
// open shadow roots as Playwright's does ("#host .bs-headline" finds .bs-headline in #host's
// shadow root). `want`: null for all of them, else the first one that is attached and, as asked,
// visible (a non-empty box, not visibility:hidden) and enabled.
function locateInPage(steps, want) {
  // `node` and every open shadow root below it, at any depth.
  const rootsOf = (node) => {
    const roots = [node];
    for (let i = 0; i < roots.length; i++) {
      const here = roots[i];
      if (here.shadowRoot) roots.push(here.shadowRoot);
      for (const el of here.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return [...new Set(roots)];
  };
  // Top-level descendant combinators of a selector: "a b[x='y z'] c" -> ["a", "b[x='y z']", "c"].
  const compounds = (selector) => {
    const parts = [];
    let depth = 0;
    let quote = null;
    let current = '';
    for (const ch of selector.trim()) {
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
      } else if (ch === '[' || ch === '(') {
        depth++;
      } else if (ch === ']' || ch === ')') {
        depth--;
      } else if (/\s/.test(ch) && depth === 0) {
        if (current) parts.push(current);
        current = '';
        continue;
      }
      current += ch;
    }
    if (current) parts.push(current);
    return parts;
  };
  const query = (scope, selector) => {
    const found = new Set();
    for (const root of rootsOf(scope))
      for (const el of root.querySelectorAll(selector)) found.add(el);
    // The selector split where a shadow boundary may lie: the head matched outside, the rest
    // inside a shadow root below the head's element.
    const parts = compounds(selector);
    for (let k = 1; k < parts.length; k++) {
      const head = parts.slice(0, k).join(' ');
      const rest = parts.slice(k).join(' ');
      for (const outer of query(scope, head)) {
        for (const root of rootsOf(outer)) {
          if (root instanceof ShadowRoot) for (const el of query(root, rest)) found.add(el);
        }
      }
    }
    return [...found];
  };
  const inOrder = (elements) => {
    // Document order, a shadow root's content in place of its host.
    const position = (a, b) => {
      if (a === b) return 0;
      const chain = (n) => {
        const list = [];
        for (let x = n; x; x = x.parentNode ?? x.host) list.unshift(x);
        return list;
      };
      const ca = chain(a);
      const cb = chain(b);
      let i = 0;
      while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
      if (i === ca.length) return -1;
      if (i === cb.length) return 1;
      if (ca[i] instanceof ShadowRoot) return -1;
      if (cb[i] instanceof ShadowRoot) return 1;
      return ca[i].compareDocumentPosition(cb[i]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    };
    return [...elements].sort(position);
  };
  const select = (list) => {
    let current = [document];
    for (const step of list) {
      if (step.css !== undefined) {
        const found = new Set();
        for (const scope of current) for (const el of query(scope, step.css)) found.add(el);
        current = inOrder(found);
      } else if (step.and !== undefined) {
        const other = new Set(select(step.and));
        current = current.filter((el) => other.has(el));
      } else if (step.nth !== undefined) {
        current = current.slice(step.nth, step.nth + 1);
      }
    }
    return current;
  };
  const elements = select(steps);
  if (!want) return elements;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  return (
    elements.find(
      (el) => el.isConnected && (!want.visible || visible(el)) && (!want.enabled || !el.disabled),
    ) ?? null
  );
}

class FirefoxLocator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  locator(selector) {
    return new FirefoxLocator(this.page, [...this.steps, { css: selector }]);
  }

  first() {
    return new FirefoxLocator(this.page, [...this.steps, { nth: 0 }]);
  }

  and(other) {
    return new FirefoxLocator(this.page, [...this.steps, { and: other.steps }]);
  }

  /** The first matching element as a puppeteer ElementHandle, once it satisfies `want`. */
  element(want = {}) {
    return poll(`${JSON.stringify(this.steps)} ${JSON.stringify(want)}`, async () => {
      const handle = await this.page.raw.evaluateHandle(locateInPage, this.steps, want);
      const element = handle.asElement();
      if (!element) await handle.dispose();
      return element;
    });
  }

  async #read(fn, arg) {
    const element = await this.element();
    try {
      return await element.evaluate(fn, arg);
    } finally {
      await element.dispose();
    }
  }

  /** Playwright's default state, 'visible', is the only one the tests use. */
  waitFor({ state = 'visible' } = {}) {
    if (state !== 'visible') throw new Error(`waitFor state ${state} is not implemented`);
    return this.element({ visible: true }).then((e) => e.dispose());
  }

  textContent() {
    return this.#read((el) => el.textContent);
  }

  getAttribute(name) {
    return this.#read((el, n) => el.getAttribute(n), name);
  }

  inputValue() {
    return this.#read((el) => el.value);
  }

  isDisabled() {
    return this.#read((el) => el.disabled === true);
  }

  evaluate(fn, arg) {
    return this.#read(fn, arg);
  }

  async count() {
    const elements = await this.page.raw.evaluateHandle(locateInPage, this.steps, null);
    try {
      return await elements.evaluate((list) => list.length);
    } finally {
      await elements.dispose();
    }
  }

  async allTextContents() {
    const elements = await this.page.raw.evaluateHandle(locateInPage, this.steps, null);
    try {
      return await elements.evaluate((list) => list.map((el) => el.textContent));
    } finally {
      await elements.dispose();
    }
  }

  async click() {
    const element = await this.element({ visible: true, enabled: true });
    try {
      await element.click();
    } finally {
      await element.dispose();
    }
  }

  // As Playwright's fill: focus, select what is there, replace it with `value` through the
  // keyboard (input events fire as when a reader types).
  async fill(value) {
    const element = await this.element({ visible: true, enabled: true });
    try {
      const had = await element.evaluate((el) => {
        el.focus();
        el.select();
        return el.value !== '';
      });
      if (value === '') {
        if (had) await this.page.raw.keyboard.press('Backspace');
      } else {
        await this.page.raw.keyboard.type(value);
      }
    } finally {
      await element.dispose();
    }
  }
}
