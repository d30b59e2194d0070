/**
 * Keeps a FileReport for every open document in the languages to scan (`jacobianLens.languages`): analysis is
 * debounced on edits, runs in the worker, and is keyed by document version. Features ask
 * `get(document)` and subscribe to `onDidUpdate`.
 */
import * as vscode from 'vscode';
import { languageOfId } from '../core/document';
import type { FileReport } from '../core/report';
import type { Analyzer } from './analysisService';
import { debounceMs, engineConfig, scannedLanguages, SECTION } from './config';

interface Entry {
  version: number;
  report?: FileReport;
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
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        for (const d of vscode.workspace.textDocuments) {
          if (DocumentIndex.accepts(d)) this.schedule(d, 0, true);
          else if (this.entries.has(d.uri.toString())) this.forget(d.uri);
        }
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Whether the document is one the extension reads: a language it knows and `jacobianLens.languages` lists. */
  static accepts(d: vscode.TextDocument): boolean {
    return languageOfId(d.languageId) !== null && scannedLanguages().has(d.languageId) && (d.uri.scheme === 'file' || d.uri.scheme === 'untitled' || d.uri.scheme === 'vscode-remote' || d.uri.scheme === 'vscode-vfs');
  }

  /** The last report, even if the document has changed since (for cheap UI such as lenses). */
  peek(uri: vscode.Uri): FileReport | undefined {
    return this.entries.get(uri.toString())?.report;
  }

  /** The report for the document's current version. */
  async get(d: vscode.TextDocument): Promise<FileReport | undefined> {
    if (!DocumentIndex.accepts(d)) return undefined;
    const e = this.entries.get(d.uri.toString());
    if (e && e.version === d.version && e.report && !e.timer) return e.report;
    if (e && e.version === d.version && e.promise && !e.timer) return e.promise;
    return this.run(d);
  }

  private schedule(d: vscode.TextDocument, delay: number, force = false): void {
    if (!DocumentIndex.accepts(d)) return;
    const key = d.uri.toString();
    const e = this.entries.get(key) ?? { version: -1 };
    if (!force && e.version === d.version && (e.report || e.promise)) return;
    this.entries.set(key, e);
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.run(d); }, delay);
  }

  private run(d: vscode.TextDocument): Promise<FileReport | undefined> {
    const key = d.uri.toString();
    const e = this.entries.get(key) ?? { version: -1 };
    this.entries.set(key, e);
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    const version = d.version;
    e.version = version;
    const kind = languageOfId(d.languageId)!;
    const p = this.service.analyze({ text: d.getText(), kind, file: d.uri.fsPath || d.uri.toString(), config: engineConfig(d.uri) })
      .then((report) => {
        if (this.entries.get(key) === e && e.version === version) {
          e.report = report;
          e.promise = undefined;
          this.emitter.fire(d.uri);
        }
        return report;
      }, (err: Error) => {
        this.log(`analysis of ${d.uri.fsPath} failed: ${err.message}`);
        if (e.promise === p) e.promise = undefined;
        return e.report;
      });
    e.promise = p;
    return p;
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
