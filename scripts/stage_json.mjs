#!/usr/bin/env node
// Stages nlohmann/json (Debian's nlohmann-json3-dev in /usr/include/nlohmann) for broadsheet's
// builds, outside Emscripten's sysroot so that the WASM compile never sees the host's other
// headers:
//   build/include/nlohmann           what every build compiles (WASM, native, fuzz), changed as below
//   build/include/upstream/nlohmann  the package's headers as they are, for the doctest that
//                                    compares the two lexers (tests/cpp/json_lexer_*.cpp)
//   node scripts/stage_json.mjs [SOURCE] [DESTINATION]   (default /usr/include build/include)
// scripts/build.mjs and scripts/fuzz.sh run it. A file is written only when its text differs, so
// a build that finds the copy current compiles nothing again. The script fails if nlohmann's
// lexer no longer has the shape described below.
//
// The one change, in the lexer's scan_string(): the characters a string keeps as they are are
// read in a loop of their own, in a function of its own (scan_plain, never inlined): U+0020..U+007F
// except the quote and the backslash, and UTF-8 sequences, checked against the same ranges as
// nlohmann's switch checks them (Unicode's table of well-formed UTF-8) and with the same calls:
// add() of the lead byte, then get() and add() of each following byte, and the same message for an
// ill-formed one. scan_string's switch sees only the others: the closing quote, escapes, control
// characters, bytes that cannot start a sequence, the end of the input; its cases for UTF-8 lead
// bytes, which can no longer be reached, are taken out. The lexer still calls get() and add() for
// the same bytes in the same order, so its tokens, positions and errors do not change.
//
// Why: in nlohmann's loop each character runs one turn of a loop whose body is all of the string
// scanner (a switch of a hundred cases, with the escapes and the UTF-8 checks inline). V8 charges
// every turn of a loop in baseline (Liftoff) code the loop's size in machine code against its
// function's tier-up budget (13 million in Chromium 156), and the seed's 4,843 characters of
// strings spent about 27 million of it: the parser's function was compiled again with TurboFan,
// on a second core, in the middle of a page's first render, and on a 2-core machine the first
// render waited for it (39.8 ms against 22.3 ms with this change, median of 11 fresh browsers;
// docs/performance.md). In a loop of its own, a character costs a small part of that, and the
// seed's first render stays in baseline code (the whole render then needs a budget of about
// 4.7 million, `--wasm-tiering-budget`, Node 20; Arabic and Japanese examples 4.0 and 3.7). In a
// long-running server the functions still tier up as before.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [source = '/usr/include', destination = join(root, 'build/include')] = process.argv.slice(2);
const LEXER = 'nlohmann/detail/input/lexer.hpp';

function fail(message) {
  console.error(`stage_json: ${message}`);
  process.exit(1);
}

// Replaces the one occurrence of `from` in `text`, or fails.
function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    fail(`${join(source, LEXER)}: ${what} not found once; nlohmann's lexer changed shape`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function patchLexer(text) {
  let out = replaceOnce(
    text,
    `    token_type scan_string()
    {`,
    `    // broadsheet (scripts/stage_json.mjs): the characters a string keeps as they are (ASCII
    // but the quote, the backslash and controls; well-formed UTF-8 sequences), read in a loop of
    // their own. Stops with \`current\` at the first other byte (or the end of the input); false
    // after an ill-formed UTF-8 sequence, with error_message set as nlohmann's switch sets it.
#define BROADSHEET_JSON_LEXER_CHANGED 1
    JSON_HEDLEY_NEVER_INLINE bool scan_plain()
    {
        while (true)
        {
            while (get() >= 0x20 && current <= 0x7F && current != '\\"' && current != '\\\\')
            {
                add(current);
            }
            if (current < 0xC2 || current > 0xF4)
            {
                return true;
            }
            int count = current >= 0xF0 ? 3 : current >= 0xE0 ? 2 : 1;
            char_int_type low = current == 0xE0 ? 0xA0 : current == 0xF0 ? 0x90 : 0x80;
            char_int_type high = current == 0xED ? 0x9F : current == 0xF4 ? 0x8F : 0xBF;
            add(current);
            while (count-- > 0)
            {
                if (get() < low || current > high)
                {
                    error_message = "invalid string: ill-formed UTF-8 byte";
                    return false;
                }
                add(current);
                low = 0x80;
                high = 0xBF;
            }
        }
    }

    token_type scan_string()
    {`,
    'scan_string()',
  );
  out = replaceOnce(
    out,
    `            // get next character
            switch (get())
            {
                // end of file while parsing string`,
    `            // get next character (broadsheet: after the plain ones)
            if (!scan_plain())
            {
                return token_type::parse_error;
            }
            switch (current)
            {
                // end of file while parsing string`,
    "scan_string()'s switch",
  );
  const first = '                // U+0080..U+07FF: bytes C2..DF 80..BF\n';
  const last = '                // remaining bytes (80..C1 and F5..FF) are ill-formed\n';
  const from = out.indexOf(first);
  const to = out.indexOf(last);
  const cut = out.slice(from, to);
  if (
    from < 0 ||
    to < from ||
    !cut.includes('case 0xC2:') ||
    !cut.includes('case 0xF4:') ||
    cut.includes('default') ||
    cut.includes('error_message')
  ) {
    fail(
      `${join(source, LEXER)}: the UTF-8 cases of scan_string()'s switch not found; nlohmann's lexer changed shape`,
    );
  }
  out =
    out.slice(0, from) +
    '                // broadsheet: UTF-8 sequences are read by scan_plain()\n' +
    out.slice(to);
  return out;
}

function files(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path));
    else found.push(path);
  }
  return found;
}

let written = 0;
function put(path, text) {
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // not staged yet
  }
  if (current === text) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written++;
}

const from = join(source, 'nlohmann');
let headers = [];
try {
  headers = files(from);
} catch {
  // no such folder: reported below
}
if (!headers.includes(join(from, 'json.hpp'))) {
  fail(`${join(from, 'json.hpp')} missing. Run: bash scripts/bootstrap.sh`);
}
for (const path of headers) {
  const name = relative(source, path);
  const text = readFileSync(path, 'utf8');
  put(join(destination, 'upstream', name), text);
  put(join(destination, name), name === LEXER ? patchLexer(text) : text);
}
if (written > 0) console.log(`stage_json: ${written} files written under ${destination}`);
