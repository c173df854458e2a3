// broadsheet — widget behaviour on rendered markup: the subscribe form, relative card dates, and
// the announcement of ad slots to the page's ad stack.
//
//   const handle = hydrate(root, { onSubscribe, onAdSlot, dates: 'relative' });
//   handle.destroy();
//
// Works on any broadsheet markup: what render() built (it calls hydrate itself) or what
// renderToString() produced on a server. It never re-renders and needs no WebAssembly, so a
// server-rendered page can import this module alone. Only DOM properties and setAttribute are
// used (no markup), so it runs under Trusted Types.

/** The messages the subscribe form shows; options.messages overrides any of them. */
export const MESSAGES = Object.freeze({
  missing: 'Enter your email address.',
  invalid: 'Enter a valid email address, like name@example.com.',
  pending: 'Subscribing…',
  success: 'Thanks! Check your inbox to confirm your subscription.',
  failure: 'Sorry, we could not subscribe you. Please try again.',
});

const SUBSCRIBE_EVENT = 'broadsheet:subscribe';
const STATE = 'data-bs-state'; // on the form: invalid | pending | success | error

// A second hydrate() of the same node replaces the first binding instead of doubling listeners.
const bound = new WeakMap();
let nextId = 0;
// Two copies of this module on one page (the embed script and an npm bundle) still make unique ids.
const ID_PREFIX = `bs-subscribe-message-${Math.random().toString(36).slice(2, 8)}-`;

// Binds `node` through `bind` (which returns its undo, or null), after undoing any earlier
// binding of the node. The returned release is idempotent.
function claim(node, bind) {
  bound.get(node)?.();
  const unbind = bind();
  if (!unbind) return null;
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    unbind();
    if (bound.get(node) === release) bound.delete(node);
  };
  bound.set(node, release);
  return release;
}

function within(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  if (root.matches?.(selector)) found.unshift(root);
  return found;
}

function setState(form, state) {
  if (state) form.setAttribute(STATE, state);
  else form.removeAttribute(STATE);
}

