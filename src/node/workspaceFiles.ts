/**
 * Reading the workspace's code files for the code front end (Node only: the CLI and the
 * analysis worker; the web extension follows no imports). Only files with a code extension,
 * only regular files under a size limit, only below `root` when one is given; never throws.
 * The text is read, never run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const MAX_BYTES = 512 * 1024;

export function workspaceFileReader(root?: string): (file: string) => string | null {
  const top = root ? path.resolve(root) : null;
  return (file) => {
    try {
      const abs = path.resolve(file);
      if (!CODE.test(abs)) return null;
      if (top && abs !== top && !abs.startsWith(top + path.sep)) return null;
      const st = fs.statSync(abs);
      if (!st.isFile() || st.size > MAX_BYTES) return null;
      return fs.readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
  };
}
