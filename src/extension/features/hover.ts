/**
 * Hover over a transform: J and det J typeset (an SVG image from MathJax, in the theme's
 * colour, within a time budget), the plain formulas, det J at a point, invertibility, and
 * links to "Preview" and "Check Invertibility". Over a call with numbers in the text
 * (`polar(1, 0.5)`), det J at that point. The same for every language the index reads.
 */
import * as vscode from 'vscode';
import { transformAt } from '../../core/lookup';
import { pointCallAt, pointDet } from '../../core/pointEval';
import { fromVsPosition, toVsRange } from '../adapters';
import { hoverMode, hoverRenderBudgetMs } from '../config';
import type { DocumentIndex } from '../documentIndex';
import type { TexRenderer } from '../tex/texRenderer';
import { clockTime, type Milestones } from '../milestones';
import { fitSvg, svgDataUri, themeColour } from '../tex/texRenderer';
import { ARGUMENT_COMMAND, CHECK_COMMAND, DOMAIN_COMMAND, PREVIEW_COMMAND, hoverMarkdown, hoverTex, pointHoverMarkdown } from '../views/texts';

export { PREVIEW_COMMAND };

/** Markdown with command links trusted for these commands only. */
function trusted(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = { enabledCommands: [PREVIEW_COMMAND, CHECK_COMMAND, ARGUMENT_COMMAND, DOMAIN_COMMAND] };
  return md;
}

/** Typeset formulas wider than this are scaled down to fit the hover (VS Code's hover is about 500 px wide). */
const HOVER_WIDTH_PX = 480;

/** At most this many transforms of a file are typeset ahead of a hover. */
const PREPARE_PER_FILE = 24;

export function registerHover(index: DocumentIndex, selector: vscode.DocumentSelector, tex: TexRenderer, firsts?: Milestones): vscode.Disposable {
  // Typeset each analysed transform's formulas in the background (the TeX worker starts on
  // the first file with a transform), so that the first hover already has its image.
  const prepare = index.onDidUpdate((uri) => {
    if (hoverMode() !== 'rendered') return;
    const colour = themeColour(vscode.window.activeColorTheme.kind);
    for (const t of index.peek(uri)?.transforms.slice(0, PREPARE_PER_FILE) ?? []) void tex.render(hoverTex(t), colour, 0);
  });
  return vscode.Disposable.from(prepare, vscode.languages.registerHoverProvider(selector, {
    async provideHover(doc, pos, token) {
      const mode = hoverMode();
      if (mode === 'off') return undefined;
      // the first hovers' timing in the log: when asked, how long the report and the image took
      const asked = Date.now();
      let reported = asked;
      const trace = (outcome: string) => firsts?.early('hover', `asked at ${clockTime(asked)}, report after ${reported - asked} ms, answered after ${Date.now() - asked} ms: ${outcome}`);
      // a partial report will do when it has the definition under the mouse
      const report = await index.reportAt(doc, fromVsPosition(pos));
      reported = Date.now();
      if (token.isCancellationRequested || !report) { trace(report ? 'cancelled' : 'no report'); return undefined; }
      const t = transformAt(report, fromVsPosition(pos));
      if (!t) {
        // A point in the text: `polar(1, 0.5)`.
        const call = pointCallAt(doc.lineAt(pos.line).text, pos.character, report.transforms.map((x) => x.name));
        const target = call && report.transforms.find((x) => x.name === call.name);
        if (!call || !target) return undefined;
        return new vscode.Hover(trusted(pointHoverMarkdown(target, { uri: doc.uri.toString(), point: pointDet(target, call) })),
          new vscode.Range(pos.line, call.start, pos.line, call.end));
      }
      let image: string | null = null, imageNote: string | undefined;
      if (mode === 'rendered') {
        const texText = hoverTex(t), colour = themeColour(vscode.window.activeColorTheme.kind);
        const svg = await tex.render(texText, colour, hoverRenderBudgetMs());
        if (svg) image = svgDataUri(fitSvg(svg, HOVER_WIDTH_PX));
        else imageNote = tex.failure(texText, colour) ? `The formulas could not be typeset (${tex.failure(texText, colour)}).` : 'The typeset formulas are still being prepared: hover again to see them.';
      }
      if (token.isCancellationRequested) { trace('cancelled'); return undefined; }
      trace(image ? 'typeset' : `plain (${imageNote ?? 'no typesetting'})`);
      return new vscode.Hover(trusted(hoverMarkdown(t, { uri: doc.uri.toString(), image, imageNote, point: pointDet(t, null) })), toVsRange(t.range));
    },
  }));
}
