/**
 * The built-in Markdown preview's ```transform blocks typeset and drawn: each block is shown
 * as its definition, J and det J typeset by KaTeX (trust off), and a static SVG of the warped
 * grid (`mapsHtml`; the analysis worker runs it for the extension host's preview). Also the
 * plugin with blocks analysed and drawn in process, within the preview's budget, for the
 * notebook renderer (no worker there). The host's own part, which loads none of this, is
 * `previewBlocks.ts`. Typesetting and pictures are cached by content and settings (never by
 * line). No `vscode`.
 */
import { matrixTexParts, pmatrixTex as pmatrix, wrappingTex } from '../../core/format';
import katex from 'katex';
import { analyzeParsed, parseTransformFences } from '../../core/document';
import { ReportCache } from '../../core/cache';
import type { TransformReport } from '../../core/report';
import { gridSvg } from './gridSvg';
import { BlockReport, BlockReports, DEFAULT_PREVIEW_SETTINGS, PreviewPluginOptions, PreviewSettings, blockPreviewPlugin, errorBox, escapeHtml, fenceText, Lru } from './previewBlocks';

export * from './previewBlocks';

/** A markdown-it instance (the preview's); only its type is used here. */
type MarkdownIt = InstanceType<typeof import('markdown-it')>;

/** KaTeX HTML of display math; trust off (no \href, \url, \includegraphics, \htmlClass …), errors shown in place. */
export const katexHtml = (s: string): string => katex.renderToString(s, { displayMode: true, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });

/**
 * KaTeX HTML of a formula that may be wider than the column: inline math in display style,
 * which KaTeX lets the browser break after top-level relations and binary operators.
 */
export const katexWrapping = (s: string): string => katex.renderToString(`\\displaystyle ${s}`, { displayMode: false, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });

/**
 * A formula that may be wider than the column, as a line that wraps (after top-level + - = and
 * between top-level bracketed factors); one whose widest unbreakable piece is still too wide is
 * set smaller, down to a floor (the where lines have already named the long shared parts).
 */
function wrapping(tex: string): string {
  const w = wrappingTex(tex);
  return `<div class="jl-math jl-wrap"${w.scale < 100 ? ` style="font-size: ${w.scale}%"` : ''}>${katexWrapping(w.tex)}</div>`;
}

function transformHtml(t: TransformReport, s: Pick<PreviewSettings, 'lines'>): string {
  const L = t.latex;
  const J = matrixTexParts('J', t.where?.latex.jacobian ?? L.jacobian);
  const head = `${L.name}(${L.variables.join(', ')})`;
  const parts = [
    `<div class="jl-math">${katexHtml(`${head} = ${L.components.length === 1 ? `\\left( ${L.components[0]} \\right)` : pmatrix(L.components.map((c) => [c]))}`)}</div>`,
    // the readable forms, shared parts named in "where" lines, when the report has them; a wide J
    // as a matrix of entry names, each long entry on a line of its own that wraps
    `<div class="jl-math">${katexHtml(`J = ${J.matrix}`)}</div>`,
    ...J.lines.map((l) => wrapping(`${l.name} = ${l.tex}`)),
    // det J as inline math in display style: KaTeX breaks it after its top-level + and -, so a long one wraps to the column
    wrapping(t.detSymbolic ? `\\det J = ${t.where?.latex.det ?? L.det}` : '\\det J \\text{ has no closed form (numeric only)}'),
    ...(t.where?.defs ?? []).map((d, i) => wrapping(`${i === 0 ? '\\text{where } ' : '\\phantom{\\text{where }}'}${d.nameLatex} = ${d.latex}`)),
  ];
  if (t.variables.length >= 2) {
    try {
      const g = gridSvg(t, { lines: s.lines });
      parts.push(`<figure class="jl-figure">${g.svg}<figcaption>${escapeHtml([`log|det J| colours: blue contracts, orange expands${t.variables.length > 2 ? '' : ', hatched cells flip orientation'}`, ...g.notes].join('; '))}</figcaption></figure>`);
    } catch (e) {
      parts.push(errorBox(`The grid of ${t.name} could not be drawn: ${(e as Error).message}`));
    }
  }
  return `<div class="jl-transform" data-transform="${escapeHtml(t.name)}">${parts.join('')}</div>`;
}

/** The HTML of a block's maps: formulas and pictures (no line numbers in it: kept by content). */
export const mapsHtml = (transforms: readonly TransformReport[], s: Pick<PreviewSettings, 'lines'>): string =>
  transforms.map((t) => transformHtml(t, s)).join('');

/** A block analysed in process, only with the ```transform front end (the TypeScript compiler stays out of the host). */
export const analyzeBlock = (content: string, s: PreviewSettings, cache?: ReportCache): BlockReport =>
  analyzeParsed(parseTransformFences(fenceText(content), { defaultDomain: s.defaultDomain }), 'preview.md', { budgetMs: s.budgetMs }, cache);

/**
 * Reports computed in process, synchronously, within the preview's budget, and kept by
 * content: for the notebook renderer, which runs in its own webview (not the extension host)
 * and has no worker. `analyze` is injectable (tests count its calls).
 */
export function inProcessReports(analyze?: (content: string, s: PreviewSettings) => BlockReport, capacity = 256): BlockReports {
  const cache = new ReportCache(128);
  const run = analyze ?? ((c: string, s: PreviewSettings) => analyzeBlock(c, s, cache));
  const done = new Lru<BlockReport>(capacity);
  return {
    get(content, s) {
      const key = JSON.stringify([content, s.defaultDomain, s.budgetMs]);
      let r = done.get(key);
      if (!r) { r = run(content, s); done.set(key, r); }
      return r;
    },
  };
}

/**
 * The markdown-it plugin, with blocks analysed and drawn in process unless `options` says
 * where reports come from. `settings` is read for every block.
 */
export function transformPreviewPlugin(md: MarkdownIt, settings: () => PreviewSettings = () => DEFAULT_PREVIEW_SETTINGS, options: Partial<PreviewPluginOptions> = {}): MarkdownIt {
  return blockPreviewPlugin(md, settings, { ...options, reports: options.reports ?? inProcessReports(), draw: options.draw ?? mapsHtml });
}
