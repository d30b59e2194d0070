/**
 * The built-in Markdown preview (markdown.markdownItPlugins): each ```transform block is
 * shown as its definition, J and det J typeset by KaTeX (trust off), and a static SVG of the
 * warped grid. markdown-it renders synchronously in the extension host, so the plugin never
 * analyses there: a block's reports come from a `BlockReports` source keyed by the block's
 * content (in the extension, the analysis worker, which the editor uses too); a block not yet
 * analysed shows its source with a short note, and the preview is refreshed when the reports
 * are there. Typesetting and pictures are cached by content and settings (never by line), and
 * one render spends a bounded time on new ones (the rest follow in the next refresh).
 * Errors show as a box in place; nothing here can break the preview. No `vscode`: the
 * settings and the refresh come in as functions.
 */
import { matrixTexFit, pmatrixTex as pmatrix, whereRowsTex } from '../../core/format';
import katex from 'katex';
import { analyzeParsed, parseTransformFences } from '../../core/document';
import { ReportCache } from '../../core/cache';
import type { DiagnosticReport, TransformReport } from '../../core/report';
import { gridSvg } from './gridSvg';

/** A markdown-it instance (the preview's); only its type is used here. */
type MarkdownIt = InstanceType<typeof import('markdown-it')>;
type RenderRule = NonNullable<MarkdownIt['renderer']['rules']['fence']>;

