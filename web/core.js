// broadsheet — the WASM loader and bridge: the JS counterpart of src/wasm_api.cpp.
//
// Hand-written instead of Emscripten's generated loader: the module is a standalone reactor with
// three imports (one of them the host's formatter, localise below), and the bridge is one call. A
// string crosses into WASM once (TextEncoder.encodeInto straight into memory from bs_alloc) and
// the result is read once where it lies in memory (one TextDecoder.decode of a view, or the DOM
// builder reading the op buffer), never copied out; everything is freed in a `finally`. No code
// generation from strings and no top-level await: this works under a strict CSP (with
// 'wasm-unsafe-eval') and in every bundler.

import { readFile } from './read-file.js';

// The error every broadsheet call throws. `errors` and `warnings` are diagnostics
// ({code, path, message}, path a JSON pointer); `code` is the first error's code.
export class BroadsheetError extends Error {
  constructor(message, errors = [], warnings = []) {
    super(message);
    this.name = 'BroadsheetError';
    this.code = errors[0]?.code;
    this.errors = errors;
    this.warnings = warnings;
  }
}

// A failure that is not about the input: a bad argument, a trap, memory exhausted.
// The bridge call of a bulk build's worker (web/build-worker.js), on the object load() returns:
// [renderJsonBytes](bytes, options, read) renders article JSON given as checked UTF-8 bytes and
// returns read(html bytes), as core.call does. Not public API.
export const renderJsonBytes = Symbol();

export function fail(code, message) {
  return new BroadsheetError(message, [{ code, path: '', message }]);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The memory of the core now running a call: the host's formatter answers only during bs_call,
// so one variable serves every instance.
let calling;

// Intl's formatters by what they were made for: making one costs far more than formatting (a
// DateTimeFormat takes 0.1 to 1 ms), and a page asks for the same few again and again. Cleared
// when full, so that articles naming ever new tags or zones cannot grow it without end.
const formatters = new Map();
function formatter(key, make) {
  let found = formatters.get(key);
  if (!found) {
    if (formatters.size > 64) formatters.clear();
    formatters.set(key, (found = make()));
  }
  return found;
}

// English as Intl writes it, for the tags in ENGLISH, without Intl: in a fresh browser page the
// first DateTimeFormat or NumberFormat costs 30-100 ms (ICU gathering its available locales), more
// than the rest of the first render. Only what needs no time-zone data: a day in UTC, and a number
// with no more than Intl's default three decimals. tests/js/host-english.test.js and
// tests/browser/language.test.js compare both with the host's own Intl over years of days, so a
// new CLDR that writes English differently fails them.
// The months, then the days of the week.
const NAMES =
  'January February March April May June July August September October November December Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(
    ' ',
  );
// The tags written month first ("November 8, 2024") or, when group 2 matched, day first ("8
// November 2024"), as Intl takes them: in any case.
const ENGLISH = /^en(-us|-ca)?$|^en-(gb|au|nz)$/i;

// web/language.js, a page's language's catalogues, once a server has loaded it (in load()) or a
// page that is not in English (the core's built-in labels): the core asks its labels() for a
// catalogue while it renders (src/language.h kCatalogue), render() its localised() for the
// subscribe form's messages.
export let language;
export const useLanguage = (chunk) => (language = chunk);

