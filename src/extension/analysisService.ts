/**
 * Runs document analysis in a worker thread and hands back FileReports. No `vscode` import:
 * it is tested in plain Node. A request that outlives its deadline restarts the worker; the
 * other requests waiting then are sent to the new one, not failed. The worker runs under
 * resource limits (heap size): a request that exhausts them fails with a message that says
 * so, the worker is restarted and the others' requests are retried. A newer request for the
 * same document (same `key`) cancels the older one, in the worker too, between two
 * definitions; partial reports reach `onPartial` as the definitions fill in, those on screen
 * (`visible`) first.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { LanguageKind } from '../core/languages';
import type { EngineConfig } from '../core/engine';
import type { FileReport } from '../core/report';
import type { LineRange } from '../core/progressive';
import type { WorkerLoaded, WorkerRequest, WorkerResponse } from './worker';
import { clockTime } from './milestones';
import { AnalysisCancelled, AnalysisResourceLimit, AnalysisTimeout } from './analysisErrors';

export interface AnalysisRequest {
  readonly text: string;
  readonly kind: LanguageKind;
  readonly file: string;
  readonly config: EngineConfig;
  /** The Markdown preview's block: also typeset and draw its maps, with this many grid lines (`drawn`). */
  readonly previewLines?: number;
  /** The document's identity: a newer request with the same key cancels this one. */
  readonly key?: string;
  /** The editor's visible line ranges, most important first: those definitions are analysed first. */
  readonly visible?: readonly LineRange[];
  /** Called with what is known so far while the rest is analysed (not for preview requests). */
  readonly onPartial?: (r: FileReport) => void;
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

interface Pending { resolve(r: AnalysisResult): void; reject(e: Error): void; timer: NodeJS.Timeout; msg: WorkerRequest; req: AnalysisRequest; sent: number }

/** An analysis that takes longer than this (from the request) is logged with where its time went. */
const SLOW_MS = 500;

export { AnalysisTimeout, AnalysisCancelled, AnalysisResourceLimit };

/** The worker's heap limit, MB (a note of thousands of maps needs a few hundred). */
export const WORKER_MEMORY_MB = 1536;

export class AnalysisService implements Analyzer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The request the worker is working on (it said it started), if any. */
  private running: number | undefined;
  private disposed = false;
  private readonly limits: ResourceLimits;

  constructor(private readonly workerPath: string, private readonly log: (message: string) => void = () => undefined, limits: ResourceLimits = {}) {
    this.limits = { maxOldGenerationSizeMb: WORKER_MEMORY_MB, ...limits };
  }

  analyze(req: AnalysisRequest, deadlineMs = 30000): Promise<AnalysisResult> {
    if (this.disposed) return Promise.reject(new Error('the analysis service is stopped'));
    if (req.key !== undefined) {
      for (const [id, p] of this.pending) if (p.req.key === req.key) this.settle(id, (q) => q.reject(new AnalysisCancelled('a newer version of the document is being analysed')));
    }
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<AnalysisResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.log(`analysis of ${req.file} took longer than ${deadlineMs} ms: restarting the worker`);
        this.restart();
        reject(new AnalysisTimeout(`the analysis took longer than ${Math.round(deadlineMs / 1000)} s`));
      }, deadlineMs);
      const cancel = req.key !== undefined ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      const msg: WorkerRequest = {
        id, text: req.text, kind: req.kind, file: req.file, config: req.config,
        ...(req.previewLines === undefined ? {} : { previewLines: req.previewLines }),
        ...(req.visible ? { visible: req.visible } : {}), ...(req.onPartial ? { partial: true } : {}), ...(cancel ? { cancel } : {}),
      };
      this.pending.set(id, { resolve, reject, timer, msg, req, sent: Date.now() });
      w.postMessage(msg);
    });
  }

  /** Starts the worker (it loads the analysis: mathjs's parser, KaTeX's) before the first request. */
  warm(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** Take request `id` out of the waiting ones (telling the worker to stop it) and settle it. */
  private settle(id: number, how: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (p.msg.cancel) Atomics.store(p.msg.cancel, 0, 1);
    how(p);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const startedAt = Date.now();
    const w = new Worker(this.workerPath, { resourceLimits: this.limits, workerData: { startedAt } });
    w.unref();
    this.running = undefined;
    w.on('message', (res: WorkerResponse | WorkerLoaded) => {
      if ('loaded' in res) {
        this.log(`analysis worker loaded at ${clockTime(Date.now())}, ${Date.now() - startedAt} ms after its start (${res.codeMs === undefined ? '' : `its code ${res.codeMs} ms, `}mathjs's parser ${res.parserMs} ms)`);
        return;
      }
      if ('started' in res) { if (this.worker === w) this.running = res.id; return; }
      if ('partial' in res) { this.pending.get(res.id)?.req.onPartial?.(res.report); return; }
      if (this.running === res.id) this.running = undefined;
      if (!res.ok && 'cancelled' in res && res.total) this.log(`an analysis was cancelled after ${res.analysed} of ${res.total} definitions (a newer version of its document came)`);
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      clearTimeout(p.timer);
      const waited = Date.now() - p.sent;
      if (waited > SLOW_MS) this.log(`analysis of ${p.msg.file}: ${waited} ms from the request (at ${clockTime(p.sent)}), ${res.ms} ms of it in the worker (the rest: the worker's start and other requests)`);
      if (res.ok) p.resolve(res.drawn === undefined ? res.report : { ...res.report, drawn: res.drawn });
      else if ('cancelled' in res) p.reject(new AnalysisCancelled(`cancelled after ${res.analysed} definitions`));
      else { this.log(`analysis failed: ${res.error}`); p.reject(new Error(res.error.split('\n')[0])); }
    });
    w.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const culprit = this.running;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' && culprit !== undefined) {
        const file = this.pending.get(culprit)?.req.file ?? 'a document';
        this.log(`analysis of ${file} ran out of memory (${this.limits.maxOldGenerationSizeMb} MB): restarting the worker`);
        this.settle(culprit, (p) => p.reject(new AnalysisResourceLimit(
          `the analysis of this document needed more than the ${this.limits.maxOldGenerationSizeMb} MB of memory the analysis may use: ` +
          'split the document, or give large maps as compositions of smaller ones')));
        // the others waiting are asked again in a new worker
        this.resend();
      } else {
        this.log(`analysis worker error: ${e.stack ?? e.message}`);
        this.failAll(e);
      }
    });
    w.on('exit', (code) => { if (this.worker === w) { this.worker = undefined; if (code !== 0) this.failAll(new Error(`the analysis worker stopped (${code})`)); } });
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, (p) => p.reject(e));
  }

  /** A new worker; the requests that were waiting (other documents') are asked again there, with their own deadlines. */
  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    this.resend();
  }

  private resend(): void {
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