// Until a reader interacts, the form stays exactly as rendered (render() and renderToString()
// agree node for node); the attributes below appear only with the states they describe.
function bindSubscribe(form, options) {
  const input = form.querySelector('.bs-subscribe-email');
  const button = form.querySelector('.bs-subscribe-button');
  const message = form.querySelector('.bs-subscribe-message');
  if (!input) return null;
  const text = (key) => options.messages?.[key] ?? MESSAGES[key];
  const original = {
    describedby: input.getAttribute('aria-describedby'),
    invalid: input.getAttribute('aria-invalid'),
    messageId: message?.getAttribute('id') ?? null,
    message: message?.textContent ?? '',
  };
  let pending = false;
  let live = true;

  // While the field is invalid it points at the message, so the error is read again whenever
  // the field is focused. The core emits no ids (policy strips input ids): one is made here.
  function describe(on) {
    if (!message) return;
    if (on) {
      if (!message.id) message.id = `${ID_PREFIX}${++nextId}`;
      const ids = new Set((original.describedby ?? '').split(/\s+/).filter(Boolean));
      ids.add(message.id);
      input.setAttribute('aria-describedby', [...ids].join(' '));
    } else {
      if (original.describedby === null) input.removeAttribute('aria-describedby');
      else input.setAttribute('aria-describedby', original.describedby);
      if (original.messageId === null) message.removeAttribute('id');
    }
  }

  function say(words, state) {
    if (message) message.textContent = words;
    setState(form, state);
  }

  function invalid() {
    input.setAttribute('aria-invalid', 'true');
    describe(true);
    say(input.validity.valueMissing ? text('missing') : text('invalid'), 'invalid');
    input.focus();
  }

  function valid() {
    if (input.getAttribute('aria-invalid') !== 'true') return;
    input.removeAttribute('aria-invalid');
    describe(false);
    say('', null);
  }

  function busy(on) {
    pending = on;
    if (button) button.disabled = on;
    if (on) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
  }

  // The markup's `required` and type=email make the browser validate on submit (and guard the
  // native post without JS). Its "invalid" event is where the browser would show its own bubble,
  // which screen readers read inconsistently: the error goes to the live region instead.
  function onInvalid(event) {
    event.preventDefault();
    invalid();
  }

  function onSubmit(event) {
    if (pending) {
      event.preventDefault();
      return;
    }
    // A form the page marked novalidate submits whatever was typed: check here too.
    if (!input.validity.valid) {
      event.preventDefault();
      invalid();
      return;
    }
    valid();
    const email = input.value.trim();
    // The form's own window's CustomEvent: the DOM may come from another realm (an iframe, jsdom).
    const Custom = form.ownerDocument.defaultView?.CustomEvent ?? CustomEvent;
    const announced = new Custom(SUBSCRIBE_EVENT, {
      bubbles: true,
      cancelable: true,
      composed: true,
      detail: { email },
    });
    // A listener that cancels the event has taken the subscription over: nothing else happens.
    if (!form.dispatchEvent(announced)) {
      event.preventDefault();
      say('', null);
      return;
    }
    const onSubscribe = options.onSubscribe; // read now: a host may set it after hydrate()
    if (typeof onSubscribe !== 'function') {
      say('', null); // nobody handles it in script: the form posts natively to its action
      return;
    }
    event.preventDefault();
    busy(true);
    say(text('pending'), 'pending');
    let result;
    try {
      result = Promise.resolve(onSubscribe(email));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (reply) => {
        if (!live) return;
        busy(false);
        input.value = '';
        say(typeof reply === 'string' && reply ? reply : text('success'), 'success');
      },
      () => {
        if (!live) return;
        busy(false);
        say(text('failure'), 'error');
      },
    );
  }

  // The error goes as soon as the address is fixed, not only on the next submit.
  function onInput() {
    if (input.validity.valid) valid();
  }

  form.addEventListener('submit', onSubmit);
  input.addEventListener('invalid', onInvalid);
  input.addEventListener('input', onInput);
  return () => {
    live = false;
    form.removeEventListener('submit', onSubmit);
    input.removeEventListener('invalid', onInvalid);
    input.removeEventListener('input', onInput);
    if (pending) busy(false);
    // Back to the markup as it was bound.
    if (original.invalid === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', original.invalid);
    describe(false);
    setState(form, null);
    if (message) message.textContent = original.message;
  };
}

const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago", "yesterday", "in 2 days": `date` relative to `now`, in `locale`. */
export function relativeTime(date, now, locale) {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return '';
}

const AD_SLOT_EVENT = 'broadsheet:adslot';
// Slots already announced: one event per slot element, however often its markup is hydrated.
const announced = new WeakSet();

// Tells the page's ad stack about each slot once: a broadsheet:adslot event from the slot
// (bubbling and composed, so a listener on document hears slots inside shadow roots too) and
// options.onAdSlot, both with {id, slot, sizes, element}. The slot is in the document by then,
// with its height reserved by the stylesheet, so a fill shifts nothing.
function announceAdSlots(root, options) {
  for (const element of within(root, '.bs-ad[data-ad-slot]')) {
    if (announced.has(element)) continue;
    announced.add(element);
    const detail = {
      id: element.id,
      slot: element.getAttribute('data-ad-slot'),
      sizes: (element.getAttribute('data-ad-sizes') || '')
        .split(',')
        .filter(Boolean)
        .map((s) => {
          const [width, height] = s.split('x').map(Number);
          return [width, height];
        }),
      element,
    };
    const Custom = element.ownerDocument.defaultView?.CustomEvent ?? CustomEvent;
    element.dispatchEvent(new Custom(AD_SLOT_EVENT, { bubbles: true, composed: true, detail }));
    try {
      options.onAdSlot?.(detail);
    } catch (error) {
      // One failing ad callback must not stop the others, nor the render.
      globalThis.reportError?.(error);
    }
  }
}

/**
 * Attaches broadsheet's behaviour to rendered markup under `root` (an element, a document, a
 * shadow root or a fragment; `root` itself may be the form or the widget). Returns a handle whose
 * destroy() removes every listener and puts the markup back as it was.
 */
export function hydrate(root, options = {}) {
  if (!root || typeof root.querySelectorAll !== 'function') {
    throw new TypeError('hydrate(root): root must be an element, a document or a shadow root');
  }
  options ??= {};
  const undo = [];
  for (const form of within(root, 'form.bs-subscribe-form')) {
    const release = claim(form, () => bindSubscribe(form, options));
    if (release) undo.push(release);
  }
  announceAdSlots(root, options);
  let destroyed = false;
  // Relative dates are code of their own, fetched only when asked for: render() without them
  // (the default) loads none of it. Until it arrives the absolute dates the core wrote show.
  let ready = Promise.resolve();
  if (options.dates === 'relative') {
    ready = import('./relative-dates.js').then(
      ({ relativeDates }) => {
        if (!destroyed) undo.push(relativeDates(root, options, { claim, within, relativeTime }));
      },
      () => {}, // not reachable (offline): the absolute dates stay
    );
  }
  return {
    root,
    /** Settles once everything asked for is applied (relative dates load on demand). */
    ready,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const step of undo.reverse()) step();
    },
  };
}
