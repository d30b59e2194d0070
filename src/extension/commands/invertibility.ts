/**
 * "Jacobian Lens: Check Invertibility" (the transform at the cursor), "... in File" and
 * "... in Workspace". The verdicts come from the reports (the worker runs the engine);
 * this file shows them: a notification with an action that reveals the definition and marks
 * the witness points in the preview, a warning diagnostic per transform that is not
 * invertible (the witness in its related information), and a log line per transform.
 */
import * as vscode from 'vscode';
import { languageOfFile } from '../../core/languages';
import { signature, summaryComponents } from '../../core/format';
import { transformAt } from '../../core/lookup';
import type { FileReport } from '../../core/report';
import { fromVsPosition, toVsDiagnostic, toVsRange } from '../adapters';
import type { Analyzer } from '../analysisService';
import { engineConfig } from '../config';
import { DocumentIndex } from '../documentIndex';
import type { PreviewManager } from '../panel/previewManager';
import {
  CheckedTransform, WORKSPACE_EXCLUDE, WORKSPACE_INCLUDE, invertibilityDiagnostic, logLine, singleMessage, summaryMessage, witnessMarks,
} from './invertibilityResults';

export const CHECK_INVERTIBILITY = 'jacobianLens.checkInvertibility';
export const CHECK_INVERTIBILITY_FILE = 'jacobianLens.checkInvertibilityInFile';
export const CHECK_INVERTIBILITY_WORKSPACE = 'jacobianLens.checkInvertibilityInWorkspace';

export interface InvertibilityCommandDeps {
  readonly index: DocumentIndex;
  readonly service: Analyzer;
  readonly preview: PreviewManager;
  readonly log: (message: string) => void;
  /** Reveal the output channel. */
  readonly showLog: () => void;
}

/** Largest file the workspace check reads (a notebook: its outputs count, and VS Code opens it). */
const MAX_FILE_BYTES = 2_000_000;
const MAX_NOTEBOOK_BYTES = 50_000_000;

/**
 * Warnings for checked transforms that are not invertible. They follow the document: when
 * it is analysed again after an edit, the checked transforms' diagnostics are recomputed.
 */
class InvertibilityDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('jacobianLens.invertibility');
  /** uri -> names of the transforms that were checked. */
  private readonly checked = new Map<string, Set<string>>();
  private readonly sub: vscode.Disposable;

  constructor(index: DocumentIndex) {
    this.sub = index.onDidUpdate((uri) => {
      const report = index.peek(uri);
      if (!report) this.checked.delete(uri.toString());
      this.refresh(uri, report);
    });
  }

  /** Record checked transforms and publish the file's warnings from `report`. */
  add(uri: vscode.Uri, report: FileReport, names: readonly string[], replace = false): void {
    const key = uri.toString();
    const set = replace ? new Set<string>() : this.checked.get(key) ?? new Set<string>();
    names.forEach((n) => set.add(n));
    this.checked.set(key, set);
    this.refresh(uri, report);
  }

  private refresh(uri: vscode.Uri, report: FileReport | undefined): void {
    const names = this.checked.get(uri.toString());
    if (!names || !report) { this.collection.delete(uri); return; }
    const diags = report.transforms.filter((t) => names.has(t.name)).map(invertibilityDiagnostic)
      .filter((d): d is NonNullable<typeof d> => d !== null).map((d) => toVsDiagnostic(d, uri));
    this.collection.set(uri, diags);
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}

export function registerInvertibilityCommands(deps: InvertibilityCommandDeps): vscode.Disposable {
  const diagnostics = new InvertibilityDiagnostics(deps.index);
  const run = (f: () => Promise<void>) => async () => {
    try {
      await f();
    } catch (e) {
      deps.log(`invertibility check failed: ${(e as Error).stack ?? String(e)}`);
      void vscode.window.showErrorMessage(`Jacobian Lens: the invertibility check failed: ${(e as Error).message}`);
    }
  };
  return vscode.Disposable.from(
    diagnostics,
    // Arguments (uri, line, character) come from command links such as the hover's.
    vscode.commands.registerCommand(CHECK_INVERTIBILITY, (uri?: unknown, line?: unknown, character?: unknown) =>
      run(() => checkAtCursor(deps, diagnostics, typeof uri === 'string' && typeof line === 'number' ? { uri: vscode.Uri.parse(uri), pos: new vscode.Position(line, typeof character === 'number' ? character : 0) } : undefined))()),
    vscode.commands.registerCommand(CHECK_INVERTIBILITY_FILE, run(() => checkFile(deps, diagnostics))),
    vscode.commands.registerCommand(CHECK_INVERTIBILITY_WORKSPACE, run(() => checkWorkspace(deps, diagnostics))),
  );
}

