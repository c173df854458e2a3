#!/usr/bin/env node
// The article format is described once, in schema/article.schema.json (which the corpus in
// tests/fixtures/articles/ holds to the validator). This script derives the two other
// descriptions from it, so that they cannot disagree with it:
//   - the field tables of docs/article-format.md,
//   - the Article types of web/index.d.ts,
// each between a BEGIN/END marker; the text around the markers is written by hand.
//
//   node scripts/gen_format.mjs           rewrite both files
//   node scripts/gen_format.mjs --check   exit 1 if either is stale (tests/js/format.test.js)
//
// Every object in the schema has a `title`: its TypeScript name and its heading in the docs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaFile = 'schema/article.schema.json';
const schema = JSON.parse(readFileSync(join(root, schemaFile), 'utf8'));
const defs = schema.$defs;

// --- Reading the schema -------------------------------------------------------------------------

const refName = (s) => s.$ref.replace('#/$defs/', '');
const deref = (s) => (s.$ref ? defs[refName(s)] : s);

// An optional member accepts null as "absent": {anyOf: [X, {type: null}]} or {type: [T, "null"]}.
// Returns the schema without the null alternative.
function withoutNull(s) {
  if (s.anyOf) {
    const rest = s.anyOf.filter((alt) => alt.type !== 'null');
    if (rest.length === 1) return { ...rest[0], description: s.description ?? rest[0].description };
    return { ...s, anyOf: rest };
  }
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t) => t !== 'null');
    const out = { ...s, type: types.length === 1 ? types[0] : types };
    if (s.enum) out.enum = s.enum.filter((v) => v !== null);
    return out;
  }
  return s;
}

// Members of an object schema: [{name, schema (null removed), required}].
function members(object) {
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, s]) => ({
    name,
    schema: withoutNull(s),
    required: required.has(name),
  }));
}

// The block kinds, from the block's allOf of {if: {type: const}, then: $ref}.
const blockKinds = (block) =>
  block.allOf.map((rule) => ({ kind: rule.if.properties.type.const, schema: rule.then }));

const isObject = (s) => s.type === 'object';
const literal = (v) => JSON.stringify(v);

// Limits a reader needs, said in words: "1 to 1000", "at most 1000 items", "default 2".
function limits(s) {
  const out = [];
  if (s.minimum !== undefined && s.maximum !== undefined) out.push(`${s.minimum} to ${s.maximum}`);
  else if (s.minimum !== undefined) out.push(`at least ${s.minimum}`);
  else if (s.maximum !== undefined) out.push(`at most ${s.maximum}`);
  if (s.pattern) out.push(`matches \`${s.pattern}\``);
  if (s.minItems !== undefined && s.maxItems !== undefined)
    out.push(`${s.minItems} to ${s.maxItems} items`);
  else if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  return out;
}

// --- docs/article-format.md ---------------------------------------------------------------------

const anchor = (title) => `#${title.toLowerCase()}`;

function docType(s) {
  if (s.$ref) return `[${defs[refName(s)].title}](${anchor(defs[refName(s)].title)})`;
  if (s.anyOf) return s.anyOf.map(docType).join(' or ');
  if (s.enum) return s.enum.map((v) => `\`${literal(v)}\``).join(', ');
  if (isObject(s)) return `[${s.title}](${anchor(s.title)})`;
  if (s.type === 'array') return [`array of ${docType(s.items)}`, ...limits(s)].join(', ');
  const words = [s.type, ...limits(s)];
  return words.length > 1 ? `${words[0]}, ${words.slice(1).join(', ')}` : words[0];
}

// A table cell: a pipe, even inside a code span, would end the cell.
const cell = (text) => text.replaceAll('|', '\\|');

function docRow({ name, schema: s, required }) {
  const type = docType(s);
  const meaning = [s.description ?? deref(s).description];
  if (s.default !== undefined) meaning.push(`Default \`${literal(s.default)}\`.`);
  return `| \`${name}\` | ${cell(type)}${required ? ', **required**' : ''} | ${cell(meaning.join(' '))} |`;
}

function docSection(s, heading = s.title) {
  const rows = members(s);
  const lines = [`### ${heading}`, '', s.description, ''];
  if (rows.length)
    lines.push('| field | type | meaning |', '| --- | --- | --- |', ...rows.map(docRow), '');
  return lines;
}

// Objects in the order a reader meets them: the article, then each object it names.
function objectsInOrder() {
  const seen = new Set();
  const order = [];
  const visit = (s) => {
    if (!s || typeof s !== 'object') return;
    if (s.$ref) return visit(defs[refName(s)]);
    if (isObject(s) && s.title && !seen.has(s.title)) {
      seen.add(s.title);
      order.push(s);
      for (const { schema: m } of members(s)) visit(m);
      if (s.allOf) for (const { schema: k } of blockKinds(s)) visit(k);
      return;
    }
    for (const alt of s.anyOf ?? []) visit(alt);
    if (s.items) visit(s.items);
  };
  visit(schema);
  return order;
}

