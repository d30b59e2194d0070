/**
 * Adaptive sampling of a parametric curve t -> c(t) in the plane, for drawing on screen.
 *
 * Each piece is bisected until its step is at most `maxStepPx` pixels on screen and the
 * curve turns by at most `maxTurnDeg` degrees at the midpoint. The result is a polyline
 * with breaks (NaN, NaN) wherever the curve is not finite or jumps: a piece whose step does
 * not shrink when its parameter interval is halved `maxDepth` times is a jump, and no chord
 * is ever drawn across it. Pieces that lie entirely outside `clip` are not refined (they
 * are not seen), so curves that run off to infinity cost little.
 */

/** A curve: writes c(t) into out[0], out[1] (NaN or ±Infinity where undefined). */
export type Curve = (t: number, out: Float64Array) => void;

export interface Rect { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number }

export interface CurveOptions {
  /** Screen pixels per world unit (the same on both axes). */
  readonly scale: number;
  readonly maxStepPx?: number;
  readonly maxTurnDeg?: number;
  /** Initial pieces, before any bisection. */
  readonly initial?: number;
  /** Bisections of an initial piece, at most. */
  readonly maxDepth?: number;
  /** The visible world rectangle; pieces entirely outside it on one side are not refined. */
  readonly clip?: Rect;
}

/** A polyline with breaks: x, y pairs, a break is (NaN, NaN). `evaluations` counts calls of c. */
export interface Polyline { readonly points: Float64Array; readonly evaluations: number }

export const DEFAULT_STEP_PX = 4;
export const DEFAULT_TURN_DEG = 5;

class Builder {
  private buf = new Float64Array(256);
  private len = 0;
  private broken = true;
  push(x: number, y: number): void {
    if (this.len + 2 > this.buf.length) { const b = new Float64Array(this.buf.length * 2); b.set(this.buf); this.buf = b; }
    this.buf[this.len++] = x;
    this.buf[this.len++] = y;
    this.broken = Number.isNaN(x);
  }
  /** Start a new piece at (x, y), after a break if one is open. */
  start(x: number, y: number): void {
    if (!this.broken) this.push(NaN, NaN);
    this.push(x, y);
  }
  gap(): void { if (!this.broken && this.len > 0) this.push(NaN, NaN); }
  get hasOpenPiece(): boolean { return !this.broken; }
  /** The polyline, without pieces of a single point (nothing to draw) and trailing breaks. */
  result(): Float64Array {
    const b = this.buf, out: number[] = [];
    let i = 0;
    while (i < this.len) {
      let j = i;
      while (j < this.len && !Number.isNaN(b[j])) j += 2;
      if (j - i >= 4) {
        if (out.length) out.push(NaN, NaN);
        for (let k = i; k < j; k++) out.push(b[k]);
      }
      i = j + 2;
    }
    return Float64Array.from(out);
  }
}

const finite = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y);

