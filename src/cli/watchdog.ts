/**
 * The CLI's per-file watchdog. Each file is analysed in a worker thread (one, reused from file
 * to file) while the CLI waits for it under a wall-clock limit that grows with the file's
 * size; a file that does not finish in time (a hang inside a library, say) has its worker
 * terminated, is answered with an entry saying so, and a new worker serves the next file. The
 * wait is synchronous (Atomics.wait on a shared flag, the answer taken with
 * receiveMessageOnPort), so the CLI stays a plain function from arguments to output.
 */
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { LanguageKind } from '../core/languages';
import type { FileReport } from '../core/report';

/** One file to analyse. */
export interface FileJob {
  readonly file: string; readonly text: string; readonly language: LanguageKind;
  /** The file's time limit (ms): the worker starts no map past most of it, so that the maps reached are answered. */
  readonly limitMs?: number;
}
/** The CLI's options that reach the analysis (plain data: they are sent to the worker). */
export interface AnalysisSettings { readonly budgetMs?: number; readonly oneDimensional?: boolean }
/** A file's report, or why the analysis failed as a whole (already in words). */
export type FileAnswer = { readonly report: FileReport } | { readonly failure: string };
/** What the worker is given: where to answer, and the flags it raises (0: a file answered; 1: started, ready for files). */
export interface Channel { readonly port: MessagePort; readonly flag: Int32Array; readonly settings: AnalysisSettings }

/** The default wall-clock limit per file, in seconds (`--timeout`): this much for any file, and as much again per megabyte. */
export const DEFAULT_FILE_TIMEOUT_S = 120;

/** The limit for a file of `chars` characters, ms. */
export const fileLimitMs = (seconds: number, chars: number): number => Math.round(seconds * 1000 * (1 + chars / 1_000_000));
/** How long the worker may take to start (load the analysis), ms. */
const WORKER_START_MS = 120_000;

/** Wait until flag[i] is 1, or the deadline: whether it was raised. */
function waitFor(flag: Int32Array, i: number, deadline: number): boolean {
  for (;;) {
    if (Atomics.load(flag, i) === 1) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(flag, i, 0, Math.min(left, 1000));
  }
}

/** Files analysed one at a time in a worker, each under a wall-clock limit. */
export class FileWatchdog {
  private current?: { worker: Worker; port: MessagePort; flag: Int32Array };

  /** `script` is the worker's entry (cliWorker.ts: serveFiles). */
  constructor(private readonly script: string, private readonly settings: AnalysisSettings) {}

  /** Start the worker now (it loads while the files are being found). */
  warm(): void { this.worker(); }

  private worker(): { worker: Worker; port: MessagePort; flag: Int32Array } {
    if (this.current) return this.current;
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(this.script, { workerData: { port: port2, flag, settings: this.settings } satisfies Channel, transferList: [port2] });
    // the CLI's exit does not wait for it; an error in it shows as a file without an answer
    worker.unref();
    worker.on('error', () => undefined);
    port1.unref();
    return (this.current = { worker, port: port1, flag });
  }

  /**
   * The file's answer, or 'timeout' when its analysis took more than `limitMs` (its worker is
   * then terminated), or 'no-worker' when the worker did not start. The limit counts from the
   * moment the worker is ready: its start (slow on a loaded machine) is not the file's.
   */
  analyse(job: FileJob, limitMs: number): FileAnswer | 'timeout' | 'no-worker' {
    const { port, flag } = this.worker();
    if (!waitFor(flag, 1, Date.now() + WORKER_START_MS)) { this.stop(); return 'no-worker'; }
    Atomics.store(flag, 0, 0);
    port.postMessage(job);
    const deadline = Date.now() + limitMs;
    while (waitFor(flag, 0, deadline)) {
      const m = receiveMessageOnPort(port);
      if (m) return m.message as FileAnswer;
    }
    this.stop();
    return 'timeout';
  }

  /** Terminate the worker (a new one is started for the next file). */
  stop(): void {
    const c = this.current;
    this.current = undefined;
    if (!c) return;
    c.port.close();
    void c.worker.terminate();
  }
}
