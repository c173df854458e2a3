// broadsheet — reads the module's bytes from a file: load() in Node (web/core.js). The import of
// Node's file system is dynamic, so that web/ still loads in a browser. The browser build
// (scripts/bundle.mjs) puts a readFile() in this file's place that says it cannot read files.
export async function readFile(path) {
  const fs = await import('node:fs/promises');
  return fs.readFile(path);
}