export function sampleCurve(c: Curve, t0: number, t1: number, opts: CurveOptions): Polyline {
  const scale = opts.scale;
  const maxStep = (opts.maxStepPx ?? DEFAULT_STEP_PX) / scale;
  const maxStep2 = maxStep * maxStep;
  const cosTurn = Math.cos(((opts.maxTurnDeg ?? DEFAULT_TURN_DEG) * Math.PI) / 180);
  const initial = Math.max(1, opts.initial ?? 32);
  const maxDepth = opts.maxDepth ?? 30;
  const clip = opts.clip;
  const out = new Builder();
  const tmp = new Float64Array(2);
  let evaluations = 0;
  const at = (t: number): [number, number] => { c(t, tmp); evaluations++; return [tmp[0], tmp[1]]; };

  /** All three points outside the clip rectangle on the same side: the piece is not seen. */
  const unseen = (ax: number, ay: number, bx: number, by: number, mx: number, my: number) => {
    if (!clip) return false;
    return (ax < clip.x0 && bx < clip.x0 && mx < clip.x0) || (ax > clip.x1 && bx > clip.x1 && mx > clip.x1) ||
      (ay < clip.y0 && by < clip.y0 && my < clip.y0) || (ay > clip.y1 && by > clip.y1 && my > clip.y1);
  };

  // The piece [a, b] with a's point already emitted (when finite); emits everything after a up to b.
  const refine = (a: number, ax: number, ay: number, b: number, bx: number, by: number, depth: number): void => {
    const fa = finite(ax, ay), fb = finite(bx, by);
    if (depth >= maxDepth) {
      if (fa && fb && (bx - ax) ** 2 + (by - ay) ** 2 <= maxStep2 * 4) out.push(bx, by);
      else if (fb) out.start(bx, by);
      else out.gap();
      return;
    }
    const m = 0.5 * (a + b);
    const [mx, my] = at(m);
    const fm = finite(mx, my);
    if (fa && fb && fm) {
      const d1x = mx - ax, d1y = my - ay, d2x = bx - mx, d2y = by - my;
      const l1 = d1x * d1x + d1y * d1y, l2 = d2x * d2x + d2y * d2y;
      if (unseen(ax, ay, bx, by, mx, my) && depth >= 2) { out.push(bx, by); return; }
      const short = l1 <= maxStep2 && l2 <= maxStep2;
      const dot = d1x * d2x + d1y * d2y;
      const straight = l1 === 0 || l2 === 0 || dot >= cosTurn * Math.sqrt(l1 * l2);
      if (short && straight) { out.push(mx, my); out.push(bx, by); return; }
    } else if (!fa && !fb && !fm && depth >= 8) {
      // Undefined across the whole piece, and already small: a gap.
      out.gap();
      return;
    }
    if (!fa && fm && !out.hasOpenPiece) {
      // Coming out of a gap: find where the curve becomes finite, from the left half.
      refineFromGap(a, m, mx, my, depth + 1);
    } else {
      refine(a, ax, ay, m, mx, my, depth + 1);
    }
    refine(m, mx, my, b, bx, by, depth + 1);
  };

  // [a, m] where a is not finite and m is: locate the first finite point, start a piece there.
  const refineFromGap = (a: number, m: number, mx: number, my: number, depth: number): void => {
    let lo = a, hi = m, hx = mx, hy = my;
    for (let d = depth; d < maxDepth; d++) {
      const t = 0.5 * (lo + hi);
      const [x, y] = at(t);
      if (finite(x, y)) { hi = t; hx = x; hy = y; } else lo = t;
    }
    out.start(hx, hy);
    refine(hi, hx, hy, m, mx, my, depth);
  };

  let [px, py] = at(t0);
  if (finite(px, py)) out.start(px, py);
  for (let i = 1; i <= initial; i++) {
    const a = t0 + ((t1 - t0) * (i - 1)) / initial;
    const b = i === initial ? t1 : t0 + ((t1 - t0) * i) / initial;
    const [qx, qy] = at(b);
    if (!finite(px, py) && finite(qx, qy)) {
      // The piece starts undefined: probe for where it becomes finite.
      const mid = 0.5 * (a + b);
      const [mx, my] = at(mid);
      if (finite(mx, my)) { refineFromGap(a, mid, mx, my, 1); refine(mid, mx, my, b, qx, qy, 1); }
      else { refineFromGap(mid, b, qx, qy, 1); }
    } else {
      refine(a, px, py, b, qx, qy, 0);
    }
    px = qx; py = qy;
  }
  return { points: out.result(), evaluations };
}

/** The pieces of a polyline with breaks, as [start, end) index pairs into point indices. */
export function pieces(points: Float64Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = points.length / 2;
  let s = -1;
  for (let i = 0; i < n; i++) {
    const ok = !Number.isNaN(points[2 * i]);
    if (ok && s < 0) s = i;
    if (!ok && s >= 0) { out.push([s, i]); s = -1; }
  }
  if (s >= 0) out.push([s, n]);
  return out;
}
