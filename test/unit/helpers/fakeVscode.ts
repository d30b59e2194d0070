/**
 * A small in-memory stand-in for the parts of the `vscode` API that the command glue uses,
 * so that commands run in plain Node: it records messages, pickers, revealed documents and
 * diagnostics, and answers with scripted choices. Install it before the module under test
 * is loaded (`require` after `installFakeVscode()`).
 */
import Module = require('node:module');

export class Position { constructor(readonly line: number, readonly character: number) {} }
export class Range {
  readonly start: Position; readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) { this.start = new Position(sl, sc); this.end = new Position(el, ec); }
}
export class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static parse(s: string): Uri { const m = /^(\w+):\/\/(.*)$/.exec(s); return new Uri(m ? m[1] : 'file', m ? m[2] : s); }
  static file(p: string): Uri { return new Uri('file', p); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}`; }
}
export class Location { constructor(readonly uri: Uri, readonly range: Range) {} }
export class DiagnosticRelatedInformation { constructor(readonly location: Location, readonly message: string) {} }
export class Diagnostic {
  source?: string; code?: string | number; relatedInformation?: DiagnosticRelatedInformation[];
  constructor(readonly range: Range, readonly message: string, readonly severity: number) {}
}
export class Disposable {
  constructor(private readonly f: () => void = () => undefined) {}
  static from(...ds: Array<{ dispose(): unknown }>): Disposable { return new Disposable(() => ds.forEach((d) => d.dispose())); }
  dispose(): void { this.f(); }
}

export interface FakeDocument { uri: Uri; languageId: string; version: number; getText(): string }
export const document = (path: string, text: string, languageId = 'markdown'): FakeDocument => ({ uri: Uri.file(path), languageId, version: 1, getText: () => text });

export interface Shown { kind: 'info' | 'warning' | 'error'; message: string; actions: string[] }

/** The fake API and what happened to it. */
export class FakeVscode {
  readonly shown: Shown[] = [];
  readonly picks: Array<{ items: Array<{ label: string }>; placeHolder?: string }> = [];
  readonly revealed: Array<{ uri: string; selection?: Range }> = [];
  readonly progress: string[] = [];
  readonly commands = new Map<string, () => Promise<void>>();
  readonly collections = new Map<string, Map<string, Diagnostic[]>>();
  /** Scripted answers: the action to choose in the next message, the item to pick. */
  answer: (s: Shown) => string | undefined = () => undefined;
  pick: (labels: string[]) => number | undefined = () => undefined;
  /** Cancel a progress task after this many `report` calls. */
  cancelAfter = Infinity;
  activeTextEditor: { document: FakeDocument; selection: { active: Position } } | undefined;
  textDocuments: FakeDocument[] = [];
  files = new Map<string, string>();

  readonly api = {
    Position, Range, Uri, Location, Diagnostic, DiagnosticRelatedInformation, Disposable,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    commands: {
      registerCommand: (id: string, f: () => Promise<void>) => { this.commands.set(id, f); return new Disposable(() => this.commands.delete(id)); },
    },
    languages: {
      createDiagnosticCollection: (name: string) => {
        const m = new Map<string, Diagnostic[]>();
        this.collections.set(name, m);
        return { set: (u: Uri, d: Diagnostic[]) => m.set(u.toString(), d), delete: (u: Uri) => m.delete(u.toString()), dispose: () => m.clear() };
      },
    },
    window: {
      get activeTextEditor() { return self().activeTextEditor; },
      showInformationMessage: (message: string, ...actions: string[]) => this.show('info', message, actions),
      showWarningMessage: (message: string, ...actions: string[]) => this.show('warning', message, actions),
      showErrorMessage: (message: string, ...actions: string[]) => this.show('error', message, actions),
      showQuickPick: async (items: Array<{ label: string }>, opts?: { placeHolder?: string }) => {
        this.picks.push({ items, placeHolder: opts?.placeHolder });
        const k = this.pick(items.map((i) => i.label));
        return k === undefined ? undefined : items[k];
      },
      withProgress: async <T>(_opts: unknown, task: (p: { report(v: { message?: string }): void }, token: { isCancellationRequested: boolean }) => Promise<T>) => {
        const token = { isCancellationRequested: false };
        let reports = 0;
        return task({ report: (v) => { this.progress.push(v.message ?? ''); if (++reports >= this.cancelAfter) token.isCancellationRequested = true; } }, token);
      },
      showTextDocument: async (doc: FakeDocument, opts?: { selection?: Range }) => { this.revealed.push({ uri: doc.uri.toString(), selection: opts?.selection }); },
    },
    workspace: {
      asRelativePath: (u: Uri) => u.path.split('/').pop(),
      get textDocuments() { return self().textDocuments; },
      findFiles: async () => [...this.files.keys()].map((p) => Uri.file(p)),
      openTextDocument: async (u: Uri) => this.textDocuments.find((d) => d.uri.toString() === u.toString()) ?? document(u.path, this.files.get(u.path) ?? ''),
      getConfiguration: () => ({ get: <T>(_k: string, d?: T) => d }),
      fs: {
        stat: async (u: Uri) => ({ size: (this.files.get(u.path) ?? '').length }),
        readFile: async (u: Uri) => new TextEncoder().encode(this.files.get(u.path) ?? ''),
      },
    },
  };

  /** Forget what happened and the scripted answers (the registered commands stay). */
  reset(): void {
    this.shown.length = 0; this.picks.length = 0; this.revealed.length = 0; this.progress.length = 0;
    this.answer = () => undefined; this.pick = () => undefined; this.cancelAfter = Infinity;
    this.activeTextEditor = undefined; this.textDocuments = []; this.files = new Map();
    for (const c of this.collections.values()) c.clear();
  }

  private async show(kind: Shown['kind'], message: string, actions: string[]): Promise<string | undefined> {
    const s = { kind, message, actions };
    this.shown.push(s);
    return this.answer(s);
  }

  diagnostics(uri: Uri, collection = 'jacobianLens.invertibility'): Diagnostic[] {
    return this.collections.get(collection)?.get(uri.toString()) ?? [];
  }
}

let current: FakeVscode | undefined;
const self = (): FakeVscode => current!;

/**
 * Route `require('vscode')` to the fake. Modules keep the API object they loaded, so there is
 * one fake for the process; `reset()` it between tests.
 */
export function installFakeVscode(): FakeVscode {
  if (current) return current;
  current = new FakeVscode();
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? current!.api : original.call(this, request, ...rest);
  };
  return current;
}
