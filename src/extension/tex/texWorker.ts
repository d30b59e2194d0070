/** The TeX worker (worker_threads): MathJax runs here, off the extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import { texToSvg } from './mathjaxSvg';

export interface TexRequest { readonly id: number; readonly tex: string; readonly colour: string }
export type TexResponse = { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };
/** The worker's first message: MathJax is loaded. */
export interface TexReady { readonly ready: true }

parentPort?.on('message', (req: TexRequest) => {
  let res: TexResponse;
  try {
    res = { id: req.id, svg: texToSvg(req.tex, req.colour) };
  } catch (e) {
    res = { id: req.id, error: (e as Error).message };
  }
  parentPort!.postMessage(res);
});

// MathJax's first conversion sets up its fonts and tables: done now, so that the first hover's is quick
try { texToSvg('J', '#000000'); } catch { /* a real request says what fails */ }
parentPort?.postMessage({ ready: true } satisfies TexReady);
