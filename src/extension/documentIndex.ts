/**
 * Keeps a FileReport for every open document in the languages to scan (`jacobianLens.languages`): analysis is
 * debounced on edits, runs in the worker, and is keyed by document version. Features ask
 * `get(document)` and subscribe to `onDidUpdate`.
 *
 * A notebook's markdown cells are analysed together (a parameter in one cell applies to a map
 * in a later one): one entry per notebook, keyed by its cells' versions, sent to the worker
 * as notebook JSON; a cell's report is the part of the notebook's in that cell (ranges in the
 * cell document), and an update fires for every markdown cell.
 */
import * as vscode from 'vscode';
import { languageOfId } from '../core/languages';
import type { FileReport } from '../core/report';
import type { Position } from '../core/model';
import { transformAt } from '../core/lookup';
import type { AnalysisRequest, Analyzer } from './analysisService';
import { AnalysisCancelled, AnalysisResourceLimit } from './analysisErrors';
import { debounceMs, engineConfig, scannedLanguages, SECTION } from './config';

interface Entry {
  /** The document's version; a notebook's: its cells' kinds and versions. */
  version: number | string;
  report?: FileReport;
  /** The analysis run going on or last done (counted), and the one `report` came from. */
  run?: number;
  reportRun?: number;
  promise?: Promise<FileReport | undefined>;
  timer?: NodeJS.Timeout;
}

