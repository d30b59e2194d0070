/** The document index and the worker, in process: for extension code tested with the fake VS Code API. */
import { analyzeDocument, languageOfId } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport } from '../../../src/core/report';
import type { FakeDocument, Uri } from './fakeVscode';

export class FakeIndex {
  readonly reports = new Map<string, FileReport>();
  private readonly listeners: Array<(u: Uri) => void> = [];
  private readonly engine = createEngineOptions();
  async get(d: FakeDocument): Promise<FileReport> {
    const r = analyzeDocument(d.getText(), languageOfId(d.languageId)!, d.uri.fsPath, this.engine);
    this.reports.set(d.uri.toString(), r);
    return r;
  }
  reportAt(d: FakeDocument): Promise<FileReport> { return this.get(d); }
  peek(u: Uri): FileReport | undefined { return this.reports.get(u.toString()); }
  onDidUpdate = (l: (u: Uri) => void) => { this.listeners.push(l); return { dispose: () => undefined }; };
  /** Analyse the document and tell the listeners, as after an edit. */
  async update(d: FakeDocument): Promise<void> {
    await this.get(d);
    this.listeners.forEach((l) => l(d.uri));
  }
  async edit(d: FakeDocument, text: string): Promise<void> {
    d.getText = () => text;
    d.version++;
    await this.update(d);
  }
}
