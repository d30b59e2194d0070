/** Hover over a transform: det J, J, structure, invertibility, and a link to the preview. */
import * as vscode from 'vscode';
import { transformAt } from '../../core/lookup';
import { describeInvertibility, formatMatrix, signature } from '../../core/format';
import type { TransformReport } from '../../core/report';
import { fromVsPosition } from '../adapters';
import type { DocumentIndex } from '../documentIndex';

export const PREVIEW_COMMAND = 'jacobianLens.preview';

export function hoverMarkdown(t: TransformReport, uri: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [PREVIEW_COMMAND] };
  md.appendMarkdown(`**Jacobian Lens** · \`${signature(t)}\` · ${t.structure}\n\n`);
  md.appendMarkdown(`det J = `);
  md.appendCodeblock(t.det, 'text');
  if (t.logDet) { md.appendMarkdown('log|det J| = '); md.appendCodeblock(t.logDet, 'text'); }
  md.appendMarkdown('J =\n');
  md.appendCodeblock(formatMatrix(t.jacobian), 'text');
  md.appendMarkdown(`Invertibility: ${escape(describeInvertibility(t))}\n\n`);
  if (t.unknownFunctions.length) md.appendMarkdown(`${t.unknownFunctions.join(', ')} ${t.unknownFunctions.length === 1 ? 'is an unknown function' : 'are unknown functions'}: the result holds for any of ${t.unknownFunctions.length === 1 ? 'it' : 'them'}.\n\n`);
  for (const n of t.notes) md.appendMarkdown(`_${escape(n)}_\n\n`);
  const args = encodeURIComponent(JSON.stringify([uri.toString(), t.nameRange.start.line, t.nameRange.start.character]));
  md.appendMarkdown(`[Preview](command:${PREVIEW_COMMAND}?${args} "Open the preview panel for this transform")`);
  return md;
}

const escape = (s: string) => s.replace(/[\\`*_{}[\]<>()#+\-.!|]/g, (c) => `\\${c}`);

export function registerHover(index: DocumentIndex, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(doc, pos, token) {
      const report = await index.get(doc);
      if (token.isCancellationRequested || !report) return undefined;
      const t = transformAt(report, fromVsPosition(pos));
      if (!t) return undefined;
      return new vscode.Hover(hoverMarkdown(t, doc.uri), new vscode.Range(t.range.start.line, t.range.start.character, t.range.end.line, t.range.end.character));
    },
  });
}
