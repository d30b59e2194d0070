/**
 * The Node entry (desktop VS Code): analysis and TeX typesetting run in worker threads,
 * off the extension host's main thread.
 */
import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { activateWith, JacobianLensApi } from './activate';
import { workerTexBackend } from './tex/workerBackend';

export { SELECTOR } from './activate';
export type { JacobianLensApi } from './activate';

export function activate(context: vscode.ExtensionContext): JacobianLensApi {
  const dist = (f: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', f).fsPath;
  return activateWith(context, {
    analyzer: (log) => new AnalysisService(dist('worker.js'), log),
    texBackend: (log) => workerTexBackend(dist('texWorker.js'), log),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