// The core's one question to its host (src/language.h): [kind, locale, value, zone] in, the text
// a reader sees out, from the platform's own CLDR data, or a catalogue's labels. A number comes
// back as its plural category and its digits ("other 9,8"). Dates show the day written in the ISO
// string, in the article's time zone when it names one (and the string has a time and offset):
// never the reader's clock, so a server and a browser write the same day.
export function localise([kind, locale, value, zone]) {
  if (kind === 'M') return language?.labels(locale) ?? '';
  const english = ENGLISH.exec(locale);
  if (kind === 'N') {
    // English: "one" for 1 alone (CLDR: i = 1 and v = 0), the digits grouped by threes. What Intl
    // would round or trim (more than three decimals, a leading or trailing zero) goes to Intl, and
    // so do integers of more than 15 digits, which an older Intl (Node 18) rounds through a double.
    if (english && /^-?(0|[1-9]\d{0,14})(\.\d{0,2}[1-9])?$/.test(value)) {
      return `${/^-?1$/.test(value) ? 'one' : 'other'} ${value.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    }
    const [plural, number] = formatter(`N ${locale}`, () => [
      new Intl.PluralRules(locale),
      new Intl.NumberFormat(locale),
    ]);
    return `${plural.select(value)} ${number.format(value)}`;
  }
  const format = (date, timeZone) =>
    formatter(
      `${kind} ${locale} ${timeZone}`,
      () =>
        new Intl.DateTimeFormat(locale, { dateStyle: kind === 'F' ? 'full' : 'long', timeZone }),
    ).format(date);
  if (zone && /\d[zZ]|[+-]\d\d:?\d\d$/.test(value)) {
    try {
      return format(new Date(value.replace(' ', 'T')), zone);
    } catch {
      // not an IANA zone: the day as written
    }
  }
  const [y, m, d] = value.split(/\D/);
  // Noon UTC of that day (a 31st past a month's end runs into the next month). setUTCFullYear,
  // unlike Date.UTC, keeps the years 0-99 as written instead of reading them as 1900-1999.
  const date = new Date(432e5);
  date.setUTCFullYear(y, m - 1, d);
  if (!english) return format(date, 'UTC');
  const day = date.getUTCDate();
  const month = NAMES[date.getUTCMonth()];
  return (
    (kind === 'F' ? `${NAMES[12 + date.getUTCDay()]}, ` : '') +
    (english[2] ? `${day} ${month} ` : `${month} ${day}, `) +
    // Year 0 is 1 BC, which English writes as 1 (without an era)
    (date.getUTCFullYear() || 1)
  );
}

function imports() {
  const bytes = (at, length) => new Uint8Array(calling.buffer, at >>> 0, length);
  return {
    env: {
      // Memory views are re-created on every call, so growth needs no bookkeeping.
      emscripten_notify_memory_growth() {},
      // The kind, then the locale, the value and the zone as pointer and length pairs, then where
      // the answer goes and how many bytes fit there.
      bs_format(kind, ...at) {
        const text = (i) => decoder.decode(bytes(at[i], at[i + 1]));
        const request = [String.fromCharCode(kind), text(0), text(2), text(4)];
        let answer;
        try {
          answer = localise(request);
        } catch {
          request[1] = 'en'; // a tag Intl refuses: English
          answer = localise(request);
        }
        return encoder.encodeInto(answer, bytes(at[6], at[7])).written;
      },
    },
    wasi_snapshot_preview1: {
      proc_exit(status) {
        throw fail('wasm_abort', `broadsheet core aborted (exit ${status})`);
      },
    },
  };
}

// Compiles the module from `source` (see instantiate) and returns the WebAssembly.Module.
async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  let url = null;
  try {
    url = new URL(source);
  } catch {
    // A relative URL or a file path: fetch() resolves it against the page, Node reads it as a path.
  }
  const isFile = url?.protocol === 'file:';
  // In Node a string that is not a URL, or only looks like one (C:\dist\x.wasm), is a file path.
  if (
    typeof process !== 'undefined' &&
    process.versions?.node &&
    (!url || isFile || url.protocol.length === 2)
  ) {
    return WebAssembly.compile(await readFile(isFile ? url : String(source)));
  }
  const response = await fetch(url ?? String(source));
  if (!response.ok) {
    throw fail('wasm_load', `cannot fetch ${response.url || source}: HTTP ${response.status}`);
  }
  // Streaming needs Content-Type: application/wasm; many static servers send something else, and
  // then the bytes are compiled from an ArrayBuffer instead of failing.
  const type = response.headers.get('content-type') || '';
  if (WebAssembly.compileStreaming && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function start(module) {
  const instance = new WebAssembly.Instance(module, imports());
  instance.exports._initialize();
  return instance.exports;
}

// Loads the core from `source`: a URL or string (default: dist/broadsheet.wasm next to this
// package), an ArrayBuffer or typed array of the module's bytes, or a compiled WebAssembly.Module.
// Returns `{ call }`; call(fn, input, options, read) runs one bridge function and returns
// `{status, text}`, or `{status, value: read(bytes)}` when `read` is given and the call succeeded
// (status 0). `bytes` is a view of the result in WASM memory, valid only until read returns: read
// must not keep it, nor call into the core. `input` is a string, or a Uint8Array of UTF-8 already
// checked (a bulk build's file, copied as it is: no decoding to a string and encoding back).
export async function instantiate(source = new URL('../dist/broadsheet.wasm', import.meta.url)) {
  const module = await compile(source);
  // Instantiated synchronously: the module is compiled already, and an await here would only
  // queue the first render behind whatever else the page has to do.
  let exports = start(module);
  let poisoned = false;

  function call(fn, input, options = '', read) {
    if (poisoned) {
      // A trap leaves the heap and stack pointer mid-operation: start over from the compiled module.
      try {
        exports = start(module);
      } catch (error) {
        throw fail('wasm_abort', `broadsheet core cannot restart: ${error?.message ?? error}`);
      }
      poisoned = false;
    }
    const { memory, bs_alloc, bs_free, bs_call } = exports;
    calling = memory;
    // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    const bytes = typeof input !== 'string';
    const capacity = input.length * (bytes ? 1 : 3) + options.length * 3;
    let inPtr = 0;
    let outPtr = 0;
    try {
      inPtr = bs_alloc(capacity) >>> 0;
      if (!inPtr) throw fail('out_of_memory', `cannot allocate ${capacity} bytes for the input`);
      const inView = new Uint8Array(memory.buffer, inPtr, capacity);
      let inLen = input.length;
      if (bytes) inView.set(input);
      else inLen = encoder.encodeInto(input, inView).written;
      const optPtr = inPtr + inLen;
      const optLen = options
        ? encoder.encodeInto(options, new Uint8Array(memory.buffer, optPtr, capacity - inLen))
            .written
        : 0;
      outPtr = bs_call(fn, inPtr, inLen, optPtr, optLen) >>> 0;
      // Fresh views: the call may have grown (and so replaced) memory.buffer.
      const header = new DataView(memory.buffer, outPtr, 8);
      const status = header.getUint32(0, true);
      const payload = new Uint8Array(memory.buffer, outPtr + 8, header.getUint32(4, true));
      return read && !status
        ? { status, value: read(payload) }
        : { status, text: decoder.decode(payload) };
    } catch (error) {
      // Once the core has returned its result (outPtr set), an error can only be read()'s: the
      // caller's, not a trap.
      if (!outPtr && (!(error instanceof BroadsheetError) || error.code === 'wasm_abort')) {
        poisoned = true;
        if (!(error instanceof BroadsheetError)) {
          throw fail('wasm_abort', `broadsheet core failed: ${error?.message ?? error}`);
        }
      }
      throw error;
    } finally {
      // bs_free is free(): a pointer never set (0) is nothing to free.
      if (!poisoned) {
        bs_free(outPtr);
        bs_free(inPtr);
      }
    }
  }

  return { call };
}
