/** The CLI in process, and a temporary folder of files, for the CLI tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { analyseFile } from '../../../src/cli/analyseFile';

export const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

export function run(args: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  // in this thread (the watchdog's worker has tests of its own: robust.test.ts)
  const code = main(args, (s) => { out += s; }, (s) => { err += s; }, { analyse: (job, settings) => analyseFile(job, settings) });
  return { code, out, err };
}

/** A temporary folder for a describe block: `file(name, text)` writes into it and returns the path. */
export function tempFiles(prefix: string): { dir: () => string; file: (name: string, text: string) => string } {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    file: (name, text) => {
      // called before the suite's `before` (tempFiles inside a test): never write into the working directory
      if (!dir) throw new Error('tempFiles: call it in a describe block, not inside a test');
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    },
  };
}
