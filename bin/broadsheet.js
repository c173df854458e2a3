#!/usr/bin/env node
// broadsheet CLI: render or validate article JSON from a file or stdin.
import { readFile, writeFile } from 'node:fs/promises';
import { BroadsheetError, load, version } from '../web/index.js';
import { structuredData } from '../web/structured-data.js';

const USAGE = `Usage:
  broadsheet render FILE [--page] [--untrusted] [--out FILE]
  broadsheet validate FILE
  broadsheet --help | --version

FILE is article JSON; "-" reads standard input.
  render      prints the sanitized HTML fragment (one <article>)
    --page       print a complete HTML document instead: the stylesheet, and in the head
                 schema.org NewsArticle JSON-LD, Open Graph and Twitter <meta> tags
    --untrusted  treat the article as untrusted (links get rel="nofollow ugc")
    --out FILE   write to FILE instead of standard output
  validate    prints errors and warnings; exits 1 when the article cannot be rendered

Exit status: 0 ok, 1 invalid input, 2 usage error.
`;

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { command: null, file: null, page: false, untrusted: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (arg === '--version' || arg === '-v') return { command: 'version' };
    if (arg === '--page' || arg === '--untrusted') {
      args[arg.slice(2)] = true;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      args.out = arg === '--out' ? argv[++i] : arg.slice(6);
      if (!args.out) throw new UsageError('--out needs a file name');
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else if (!args.command) {
      args.command = arg;
    } else if (args.file === null) {
      args.file = arg;
    } else {
      throw new UsageError(`unexpected argument ${arg}`);
    }
  }
  if (args.command !== 'render' && args.command !== 'validate') {
    throw new UsageError(args.command ? `unknown command ${args.command}` : 'no command given');
  }
  if (args.file === null) throw new UsageError(`${args.command} needs a FILE (or - for stdin)`);
  if (args.command === 'validate' && (args.page || args.untrusted || args.out)) {
    throw new UsageError('--page, --untrusted and --out apply to render only');
  }
  return args;
}

async function readInput(file) {
  if (file !== '-') return readFile(file);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence (the WHATWG decoder's
// rules: no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
function firstInvalidUtf8(bytes) {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : 3;
    if (lead < 0xc2 || lead > 0xf4) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= trail; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return i;
    }
    i += trail + 1;
  }
  return -1;
}

// JSON text is UTF-8 (RFC 8259). Decoding with replacement would render U+FFFD where the file
// has a bad byte and say nothing; the file is refused instead, at that byte, as the core states
// JSON errors: line, column and byte counted from 1, columns in bytes.
function decodeInput(bytes) {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const hex = bytes[at].toString(16).toUpperCase().padStart(2, '0');
  const message =
    `not valid JSON at line ${line}, column ${at - lineStart + 1} (byte ${at + 1}): ` +
    `not UTF-8 (an invalid sequence starts with byte 0x${hex})`;
  return { error: { code: 'invalid_json', path: '', message } };
}

function formatDiagnostic(d) {
  return `${d.path || '(document)'}: ${d.message} [${d.code}]`;
}

// For <title> and attribute values of the page shell only; the article itself is rendered by the core.
function escapeHtml(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

async function page(fragment, text) {
  let article = {};
  try {
    article = JSON.parse(text);
  } catch {
    // The core accepted it, so only the page metadata is lost (e.g. a byte order mark).
  }
  const attrs = [];
  if (
    typeof article.lang === 'string' &&
    /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(article.lang)
  ) {
    attrs.push(` lang="${article.lang}"`);
  }
  if (['ltr', 'rtl', 'auto'].includes(article.dir)) attrs.push(` dir="${article.dir}"`);
  const title = typeof article.headline === 'string' ? article.headline : '';
  const { jsonLd, head } = structuredData(article);
  const description = jsonLd.description
    ? `<meta name="description" content="${escapeHtml(jsonLd.description)}">\n`
    : '';
  const canonical = jsonLd.mainEntityOfPage
    ? `<link rel="canonical" href="${escapeHtml(jsonLd.mainEntityOfPage)}">\n`
    : '';
  let style = '';
  try {
    style = `<style>\n${await readFile(new URL('../web/style.css', import.meta.url), 'utf8')}</style>\n`;
  } catch {
    // No stylesheet in this checkout: the page is unstyled.
  }
  return (
    `<!doctype html>\n<html${attrs.join('')}>\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="broadsheet ${version}">\n` +
    `<title>${escapeHtml(title)}</title>\n${description}${canonical}${head}\n${style}</head>\n<body>\n<main>\n${fragment}\n</main>\n</body>\n</html>\n`
  );
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`broadsheet: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }

  let input;
  try {
    input = decodeInput(await readInput(args.file));
  } catch (error) {
    process.stderr.write(`broadsheet: cannot read ${args.file}: ${error.message}\n`);
    return 1;
  }
  if (input.error) {
    process.stderr.write(`${formatDiagnostic(input.error)}\n`);
    return 1;
  }
  const { text } = input;
  const bs = await load();
  const result = bs.validate(text);
  for (const w of result.warnings) process.stderr.write(`warning: ${formatDiagnostic(w)}\n`);
  for (const e of result.errors) process.stderr.write(`${formatDiagnostic(e)}\n`);
  if (args.command === 'validate') {
    if (result.ok) process.stdout.write(`${args.file === '-' ? 'stdin' : args.file}: ok\n`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) return 1;

  const fragment = bs.renderToString(text, args.untrusted ? { trust: 'untrusted' } : undefined);
  const output = args.page ? await page(fragment, text) : `${fragment}\n`;
  if (args.out && args.out !== '-') await writeFile(args.out, output);
  else process.stdout.write(output);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Whatever went wrong, a person reads one line, not a stack trace.
    if (error instanceof BroadsheetError && error.errors.length) {
      for (const e of error.errors) process.stderr.write(`${formatDiagnostic(e)}\n`);
    } else {
      process.stderr.write(`broadsheet: ${error?.message ?? error}\n`);
    }
    process.exitCode = 1;
  },
);
