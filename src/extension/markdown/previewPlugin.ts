/**
 * The built-in Markdown preview (markdown.markdownItPlugins): each ```transform block is
 * shown as its definition, J and det J typeset by KaTeX (trust off), and a static SVG of the
 * warped grid. markdown-it renders synchronously in the extension host, so the analysis
 * has a tight budget (past it, det J is numeric, as everywhere) and no invertibility check,
 * and rendered blocks are cached by their text and the settings. Errors show as a box in
 * place; nothing here can break the preview. No `vscode`: the settings come in as a function.
 */
import { matrixTexFit, whereRowsTex } from '../../core/format';
import katex from 'katex';
import { analyzeParsed, parseTransformFences } from '../../core/document';
import { ReportCache } from '../../core/cache';
import type { TransformReport } from '../../core/report';
import { gridSvg } from './gridSvg';

/** A markdown-it instance (the preview's); only its type is used here. */
type MarkdownIt = InstanceType<typeof import('markdown-it')>;
type RenderRule = NonNullable<MarkdownIt['renderer']['rules']['fence']>;

export interface PreviewSettings {
  readonly enabled: boolean;
  /** Grid intervals per axis. */
  readonly lines: number;
  readonly defaultDomain: readonly [number, number];
  /** Symbolic work per block, in milliseconds (kept small: the preview waits for it). */
  readonly budgetMs: number;
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { enabled: true, lines: 12, defaultDomain: [-2, 2], budgetMs: 300 };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** KaTeX HTML of display math; trust off (no \href, \url, \includegraphics, \htmlClass …), errors shown in place. */
export const katexHtml = (s: string): string => katex.renderToString(s, { displayMode: true, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
const pmatrix = (rows: readonly (readonly string[])[]) => `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;

function transformHtml(t: TransformReport, s: PreviewSettings): string {
  const L = t.latex;
  const head = `${L.name}(${L.variables.join(', ')})`;
  const parts = [
    `<div class="jl-math">${katexHtml(`${head} = ${L.components.length === 1 ? `\\left( ${L.components[0]} \\right)` : pmatrix(L.components.map((c) => [c]))}`)}</div>`,
    // the readable forms, shared parts named in "where" lines, when the report has them; a wide J one entry a line
    `<div class="jl-math">${katexHtml(matrixTexFit('J', t.where?.latex.jacobian ?? L.jacobian))}</div>`,
    `<div class="jl-math">${katexHtml(t.detSymbolic ? `\\det J = ${t.where?.latex.det ?? L.det}` : '\\det J \\text{ has no closed form (numeric only)}')}</div>`,
    ...(t.where?.defs.length ? [`<div class="jl-math">${katexHtml(`\\begin{aligned} ${whereRowsTex(t.where.defs).join(' \\\\ ')} \\end{aligned}`)}</div>`] : []),
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

const errorBox = (message: string) => `<div class="jl-error" role="note"><strong>Jacobian Lens:</strong> ${escapeHtml(message)}</div>`;

/** The HTML of one ```transform block's content (`fenceLine`: the opening fence's 0-based line, for messages). Never throws. */
export function renderTransformBlock(content: string, s: PreviewSettings, cache?: ReportCache, fenceLine = 0): string {
  try {
    const text = `\`\`\`transform\n${content}${content.endsWith('\n') ? '' : '\n'}\`\`\`\n`;
    // Only the ```transform front end: the preview never loads another (the TypeScript compiler stays out of the extension host).
    const report = analyzeParsed(parseTransformFences(text, { defaultDomain: s.defaultDomain }), 'preview.md', { budgetMs: s.budgetMs }, cache);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const html = [
      ...errors.map((d) => errorBox(`line ${fenceLine + d.range.start.line + 1}: ${d.message}`)),
      ...report.transforms.map((t) => transformHtml(t, s)),
    ];
    if (!html.length) html.push(errorBox('this ```transform block defines no map.'));
    return `<div class="jacobian-lens-block">${html.join('')}</div>\n`;
  } catch (e) {
    return `<div class="jacobian-lens-block">${errorBox(`this block could not be shown: ${(e as Error).message}`)}</div>\n`;
  }
}

/**
 * The markdown-it plugin. `settings` is read for every block; rendered blocks are kept
 * (LRU, by content and settings), so re-rendering the preview as one types redoes only
 * the block that changed.
 */
export function transformPreviewPlugin(md: MarkdownIt, settings: () => PreviewSettings = () => DEFAULT_PREVIEW_SETTINGS): MarkdownIt {
  const fallback: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const reports = new ReportCache(128);
  const html = new Map<string, string>();
  const rule: RenderRule = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const s = settings();
    if (token.info.trim().split(/\s+/)[0] !== 'transform' || !s.enabled) return fallback(tokens, idx, options, env, self);
    const fenceLine = token.map?.[0] ?? 0;
    const key = JSON.stringify([token.content, fenceLine, s]);
    let out = html.get(key);
    if (out === undefined) {
      out = renderTransformBlock(token.content, s, reports, fenceLine);
      html.set(key, out);
      while (html.size > 64) html.delete(html.keys().next().value as string);
    } else { html.delete(key); html.set(key, out); }
    // Keep the source line mapping, so that the preview scrolls with the editor.
    return token.map ? out.replace('<div class="jacobian-lens-block"', `<div class="jacobian-lens-block code-line" data-line="${fenceLine}"`) : out;
  };
  md.renderer.rules.fence = rule;
  return md;
}
