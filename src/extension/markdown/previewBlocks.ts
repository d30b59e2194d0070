/**
 * The Markdown preview's plugin as the extension host runs it (markdown.markdownItPlugins):
 * markdown-it renders synchronously in the host, so nothing here analyses, typesets or draws.
 * A block's reports and its HTML (`drawn`: KaTeX and the grid SVG, made in the analysis
 * worker) come from a `BlockReports` source keyed by the block's content; a block not yet
 * analysed shows its source with a short note, and the preview is refreshed when the reports
 * are there. This module imports nothing heavy (no KaTeX, no analysis), so that activation
 * stays light; `previewPlugin.ts` adds the in-process analysis and drawing (the notebook
 * renderer, the tests). Errors show as a box in place; nothing here can break the preview.
 * No `vscode`: the settings and the refresh come in as functions.
 */
import type { DiagnosticReport, TransformReport } from '../../core/report';

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

export const errorBox = (message: string) => `<div class="jl-error" role="note"><strong>Jacobian Lens:</strong> ${escapeHtml(message)}</div>`;

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

/** A small LRU map. */
export class Lru<V> {
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
      transforms: [], drawn: '',
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
  /** Where reports come from (`previewPlugin.ts`'s default: in process, synchronously). */
  readonly reports: BlockReports;
  /** Typesets and draws a block's maps when its report has no `drawn` HTML (none: such a block shows an error box). */
  readonly draw?: (transforms: readonly TransformReport[], s: PreviewSettings) => string;
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
export function blockPreviewPlugin(md: MarkdownIt, settings: () => PreviewSettings, options: PreviewPluginOptions): MarkdownIt {
  const fallback: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  const reports = options.reports;
  const draw = options.draw ?? ((ts: readonly TransformReport[]) => { if (ts.length) throw new Error('its maps were not drawn'); return ''; });
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
        maps = draw(r.transforms, s);
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
