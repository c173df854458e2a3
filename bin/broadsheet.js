#!/usr/bin/env node
// broadsheet CLI: render or validate article JSON from a file or stdin, or build a folder of them.
import { mkdirSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BroadsheetError, load, version } from '../web/index.js';
import { buildDirectory, defaultJobs, MAX_JOBS } from '../web/build.js';
import { decodeJsonBytes } from '../web/json-bytes.js';
import { page } from '../web/page.js';
import { writeAtomically } from '../web/write-file.js';

const USAGE = `Usage:
  broadsheet render FILE [--page] [--untrusted] [--out FILE]
  broadsheet validate FILE
  broadsheet build DIR --out DIR [--jobs N] [--page] [--untrusted] [--force]
  broadsheet --help (-h) | --version (-v)

FILE is article JSON; "-" reads standard input.
  render      prints the sanitized HTML fragment (one <article>)
    --page       print a complete HTML document instead: the stylesheet, and in the head
                 schema.org NewsArticle JSON-LD, Open Graph and Twitter <meta> tags
    --untrusted  treat the article as untrusted (links get rel="nofollow ugc")
    --out FILE   write to FILE instead of standard output
  validate    prints errors and warnings; exits 1 when the article cannot be rendered
  build       renders every *.json under DIR (recursively) to the --out folder, keeping the
              folder structure (DIR/x/y.json -> OUT/x/y.html), on worker threads; each file is
              written atomically. An article whose bytes and options are unchanged since the last
              build into OUT is skipped (OUT/.broadsheet-build.json records them); bad articles
              are listed at the end as "file: path: message [code]" and do not stop the build;
              symbolic links are followed, and names starting with . are left out
    --out DIR    the output folder (required; it may lie inside DIR, it is then not read as
                 input and may hold no *.json article)
    --jobs N     worker threads (default: the number of cores, here ${defaultJobs()}; at most
                 ${MAX_JOBS}, and no more than there are articles)
    --page       complete HTML documents, as render --page writes them
    --untrusted  as for render
    --force      render every article, even the unchanged ones

Exit status: 0 ok, 1 invalid input (for build: any article failed), 2 usage error.
`;

class UsageError extends Error {}

function parseArgs(argv) {
  const args = {
    command: null,
    file: null,
    page: false,
    untrusted: false,
    force: false,
    out: null,
    jobs: null,
  };
  const positional = (arg) => {
    if (!args.command) args.command = arg;
    else if (args.file === null) args.file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  };
  let options = true; // until "--": after it every argument is a name, even one starting with -
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!options) {
      positional(arg);
      continue;
    }
    if (arg === '--') {
      options = false;
      continue;
    }
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (arg === '--version' || arg === '-v') return { command: 'version' };
    if (arg === '--page' || arg === '--untrusted' || arg === '--force') {
      args[arg.slice(2)] = true;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      args.out = arg === '--out' ? argv[++i] : arg.slice(6);
      // "--out --page" is a forgotten name, not a file called --page (./--page names one).
      if (!args.out || (args.out.startsWith('-') && args.out !== '-')) {
        throw new UsageError('--out needs a file name');
      }
    } else if (arg === '--jobs' || arg.startsWith('--jobs=')) {
      const value = arg === '--jobs' ? argv[++i] : arg.slice(7);
      if (!/^[1-9][0-9]*$/.test(value ?? '') || Number(value) > MAX_JOBS) {
        throw new UsageError(
          `--jobs needs a whole number from 1 to ${MAX_JOBS}, got ${value ?? 'nothing'}`,
        );
      }
      args.jobs = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional(arg);
    }
  }
  if (!['render', 'validate', 'build'].includes(args.command)) {
    throw new UsageError(args.command ? `unknown command ${args.command}` : 'no command given');
  }
  if (args.command === 'build') {
    if (args.file === null || args.file === '-') throw new UsageError('build needs a folder DIR');
    if (!args.out || args.out === '-') throw new UsageError('build needs --out DIR');
    return args;
  }
  if (args.jobs !== null || args.force) {
    throw new UsageError('--jobs and --force apply to build only');
  }
  if (args.file === null) throw new UsageError(`${args.command} needs a FILE (or - for stdin)`);
  if (args.command === 'validate' && (args.page || args.untrusted || args.out)) {
    throw new UsageError('--page, --untrusted and --out apply to render and build only');
  }
  return args;
}

