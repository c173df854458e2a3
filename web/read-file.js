// broadsheet — reads the module's bytes from a file: load() in Node (web/core.js). The import of
// Node's file system is dynamic, so that web/ still loads in a browser. The browser build
// (scripts/bundle.mjs) puts a readFile() in this file's place that says it cannot read files, and
// a syncFileReader() that finds none.
export async function readFile(path) {
  const fs = await import('node:fs/promises');
  return fs.readFile(path);
}

// node:fs's readFileSync, for catalogues a server reads at once (web/language.js); the browser
// build's stand-in has none, and a catalogue is fetched instead.
export async function syncFileReader() {
  return (await import('node:fs')).readFileSync;
}
