/**
 * Runs picture computations in a Web Worker, latest request wins: while one is computing,
 * newer requests replace the waiting one, so a burst of zooms or edits costs one or two
 * computations, not one each.
 *
 * The worker starts from a blob of dist/webview/worker.js (fetched from the page's own
 * resource origin): a webview page cannot start a worker from its resource URL directly,
 * and blob workers inherit the page's CSP (`worker-src blob:`). Until it is up, requests are
 * computed on the page as soon as the current script returns (the first picture does not wait
 * for the worker's script to be fetched and started: most of a first picture's time on a
 * busy machine); if no worker can be started, they stay on the page and `onFallback` says why.
 */
import { ComputeRequest, ComputeResponse, Computer } from './lib/compute';

type Pending = { req: Omit<ComputeRequest, 'id'>; resolve: (r: ComputeResponse | null) => void };

export class ComputeClient {
  private worker: Worker | null = null;
  /** Computes on the page while the worker starts, and for good when it cannot. */
  private readonly local = new Computer();
  private nextId = 1;
  private busy: { id: number; resolve: (r: ComputeResponse | null) => void } | null = null;
  private waiting: Pending | null = null;
  /** Where the last answer was computed: the first picture is on the page while the worker starts. */
  lastPlace: 'page' | 'worker' = 'page';

  constructor(workerUrl: string | undefined, private readonly onFallback: (why: string) => void) {
    void this.start(workerUrl);
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
      this.pump();
    } catch (e) {
      this.failWorker((e as Error).message);
    }
  }

  private failWorker(why: string): void {
    const wasRunning = this.worker !== null;
    this.worker?.terminate();
    this.worker = null;
    this.onFallback(why);
    // a request the stopped worker had is answered null (the page asks again with its next change)
    if (wasRunning && this.busy) { const b = this.busy; this.busy = null; b.resolve(null); }
    this.pump();
  }

  /** Compute; resolves with null when a newer request replaced this one before it ran. */
  request(req: Omit<ComputeRequest, 'id'>): Promise<ComputeResponse | null> {
    return new Promise((resolve) => {
      if (this.waiting) this.waiting.resolve(null);
      this.waiting = { req, resolve };
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || !this.waiting) return;
    const id = this.nextId++;
    if (this.worker) {
      const { req, resolve } = this.waiting;
      this.waiting = null;
      this.busy = { id, resolve: (r) => { this.lastPlace = 'worker'; resolve(r); } };
      this.worker.postMessage({ ...req, id });
      return;
    }
    // On the page, as soon as the current script returns (of requests made together, the last is computed).
    this.busy = { id, resolve: () => undefined };
    queueMicrotask(() => {
      const next = this.waiting;
      this.waiting = null;
      if (!next) { this.busy = null; return; }
      this.busy = { id, resolve: (r) => { this.lastPlace = 'page'; next.resolve(r); } };
      this.finish(this.local.run({ ...next.req, id }));
    });
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
