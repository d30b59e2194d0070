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
  private constructor(readonly scheme: string, readonly path: string, readonly fragment = '') {}
  static parse(s: string): Uri { const m = /^([\w-]+):\/\/([^#]*)(?:#(.*))?$/.exec(s); return new Uri(m ? m[1] : 'file', m ? m[2] : s, m?.[3] ?? ''); }
  static file(p: string): Uri { return new Uri('file', p); }
  static from(c: { scheme: string; path: string; fragment?: string }): Uri { return new Uri(c.scheme, c.path, c.fragment); }
  static joinPath(u: Uri, ...parts: string[]): Uri { return new Uri(u.scheme, [u.path, ...parts].join('/')); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}${this.fragment ? `#${this.fragment}` : ''}`; }
}
export class Selection extends Range {
  constructor(readonly anchor: Position, readonly active: Position) { super(anchor.line, anchor.character, active.line, active.character); }
}
/** Insertions only, as the extension makes them. */
export class WorkspaceEdit {
  readonly inserts: Array<{ uri: Uri; at: Position; text: string }> = [];
  insert(uri: Uri, at: Position, text: string): void { this.inserts.push({ uri, at, text }); }
}
export class CodeAction {
  command?: { command: string; title: string; arguments?: unknown[] };
  edit?: WorkspaceEdit;
  constructor(readonly title: string, readonly kind?: string) {}
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

export class MarkdownString {
  isTrusted?: boolean | { enabledCommands: readonly string[] };
  constructor(public value = '', readonly supportThemeIcons = false) {}
}
export class Hover { constructor(readonly contents: MarkdownString, readonly range?: Range) {} }
export class CodeLens { constructor(readonly range: Range, readonly command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] }) {} }
export class EventEmitter<T> {
  private readonly listeners: Array<(e: T) => void> = [];
  readonly event = (l: (e: T) => void) => { this.listeners.push(l); return new Disposable(() => this.listeners.splice(this.listeners.indexOf(l), 1)); };
  fire(e: T): void { this.listeners.slice().forEach((l) => l(e)); }
  dispose(): void { this.listeners.length = 0; }
}

export interface FakeDocument {
  uri: Uri; languageId: string; version: number; getText(): string;
  readonly lineCount: number;
  lineAt(line: number): { text: string; range: Range };
  offsetAt(p: Position): number;
  positionAt(offset: number): Position;
}
export const document = (path: string, text: string, languageId = 'markdown'): FakeDocument => {
  const d: FakeDocument = {
    uri: Uri.file(path), languageId, version: 1, getText: () => text,
    get lineCount() { return d.getText().split('\n').length; },
    lineAt: (line: number) => { const t = d.getText().split('\n')[line] ?? ''; return { text: t, range: new Range(line, 0, line, t.length) }; },
    offsetAt: (p: Position) => d.getText().split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character,
    positionAt: (offset: number) => {
      const before = d.getText().slice(0, offset).split('\n');
      return new Position(before.length - 1, before[before.length - 1].length);
    },
  };
  return d;
};

/** A notebook (NotebookCellKind: Markup = 1, Code = 2); its cells' documents have the notebook's path and a fragment per cell. */
export interface FakeNotebook {
  uri: Uri;
  getCells(): Array<{ index: number; kind: number; document: FakeDocument; notebook: FakeNotebook }>;
}

/** A status bar item that records what it shows. */
export class StatusBarItem {
  text = ''; tooltip: string | undefined; command: string | undefined; name: string | undefined; visible = false;
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  dispose(): void { this.visible = false; }
}

export interface Shown { kind: 'info' | 'warning' | 'error'; message: string; actions: string[] }

export interface FakeEditor {
  document: FakeDocument;
  selection: { active: Position };
  edit?(f: (b: { insert(at: Position, text: string): void }) => void): Promise<boolean>;
}

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
  activeTextEditor: FakeEditor | undefined;
  textDocuments: FakeDocument[] = [];
  notebookDocuments: FakeNotebook[] = [];
  readonly notebookOpened = new EventEmitter<FakeNotebook>();
  files = new Map<string, string>();
  /** Settings by full key (`jacobianLens.hover.mode`); unset keys answer their default. */
  settings = new Map<string, unknown>();
  readonly hoverProviders: Array<{ provideHover(d: FakeDocument, p: Position, t: { isCancellationRequested: boolean }): Promise<Hover | undefined> }> = [];
  readonly codeActionProviders: Array<{ provideCodeActions(d: FakeDocument, r: Range): Promise<CodeAction[]> }> = [];
  /** The selection last set on an editor shown by showTextDocument. */
  lastSelection: Selection | undefined;
  readonly codeLensProviders: Array<{ provideCodeLenses(d: FakeDocument, t: { isCancellationRequested: boolean }): Promise<CodeLens[]> }> = [];
  readonly statusBarItems: StatusBarItem[] = [];
  clipboard = '';
  /** Lines written to output channels. */
  readonly log: string[] = [];
  /** Edits made through editor.edit: the position and the inserted text. */
  readonly inserts: Array<{ uri: string; at: Position; text: string }> = [];
  themeKind = 1;
  readonly selectionListeners = new EventEmitter<unknown>();
  readonly configListeners = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
  /** Change a setting and tell the listeners, as VS Code does. */
  set(key: string, value: unknown): void {
    if (value === undefined) this.settings.delete(key); else this.settings.set(key, value);
    this.configListeners.fire({ affectsConfiguration: (s: string) => key === s || key.startsWith(`${s}.`) });
  }

  readonly api = {
    Position, Range, Selection, WorkspaceEdit, CodeAction, CodeActionKind: { QuickFix: 'quickfix' }, Uri, Location, Diagnostic, DiagnosticRelatedInformation, Disposable, MarkdownString, Hover, CodeLens, EventEmitter,
    StatusBarAlignment: { Left: 1, Right: 2 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    env: { clipboard: { writeText: async (t: string) => { this.clipboard = t; }, readText: async () => this.clipboard } },
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
      registerHoverProvider: (_sel: unknown, p: FakeVscode['hoverProviders'][number]) => { this.hoverProviders.push(p); return new Disposable(() => this.hoverProviders.splice(this.hoverProviders.indexOf(p), 1)); },
      registerCodeActionsProvider: (_sel: unknown, p: FakeVscode['codeActionProviders'][number]) => { this.codeActionProviders.push(p); return new Disposable(() => this.codeActionProviders.splice(this.codeActionProviders.indexOf(p), 1)); },
      registerCodeLensProvider: (_sel: unknown, p: FakeVscode['codeLensProviders'][number]) => { this.codeLensProviders.push(p); return new Disposable(() => this.codeLensProviders.splice(this.codeLensProviders.indexOf(p), 1)); },
    },
    window: {
      get activeTextEditor() { return self().activeTextEditor; },
      get activeColorTheme() { return { kind: self().themeKind }; },
      createOutputChannel: (name: string) => ({ name, info: (m: string) => this.log.push(m), show: () => undefined, dispose: () => undefined }),
      registerWebviewPanelSerializer: () => new Disposable(),
      createStatusBarItem: () => { const i = new StatusBarItem(); this.statusBarItems.push(i); return i; },
      setStatusBarMessage: () => new Disposable(),
      onDidChangeTextEditorSelection: (l: (e: unknown) => void) => this.selectionListeners.event(l),
      onDidChangeActiveTextEditor: (l: (e: unknown) => void) => this.selectionListeners.event(l),
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
      showTextDocument: async (doc: FakeDocument, opts?: { selection?: Range }) => {
        this.revealed.push({ uri: doc.uri.toString(), selection: opts?.selection });
        const fake = this;
        return {
          document: doc,
          get selection() { return fake.lastSelection; },
          set selection(s: Selection | undefined) { fake.lastSelection = s; },
          revealRange: () => undefined,
        };
      },
    },
    workspace: {
      asRelativePath: (u: Uri) => u.path.split('/').pop(),
      // no workspace folders: documents read their own folder's imports
      getWorkspaceFolder: () => undefined,
      get textDocuments() { return self().textDocuments; },
      get notebookDocuments() { return self().notebookDocuments; },
      onDidOpenNotebookDocument: (l: (nb: FakeNotebook) => void) => this.notebookOpened.event(l),
      onDidChangeNotebookDocument: () => new Disposable(),
      onDidCloseNotebookDocument: () => new Disposable(),
      onDidChangeConfiguration: (l: (e: { affectsConfiguration(s: string): boolean }) => void) => this.configListeners.event(l),
      onDidOpenTextDocument: () => new Disposable(),
      onDidChangeTextDocument: () => new Disposable(),
      onDidCloseTextDocument: () => new Disposable(),
      applyEdit: async (e: WorkspaceEdit) => {
        for (const x of e.inserts) {
          const d = this.textDocuments.find((t) => t.uri.toString() === x.uri.toString());
          if (!d) return false;
          this.insertText(d, x.at, x.text);
        }
        return true;
      },
      findFiles: async () => [...this.files.keys()].map((p) => Uri.file(p)),
      openTextDocument: async (u: Uri) => this.textDocuments.find((d) => d.uri.toString() === u.toString()) ?? document(u.path, this.files.get(u.path) ?? ''),
      getConfiguration: (section?: string) => ({ get: <T>(k: string, d?: T) => { const key = section ? `${section}.${k}` : k; return this.settings.has(key) ? this.settings.get(key) as T : d; } }),
      fs: {
        stat: async (u: Uri) => ({ size: (this.files.get(u.path) ?? '').length }),
        readFile: async (u: Uri) => new TextEncoder().encode(this.files.get(u.path) ?? ''),
      },
    },
  };

  /**
   * Open a document in the active editor with the cursor at (line, character); its `edit`
   * applies insertions to the document's text (new version) and records them.
   */
  openEditor(path: string, text: string, line = 0, languageId = 'markdown', character = 0): FakeDocument {
    const d = document(path, text, languageId);
    this.textDocuments.push(d);
    this.activeTextEditor = {
      document: d, selection: { active: new Position(line, character) },
      edit: async (f) => {
        const edits: Array<{ at: Position; text: string }> = [];
        f({ insert: (at, t) => edits.push({ at, text: t }) });
        for (const e of edits) this.insertText(d, e.at, e.text);
        return true;
      },
    };
    return d;
  }

  /** Insert text into a document (a new version) and record it. */
  insertText(d: FakeDocument, at: Position, text: string): void {
    const old = d.getText();
    const offset = d.offsetAt(at);
    const next = old.slice(0, offset) + text + old.slice(offset);
    d.getText = () => next;
    d.version++;
    this.inserts.push({ uri: d.uri.toString(), at, text });
  }

  /** Open a notebook (cells as [kind, source]): its cell documents, then onDidOpenNotebookDocument. */
  openNotebook(path: string, cells: Array<['markdown' | 'code', string]>): FakeNotebook {
    const nb: FakeNotebook = { uri: Uri.file(path), getCells: () => list };
    const list = cells.map(([kind, text], index) => {
      const d = document(path, text, kind === 'markdown' ? 'markdown' : 'python');
      d.uri = Uri.from({ scheme: 'vscode-notebook-cell', path, fragment: `W${index}sZmlsZQ==` });
      this.textDocuments.push(d);
      return { index, kind: kind === 'markdown' ? 1 : 2, document: d, notebook: nb };
    });
    this.notebookDocuments.push(nb);
    this.notebookOpened.fire(nb);
    return nb;
  }

  /** Forget what happened and the scripted answers (the registered commands stay). */
  reset(): void {
    this.clipboard = ''; this.inserts.length = 0; this.lastSelection = undefined; this.themeKind = 1;
    this.shown.length = 0; this.picks.length = 0; this.revealed.length = 0; this.progress.length = 0;
    this.answer = () => undefined; this.pick = () => undefined; this.cancelAfter = Infinity;
    this.activeTextEditor = undefined; this.textDocuments = []; this.notebookDocuments = []; this.files = new Map(); this.settings = new Map();
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
