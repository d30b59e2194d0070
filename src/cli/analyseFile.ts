/**
 * The analysis of one file as the CLI does it, and its side of the watchdog (watchdog.ts): in
 * the worker, each file sent is analysed and answered, then the flag is raised.
 */
import { workerData } from 'node:worker_threads';
import { analyzeDocument } from '../core/document';
import { createEngineOptions } from '../core/engine';
import { DEFAULT_BUDGET_MS } from '../core/analyze';
import { describeFailure } from '../core/limits';
import { workspaceFileReader } from '../node/workspaceFiles';
import type { AnalysisSettings, Channel, FileAnswer, FileJob } from './watchdog';

/** The analysis of one file, as the CLI does it (in the worker, or in the caller without a watchdog). */
export function analyseFile(job: FileJob, settings: AnalysisSettings, readFile = workspaceFileReader()): FileAnswer {
  const received = Date.now();
  try {
    const engine = createEngineOptions({ budgetMs: settings.budgetMs, codeOneDimensional: settings.oneDimensional });
    // within the file's limit, no map is started once only the reserve is left: each map is bounded
    // by its own budget, so the maps reached are answered and the others say they were not reached
    const stopAt = job.limitMs === undefined ? undefined : received + job.limitMs - Math.min(job.limitMs / 2, mapReserveMs(engine.budgetMs ?? DEFAULT_BUDGET_MS));
    // code: relative imports are read (never run), within bounds
    return { report: analyzeDocument(job.text, job.language, job.file, { ...engine, readFile, ...(stopAt === undefined ? {} : { stopAt }) }) };
  } catch (e) {
    // analyzeDocument isolates each definition; this keeps one file's failure from stopping the others
    return { failure: describeFailure('This file', e, 'read') };
  }
}

/**
 * What is kept of a file's time limit for the last map started: its budget, the invertibility
 * check's floor and the steps after its verdict, generously (a loaded machine), at least 10 s.
 */
export const mapReserveMs = (budgetMs: number): number => Math.max(10_000, 5 * budgetMs);

/** In the worker started by FileWatchdog: answer each file sent (`analyse` is analyseFile; a test may wrap it). */
export function serveFiles(analyse: typeof analyseFile = analyseFile): void {
  const { port, flag, settings } = workerData as Channel;
  const readFile = workspaceFileReader();
  port.on('message', (job: FileJob) => {
    port.postMessage(analyse(job, settings, readFile));
    // the answer is queued before the flag is raised: the waiting thread finds it
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
  Atomics.store(flag, 1, 1);
  Atomics.notify(flag, 1);
}
