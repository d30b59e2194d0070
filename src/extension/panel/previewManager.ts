/**
 * The preview panel: one webview beside the editor that follows the transform under the
 * cursor and redraws as the user types. It is also the WebviewPanelSerializer, so the panel
 * comes back after a window reload.
 */
import { DOMAIN_COMMAND } from '../views/texts';
import * as vscode from 'vscode';
import { transformAt } from '../../core/lookup';
import type { ExportData, HostToPanel, PanelSubject } from '../../protocol/messages';
import { isPanelToHost } from '../../protocol/messages';
import { panelHtml } from './html';
import { fromVsPosition, toVsRange } from '../adapters';
import { DocumentIndex } from '../documentIndex';
import { gridDensity, SECTION } from '../config';
import { clockTime, type Milestones } from '../milestones';

export const PREVIEW_VIEW_TYPE = 'jacobianLens.preview';

interface PanelState { readonly uri: string; readonly line: number; readonly character: number }

export class PreviewManager implements vscode.WebviewPanelSerializer<PanelState>, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private subject: { uri: vscode.Uri; pos: vscode.Position } | undefined;
  private current: PanelSubject | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private selectionTimer: NodeJS.Timeout | undefined;
  private pendingMarks: HostToPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly index: DocumentIndex, private readonly log: (m: string) => void, private readonly firsts?: Milestones) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      index.onDidUpdate((uri) => { if (this.subject && uri.toString() === this.subject.uri.toString()) void this.update(); }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.followCursor(e); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(`${SECTION}.gridDensity`)) void this.update(); }),
    );
  }

  /** The transform that the panel shows now (for tests and commands). */
  get shown(): PanelSubject | undefined { return this.current; }
  get isOpen(): boolean { return this.panel !== undefined; }

  /** Open (or reveal) the panel on the transform at `pos` in `uri`, or at the active editor's cursor. */
  async show(uri?: vscode.Uri, pos?: vscode.Position): Promise<void> {
    this.firsts?.mark('preview command');
    const editor = vscode.window.activeTextEditor;
    if (uri && pos) this.subject = { uri, pos };
    else if (editor && DocumentIndex.accepts(editor.document)) this.subject = { uri: editor.document.uri, pos: editor.selection.active };
    if (!this.panel) {
      // a report the index already has goes into the page itself, drawn as the page loads (no
      // round trip after the page says it is ready); else it is posted when it comes
      const known = await Promise.race([this.view(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 0))]);
      if (!this.panel) {
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, known?.title ?? 'Jacobian Lens', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
        this.attach(panel, known?.message);
        if (known) { this.firsts?.mark('panel made with its report'); return; }
      }
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.update();
  }

  /** Show marked points (e.g. a witness pair) on the panel's picture. */
  async mark(uri: vscode.Uri, pos: vscode.Position, points: ReadonlyArray<{ at: number[]; label: string }>): Promise<void> {
    await this.show(uri, pos);
    this.pendingMarks = { type: 'mark', points };
    void this.post(this.pendingMarks);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    if (state && typeof state.uri === 'string' && state.uri && Number.isInteger(state.line) && Number.isInteger(state.character)) this.subject = { uri: vscode.Uri.parse(state.uri), pos: new vscode.Position(state.line, state.character) };
    await this.update();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private attach(panel: vscode.WebviewPanel, initial?: HostToPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = this.html(panel.webview, initial);
    const subs = [
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isPanelToHost(m)) return;
        if (m.type === 'ready') { this.firsts?.mark('panel page ready'); void this.update(); if (this.pendingMarks) void this.post(this.pendingMarks); }
        else if (m.type === 'reveal') void this.revealDefinition();
        else if (m.type === 'addDomain' && this.current) {
          const at = this.current.report.nameRange.start;
          void vscode.commands.executeCommand(DOMAIN_COMMAND, this.current.uri, at.line, at.character);
        }
        else if (m.type === 'log') this.log(`[panel, ${clockTime(Date.now())}] ${m.message}`);
        else if (m.type === 'export') void this.saveExport(m);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.current = undefined;
        this.pendingMarks = undefined;
        vscode.Disposable.from(...subs).dispose();
      }),
    ];
  }

  private followCursor(editor: vscode.TextEditor): void {
    if (!this.panel || !DocumentIndex.accepts(editor.document)) return;
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(async () => {
      const report = await this.index.get(editor.document);
      const t = transformAt(report, fromVsPosition(editor.selection.active));
      // Follow only onto a transform; elsewhere the panel keeps what it shows.
      if (!t) return;
      const changed = !this.current || this.current.uri !== editor.document.uri.toString() || this.current.report.range.start.line !== t.range.start.line;
      this.subject = { uri: editor.document.uri, pos: editor.selection.active };
      if (changed) { this.pendingMarks = undefined; await this.update(); }
    }, 120);
  }

  private async update(): Promise<void> {
    if (!this.panel) return;
    const { message, title } = await this.view();
    if (!this.panel) return;
    this.panel.title = title;
    if (message.type === 'update') this.firsts?.mark('panel report posted');
    await this.post(message);
  }

  /** What the panel shows for its subject now, and its title; sets `current`. */
  private async view(): Promise<{ message: HostToPanel; title: string }> {
    const title = 'Jacobian Lens';
    if (!this.subject) {
      return { title, message: { type: 'empty', reason: 'Put the cursor on a transform in a Markdown note or a TypeScript file, then run "Jacobian Lens: Preview Transform".' } };
    }
    let doc: vscode.TextDocument;
    try {
      const key = this.subject.uri.toString();
      doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key) ?? await vscode.workspace.openTextDocument(this.subject.uri);
    } catch (e) {
      return { title, message: { type: 'error', message: `Cannot open ${this.subject.uri.fsPath}: ${(e as Error).message}` } };
    }
    const report = await this.index.reportAt(doc, fromVsPosition(this.subject.pos), 3);
    const t = transformAt(report, fromVsPosition(this.subject.pos), 3) ?? (report?.transforms.length === 1 ? report.transforms[0] : undefined);
    if (!t) {
      // nothing shown any more: the title says so, and coming back to the last transform redraws it
      this.current = undefined;
      const errors = report?.diagnostics.filter((d) => d.severity === 'error') ?? [];
      if (errors.length) return { title, message: { type: 'error', message: errors[0].message, where: `${vscode.workspace.asRelativePath(doc.uri)}:${errors[0].range.start.line + 1}` } };
      return { title, message: { type: 'empty', reason: report?.transforms.length ? 'Move the cursor onto one of the transforms in this file to preview it.' : `No transform in ${vscode.workspace.asRelativePath(doc.uri)}. Define one in a \`\`\`transform block, in LaTeX math, or as a TypeScript function.` } };
    }
    this.current = { uri: doc.uri.toString(), fileName: vscode.workspace.asRelativePath(doc.uri), report: t, defaults: { lines: gridDensity() } };
    return { title: `Jacobian Lens: ${t.name}`, message: { type: 'update', subject: this.current } };
  }

  private async revealDefinition(): Promise<void> {
    if (!this.current) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.current.uri));
    const range = toVsRange(this.current.report.nameRange);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
  }

  private post(m: HostToPanel): Thenable<boolean> {
    return this.panel ? this.panel.webview.postMessage(m) : Promise.resolve(false);
  }

  private html(webview: vscode.Webview, initial?: HostToPanel): string {
    const asset = (p: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', p)).toString();
    return panelHtml({ cspSource: webview.cspSource, nonce: makeNonce(), asset, ...(initial ? { initial } : {}) });
  }

  /** Save an exported picture where the user says (save dialog), then tell the panel. */
  private async saveExport(e: ExportData): Promise<void> {
    const folder = this.current ? vscode.Uri.joinPath(vscode.Uri.parse(this.current.uri), '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const safeName = e.suggestedName.replace(/[^\w.-]+/g, '_') || `picture.${e.format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, safeName) : undefined,
      filters: e.format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
      title: `Export the picture as ${e.format.toUpperCase()}`,
    });
    if (!target) { void this.post({ type: 'exported', format: e.format }); return; }
    try {
      const bytes = e.format === 'png' ? Uint8Array.from(atob(e.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(e.data);
      await vscode.workspace.fs.writeFile(target, bytes);
      void this.post({ type: 'exported', format: e.format, path: vscode.workspace.asRelativePath(target) });
    } catch (err) {
      void this.post({ type: 'exported', format: e.format, error: (err as Error).message });
    }
  }

  dispose(): void {
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    this.panel?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** A fresh nonce for every page (128 random bits; Web Crypto, as on the web). */
const makeNonce = (): string => btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16)))).replace(/[+/=]/g, '');
