/** The TeX worker (worker_threads): MathJax runs here, off the extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import { texToSvg } from './mathjaxSvg';

export interface TexRequest { readonly id: number; readonly tex: string; readonly colour: string }
export type TexResponse = { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };

parentPort?.on('message', (req: TexRequest) => {
  let res: TexResponse;
  try {
    res = { id: req.id, svg: texToSvg(req.tex, req.colour) };
  } catch (e) {
    res = { id: req.id, error: (e as Error).message };
  }
  parentPort!.postMessage(res);
});
