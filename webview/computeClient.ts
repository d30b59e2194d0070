/**
 * Runs picture computations in a Web Worker, latest request wins: while one is computing,
 * newer requests replace the waiting one, so a burst of zooms or edits costs one or two
 * computations, not one each.
 *
 * The worker starts from a blob of dist/webview/worker.js (fetched from the page's own
 * resource origin): a webview page cannot start a worker from its resource URL directly,
 * and blob workers inherit the page's CSP (`worker-src blob:`). If no worker can be
 * started, the computation runs on the page, after the current frame, and `onFallback`
 * says why.
 */
import { ComputeRequest, ComputeResponse, Computer } from './lib/compute';

type Pending = { req: Omit<ComputeRequest, 'id'>; resolve: (r: ComputeResponse | null) => void };

export class ComputeClient {
  private worker: Worker | null = null;
  private local: Computer | null = null;
  private starting: Promise<void>;
  private nextId = 1;
  private busy: { id: number; resolve: (r: ComputeResponse | null) => void } | null = null;
  private waiting: Pending | null = null;

  constructor(workerUrl: string | undefined, private readonly onFallback: (why: string) => void) {
    this.starting = this.start(workerUrl);
  }

  private async start(url: string | undefined): Promise<void> {
    try {
      if (!url) throw new Error('the page names no worker script');
      if (typeof Worker === 'undefined') throw new Error('this page cannot run workers');
      const res = await fetch(url);
      if (!res.ok) throw new Error(`the worker script could not be loaded (${res.status})`);
      const blob = new Blob([await res.text()], { type: 'text/javascript' });
      const w = new Worker(URL.createObjectURL(blob));
      w.onmessage = (e: MessageEvent<ComputeResponse>) => this.finish(e.data);
      w.onerror = (e) => { e.preventDefault(); this.failWorker(`the worker stopped: ${e.message || 'unknown error'}`); };
      this.worker = w;
    } catch (e) {
      this.failWorker((e as Error).message);
    }
  }

  private failWorker(why: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.local = new Computer();
    this.onFallback(why);
    if (this.busy) { const b = this.busy; this.busy = null; b.resolve(null); }
    this.pump();
  }

  /** Compute; resolves with null when a newer request replaced this one before it ran. */
  request(req: Omit<ComputeRequest, 'id'>): Promise<ComputeResponse | null> {
    return new Promise((resolve) => {
      if (this.waiting) this.waiting.resolve(null);
      this.waiting = { req, resolve };
      void this.starting.then(() => this.pump());
    });
  }

  private pump(): void {
    if (this.busy || !this.waiting || (!this.worker && !this.local)) return;
    const { req, resolve } = this.waiting;
    this.waiting = null;
    const id = this.nextId++;
    this.busy = { id, resolve };
    const full: ComputeRequest = { ...req, id };
    if (this.worker) this.worker.postMessage(full);
    else {
      const local = this.local!;
      setTimeout(() => this.finish(local.run(full)), 0);
    }
  }

  private finish(r: ComputeResponse): void {
    if (!this.busy || this.busy.id !== r.id) return;
    const b = this.busy;
    this.busy = null;
    b.resolve(r);
    this.pump();
  }

  dispose(): void { this.worker?.terminate(); }
}
