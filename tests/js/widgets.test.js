// web/widgets.js in jsdom: hydrate() on server-rendered markup, its options and its handle;
// relativeTime(); and the options render() keeps from the core. The full flow, with a real
// browser's validation and native form post, is in tests/browser/embedding.test.js.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import { load } from '../../web/index.js';
import { hydrate, MESSAGES, relativeTime } from '../../web/widgets.js';

const seed = readFileSync(
  new URL('../../examples/seed-china-belarus.json', import.meta.url),
  'utf8',
);
const bs = await load();

// A page holding server-rendered markup (tests may use innerHTML; the shipped code may not).
function serverPage(options) {
  const { window } = new JSDOM(
    '<!doctype html><html lang="en"><body><div id="host"></div></body></html>',
  );
  const host = window.document.getElementById('host');
  host.innerHTML = bs.renderToString(seed, options);
  const form = host.querySelector('form');
  const input = form.querySelector('input');
  const message = form.querySelector('.bs-subscribe-message');
  const submit = (email) => {
    input.value = email;
    const event = new window.Event('submit', { cancelable: true });
    form.dispatchEvent(event);
    return event.defaultPrevented;
  };
  return { window, host, form, input, message, submit };
}

test('relativeTime() picks the largest whole unit', () => {
  const now = new Date('2024-11-08T10:40:00Z');
  const at = (iso) => relativeTime(new Date(iso), now, 'en');
  assert.equal(at('2024-11-08T10:40:00Z'), 'now');
  assert.equal(at('2024-11-08T10:39:00Z'), '1 minute ago');
  assert.equal(at('2024-11-08T09:40:00Z'), '1 hour ago');
  assert.equal(at('2024-11-07T10:40:00Z'), 'yesterday');
  assert.equal(at('2024-10-25T10:40:00Z'), '2 weeks ago');
  assert.equal(at('2023-11-08T10:40:00Z'), 'last year');
  assert.equal(at('2024-11-10T10:40:00Z'), 'in 2 days');
  assert.equal(relativeTime(new Date('2024-11-08T09:40:00Z'), now, 'de'), 'vor 1 Stunde');
});

test('hydrate(): relative dates follow the nearest lang, or options.locale', async () => {
  const { host } = serverPage();
  const times = () => [...host.querySelectorAll('.bs-latest time')].map((t) => t.textContent);
  const first = hydrate(host, { dates: 'relative', now: '2024-11-08T10:40:00Z' });
  // Relative dates load on demand: the core's absolute dates (en-GB, as the seed) show until then.
  assert.equal(times()[0], '8 November 2024');
  await first.ready;
  assert.deepEqual(times(), ['1 hour ago', '2 hours ago', '16 hours ago', '20 hours ago']);
  // Hydrating again replaces the earlier binding: the text is not computed from relative text.
  const second = hydrate(host, { dates: 'relative', now: '2024-11-08T10:40:00Z', locale: 'fr' });
  await second.ready;
  assert.equal(times()[0], 'il y a 1 heure');
  first.destroy(); // its bindings were replaced: nothing to undo
  assert.equal(times()[0], 'il y a 1 heure');
  second.destroy();
  // The seed article is en-GB: its dates are written as British English writes them.
  assert.deepEqual(times()[0], '8 November 2024');
  assert.equal(host.querySelector('.bs-latest time').hasAttribute('title'), false);
});

test('hydrate(): destroyed before relative dates arrive, it leaves the absolute dates', async () => {
  const { host } = serverPage();
  const handle = hydrate(host, { dates: 'relative', now: '2024-11-08T10:40:00Z' });
  handle.destroy();
  await handle.ready;
  assert.equal(host.querySelector('.bs-latest time').textContent, '8 November 2024');
  assert.equal(host.querySelector('.bs-latest time').hasAttribute('title'), false);
});

test('hydrate(): an invalid address is reported and nothing is submitted', () => {
  const { host, form, input, message, submit } = serverPage();
  const events = [];
  host.addEventListener('broadsheet:subscribe', (e) => events.push(e.detail.email));
  const handle = hydrate(host);
  assert.equal(submit('nope'), true, 'the submit is prevented');
  assert.equal(input.getAttribute('aria-invalid'), 'true');
  assert.equal(message.textContent, MESSAGES.invalid);
  assert.equal(form.getAttribute('data-bs-state'), 'invalid');
  assert.deepEqual(events, []);
  handle.destroy();
});

test('hydrate(): options.messages and a string from onSubscribe replace the default messages', async () => {
  const { host, form, message, submit } = serverPage();
  let answer = 'You are on the list.';
  hydrate(host, {
    messages: { invalid: 'Bad address.', failure: 'Later, please.' },
    onSubscribe: async () => {
      if (!answer) throw new Error('down');
      return answer;
    },
  });
  submit('x');
  assert.equal(message.textContent, 'Bad address.');
  assert.equal(submit('reader@example.com'), true, 'onSubscribe takes over from the native post');
  assert.equal(message.textContent, MESSAGES.pending);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(message.textContent, 'You are on the list.');
  assert.equal(form.getAttribute('data-bs-state'), 'success');
  answer = '';
  submit('reader@example.com');
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(message.textContent, 'Later, please.');
  assert.equal(form.getAttribute('data-bs-state'), 'error');
});

test('hydrate(): without a handler or a cancelling listener, the native post goes ahead', () => {
  const { host, submit } = serverPage();
  const events = [];
  host.addEventListener('broadsheet:subscribe', (e) => events.push(e));
  hydrate(host);
  assert.equal(submit('reader@example.com'), false, 'not prevented');
  assert.equal(events.length, 1);
  assert.equal(events[0].bubbles && events[0].cancelable && events[0].composed, true);
  assert.deepEqual(events[0].detail, { email: 'reader@example.com' });
});

test('hydrate() rejects something that is not a node', () => {
  assert.throws(() => hydrate(null), TypeError);
  assert.throws(() => hydrate({}), TypeError);
});

test('the hydrate-only options never reach the core', () => {
  const plain = bs.renderToString(seed);
  const withExtras = bs.renderToString(seed, {
    onSubscribe() {},
    dates: 'relative',
    now: new Date(),
    messages: { success: 'Yes' }, // a form message: the core writes no such label
  });
  assert.equal(withExtras, plain);
});
