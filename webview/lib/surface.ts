/**
 * What the picture is drawn on: a canvas on screen (webview/canvasSurface.ts) or an SVG
 * document for export (here). The renderer draws once, in screen (CSS pixel) coordinates,
 * onto either; so the exported SVG is the picture on screen, not a second drawing of it.
 */
import { RGB, css } from './colour';

export interface Stroke {
  readonly colour: RGB;
  readonly alpha?: number;
  readonly width: number;
  readonly dash?: readonly number[];
}

export interface Fill {
  readonly colour: RGB;
  readonly alpha?: number;
}

export interface TextStyle {
  readonly colour: RGB;
  readonly size: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly baseline?: 'top' | 'middle' | 'bottom' | 'alphabetic';
  readonly bold?: boolean;
  readonly mono?: boolean;
  /** A halo in this colour behind the text, for labels over lines. */
  readonly halo?: RGB;
}

export interface Surface {
  readonly width: number;
  readonly height: number;
  /** Restrict drawing to a rectangle until the matching `pop`. */
  push(clip?: { x: number; y: number; width: number; height: number }): void;
  pop(): void;
  rect(x: number, y: number, w: number, h: number, fill?: Fill, stroke?: Stroke): void;
  /** One or more polylines: x, y pairs with (NaN, NaN) breaks; `closed` closes each piece. */
  path(points: ArrayLike<number>, opts: { fill?: Fill; stroke?: Stroke; closed?: boolean }): void;
  /** Fill a polygon with diagonal hatching (orientation flipped). */
  hatch(points: ArrayLike<number>, stroke: Stroke, spacing: number): void;
  text(s: string, x: number, y: number, style: TextStyle): void;
  /** An RGBA raster drawn into the rectangle (x, y, w, h). */
  image(rgba: Uint8ClampedArray, width: number, height: number, x: number, y: number, w: number, h: number): void;
  /** A horizontal gradient through the given colours. */
  gradient(x: number, y: number, w: number, h: number, stops: ReadonlyArray<RGB>): void;
}

const num = (v: number) => (Math.round(v * 100) / 100).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pathData(points: ArrayLike<number>, closed: boolean): string {
  let d = '';
  let start = true;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i], y = points[i + 1];
    if (Number.isNaN(x) || Number.isNaN(y)) { if (!start && closed) d += 'Z'; start = true; continue; }
    d += `${start ? 'M' : 'L'}${num(x)} ${num(y)}`;
    start = false;
  }
  if (!start && closed) d += 'Z';
  return d;
}

const strokeAttrs = (s?: Stroke) => (s
  ? ` stroke="${css(s.colour)}" stroke-width="${num(s.width)}"${s.alpha !== undefined && s.alpha < 1 ? ` stroke-opacity="${num(s.alpha)}"` : ''}${s.dash && s.dash.length ? ` stroke-dasharray="${s.dash.map(num).join(' ')}"` : ''} stroke-linejoin="round" stroke-linecap="round"`
  : ' stroke="none"');
const fillAttrs = (f?: Fill) => (f ? ` fill="${css(f.colour)}"${f.alpha !== undefined && f.alpha < 1 ? ` fill-opacity="${num(f.alpha)}"` : ''}` : ' fill="none"');

/** An SVG document. `encodePng` turns a raster into a data: URL (the page does it with a canvas). */
export class SvgSurface implements Surface {
  private readonly body: string[] = [];
  private readonly defs: string[] = [];
  private depth = 0;
  private ids = 0;
  constructor(readonly width: number, readonly height: number, private readonly encodePng: (rgba: Uint8ClampedArray, w: number, h: number) => string, private readonly fontFamily = 'sans-serif') {}

