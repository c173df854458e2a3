// broadsheet — writing an output file atomically, for Node: the workers of a bulk build
// (web/build-worker.js) and the CLI's `render --out` (bin/broadsheet.js).
//
// A reader (a web server, rsync) sees the old file or the new one, never half of one, and a full
// disk or an interruption leaves the old file: the bytes go to a temporary file in the same folder
// (so rename stays on one file system) and replace the output in one rename. The folder must
// exist. Synchronous: both callers wait for the write anyway.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { sep } from 'node:path';

let tempCount = 0;

// `file` with this platform's separators (as path.resolve gives it); `tag` tells the writers of
// one folder apart (the process, and a build's thread).
export function writeAtomically(file, data, tag = String(process.pid)) {
  const at = file.lastIndexOf(sep);
  const temp = `${file.slice(0, at + 1)}.${file.slice(at + 1)}.${tag}-${tempCount++}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // no temporary file to remove (no folder to put it in)
    }
    // The output's name, not the temporary file's; the code (EACCES, ENOSPC…) stays.
    const wrapped = new Error(`cannot write ${file}: ${error.message.replace(temp, file)}`);
    wrapped.code = error.code;
    throw wrapped;
  }
}
