// broadsheet — turns web/embed.js and the ES modules it imports into dist/broadsheet-embed.js, one
// classic script (an IIFE) that needs no module support and no bundler.
//
// Deliberately small, because broadsheet's own modules are its only input: each module becomes a
// function whose return value is its exports, imports become destructuring of those values, and
// `import.meta.url` becomes the script's own URL (document.currentScript.src, captured before
// anything else runs). Any module syntax it does not understand (default or namespace imports,
// `export default`, `export *`, bare specifiers) stops the build instead of being guessed at.
//   node scripts/bundle-embed.mjs   writes dist/broadsheet-embed.js and dist/broadsheet.css
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT_URL = '__broadsheetScriptUrl';

const IMPORT = /^import\s+(?:\{([^}]*)\}\s+from\s+)?(['"])([^'"]+)\2;?[ \t]*$/gm;
const EXPORT_DECLARATION =
  /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
// Node-only branches (core.js reads the module from disk in Node) never run in a browser.
const NODE_IMPORT = /\bimport\((['"])node:[^'"]+\1\)/g;

function problem(file, message) {
  return new Error(`bundle-embed: ${relative(root, file)}: ${message}`);
}

// `a, b as c` -> [{name: 'a', as: 'a'}, {name: 'b', as: 'c'}]
function names(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, as = name] = s.split(/\s+as\s+/);
      return { name: name.trim(), as: as.trim() };
    });
}

function parse(file) {
  const source = readFileSync(file, 'utf8');
  const imports = [];
  let body = source.replace(IMPORT, (_, list, quote, specifier) => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw problem(file, `cannot bundle the bare import "${specifier}"`);
    }
    imports.push({ file: join(dirname(file), specifier), names: list ? names(list) : [] });
    return '';
  });
  const exports = [];
  body = body.replace(EXPORT_LIST, (_, list) => {
    exports.push(...names(list));
    return '';
  });
  body = body.replace(EXPORT_DECLARATION, (_, kind, name) => {
    exports.push({ name, as: name });
    return `${kind} ${name}`;
  });
  body = body
    .replaceAll('import.meta.url', SCRIPT_URL)
    .replace(NODE_IMPORT, "Promise.reject(new Error('not available in the embed script'))");
  for (const [pattern, what] of [
    [/^\s*import\b(?!\()/m, 'an import form other than `import {…} from` or `import "…"`'],
    [/^\s*export\b/m, 'an export form other than declarations and `export {…}`'],
    [/\bimport\.meta\b/, 'import.meta other than import.meta.url'],
    [/\bimport\(/, 'a dynamic import()'],
  ]) {
    if (pattern.test(body)) throw problem(file, `cannot bundle ${what}`);
  }
  return { file, body, imports, exports };
}

/** The modules `entry` imports, transitively, dependencies first; `entry` last. */
export function moduleGraph(entry) {
  const order = [];
  const seen = new Map(); // file -> 'visiting' | parsed module
  (function visit(file) {
    const state = seen.get(file);
    if (state === 'visiting') throw problem(file, 'import cycle');
    if (state) return;
    seen.set(file, 'visiting');
    const module = parse(file);
    module.imports.forEach((i) => visit(i.file));
    seen.set(file, module);
    order.push(module);
  })(join(root, entry));
  return order;
}

// Drops whole-line comments and blank lines (a third of the gzip size). Safe only while no
// template literal spans lines, which would let a "// line" be string content: checked here.
function stripComments(file, body) {
  const out = [];
  let inBlock = false;
  for (const line of body.split('\n')) {
    const code = line.replace(/\\./g, '').replace(/'[^']*'|"[^"]*"/g, '');
    if (!inBlock && !/^\s*\/\//.test(line) && (code.split('`').length - 1) % 2 === 1) {
      throw problem(file, 'a template literal spans lines; keep them on one line');
    }
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (/^\s*\/\*/.test(line)) {
      inBlock = !line.includes('*/');
      continue;
    }
    if (/^\s*(\/\/.*)?$/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n');
}

function variable(file) {
  return `__${basename(file, '.js').replace(/\W/g, '_')}`;
}

/** The classic-script text of `entry` (a path under the repository root). */
export function bundle(entry = 'web/embed.js') {
  const modules = moduleGraph(entry);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const seenVariables = new Set();
  const parts = modules.map((m) => {
    const name = variable(m.file);
    if (seenVariables.has(name)) throw problem(m.file, `two modules named ${basename(m.file)}`);
    seenVariables.add(name);
    const bindings = m.imports
      .filter((i) => i.names.length)
      .map((i) => {
        const from = modules.find((d) => d.file === i.file);
        for (const n of i.names) {
          if (!from.exports.some((e) => e.as === n.name)) {
            throw problem(m.file, `${relative(root, i.file)} does not export ${n.name}`);
          }
        }
        const list = i.names.map((n) => (n.name === n.as ? n.name : `${n.name}: ${n.as}`));
        return `const { ${list.join(', ')} } = ${variable(i.file)};\n`;
      })
      .join('');
    const out = m.exports.map((e) => (e.name === e.as ? e.name : `${e.as}: ${e.name}`));
    return (
      `// ---- ${relative(root, m.file)}\n` +
      `const ${name} = (function () {\n${bindings}${stripComments(m.file, m.body)}\n` +
      `return { ${out.join(', ')} };\n})();\n`
    );
  });
  const text =
    `/*! broadsheet ${version} embed script (MIT) — built from web/embed.js by scripts/bundle-embed.mjs */\n` +
    `(function () {\n'use strict';\n` +
    `const ${SCRIPT_URL} = (document.currentScript && document.currentScript.src) || document.baseURI;\n` +
    `${parts.join('\n')}})();\n`;
  // A classic script cannot hold import/export statements or import.meta: compiling it as one
  // proves the output has none.
  try {
    new Script(text, { filename: 'broadsheet-embed.js' });
  } catch (error) {
    throw new Error(`bundle-embed: the output is not a valid classic script: ${error.message}`);
  }
  return text;
}

/** Writes dist/broadsheet-embed.js and dist/broadsheet.css; returns their paths. */
export function buildEmbed() {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const script = join(dist, 'broadsheet-embed.js');
  const css = join(dist, 'broadsheet.css');
  writeFileSync(script, bundle());
  copyFileSync(join(root, 'web/style.css'), css);
  return [script, css];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of buildEmbed()) console.log(`bundle-embed: wrote ${relative(root, file)}`);
}
