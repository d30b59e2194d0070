/**
 * Typeset math for hovers, within a time budget: an LRU cache keyed by TeX and colour in
 * front of a backend (a worker thread in Node, in process on the web). A render that misses
 * its budget answers null (the hover shows the plain formula) and still fills the cache
 * when it finishes, so the next hover has it. Failures are cached as failures too: the
 * same TeX is not tried again. No `vscode` and no Node imports.
 */

/** TeX and a colour -> an SVG document; `ready` (when the backend can say): whether it has loaded. */
export type TexBackend = ((tex: string, colour: string) => Promise<string>) & { ready?(): boolean };

type Entry = { readonly svg: string } | { readonly error: string };

export class TexRenderer {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  /** Renders started (cache misses): for tests and the log. */
  started = 0;

  constructor(private readonly backend: TexBackend, private readonly capacity = 256) {}

  /**
   * The SVG, or null when it failed or did not arrive within `budgetMs`. While the backend is
   * still loading (a fresh window) nothing new can arrive in time: null at once, and the
   * render goes on for the next hover.
   */
  async render(tex: string, colour: string, budgetMs: number): Promise<string | null> {
    const key = `${colour}\u0000${tex}`;
    const hit = this.cache.get(key);
    if (hit) { this.cache.delete(key); this.cache.set(key, hit); return 'svg' in hit ? hit.svg : null; }
    let p = this.pending.get(key);
    if (!p) {
      this.started++;
      p = this.backend(tex, colour).then((svg): Entry => ({ svg }), (e: Error): Entry => ({ error: e.message }))
        .then((entry) => { this.pending.delete(key); this.store(key, entry); return entry; });
      this.pending.set(key, p);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = this.backend.ready?.() === false ? 0 : Math.max(0, budgetMs);
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), wait); });
    const entry = await Promise.race([p, late]);
    clearTimeout(timer);
    return entry && 'svg' in entry ? entry.svg : null;
  }

  /** Why `tex` could not be typeset, when it was tried and failed. */
  failure(tex: string, colour: string): string | undefined {
    const e = this.cache.get(`${colour}\u0000${tex}`);
    return e && 'error' in e ? e.error : undefined;
  }

  private store(key: string, e: Entry): void {
    this.cache.set(key, e);
    while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/** The colour math is drawn in, per VS Code theme kind (vscode.ColorThemeKind: 1 light, 2 dark, 3 high contrast, 4 high contrast light). */
export function themeColour(kind: number): string {
  switch (kind) {
    case 2: return '#cccccc';
    case 3: return '#ffffff';
    case 4: return '#000000';
    default: return '#3b3b3b';
  }
}

/**
 * A typeset SVG no wider than `maxPx` (sizes in px, or in ex of about `exPx` pixels): a wide
 * matrix is scaled down to fit the hover rather than cut off.
 */
export function fitSvg(svg: string, maxPx: number, exPx = 8): string {
  const head = /<svg\b[^>]*>/.exec(svg);
  if (!head) return svg;
  const w = /\swidth="([\d.]+)(px|ex)"/.exec(head[0]), h = /\sheight="([\d.]+)(px|ex)"/.exec(head[0]);
  if (!w || !h) return svg;
  const px = (v: string, unit: string) => Number(v) * (unit === 'ex' ? exPx : 1);
  const width = px(w[1], w[2]);
  if (!(width > maxPx)) return svg;
  const height = px(h[1], h[2]) * (maxPx / width);
  const tag = head[0].replace(w[0], ` width="${maxPx}px"`).replace(h[0], ` height="${height.toFixed(1)}px"`);
  return tag + svg.slice(head.index + head[0].length);
}

/** An SVG document as a data: URI for a Markdown image. */
export const svgDataUri = (svg: string): string => `data:image/svg+xml;base64,${base64(svg)}`;

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
