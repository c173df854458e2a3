// Shared by the browser tests: Debian's Chromium driven by playwright-core, and the static server.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.BROADSHEET_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * One Chromium and one server for all the tests of the calling file: registers its before/after
 * hooks and returns {browser, server}, filled in once the hooks have run. `start` returns the
 * server (serveRoot, or embed-server.js's startServer with the file's pages).
 */
export function useBrowser(start) {
  const session = { browser: null, server: null };
  before(async () => {
    session.server = await start();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Serves `dir` (default: the repository root) and returns {url, close}. */
export function serveRoot(options = {}) {
  const routes = { '/favicon.ico': (req, res) => res.writeHead(204).end(), ...options.routes };
  return serve({ root: options.root ?? root, ...options, routes });
}

/**
 * Opens a page that records every dialog (alert/confirm/prompt), page error and console error,
 * so a test can fail on any script execution it did not ask for, and the path of every request.
 */
export async function openPage(browser, url) {
  return watchPage(await browser.newPage(), url);
}

/**
 * tests/browser/pages/layout.html in a new recorded page of `session` (useBrowser's) at `width`
 * CSS pixels, once its load() has settled: window.bs, window.box() and the ad-event log are ready.
 */
export async function openLayoutPage(session, width = 1280) {
  const opened = await openPage(session.browser);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.goto(`${session.server.url}/tests/browser/pages/layout.html`);
  await opened.page.waitForFunction(() => window.__ready === true);
  return opened;
}

/**
 * Runs `check(page)` on the page that `opening` opens (a promise of openPage's or openLayoutPage's
 * {page, events}, in either engine), then asserts that the page logged no error, and closes the
 * page whether or not an assert failed on the way, so that a failing test leaves no page open
 * behind it. Returns what `check` returned.
 */
export async function withPage(opening, check) {
  const { page, events } = await opening;
  try {
    const result = await check(page);
    assert.deepEqual(events.errors, []);
    return result;
  } finally {
    await page.close();
  }
}

/**
 * openPage's recording for a page already open (Playwright's page, or browsers.js's Firefox page
 * that speaks the same operations); goes to `url` when given.
 */
export async function watchPage(page, url) {
  const events = { dialogs: [], errors: [], console: [] };
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  // Only the local test server answers: example images on other hosts fail at once instead of
  // waiting on DNS, which keeps runs deterministic on a machine without a network.
  await page.route(
    (u) => u.hostname !== '127.0.0.1' && u.protocol !== 'data:',
    (route) => route.abort('blockedbyclient'),
  );
  page.on('dialog', async (d) => {
    events.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => events.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') events.console.push(m.text());
  });
  if (url) await page.goto(url);
  return { page, events, requests };
}
