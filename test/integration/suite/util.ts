/** Helpers for the integration tests, which run inside the extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JacobianLensApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'jacobian-lens.jacobian-lens';

/** The extension's API (activating it if needed). */
export async function activateApi(): Promise<JacobianLensApi> {
  const ext = vscode.extensions.getExtension<JacobianLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api && api.index && api.preview, 'activate() returns { index, preview }');
  return api;
}

/** The test workspace's folder (a scratch copy of test/fixtures/workspace). */
export function workspaceFolder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the integration suite needs the test workspace open');
  return f.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/** Open a workspace file in an editor and wait until the extension has analysed it. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const api = await activateApi();
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.index.get(doc);
  return editor;
}

/** Poll until `predicate` returns a truthy value, or fail with `what` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await predicate();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The zero-based position of the first occurrence of `text` in the document. */
export function positionOf(doc: vscode.TextDocument, text: string, offsetInText = 0): vscode.Position {
  const i = doc.getText().indexOf(text);
  assert.ok(i >= 0, `"${text}" not found in ${doc.uri.path}`);
  return doc.positionAt(i + offsetInText);
}

/** All hover text at `pos`, as the editor would show it (from every hover provider). */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Put the cursor at `pos` in `editor`. */
export function moveCursor(editor: vscode.TextEditor, pos: vscode.Position): void {
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Run a command that ends by showing a notification and waiting for the user's choice: dismiss the notifications until it returns. */
export async function runDismissing(command: string, ...args: unknown[]): Promise<void> {
  let settled = false;
  const done = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => { settled = true; });
  await waitFor(async () => { await vscode.commands.executeCommand('notifications.clearAll'); return settled; }, `${command} to finish`);
  await done;
}
