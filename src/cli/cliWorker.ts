/** The CLI's analysis worker (started by watchdog.ts, one at a time): a file in, its report out. */
import { serveFiles } from './analyseFile';

serveFiles();