function docsText() {
  const lines = [];
  for (const s of objectsInOrder()) {
    lines.push(...docSection(s));
    if (s.allOf) {
      lines.push(
        'Kinds of block, by `type` (a block of another `type` is skipped with an `unknown_block` warning):',
        '',
        '| `type` | fields |',
        '| --- | --- |',
        ...blockKinds(s).map(
          ({ kind, schema: k }) =>
            `| \`${literal(kind)}\` | ${docType(k)}: ${cell(deref(k).description)} |`,
        ),
        '',
      );
    }
  }
  const scalars = Object.values(defs).filter((d) => !isObject(d));
  lines.push(
    '### Values',
    '',
    'Value types that several fields share.',
    '',
    '| name | type | meaning |',
    '| --- | --- | --- |',
    ...scalars.map(
      (d) =>
        `| <a id="${d.title.toLowerCase()}"></a>${d.title} | ${cell(docType({ ...d, title: undefined }))} | ${cell(d.description)} |`,
    ),
    '',
  );
  return lines.join('\n');
}

// --- web/index.d.ts -----------------------------------------------------------------------------

function tsType(s) {
  if (s.$ref) return defs[refName(s)].title;
  if (s.anyOf) return s.anyOf.map(tsType).join(' | ');
  if (Array.isArray(s.type)) return s.type.map((type) => tsType({ ...s, type })).join(' | ');
  if (s.enum) return s.enum.map(literal).join(' | ');
  if (isObject(s)) return s.title;
  if (s.type === 'array') {
    const item = tsType(s.items);
    return /[ |&]/.test(item) ? `(${item})[]` : `${item}[]`;
  }
  if (s.type === 'integer' || s.type === 'number') return 'number';
  return s.type;
}

function jsDoc(text, indent) {
  return `${indent}/** ${text.replaceAll('*/', '*\\/')} */`;
}

function tsMember({ name, schema: s, required }, indent = '  ') {
  const words = [s.description ?? deref(s).description];
  const own = limits(s);
  if (s.type === 'integer') own.unshift('integer');
  if (own.length) words.push(`${own.join(', ').replace(/^./, (c) => c.toUpperCase())}.`);
  if (s.default !== undefined) words.push(`Default ${literal(s.default)}.`);
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name);
  const type = required ? tsType(s) : `${tsType(s)} | null`;
  return [jsDoc(words.join(' '), indent), `${indent}${key}${required ? '' : '?'}: ${type};`];
}

function tsInterface(s, extra = []) {
  const body = members(s).flatMap((m) => tsMember(m));
  // A map of names to values ("messages"): an index signature.
  const values = deref(s).additionalProperties;
  if (typeof values === 'object') body.push(`  [name: string]: ${tsType(values)};`);
  return [jsDoc(s.description, ''), `export interface ${s.title} {`, ...body, ...extra, '}'];
}

function typesText() {
  const lines = [];
  for (const d of Object.values(defs).filter((d) => !isObject(d))) {
    lines.push(
      jsDoc(d.description, ''),
      `export type ${d.title} = ${tsType({ ...d, title: undefined })};`,
      '',
    );
  }
  for (const s of objectsInOrder()) {
    if (s.allOf) {
      // A block: the shared members (the kind's `type` literal stands in for the string), and
      // one kind's members. Blocks of unknown kinds validate, but are not offered to authors.
      const shared = members(s).filter((m) => m.name !== 'type');
      lines.push(
        jsDoc('Members every block may carry.', ''),
        `export interface ${s.title}Base {`,
        ...shared.flatMap((m) => tsMember(m)),
        '}',
        '',
        jsDoc(s.description, ''),
        `export type ${s.title} = ${s.title}Base &`,
        '  (',
        ...blockKinds(s).map(
          ({ kind, schema: k }) => `    | ({ type: ${literal(kind)} } & ${tsType(k)})`,
        ),
        '  );',
        '',
      );
      continue;
    }
    const extra =
      s === schema
        ? [
            jsDoc(
              'Unknown members are allowed (a newer 1.x minor version may add some) and ignored.',
              '  ',
            ),
            '  [unknown: string]: unknown;',
          ]
        : [];
    lines.push(...tsInterface(s, extra), '');
  }
  return lines.join('\n').trimEnd();
}

// --- Writing ------------------------------------------------------------------------------------

const targets = [
  {
    file: 'docs/article-format.md',
    begin: `<!-- BEGIN generated by scripts/gen_format.mjs from ${schemaFile}; edit the schema, not this -->`,
    end: '<!-- END generated -->',
    text: docsText,
  },
  {
    file: 'web/index.d.ts',
    begin: `// BEGIN generated by scripts/gen_format.mjs from ${schemaFile}; edit the schema, not this`,
    end: '// END generated',
    text: typesText,
  },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, begin, end, text } of targets) {
  const path = join(root, file);
  const current = readFileSync(path, 'utf8');
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`gen_format: ${file} lacks the markers:\n  ${begin}\n  ${end}`);
    process.exit(1);
  }
  let next = `${current.slice(0, from)}${begin}\n${text()}\n${current.slice(to)}`;
  if (file.endsWith('.ts')) {
    // As `npm run format` would leave it, so that formatting the tree never makes it stale.
    const prettier = await import('prettier');
    next = await prettier.format(next, { ...(await prettier.resolveConfig(path)), filepath: path });
  }
  if (next === current) continue;
  if (check) {
    console.error(`gen_format: ${file} is stale; run node scripts/gen_format.mjs`);
    stale++;
  } else {
    writeFileSync(path, next);
    console.log(`gen_format: wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
