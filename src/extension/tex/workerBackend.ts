/**
 * The Node backend of the TexRenderer: a worker thread started ahead (`warm`) or on
 * first use (MathJax is loaded there, never on the extension host's main thread); `ready`
 * says whether it has loaded (it says so in its first message). A worker that dies is
 * started again on the next request.
 */
import { Worker } from 'node:worker_threads';
import type { TexBackend } from './texRenderer';
import type { TexReady, TexRequest, TexResponse } from './texWorker';

export function workerTexBackend(workerPath: string, log: (m: string) => void = () => undefined): TexBackend & { dispose(): void; warm(): void; ready(): boolean } {
  let worker: Worker | undefined;
  let loaded = false;
  let nextId = 1;
  const pending = new Map<number, { resolve(svg: string): void; reject(e: Error): void }>();
  const failAll = (e: Error) => { for (const p of pending.values()) p.reject(e); pending.clear(); };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(workerPath);
    const starting = Date.now();
    w.unref();
    loaded = false;
    w.on('message', (res: TexResponse | TexReady) => {
      if ('ready' in res) { if (worker === w) loaded = true; log(`TeX worker ready (MathJax loaded) in ${Date.now() - starting} ms`); return; }
      const p = pending.get(res.id);
      if (!p) return;
      pending.delete(res.id);
      if ('svg' in res) p.resolve(res.svg); else p.reject(new Error(res.error));
    });
    w.on('error', (e) => { log(`TeX worker error: ${e.message}`); if (worker === w) { worker = undefined; loaded = false; } failAll(e); });
    w.on('exit', () => { if (worker === w) { worker = undefined; loaded = false; failAll(new Error('the TeX worker stopped')); } });
    worker = w;
    return w;
  };
  const backend = (tex: string, colour: string) => new Promise<string>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const req: TexRequest = { id, tex, colour };
    ensure().postMessage(req);
  });
  return Object.assign(backend, {
    dispose: () => { failAll(new Error('stopped')); void worker?.terminate(); worker = undefined; loaded = false; },
    warm: () => { ensure(); },
    ready: () => loaded,
  });
}