export class DocumentIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidUpdate = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: Analyzer, private readonly log: (m: string) => void) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document, debounceMs()); }),
      vscode.workspace.onDidCloseTextDocument((d) => { if (!isCell(d)) this.forget(d.uri); }),
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.scheduleNotebook(nb, 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => { if (e.contentChanges.length || e.cellChanges.some((c) => c.document)) this.scheduleNotebook(e.notebook, debounceMs()); }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.forgetNotebook(nb)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        for (const d of vscode.workspace.textDocuments) {
          if (isCell(d)) continue;
          if (DocumentIndex.accepts(d)) this.schedule(d, 0, true);
          else if (this.entries.has(d.uri.toString())) this.forget(d.uri);
        }
        for (const nb of vscode.workspace.notebookDocuments) {
          if (markdownCells(nb).some((c) => DocumentIndex.accepts(c.document))) this.scheduleNotebook(nb, 0, true);
          else if (this.entries.has(nb.uri.toString())) this.forgetNotebook(nb);
        }
      }),
    );
    for (const d of vscode.workspace.textDocuments) if (!isCell(d)) this.schedule(d, 0);
    for (const nb of vscode.workspace.notebookDocuments) this.scheduleNotebook(nb, 0);
  }

  /** Whether the document is one the extension reads: a language it knows and `jacobianLens.languages` lists. */
  static accepts(d: vscode.TextDocument): boolean {
    return languageOfId(d.languageId) !== null && scannedLanguages().has(d.languageId) && SCHEMES.has(d.uri.scheme);
  }

  /** The last report, even if the document has changed since (for cheap UI such as lenses). */
  peek(uri: vscode.Uri): FileReport | undefined {
    const cell = uri.scheme === CELL_SCHEME ? cellOf(uri) : undefined;
    if (cell) { const r = this.entries.get(cell.notebook.uri.toString())?.report; return r && cellReport(r, cell); }
    return this.entries.get(uri.toString())?.report;
  }

  /**
   * What is known now of the document's current version: its report, or a partial one while
   * the rest is analysed (the definitions on screen come first); undefined when nothing of
   * this version (and these settings) has come yet. Never waits.
   */
  current(d: vscode.TextDocument): FileReport | undefined {
    if (!DocumentIndex.accepts(d) || isCell(d)) return undefined;
    const e = this.entries.get(d.uri.toString());
    return e && e.version === d.version && !e.timer && e.run !== undefined && e.reportRun === e.run ? e.report : undefined;
  }

  /**
   * A report with the definition at `pos` (or within `reach` lines) in it: the first of this
   * version's partial reports that has that definition (a hover or the panel need not wait for
   * the rest of the note), else the whole report.
   */
  reportAt(d: vscode.TextDocument, pos: Position, reach = 0): Promise<FileReport | undefined> {
    const having = () => { const r = this.current(d); return r && transformAt(r, pos, reach) ? r : undefined; };
    const known = having();
    if (known) return Promise.resolve(known);
    const whole = this.get(d);
    return new Promise((resolve, reject) => {
      const key = d.uri.toString();
      const sub = this.onDidUpdate((uri) => {
        const r = uri.toString() === key ? having() : undefined;
        if (r) { sub.dispose(); resolve(r); }
      });
      whole.then((r) => { sub.dispose(); resolve(r); }, (e: unknown) => { sub.dispose(); reject(e); });
    });
  }

  /** The report for the document's current version. */
  async get(d: vscode.TextDocument): Promise<FileReport | undefined> {
    if (!DocumentIndex.accepts(d)) return undefined;
    if (isCell(d)) {
      const cell = cellOf(d.uri);
      if (!cell) return undefined;
      const r = await this.getNotebook(cell.notebook);
      return r && cellReport(r, cell);
    }
    const e = this.entries.get(d.uri.toString());
    if (e && e.version === d.version && e.report && !e.timer) return e.report;
    if (e && e.version === d.version && e.promise && !e.timer) return e.promise;
    return this.run(d);
  }

  private schedule(d: vscode.TextDocument, delay: number, force = false): void {
    if (isCell(d)) { const cell = cellOf(d.uri); if (cell) this.scheduleNotebook(cell.notebook, delay, force); return; }
    if (!DocumentIndex.accepts(d)) return;
    const key = d.uri.toString();
    const e = this.entries.get(key) ?? { version: -1 };
    if (!force && e.version === d.version && (e.report || e.promise)) return;
    this.entries.set(key, e);
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.run(d); }, delay);
  }

  private run(d: vscode.TextDocument): Promise<FileReport | undefined> {
    const file = d.uri.fsPath || d.uri.toString();
    // the definitions on screen first (the active editor's, then the other editors' of the document)
    const editors = (vscode.window.visibleTextEditors ?? []).filter((ed) => ed.document === d)
      .sort((a, b) => Number(b === vscode.window.activeTextEditor) - Number(a === vscode.window.activeTextEditor));
    const visible = editors.flatMap((ed) => ed.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
    return this.analyze(d.uri.toString(), d.version, { text: d.getText(), kind: languageOfId(d.languageId)!, file, config: engineConfig(d.uri), visible }, () => this.emitter.fire(d.uri));
  }

  /** Analyse for the entry `key` at `version`; `updated` fires when that is still the entry's current version. */
  private analyze(key: string, version: number | string, request: AnalysisRequest, updated: () => void): Promise<FileReport | undefined> {
    const e = this.entries.get(key) ?? { version: -1 };
    this.entries.set(key, e);
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    e.version = version;
    const run = e.run = (e.run ?? 0) + 1;
    const current = () => this.entries.get(key) === e && e.version === version && e.run === run;
    // partial reports (a long note filling in) are shown as they come; a newer version cancels this one
    const onPartial = (report: FileReport) => { if (current()) { e.report = report; e.reportRun = run; updated(); } };
    const p = this.service.analyze({ ...request, key, onPartial })
      .then((report) => {
        if (current()) {
          e.report = report;
          e.reportRun = run;
          e.promise = undefined;
          updated();
        }
        return report;
      }, (err: Error) => {
        if (err instanceof AnalysisCancelled) return e.report;
        this.log(`analysis of ${request.file} failed: ${err.message}`);
        if (e.promise === p) e.promise = undefined;
        if (err instanceof AnalysisResourceLimit && current()) {
          // said at the top of the document, the definitions already known kept
          e.report = { file: request.file, transforms: e.report?.transforms ?? [], diagnostics: [{ message: err.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'limit' }] };
          e.reportRun = run;
          updated();
        }
        return e.report;
      });
    e.promise = p;
    return p;
  }

  // ---------------------------------------------------------------------------------------
  // Notebooks: one entry per notebook, reports per cell

  private async getNotebook(nb: vscode.NotebookDocument): Promise<FileReport | undefined> {
    const e = this.entries.get(nb.uri.toString());
    const version = notebookVersion(nb);
    if (e && e.version === version && !e.timer && (e.report || e.promise)) return e.report ?? e.promise;
    return this.runNotebook(nb);
  }

  private scheduleNotebook(nb: vscode.NotebookDocument, delay: number, force = false): void {
    if (!markdownCells(nb).some((c) => DocumentIndex.accepts(c.document))) return;
    const key = nb.uri.toString();
    const e = this.entries.get(key) ?? { version: -1 };
    if (!force && e.version === notebookVersion(nb) && (e.report || e.promise)) return;
    this.entries.set(key, e);
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.runNotebook(nb); }, delay);
  }

  private runNotebook(nb: vscode.NotebookDocument): Promise<FileReport | undefined> {
    const key = nb.uri.toString();
    const text = JSON.stringify({ cells: nb.getCells().map((c) => (c.kind === vscode.NotebookCellKind.Markup && DocumentIndex.accepts(c.document)
      ? { cell_type: 'markdown', source: c.document.getText() } : { cell_type: 'code', source: '' })) });
    return this.analyze(key, notebookVersion(nb), { text, kind: 'notebook', file: nb.uri.fsPath || key, config: engineConfig(nb.uri) },
      () => { for (const c of markdownCells(nb)) this.emitter.fire(c.document.uri); });
  }

  private forgetNotebook(nb: vscode.NotebookDocument): void {
    const e = this.entries.get(nb.uri.toString());
    if (e?.timer) clearTimeout(e.timer);
    this.entries.delete(nb.uri.toString());
    for (const c of markdownCells(nb)) this.emitter.fire(c.document.uri);
  }

  private forget(uri: vscode.Uri): void {
    const e = this.entries.get(uri.toString());
    if (e?.timer) clearTimeout(e.timer);
    this.entries.delete(uri.toString());
    this.emitter.fire(uri);
  }

  dispose(): void {
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** Where the documents the extension reads live (notebook cells included). */
const CELL_SCHEME = 'vscode-notebook-cell';
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', CELL_SCHEME]);

const isCell = (d: vscode.TextDocument): boolean => d.uri.scheme === CELL_SCHEME;

const markdownCells = (nb: vscode.NotebookDocument): vscode.NotebookCell[] => nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Markup);

/** The notebook cell whose document has this uri. */
function cellOf(uri: vscode.Uri): vscode.NotebookCell | undefined {
  const key = uri.toString();
  for (const nb of vscode.workspace.notebookDocuments) {
    if (nb.uri.path !== uri.path) continue;
    const cell = nb.getCells().find((c) => c.document.uri.toString() === key);
    if (cell) return cell;
  }
  return undefined;
}

/** A notebook's version for the analysis: its cells' kinds and document versions. */
const notebookVersion = (nb: vscode.NotebookDocument): string => nb.getCells().map((c) => `${c.kind}:${c.document.version}`).join(',');

/** The part of a notebook's report in one cell (its ranges are already the cell's). */
function cellReport(r: FileReport, cell: vscode.NotebookCell): FileReport {
  return { file: r.file, transforms: r.transforms.filter((t) => t.cell === cell.index), diagnostics: r.diagnostics.filter((d) => d.cell === cell.index) };
}
