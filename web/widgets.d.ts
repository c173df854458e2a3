// broadsheet — types of web/widgets.js (package export "broadsheet/widgets", also re-exported by
// "broadsheet"): behaviour for rendered markup, without the WebAssembly core.

/** The subscribe form's messages; every one can be replaced through HydrateOptions.messages. */
export interface SubscribeMessages {
  /** Submitted with an empty field. */
  missing: string;
  /** Submitted with something that is not an email address. */
  invalid: string;
  /** While onSubscribe's promise is pending. */
  pending: string;
  /** onSubscribe's promise resolved (unless it resolved to a non-empty string, shown instead). */
  success: string;
  /** onSubscribe threw or its promise rejected. */
  failure: string;
}

export const MESSAGES: Readonly<SubscribeMessages>;

export interface HydrateOptions {
  /**
   * Handles a subscription when no broadsheet:subscribe listener cancelled it. May return a
   * promise: the button is disabled and the form aria-busy until it settles, then the success or
   * failure message is announced. Without it (and without a cancelling listener) the form posts
   * natively to its action. Read when the form is submitted, so it may be set later.
   */
  onSubscribe?: ((email: string) => unknown) | null;
  /** "relative" shows card dates as "3 hours ago" (the datetime attribute stays). Default "absolute". */
  dates?: 'relative' | 'absolute';
  /** BCP 47 locale of relative dates; default the nearest lang attribute, then the page's. */
  locale?: string;
  /** "Now" for relative dates (default: the current time). */
  now?: Date | number | string;
  /** Replaces any of the subscribe form's messages. */
  messages?: Partial<SubscribeMessages>;
  /**
   * Called once for every ad slot in the markup (after render(), hydrate() or update()), with the
   * same detail as the broadsheet:adslot event: define the slot in your ad stack by its id.
   */
  onAdSlot?: ((slot: AdSlotEventDetail) => void) | null;
}

/** detail of the broadsheet:adslot event and the argument of onAdSlot. */
export interface AdSlotEventDetail {
  /** The slot element's id, unique on the page (e.g. "bs-ad-inline-1"). */
  id: string;
  /** data-ad-slot: the ad block's `slot`, or "inline-1", "inline-2", … for automatic slots. */
  slot: string;
  /** data-ad-sizes as [width, height] pairs, e.g. [[300, 250], [336, 280]]. */
  sizes: Array<[number, number]>;
  /** The empty slot (div.bs-ad); its height is reserved for the tallest size. */
  element: HTMLElement;
}

export interface HydrateHandle {
  /** The root passed to hydrate(). */
  readonly root: ParentNode;
  /**
   * Settles once everything asked for is applied: relative dates (dates: "relative") are loaded
   * on demand, and show a moment after hydrate() returns.
   */
  readonly ready: Promise<void>;
  /** Removes every listener and puts the markup back as it was. */
  destroy(): void;
}

/** detail of the broadsheet:subscribe event. */
export interface SubscribeEventDetail {
  email: string;
}

/**
 * Attaches the widgets' behaviour (subscribe form, relative dates) to broadsheet markup under
 * `root` that renderToString() produced, without re-rendering it and without the WASM core.
 * Throws a TypeError (not a BroadsheetError: this module has no core) when `root` is not a DOM
 * node.
 */
export function hydrate(
  root: Element | Document | DocumentFragment,
  options?: HydrateOptions,
): HydrateHandle;

/** "3 hours ago", "yesterday": `date` relative to `now`, in `locale`. */
export function relativeTime(date: Date, now: Date, locale?: string): string;

declare global {
  interface HTMLElementEventMap {
    /** A valid address was submitted. Cancelable (cancel to handle it yourself), bubbling, composed. */
    'broadsheet:subscribe': CustomEvent<SubscribeEventDetail>;
    /** An ad slot is in the document, once per slot: fill it. Bubbling, composed. */
    'broadsheet:adslot': CustomEvent<AdSlotEventDetail>;
  }
}
