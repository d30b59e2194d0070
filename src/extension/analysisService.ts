/**
 * Runs document analysis in a worker thread and hands back FileReports. No `vscode` import:
 * it is tested in plain Node. A request that outlives its deadline restarts the worker; the
 * other requests waiting then are sent to the new one, not failed.
 */
import { Worker } from 'node:worker_threads';
import type { LanguageKind } from '../core/languages';
import type { EngineConfig } from '../core/engine';
import type { FileReport } from '../core/report';
import type { WorkerRequest, WorkerResponse } from './worker';

export interface AnalysisRequest {
  readonly text: string;
  readonly kind: LanguageKind;
  readonly file: string;
  readonly config: EngineConfig;
  /** The Markdown preview's block: also typeset and draw its maps, with this many grid lines (`drawn`). */
  readonly previewLines?: number;
}

/** A report, and for a preview request the maps' HTML. */
export type AnalysisResult = FileReport & { readonly drawn?: string };

/** What the document index and the commands need: Node runs analysis in a worker thread, the web in process. */
export interface Analyzer {
  analyze(req: AnalysisRequest, deadlineMs?: number): Promise<AnalysisResult>;
  /** Start loading now (activation), so that the first request does not wait for it. */
  warm?(): void;
  dispose(): void;
}

interface Pending { resolve(r: AnalysisResult): void; reject(e: Error): void; timer: NodeJS.Timeout; msg: WorkerRequest; sent: number }

/** An analysis that takes longer than this (from the request) is logged with where its time went. */
const SLOW_MS = 500;

export class AnalysisTimeout extends Error {}

export class AnalysisService implements Analyzer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(private readonly workerPath: string, private readonly log: (message: string) => void = () => undefined) {}

  analyze(req: AnalysisRequest, deadlineMs = 30000): Promise<AnalysisResult> {
    if (this.disposed) return Promise.reject(new Error('the analysis service is stopped'));
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<AnalysisResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.log(`analysis of ${req.file} took longer than ${deadlineMs} ms: restarting the worker`);
        this.restart();
        reject(new AnalysisTimeout(`the analysis took longer than ${Math.round(deadlineMs / 1000)} s`));
      }, deadlineMs);
      const msg: WorkerRequest = { id, ...req };
      this.pending.set(id, { resolve, reject, timer, msg, sent: Date.now() });
      w.postMessage(msg);
    });
  }

  /** Starts the worker (it loads the analysis: mathjs's parser, KaTeX's) before the first request. */
  warm(): void {
    if (!this.disposed) this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath);
    w.unref();
    w.on('message', (res: WorkerResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      clearTimeout(p.timer);
      const waited = Date.now() - p.sent;
      if (waited > SLOW_MS) this.log(`analysis of ${p.msg.file}: ${waited} ms from the request, ${res.ms} ms of it in the worker (the rest: the worker's start and other requests)`);
      if (res.ok) p.resolve(res.drawn === undefined ? res.report : { ...res.report, drawn: res.drawn });
      else { this.log(`analysis failed: ${res.error}`); p.reject(new Error(res.error.split('\n')[0])); }
    });
    w.on('error', (e) => { this.log(`analysis worker error: ${e.stack ?? e.message}`); this.failAll(e); this.worker = undefined; });
    w.on('exit', (code) => { if (this.worker === w) { this.worker = undefined; if (code !== 0) this.failAll(new Error(`the analysis worker stopped (${code})`)); } });
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const [id, p] of this.pending) { clearTimeout(p.timer); p.reject(e); this.pending.delete(id); }
  }

  /** A new worker; the requests that were waiting (other documents') are asked again there, with their own deadlines. */
  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    if (!this.pending.size) return;
    const fresh = this.ensureWorker();
    for (const p of this.pending.values()) fresh.postMessage(p.msg);
  }

  dispose(): void {
    this.disposed = true;
    this.failAll(new Error('the analysis service is stopped'));
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