async function readInput(file) {
  if (file !== '-') return readFile(file);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function formatDiagnostic(d) {
  return `${d.path || '(document)'}: ${d.message} [${d.code}]`;
}

// The same file under two names (a link, "./a.json" and "a.json"): compared once both resolve.
function sameFile(a, b) {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

function clock(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// Progress on stderr: on a terminal one bar redrawn in place (at most ten times a second); in a
// log (CI, a pipe) a plain line at each tenth of the way.
function progressReporter(stream) {
  let lastDraw = 0;
  let lastTenth = 0;
  let drawn = false;
  // Called on the main thread after every article: it returns before formatting anything unless
  // a line or a redraw is due, so that it takes nothing from the cores the workers render on.
  const figures = ({ done, total, rendered, failed, elapsed }) => {
    const worked = rendered + failed;
    const rate = elapsed > 0 ? (worked * 1000) / elapsed : 0;
    const left = rate > 0 ? ((total - done) * 1000) / rate : 0;
    return `${done}/${total}  ${rate.toFixed(0)} articles/s  ${clock(left)} left`;
  };
  const report = (state, final = false) => {
    const { done, total } = state;
    if (stream.isTTY) {
      const now = performance.now();
      if (!final && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(
        `\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${figures(state)}`,
      );
      drawn = true;
    } else {
      const tenth = total ? Math.floor((done * 10) / total) : 10;
      if (tenth <= lastTenth || final) return;
      lastTenth = tenth;
      stream.write(`broadsheet build: ${figures(state)}\n`);
    }
  };
  report.end = () => {
    if (drawn) stream.write('\r\x1b[K');
  };
  return report;
}

async function build(args) {
  const progress = progressReporter(process.stderr);
  let summary;
  try {
    summary = await buildDirectory({
      input: args.file,
      output: args.out,
      jobs: args.jobs ?? defaultJobs(),
      page: args.page,
      force: args.force,
      options: args.untrusted ? { trust: 'untrusted' } : undefined,
      onProgress: progress,
    });
  } catch (error) {
    progress.end();
    if (error instanceof BroadsheetError && error.code === 'invalid_argument') {
      process.stderr.write(`broadsheet: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  progress.end();
  if (summary.total === 0) {
    process.stderr.write(
      `broadsheet build: no *.json articles under ${args.file} (names starting with . are left out)\n`,
    );
  }
  for (const e of summary.errors) process.stderr.write(`${e.file}: ${formatDiagnostic(e)}\n`);
  const seconds = (summary.elapsed / 1000).toFixed(2);
  process.stdout.write(
    `broadsheet build: ${summary.rendered} rendered, ${summary.skipped} skipped, ` +
      `${summary.failed} failed in ${seconds} s\n`,
  );
  return summary.failed ? 1 : 0;
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
  if (args.command === 'build') return build(args);
  if (args.out && args.out !== '-' && args.file !== '-' && sameFile(args.out, args.file)) {
    process.stderr.write(
      `broadsheet: --out ${args.out} is the input file: the article would be lost\n\n${USAGE}`,
    );
    return 2;
  }
  // Every line about the input starts with its name, as a build's do: a loop over files can tell.
  const name = args.file === '-' ? 'stdin' : args.file;

  let input;
  try {
    input = decodeJsonBytes(await readInput(args.file));
  } catch (error) {
    process.stderr.write(`broadsheet: cannot read ${args.file}: ${error.message}\n`);
    return 1;
  }
  if (input.error) {
    process.stderr.write(`${name}: ${formatDiagnostic(input.error)}\n`);
    return 1;
  }
  const { text } = input;
  const bs = await load();
  const result = bs.validate(text);
  for (const w of result.warnings) {
    process.stderr.write(`${name}: warning: ${formatDiagnostic(w)}\n`);
  }
  for (const e of result.errors) process.stderr.write(`${name}: ${formatDiagnostic(e)}\n`);
  if (args.command === 'validate') {
    if (result.ok) process.stdout.write(`${name}: ok\n`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) return 1;

  const fragment = bs.renderToString(text, args.untrusted ? { trust: 'untrusted' } : undefined);
  const output = args.page ? await page(fragment, text) : `${fragment}\n`;
  if (args.out && args.out !== '-') {
    // Written as a build writes (web/write-file.js), into a folder made first.
    const file = resolve(args.out);
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new Error(`cannot write ${file}: ${error.message}`);
    }
    writeAtomically(file, output);
  } else process.stdout.write(output);
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
