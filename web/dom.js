// broadsheet — builds DOM nodes from the core's op buffer (layout: src/writer.h; codes: codes.js).
//
// Nodes, never markup: createElement / setAttribute / createTextNode only, so nothing is parsed or
// re-serialized (no mutation XSS) and no Trusted Types policy is needed. Names come from the frozen
// tables in policy.js; any code, offset or structure that does not fit throws before the fragment
// is handed out (fail closed).
import { OP_ATTR, OP_CLOSE, OP_MAGIC, OP_OPEN, OP_TEXT } from './codes.js';
import { fail } from './core.js';
import { ATTRS, TAGS, VOID_TAGS } from './policy.js';

const decoder = new TextDecoder();

function corrupt(what) {
  return fail('invalid_ops', `corrupt op buffer: ${what}`);
}

// Returns a DocumentFragment of nodes owned by `document`, built from `bytes`, a Uint8Array: in
// render(), a view of the core's result in WASM memory (core.js call()), read in place before it
// is freed. Nothing here calls into the core, so memory cannot grow (and the view detach) meanwhile.
export function buildDom(bytes, document) {
  const size = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  if (size < 12 || view.getUint32(0, true) !== OP_MAGIC) throw corrupt('bad magic');
  const wordsEnd = 12 + view.getUint32(4, true) * 4;
  if (wordsEnd + view.getUint32(8, true) !== size) throw corrupt('sizes do not match');
  // One decode for every string, straight from memory; ops index it in UTF-16 units.
  const strings = decoder.decode(bytes.subarray(wordsEnd));

  const fragment = document.createDocumentFragment();
  const stack = [];
  let parent = fragment;
  let parentIsVoid = false;
  let attrsOpen = false; // an attr op is valid only right after its element's open
  let at = 12;

  function string() {
    if (at + 8 > wordsEnd) throw corrupt('truncated op');
    const start = view.getUint32(at, true);
    const end = start + view.getUint32(at + 4, true);
    at += 8;
    if (end > strings.length) throw corrupt('string out of range');
    return strings.slice(start, end);
  }

  while (at < wordsEnd) {
    const word = view.getUint32(at, true);
    const op = word & 0xff;
    const code = word >>> 8;
    at += 4;
    if (op === OP_OPEN || op === OP_TEXT) {
      if (parentIsVoid) throw corrupt(`content inside <${parent.localName}>`);
      let node;
      if (op === OP_OPEN) {
        const name = TAGS[code];
        if (name === undefined) throw corrupt(`unknown tag code ${code}`);
        node = document.createElement(name);
        stack.push(parent);
        parentIsVoid = VOID_TAGS.includes(name);
      } else {
        if (code) throw corrupt(`bad text op ${word}`);
        node = document.createTextNode(string());
      }
      parent.appendChild(node);
      if (op === OP_OPEN) parent = node;
      attrsOpen = op === OP_OPEN;
    } else if (op === OP_ATTR) {
      const name = ATTRS[code];
      if (name === undefined) throw corrupt(`unknown attribute code ${code}`);
      if (!attrsOpen) throw corrupt(`attribute ${name} outside a start tag`);
      parent.setAttribute(name, string());
    } else if (op === OP_CLOSE && !code && stack.length) {
      parent = stack.pop();
      parentIsVoid = false;
      attrsOpen = false;
    } else {
      throw corrupt(`bad op ${word}`);
    }
  }
  if (stack.length) throw corrupt('unclosed element');
  return fragment;
}
