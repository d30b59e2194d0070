/**
 * The panel's worker: computes pictures off the page's main thread. Started from a blob of
 * this script (see computeClient.ts); it inherits the page's CSP, and needs no eval.
 */
import { ComputeRequest, Computer, transferables } from './lib/compute';

const computer = new Computer();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ComputeRequest>) => void) | null; postMessage(m: unknown, t: Transferable[]): void };
scope.onmessage = (e) => {
  const r = computer.run(e.data);
  scope.postMessage(r, transferables(r));
};