  push(clip?: { x: number; y: number; width: number; height: number }): void {
    if (clip) {
      const id = `c${this.ids++}`;
      this.defs.push(`<clipPath id="${id}"><rect x="${num(clip.x)}" y="${num(clip.y)}" width="${num(clip.width)}" height="${num(clip.height)}"/></clipPath>`);
      this.body.push(`<g clip-path="url(#${id})">`);
    } else this.body.push('<g>');
    this.depth++;
  }
  pop(): void { if (this.depth > 0) { this.body.push('</g>'); this.depth--; } }
  rect(x: number, y: number, w: number, h: number, fill?: Fill, stroke?: Stroke): void {
    this.body.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"${fillAttrs(fill)}${strokeAttrs(stroke)}/>`);
  }
  path(points: ArrayLike<number>, opts: { fill?: Fill; stroke?: Stroke; closed?: boolean }): void {
    const d = pathData(points, !!opts.closed);
    if (d) this.body.push(`<path d="${d}"${fillAttrs(opts.fill)}${strokeAttrs(opts.stroke)}/>`);
  }
  hatch(points: ArrayLike<number>, stroke: Stroke, spacing: number): void {
    const id = `h${this.ids++}`;
    this.defs.push(`<pattern id="${id}" patternUnits="userSpaceOnUse" width="${num(spacing)}" height="${num(spacing)}" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="${num(spacing)}"${strokeAttrs(stroke)}/></pattern>`);
    const d = pathData(points, true);
    if (d) this.body.push(`<path d="${d}" fill="url(#${id})" stroke="none"/>`);
  }
  text(s: string, x: number, y: number, st: TextStyle): void {
    const anchor = st.align === 'center' ? 'middle' : st.align === 'right' ? 'end' : 'start';
    const base = st.baseline === 'top' ? 'hanging' : st.baseline === 'middle' ? 'central' : st.baseline === 'bottom' ? 'text-after-edge' : 'alphabetic';
    const font = `font-family="${esc(st.mono ? 'monospace' : this.fontFamily)}" font-size="${num(st.size)}"${st.bold ? ' font-weight="bold"' : ''}`;
    const halo = st.halo ? ` stroke="${css(st.halo)}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"` : '';
    this.body.push(`<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" dominant-baseline="${base}" ${font} fill="${css(st.colour)}"${halo}>${esc(s)}</text>`);
  }
  image(rgba: Uint8ClampedArray, width: number, height: number, x: number, y: number, w: number, h: number): void {
    this.body.push(`<image x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" preserveAspectRatio="none" href="${this.encodePng(rgba, width, height)}"/>`);
  }
  gradient(x: number, y: number, w: number, h: number, stops: ReadonlyArray<RGB>): void {
    const id = `g${this.ids++}`;
    const st = stops.map((c, i) => `<stop offset="${num(stops.length === 1 ? 0 : i / (stops.length - 1))}" stop-color="${css(c)}"/>`).join('');
    this.defs.push(`<linearGradient id="${id}" x1="0" x2="1" y1="0" y2="0">${st}</linearGradient>`);
    this.body.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="url(#${id})"/>`);
  }
  toString(): string {
    while (this.depth > 0) this.pop();
    return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${num(this.width)}" height="${num(this.height)}" viewBox="0 0 ${num(this.width)} ${num(this.height)}">\n<defs>${this.defs.join('')}</defs>\n${this.body.join('\n')}\n</svg>\n`;
  }
}

/**
 * Clip a polyline with breaks to a rectangle (Liang–Barsky per segment), so that points
 * far off screen (near poles) never reach the canvas or the SVG. Pieces leaving the
 * rectangle are broken there.
 */
export function clipPolyline(p: ArrayLike<number>, x0: number, y0: number, x1: number, y1: number): Float64Array {
  const out: number[] = [];
  let open = false;
  const brk = () => { if (open) { out.push(NaN, NaN); open = false; } };
  let lastX = NaN, lastY = NaN;
  for (let i = 0; i + 3 < p.length; i += 2) {
    const ax = p[i], ay = p[i + 1];
    const bx = p[i + 2], by = p[i + 3];
    if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) { brk(); continue; }
    let t0 = 0, t1 = 1;
    const dx = bx - ax, dy = by - ay;
    let visible = true;
    for (const [pp, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]] as const) {
      if (pp === 0) { if (q < 0) { visible = false; break; } continue; }
      const r = q / pp;
      if (pp < 0) { if (r > t1) { visible = false; break; } if (r > t0) t0 = r; }
      else { if (r < t0) { visible = false; break; } if (r < t1) t1 = r; }
    }
    if (!visible) { brk(); continue; }
    const sx = ax + t0 * dx, sy = ay + t0 * dy, ex = ax + t1 * dx, ey = ay + t1 * dy;
    if (!open || sx !== lastX || sy !== lastY) { brk(); out.push(sx, sy); open = true; }
    out.push(ex, ey);
    lastX = ex; lastY = ey;
    if (t1 < 1) brk();
  }
  while (out.length >= 2 && Number.isNaN(out[out.length - 2])) out.length -= 2;
  return Float64Array.from(out);
}