interface Target { readonly uri: vscode.Uri; readonly pos: vscode.Position }

/** The target's document (else the active editor's), when it is a file the extension reads; else says so. */
async function activeReport(deps: InvertibilityCommandDeps, target?: Target): Promise<{ doc: vscode.TextDocument; pos: vscode.Position; report: FileReport } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = target ? await vscode.workspace.openTextDocument(target.uri) : editor?.document;
  if (!doc || !DocumentIndex.accepts(doc)) {
    void vscode.window.showInformationMessage('Jacobian Lens: open a note, a LaTeX paper, a notebook or a TypeScript or JavaScript file with a transform, then check its invertibility.');
    return undefined;
  }
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Jacobian Lens: checking invertibility' },
    () => deps.index.get(doc),
  );
  if (!report) {
    void vscode.window.showWarningMessage(`Jacobian Lens: ${vscode.workspace.asRelativePath(doc.uri)} could not be analysed (see the output channel "Jacobian Lens").`);
    return undefined;
  }
  return { doc, pos: target?.pos ?? editor!.selection.active, report };
}

function noTransformMessage(doc: vscode.TextDocument, report: FileReport): string {
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  return `Jacobian Lens: there is no transform in ${vscode.workspace.asRelativePath(doc.uri)}` +
    (errors.length ? ` that could be read (${errors.length} definition${errors.length === 1 ? '' : 's'} with errors: see the Problems panel).` : '. Define one in a ```transform block, in LaTeX math, or as a TypeScript function.');
}

async function checkAtCursor(deps: InvertibilityCommandDeps, diagnostics: InvertibilityDiagnostics, target?: Target): Promise<void> {
  const active = await activeReport(deps, target);
  if (!active) return;
  const { doc, pos, report } = active;
  if (!report.transforms.length) { void vscode.window.showInformationMessage(noTransformMessage(doc, report)); return; }
  let t = transformAt(report, fromVsPosition(pos), 3);
  if (!t && report.transforms.length === 1) t = report.transforms[0];
  if (!t) {
    const picked = await vscode.window.showQuickPick(report.transforms.map((x) => ({
      label: signature(x), description: x.invertibility.verdict, detail: `line ${x.nameRange.start.line + 1}: ${summaryComponents(x)}`, t: x,
    })), { placeHolder: 'The cursor is not on a transform: which one should be checked?' });
    if (!picked) return;
    t = picked.t;
  }
  const c: CheckedTransform = { uri: doc.uri.toString(), fileName: vscode.workspace.asRelativePath(doc.uri), report: t };
  deps.log(logLine(c));
  diagnostics.add(doc.uri, report, [t.name]);
  await notify(deps, singleMessage(c), t.invertibility.verdict === 'not-invertible', c);
}

async function checkFile(deps: InvertibilityCommandDeps, diagnostics: InvertibilityDiagnostics): Promise<void> {
  const active = await activeReport(deps);
  if (!active) return;
  const { doc, report } = active;
  if (!report.transforms.length) { void vscode.window.showInformationMessage(noTransformMessage(doc, report)); return; }
  const fileName = vscode.workspace.asRelativePath(doc.uri);
  const cs = report.transforms.map((t): CheckedTransform => ({ uri: doc.uri.toString(), fileName, report: t }));
  cs.forEach((c) => deps.log(logLine(c)));
  diagnostics.add(doc.uri, report, report.transforms.map((t) => t.name), true);
  const first = cs.find((c) => c.report.invertibility.verdict === 'not-invertible');
  await notify(deps, summaryMessage(cs, fileName), !!first, first);
}

