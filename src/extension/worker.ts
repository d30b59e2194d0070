/**
 * The analysis worker (worker_threads): symbolic work runs here, off the extension host's
 * main thread. One request at a time; reports are cached per transform. A request of the
 * Markdown preview also gets its block's HTML (KaTeX, the grid SVG).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeDocument, LanguageKind } from '../core/document';
import { createEngineOptions, EngineConfig } from '../core/engine';
import { ReportCache } from '../core/cache';
import { mapsHtml } from './markdown/previewPlugin';
import { workspaceFileReader } from '../node/workspaceFiles';
import * as path from 'node:path';

export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
  readonly kind: LanguageKind;
  readonly file: string;
  readonly config: EngineConfig;
  readonly previewLines?: number;
}

/** `ms`: the time the worker spent on the request. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly report: ReturnType<typeof analyzeDocument>; readonly drawn?: string; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly ms: number };

const cache = new ReportCache(512);

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  const started = Date.now();
  try {
    // relative imports of code are read inside the document's workspace folder (else its own folder)
    const readFile = path.isAbsolute(req.file) ? workspaceFileReader(req.config.workspaceRoot ?? path.dirname(req.file)) : undefined;
    const report = analyzeDocument(req.text, req.kind, req.file, { ...createEngineOptions(req.config), readFile }, cache);
    // the Markdown preview's block: typeset and drawn here too, so that the extension host only shows it
    const drawn = req.previewLines === undefined ? undefined : mapsHtml(report.transforms, { lines: req.previewLines });
    res = { id: req.id, ok: true, report, ...(drawn === undefined ? {} : { drawn }), ms: Date.now() - started };
  } catch (e) {
    res = { id: req.id, ok: false, error: (e as Error).stack ?? String(e), ms: Date.now() - started };
  }
  parentPort!.postMessage(res);
});
