/**
 * A CLI worker for the watchdog's tests (test build only): the real one (src/cli/analyseFile.ts),
 * except that a file containing HANG_MARK never finishes, as a hang inside a library would.
 */
import { isMainThread } from 'node:worker_threads';
import { analyseFile, serveFiles } from '../../../src/cli/analyseFile';

export const HANG_MARK = 'a hang for the watchdog test';

if (!isMainThread) {
  serveFiles((job, settings, readFile) => {
    if (job.text.includes(HANG_MARK)) while (Date.now() > 0) { /* never returns */ }
    return analyseFile(job, settings, readFile);
  });
}
