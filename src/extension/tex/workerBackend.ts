/**
 * The Node backend of the TexRenderer: a worker thread started on first use (MathJax is
 * loaded there, never on the extension host's main thread). A worker that dies is started
 * again on the next request.
 */
import { Worker } from 'node:worker_threads';
import type { TexBackend } from './texRenderer';
import type { TexRequest, TexResponse } from './texWorker';

export function workerTexBackend(workerPath: string, log: (m: string) => void = () => undefined): TexBackend & { dispose(): void } {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(svg: string): void; reject(e: Error): void }>();
  const failAll = (e: Error) => { for (const p of pending.values()) p.reject(e); pending.clear(); };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(workerPath);
    w.unref();
    w.on('message', (res: TexResponse) => {
      const p = pending.get(res.id);
      if (!p) return;
      pending.delete(res.id);
      if ('svg' in res) p.resolve(res.svg); else p.reject(new Error(res.error));
    });
    w.on('error', (e) => { log(`TeX worker error: ${e.message}`); if (worker === w) worker = undefined; failAll(e); });
    w.on('exit', () => { if (worker === w) { worker = undefined; failAll(new Error('the TeX worker stopped')); } });
    worker = w;
    return w;
  };
  const backend = (tex: string, colour: string) => new Promise<string>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const req: TexRequest = { id, tex, colour };
    ensure().postMessage(req);
  });
  return Object.assign(backend, { dispose: () => { failAll(new Error('stopped')); void worker?.terminate(); worker = undefined; } });
}