async function checkWorkspace(deps: InvertibilityCommandDeps, diagnostics: InvertibilityDiagnostics): Promise<void> {
  const results: CheckedTransform[] = [];
  let scanned = 0, total = 0, cancelled = false;
  await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: 'Jacobian Lens: checking invertibility', cancellable: true,
  }, async (progress, token) => {
    const uris = await vscode.workspace.findFiles(WORKSPACE_INCLUDE, WORKSPACE_EXCLUDE, undefined, token);
    total = uris.length;
    for (const uri of uris) {
      if (token.isCancellationRequested) { cancelled = true; break; }
      progress.report({ message: `${scanned + 1}/${total}: ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / Math.max(1, total) });
      scanned++;
      for (const { uri: where, fileName, report } of await reportsOf(deps, uri)) {
        if (!report.transforms.length) continue;
        const cs = report.transforms.map((t): CheckedTransform => ({ uri: where.toString(), fileName, report: t }));
        cs.forEach((c) => deps.log(logLine(c)));
        results.push(...cs);
        diagnostics.add(where, report, report.transforms.map((t) => t.name), true);
      }
    }
  });
  const scope = cancelled ? `the workspace (cancelled after ${scanned} of ${total} files)` : 'the workspace';
  const message = summaryMessage(results, scope, scanned);
  deps.log(message);
  const first = results.find((c) => c.report.invertibility.verdict === 'not-invertible');
  await notify(deps, message, !!first, first);
}

/**
 * The reports of a workspace file: the open document's (current text), else read from disk.
 * A notebook is opened (not shown) and gives one report per markdown cell, so that its
 * diagnostics and "Show Definition" land in the cell.
 */
async function reportsOf(deps: InvertibilityCommandDeps, uri: vscode.Uri): Promise<Array<{ uri: vscode.Uri; fileName: string; report: FileReport }>> {
  const fileName = vscode.workspace.asRelativePath(uri);
  try {
    const kind = languageOfFile(uri.path);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && kind !== 'notebook') { const report = await deps.index.get(open); return report ? [{ uri, fileName, report }] : []; }
    if (!kind) return [];
    const stat = await vscode.workspace.fs.stat(uri);
    const max = kind === 'notebook' ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES;
    if (stat.size > max) { deps.log(`${uri.fsPath}: skipped (larger than ${max} bytes)`); return []; }
    if (kind === 'notebook') {
      const nb = await vscode.workspace.openNotebookDocument(uri);
      const out: Array<{ uri: vscode.Uri; fileName: string; report: FileReport }> = [];
      for (const cell of nb.getCells()) {
        const report = cell.kind === vscode.NotebookCellKind.Markup ? await deps.index.get(cell.document) : undefined;
        if (report) out.push({ uri: cell.document.uri, fileName: `${fileName}, cell ${cell.index + 1}`, report });
      }
      return out;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return [{ uri, fileName, report: await deps.service.analyze({ text, kind, file: uri.fsPath || uri.toString(), config: engineConfig(uri) }) }];
  } catch (e) {
    deps.log(`${uri.fsPath}: not checked: ${(e as Error).message}`);
    return [];
  }
}

/** A notification; its action reveals the definition and marks the witness in the preview. */
async function notify(deps: InvertibilityCommandDeps, message: string, warn: boolean, target?: CheckedTransform): Promise<void> {
  const SHOW_WITNESS = 'Show Witness', SHOW_DEFINITION = 'Show Definition', SHOW_LOG = 'Show Log';
  const actions = [
    ...(target ? [target.report.invertibility.witness || target.report.invertibility.fold ? SHOW_WITNESS : SHOW_DEFINITION] : []),
    SHOW_LOG,
  ];
  const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(message, ...actions);
  if (choice === SHOW_LOG) deps.showLog();
  else if (choice && target) await revealAndMark(deps, target, choice === SHOW_WITNESS);
}

async function revealAndMark(deps: InvertibilityCommandDeps, c: CheckedTransform, mark: boolean): Promise<void> {
  const uri = vscode.Uri.parse(c.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const range = toVsRange(c.report.nameRange);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
  if (mark) await deps.preview.mark(uri, range.start, witnessMarks(c.report));
}
