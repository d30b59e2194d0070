/**
 * The analysis worker (worker_threads): symbolic work runs here, off the extension host's
 * main thread. One request at a time; reports are cached per transform. A request of the
 * Markdown preview also gets its block's HTML (KaTeX, the grid SVG). The definitions on
 * screen are analysed first and partial reports posted as the rest fill in; a request whose
 * cancel flag the host sets (a newer request for the same document) stops between two
 * definitions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocument, type DocumentAnalysis, type LanguageKind } from '../core/document';
import { analyzeProgressively, type LineRange } from '../core/progressive';
import { parsePlainExpr } from '../core/parse/plainExpr';
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
  /** The editor's visible line ranges: those definitions first. */
  readonly visible?: readonly LineRange[];
  /** Post partial reports while the rest is analysed. */
  readonly partial?: boolean;
  /** Int32Array over shared memory: the host stores 1 to cancel. */
  readonly cancel?: Int32Array;
}

/** `ms`: the time the worker spent on the request. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly report: DocumentAnalysis; readonly drawn?: string; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly ms: number }
  /** The request was cancelled after `analysed` definitions. */
  | { readonly id: number; readonly ok: false; readonly cancelled: true; readonly analysed: number; readonly total: number; readonly ms: number }
  /** The worker took the request up (so that a crash is charged to it, not to the ones waiting). */
  | { readonly id: number; readonly started: true }
  | { readonly id: number; readonly partial: true; readonly report: DocumentAnalysis; readonly remaining: number };

const cache = new ReportCache(512);

/** The worker's first message: its thread and code loaded `codeMs` after `new Worker` (the host's `startedAt`), mathjs's parser built in `parserMs`. */
export interface WorkerLoaded { readonly loaded: true; readonly codeMs?: number; readonly parserMs: number }

const codeMs = typeof (workerData as { startedAt?: unknown } | undefined)?.startedAt === 'number' ? Date.now() - (workerData as { startedAt: number }).startedAt : undefined;

// mathjs's parser is built on first use (a few hundred ms cold, most of a first ```transform
// block's time): built now, before or while the first request comes, not after it
setImmediate(() => {
  const t = Date.now();
  try { parsePlainExpr('x'); } catch { /* built on the first request instead */ }
  parentPort?.postMessage({ loaded: true, ...(codeMs === undefined ? {} : { codeMs }), parserMs: Date.now() - t } satisfies WorkerLoaded);
});

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  const post = (m: WorkerResponse) => parentPort!.postMessage(m);
  const cancelled = () => !!req.cancel && Atomics.load(req.cancel, 0) !== 0;
  const started = Date.now();
  try {
    if (cancelled()) { post({ id: req.id, ok: false, cancelled: true, analysed: 0, total: 0, ms: 0 }); return; }
    post({ id: req.id, started: true });
    // relative imports of code are read inside the document's workspace folder (else its own folder)
    const readFile = path.isAbsolute(req.file) ? workspaceFileReader(req.config.workspaceRoot ?? path.dirname(req.file)) : undefined;
    const opts = { ...createEngineOptions(req.config), readFile };
    const parsed = parseDocument(req.text, req.kind, { ...opts, fileName: req.file });
    const done = analyzeProgressively(parsed, req.file, opts, cache, {
      visible: req.visible, cancelled,
      ...(req.partial ? { partial: (report: DocumentAnalysis, remaining: number) => post({ id: req.id, partial: true, report, remaining }) } : {}),
    });
    if ('cancelled' in done) { post({ id: req.id, ok: false, cancelled: true, analysed: done.analysed, total: parsed.transforms.length, ms: Date.now() - started }); return; }
    const report = done.report;
    // the Markdown preview's block: typeset and drawn here too, so that the extension host only shows it
    const drawn = req.previewLines === undefined ? undefined : mapsHtml(report.transforms, { lines: req.previewLines });
    res = { id: req.id, ok: true, report, ...(drawn === undefined ? {} : { drawn }), ms: Date.now() - started };
  } catch (e) {
    res = { id: req.id, ok: false, error: (e as Error).stack ?? String(e), ms: Date.now() - started };
  }
  post(res);
});
