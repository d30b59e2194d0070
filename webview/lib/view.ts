/**
 * Views: where a pane looks in world coordinates. A view is a centre and a scale (screen
 * pixels per world unit, the same on both axes so that circles stay circles); y points up
 * in the world and down on screen.
 */
import type { Rect } from './adaptive';

export interface View { readonly cx: number; readonly cy: number; readonly scale: number }
export interface Size { readonly width: number; readonly height: number }

export const toScreenX = (v: View, s: Size, x: number) => s.width / 2 + (x - v.cx) * v.scale;
export const toScreenY = (v: View, s: Size, y: number) => s.height / 2 - (y - v.cy) * v.scale;
export const toWorldX = (v: View, s: Size, px: number) => v.cx + (px - s.width / 2) / v.scale;
export const toWorldY = (v: View, s: Size, py: number) => v.cy - (py - s.height / 2) / v.scale;

/** The world rectangle a pane shows. */
export function visibleRect(v: View, s: Size, marginPx = 0): Rect {
  const hw = (s.width / 2 + marginPx) / v.scale, hh = (s.height / 2 + marginPx) / v.scale;
  return { x0: v.cx - hw, x1: v.cx + hw, y0: v.cy - hh, y1: v.cy + hh };
}

/** The view that shows `r` whole in `s`, with `padPx` pixels to spare on each side. */
export function fitView(r: Rect, s: Size, padPx = 24): View {
  const w = Math.max(r.x1 - r.x0, 1e-9), h = Math.max(r.y1 - r.y0, 1e-9);
  const scale = Math.min(Math.max(s.width - 2 * padPx, 10) / w, Math.max(s.height - 2 * padPx, 10) / h);
  return { cx: (r.x0 + r.x1) / 2, cy: (r.y0 + r.y1) / 2, scale: clampScale(scale) };
}

export const clampScale = (scale: number) => Math.min(1e9, Math.max(1e-9, scale));

/** Zoom by `factor` about the screen point (px, py), which stays where it is. */
export function zoomAbout(v: View, s: Size, factor: number, px: number, py: number): View {
  const wx = toWorldX(v, s, px), wy = toWorldY(v, s, py);
  const scale = clampScale(v.scale * factor);
  return { scale, cx: wx - (px - s.width / 2) / scale, cy: wy + (py - s.height / 2) / scale };
}

export const panBy = (v: View, dxPx: number, dyPx: number): View => ({ ...v, cx: v.cx - dxPx / v.scale, cy: v.cy + dyPx / v.scale });

/**
 * Ticks for an axis from lo to hi: a step of 1, 2 or 5 × 10^k giving about `target` ticks.
 */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / Math.max(1, target);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

/** A number for a label: short, no float noise. */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a >= 1e5 || a < 1e-4 ? x.toExponential(Math.max(0, digits - 2)) : String(Number(x.toPrecision(digits)));
  return s.replace('-', '−');
}

/**
 * A robust bounding box of points (x, y pairs, non-finite skipped): min and max, unless a
 * few far-out points (near a pole) would make everything else tiny; then the 2nd to 98th
 * percentiles, widened a little.
 */
export function robustBounds(xy: ArrayLike<number>): Rect | null {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (Number.isFinite(x) && Number.isFinite(y)) { xs.push(x); ys.push(y); }
  }
  if (xs.length === 0) return null;
  const axis = (a: number[]): [number, number] => {
    a.sort((p, q) => p - q);
    const q = (f: number) => a[Math.min(a.length - 1, Math.max(0, Math.round(f * (a.length - 1))))];
    const lo = a[0], hi = a[a.length - 1], ilo = q(0.02), ihi = q(0.98);
    const inner = Math.max(ihi - ilo, 1e-12);
    const wl = ilo - lo > 3 * inner ? ilo - 0.1 * inner : lo;
    const wh = hi - ihi > 3 * inner ? ihi + 0.1 * inner : hi;
    return wl === wh ? [wl - 0.5, wh + 0.5] : [wl, wh];
  };
  const [x0, x1] = axis(xs);
  const [y0, y1] = axis(ys);
  return { x0, x1, y0, y1 };
}