export interface PreviewSettings {
  readonly enabled: boolean;
  /** Grid intervals per axis. */
  readonly lines: number;
  readonly defaultDomain: readonly [number, number];
  /** Symbolic work per block, in milliseconds, when a block is analysed in process (the notebook renderer). */
  readonly budgetMs: number;
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { enabled: true, lines: 12, defaultDomain: [-2, 2], budgetMs: 300 };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** KaTeX HTML of display math; trust off (no \href, \url, \includegraphics, \htmlClass …), errors shown in place. */
export const katexHtml = (s: string): string => katex.renderToString(s, { displayMode: true, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });

function transformHtml(t: TransformReport, s: Pick<PreviewSettings, 'lines'>): string {
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

/** The HTML of a block's maps: formulas and pictures (no line numbers in it: kept by content). */
export const mapsHtml = (transforms: readonly TransformReport[], s: Pick<PreviewSettings, 'lines'>): string =>
  transforms.map((t) => transformHtml(t, s)).join('');

const errorBox = (message: string) => `<div class="jl-error" role="note"><strong>Jacobian Lens:</strong> ${escapeHtml(message)}</div>`;

/** What the preview shows of one block: its maps' reports and its problems (lines of `fenceText(content)`). */
export interface BlockReport {
  readonly transforms: readonly TransformReport[];
  readonly diagnostics: readonly DiagnosticReport[];
  /** The maps' HTML (`mapsHtml`), when it was typeset and drawn where the analysis ran (the worker). */
  readonly drawn?: string;
}

/** Where the preview gets a block's reports: undefined while they are not ready (a placeholder is shown). */
export interface BlockReports {
  get(content: string, s: PreviewSettings): BlockReport | undefined;
}

/** A block's content as a note of its own (the fence is line 0). */
export const fenceText = (content: string): string => `\`\`\`transform\n${content}${content.endsWith('\n') ? '' : '\n'}\`\`\`\n`;

/** A block analysed in process, only with the ```transform front end (the TypeScript compiler stays out of the host). */
export const analyzeBlock = (content: string, s: PreviewSettings, cache?: ReportCache): BlockReport =>
  analyzeParsed(parseTransformFences(fenceText(content), { defaultDomain: s.defaultDomain }), 'preview.md', { budgetMs: s.budgetMs }, cache);

/** A small LRU map. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
  set(key: string, v: V): void {
    this.map.set(key, v);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
}

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
 * Reports from an asynchronous analyzer (in the extension: the analysis worker, whose cache
 * of transform reports the editor's documents share, and which also typesets and draws the
 * block: `drawn`), keyed by the block's content, the settings and `context` (the engine's). Blocks are analysed one request at a time in the order
 * the preview asks for them (document order: the top of the note first); each answer calls
 * `ready` (coalesced), which refreshes the preview. A failed request is shown as an error
 * in place, not asked again until the content or the settings change.
 */
export class AsyncBlockReports implements BlockReports {
  private readonly done: Lru<BlockReport>;
  private readonly queued = new Set<string>();
  private readonly queue: Array<{ key: string; text: string; settings: PreviewSettings }> = [];
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly analyze: (text: string, s: PreviewSettings) => Promise<BlockReport>,
    private readonly ready: () => void,
    private readonly context: () => string = () => '',
    capacity = 2048,
    private readonly coalesceMs = 100,
  ) {
    this.done = new Lru(capacity);
  }

  get(content: string, s: PreviewSettings): BlockReport | undefined {
    const key = JSON.stringify([content, s.defaultDomain, s.lines, this.context()]);
    const hit = this.done.get(key);
    if (hit) return hit;
    if (!this.queued.has(key)) {
      this.queued.add(key);
      this.queue.push({ key, text: fenceText(content), settings: s });
      this.pump();
    }
    return undefined;
  }

  /** Requests waiting or running. */
  get pending(): number { return this.queued.size; }

  private pump(): void {
    if (this.busy || this.disposed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    const failed = (e: unknown): BlockReport => ({
      transforms: [],
      diagnostics: [{ message: `this block could not be analysed: ${e instanceof Error ? e.message : String(e)}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'internal' }],
    });
    let answer: Promise<BlockReport>;
    try { answer = this.analyze(next.text, next.settings); } catch (e) { answer = Promise.resolve(failed(e)); }
    void answer.then((r) => r, failed).then((r) => {
      this.done.set(next.key, r);
      this.queued.delete(next.key);
      this.busy = false;
      this.notify();
      this.pump();
    });
  }

  private notify(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => { this.timer = undefined; if (!this.disposed) this.ready(); }, this.coalesceMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

export interface PreviewPluginOptions {
  /** Where reports come from (default: in process, synchronously). */
  readonly reports?: BlockReports;
  /**
   * Asks for the preview to be rendered again. With it, one render typesets and draws new
   * blocks for at most `renderBudgetMs` and shows the rest as pending; without it (a renderer
   * that cannot be refreshed) every block is drawn in the render.
   */
  readonly refresh?: () => void;
  readonly renderBudgetMs?: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

/** Time one render spends on typesetting and drawing blocks not drawn before. */
export const RENDER_BUDGET_MS = 30;

/** A block not analysed (or not drawn) yet: a short note, and its source. */
const pendingHtml = (content: string) =>
  `<div class="jl-note">Jacobian Lens: analysing this block…</div><pre><code class="language-transform">${escapeHtml(content)}</code></pre>`;

/**
 * The markdown-it plugin. `settings` is read for every block. Reports and the typeset,
 * drawn HTML of a block are kept by content and settings, so re-rendering the preview as one
 * types (or inserting a line above a block) redoes only the block that changed.
 */
export function transformPreviewPlugin(md: MarkdownIt, settings: () => PreviewSettings = () => DEFAULT_PREVIEW_SETTINGS, options: PreviewPluginOptions = {}): MarkdownIt {
  const fallback: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  const reports = options.reports ?? inProcessReports();
  const now = options.now ?? (() => Date.now());
  const budget = options.renderBudgetMs ?? RENDER_BUDGET_MS;
  // the maps' HTML of a block (no line numbers in it), by content and settings
  const drawn = new Lru<string>(512);
  // one render: when it began drawing, and whether it left blocks for the next one
  interface Render { env: unknown; started: number; deferred: boolean }
  let render: Render | undefined;
  const rule: RenderRule = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const s = settings();
    if (token.info.trim().split(/\s+/)[0] !== 'transform' || !s.enabled) return fallback(tokens, idx, opts, env, self);
    const fenceLine = token.map?.[0] ?? 0;
    const current: Render = render !== undefined && render.env === env ? render : (render = { env, started: now(), deferred: false });
    let body: string, pending = false;
    try {
      const r = reports.get(token.content, s);
      const key = JSON.stringify([token.content, s]);
      let maps = r && (r.drawn ?? drawn.get(key));
      if (r && maps === undefined && (!options.refresh || now() - current.started < budget)) {
        maps = mapsHtml(r.transforms, s);
        drawn.set(key, maps);
      }
      if (!r || maps === undefined) {
        if (r) current.deferred = true;
        pending = true;
        body = pendingHtml(token.content);
      } else {
        const errors = r.diagnostics.filter((d) => d.severity === 'error')
          .map((d) => errorBox(`line ${fenceLine + d.range.start.line + 1}: ${d.message}`)).join('');
        body = errors || maps ? errors + maps : errorBox('this ```transform block defines no map.');
      }
    } catch (e) {
      body = errorBox(`this block could not be shown: ${(e as Error).message}`);
    }
    if (current.deferred && options.refresh && idx === lastFence(tokens)) {
      current.deferred = false;
      options.refresh();
    }
    // The source line mapping (code-line, data-line) lets the preview scroll with the editor.
    // (The HTML is only concatenated, never searched: a block's picture can be large.)
    const cls = `jacobian-lens-block${pending ? ' jl-pending' : ''}`;
    return `${token.map ? `<div class="${cls} code-line" data-line="${fenceLine}">` : `<div class="${cls}">`}${body}</div>\n`;
  };
  md.renderer.rules.fence = rule;
  return md;
}

/** The index of the last fence token (a render asks for a refresh there, once). */
function lastFence(tokens: ReadonlyArray<{ type: string }>): number {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i].type === 'fence') return i;
  return -1;
}
