/** The Surface on a canvas (see lib/surface.ts), in CSS pixels scaled by `ratio`. */
import { RGB, css } from './lib/colour';
import type { Fill, Stroke, Surface, TextStyle } from './lib/surface';

export class CanvasSurface implements Surface {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly patterns = new Map<string, CanvasPattern | null>();
  constructor(canvas: HTMLCanvasElement, readonly width: number, readonly height: number, ratio: number, private readonly fontFamily: string) {
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this page cannot draw on a canvas');
    this.ctx = ctx;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
  }

  push(clip?: { x: number; y: number; width: number; height: number }): void {
    this.ctx.save();
    if (clip) { this.ctx.beginPath(); this.ctx.rect(clip.x, clip.y, clip.width, clip.height); this.ctx.clip(); }
  }
  pop(): void { this.ctx.restore(); }

  private applyStroke(s: Stroke): void {
    this.ctx.strokeStyle = css(s.colour, s.alpha ?? 1);
    this.ctx.lineWidth = s.width;
    this.ctx.setLineDash(s.dash ? [...s.dash] : []);
  }

  rect(x: number, y: number, w: number, h: number, fill?: Fill, stroke?: Stroke): void {
    if (fill) { this.ctx.fillStyle = css(fill.colour, fill.alpha ?? 1); this.ctx.fillRect(x, y, w, h); }
    if (stroke) { this.applyStroke(stroke); this.ctx.strokeRect(x, y, w, h); }
  }

  private trace(points: ArrayLike<number>, closed: boolean): boolean {
    const c = this.ctx;
    c.beginPath();
    let start = true, any = false;
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i], y = points[i + 1];
      if (Number.isNaN(x) || Number.isNaN(y)) { if (!start && closed) c.closePath(); start = true; continue; }
      if (start) c.moveTo(x, y); else c.lineTo(x, y);
      start = false; any = true;
    }
    if (!start && closed) c.closePath();
    return any;
  }

  path(points: ArrayLike<number>, opts: { fill?: Fill; stroke?: Stroke; closed?: boolean }): void {
    if (!this.trace(points, !!opts.closed)) return;
    if (opts.fill) { this.ctx.fillStyle = css(opts.fill.colour, opts.fill.alpha ?? 1); this.ctx.fill(); }
    if (opts.stroke) { this.applyStroke(opts.stroke); this.ctx.stroke(); }
  }

  hatch(points: ArrayLike<number>, stroke: Stroke, spacing: number): void {
    const key = `${css(stroke.colour, stroke.alpha ?? 1)}|${stroke.width}|${spacing}`;
    let pat = this.patterns.get(key);
    if (pat === undefined) {
      const tile = document.createElement('canvas');
      const n = Math.max(2, Math.round(spacing));
      tile.width = n; tile.height = n;
      const t = tile.getContext('2d');
      if (t) {
        t.strokeStyle = css(stroke.colour, stroke.alpha ?? 1);
        t.lineWidth = stroke.width;
        t.beginPath();
        t.moveTo(-1, n + 1); t.lineTo(n + 1, -1);
        t.moveTo(-1, 1); t.lineTo(1, -1);
        t.moveTo(n - 1, n + 1); t.lineTo(n + 1, n - 1);
        t.stroke();
      }
      pat = this.ctx.createPattern(tile, 'repeat');
      this.patterns.set(key, pat);
    }
    if (!pat || !this.trace(points, true)) return;
    this.ctx.fillStyle = pat;
    this.ctx.fill();
  }

  text(s: string, x: number, y: number, st: TextStyle): void {
    const c = this.ctx;
    c.font = `${st.bold ? 'bold ' : ''}${st.size}px ${st.mono ? 'monospace' : this.fontFamily}`;
    c.textAlign = st.align ?? 'left';
    c.textBaseline = st.baseline ?? 'alphabetic';
    if (st.halo) { c.setLineDash([]); c.strokeStyle = css(st.halo, 0.85); c.lineWidth = 3; c.strokeText(s, x, y); }
    c.fillStyle = css(st.colour);
    c.fillText(s, x, y);
  }

  image(rgba: Uint8ClampedArray, width: number, height: number, x: number, y: number, w: number, h: number): void {
    const tile = document.createElement('canvas');
    tile.width = width; tile.height = height;
    const t = tile.getContext('2d');
    if (!t) return;
    const data = new ImageData(width, height);
    data.data.set(rgba);
    t.putImageData(data, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(tile, x, y, w, h);
  }

  gradient(x: number, y: number, w: number, h: number, stops: ReadonlyArray<RGB>): void {
    const g = this.ctx.createLinearGradient(x, 0, x + w, 0);
    stops.forEach((c, i) => g.addColorStop(stops.length === 1 ? 0 : i / (stops.length - 1), css(c)));
    this.ctx.fillStyle = g;
    this.ctx.fillRect(x, y, w, h);
  }
}

/** A PNG data: URL of an RGBA raster (for SVG export). */
export function rasterToPngUrl(rgba: Uint8ClampedArray, width: number, height: number): string {
  const c = document.createElement('canvas');
  c.width = width; c.height = height;
  const t = c.getContext('2d');
  if (!t) return '';
  const data = new ImageData(width, height);
  data.data.set(rgba);
  t.putImageData(data, 0, 0);
  return c.toDataURL('image/png');
}
