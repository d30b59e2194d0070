/**
 * The picture of a map f: R -> R: its graph, and how it stretches intervals (equal input
 * intervals and their images, coloured by the stretch factor |f(b) - f(a)| / (b - a)), the
 * points where f' = 0, and the density N(0, 1) pushed through f.
 *
 * The graph pane draws (x, k f(x)) with a vertical exaggeration k chosen when fitting, so
 * that maps with a large or small range stay readable; labels divide it out again.
 */
import { sampleCurve } from './adaptive';
import type { Model } from './model';
import type { Pane } from './scene';
import { niceLogScale } from './scene';
import { fitView, visibleRect } from './view';
import { normalCdf, normalPdf } from './density';

export interface Scene1DRequest {
  readonly domain: readonly [number, number];
  /** Input intervals for the stretch diagram. */
  readonly lines: number;
  readonly graph: Pane;
  /** Vertical exaggeration of the graph (display y = k f(x)). */
  readonly aspect: number;
  readonly fit?: boolean;
  readonly density: boolean;
}

export interface Scene1D {
  readonly kind: '1d';
  readonly n: 1;
  /** The graph (x, k f(x)) with breaks; in density mode (x, k p_X(x)). */
  readonly graph: Float64Array;
  /** Density mode: (x, k p_Z(x)) for comparison. */
  readonly reference: Float64Array | null;
  readonly graphPane: Pane;
  readonly aspect: number;
  /** Interval ends x_0..x_L and their images. */
  readonly ticks: Float64Array;
  readonly images: Float64Array;
  /** Per interval: |f(b) - f(a)| / (b - a), and the sign of f(b) - f(a). */
  readonly stretch: Float64Array;
  readonly sign: Int8Array;
  /** Points where f' = 0 (folds), in the input, and f there. */
  readonly folds: number[];
  readonly foldValues: number[];
  readonly range: readonly [number, number] | null;
  readonly logDetScale: number;
  readonly detRange: readonly [number, number] | null;
  readonly density: { readonly mass: number; readonly expected: number; readonly top: number } | null;
  readonly warnings: string[];
  readonly stats: { readonly ms: number; readonly evaluations: number };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function computeScene1D(model: Model, req: Scene1DRequest): Scene1D {
  const t0 = now();
  let evaluations = 0;
  const z = new Float64Array(1), fz = new Float64Array(1);
  const f = (x: number) => { z[0] = x; model.f(z, fz); evaluations++; return fz[0]; };
  const d = (x: number) => { z[0] = x; evaluations++; return model.det(z); };
  const [x0, x1] = req.domain;
  const warnings: string[] = [];

  // Range of f on the domain (for fitting), and the derivative's zeros.
  const N = 400;
  let lo = Infinity, hi = -Infinity;
  const folds: number[] = [];
  let prev = d(x0), prevX = x0;
  for (let i = 0; i <= N; i++) {
    const x = x0 + ((x1 - x0) * i) / N;
    const y = f(x);
    if (Number.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
    if (i > 0) {
      const dv = d(x);
      if (Number.isFinite(prev) && Number.isFinite(dv) && ((prev < 0 && dv >= 0) || (prev >= 0 && dv < 0)) && !(prev === 0 && i > 1)) {
        // Bisect to the zero; a pole (|f'| growing) is not a fold.
        let a = prevX, b = x, fa = prev;
        for (let k = 0; k < 50; k++) { const m = 0.5 * (a + b), fm = d(m); if ((fm < 0) === (fa < 0)) { a = m; fa = fm; } else b = m; }
        const at = 0.5 * (a + b);
        if (Math.abs(d(at)) <= 0.5 * Math.max(Math.abs(prev), Math.abs(dv))) folds.push(at);
      }
      prev = dv; prevX = x;
    }
  }
  const foldValues = folds.map(f);
  const range: [number, number] | null = Number.isFinite(lo) ? [lo, hi] : null;
  if (!range) warnings.push('f is not finite anywhere on this domain: nothing to draw.');

  // Density: N(0, 1) on the domain pushed through f, on bins over the range of f.
  let dens: { values: Float64Array; bx0: number; bw: number; mass: number; top: number } | null = null;
  if (req.density && range) {
    const B = 600;
    const bw = Math.max(range[1] - range[0], 1e-9) / B;
    const bx0 = range[0];
    const values = new Float64Array(B);
    const M = 4000;
    let mass = 0;
    let fa = f(x0);
    for (let i = 0; i < M; i++) {
      const a = x0 + ((x1 - x0) * i) / M, b = x0 + ((x1 - x0) * (i + 1)) / M;
      const fb = f(b);
      const dc = d(0.5 * (a + b));
      if (Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(dc) && dc !== 0) {
        const p = normalPdf(0.5 * (a + b)) / Math.abs(dc);
        const ya = Math.min(fa, fb), yb = Math.max(fa, fb);
        mass += p * (yb - ya);
        // Spread p over the bins that [ya, yb] covers, by overlap.
        const ka = Math.floor((ya - bx0) / bw), kb = Math.floor((yb - bx0) / bw);
        for (let k = Math.max(0, ka); k <= Math.min(B - 1, kb); k++) {
          const s = Math.max(ya, bx0 + k * bw), e = Math.min(yb, bx0 + (k + 1) * bw);
          if (e > s) values[k] += (p * (e - s)) / bw;
        }
      }
      fa = fb;
    }
    const sorted = Array.from(values).filter((v) => v > 0).sort((p, q) => p - q);
    dens = { values, bx0, bw, mass, top: sorted.length ? sorted[Math.floor(0.99 * (sorted.length - 1))] : 0 };
  }

  // Fit: the domain across, the range (or the density) up, with a vertical exaggeration k.
  let pane = req.graph, aspect = req.aspect;
  if (req.fit && range) {
    const xlo = dens ? Math.min(range[0], x0) : x0, xhi = dens ? Math.max(range[1], x1) : x1;
    const ylo = dens ? 0 : range[0], yhi = dens ? Math.max(dens.top * 1.15, normalPdf(0) * 1.05) : range[1];
    const w = xhi - xlo, h = Math.max(yhi - ylo, 1e-9);
    // Aim for a graph about as tall, relative to the pane, as it is wide.
    aspect = ((w / h) * pane.height) / pane.width;
    if (Number.isFinite(aspect) && Math.abs(Math.log10(aspect)) < 0.15) aspect = 1; // close to 1: keep true proportions
    const v = fitView({ x0: xlo, x1: xhi, y0: ylo * aspect, y1: yhi * aspect }, pane);
    pane = { ...pane, cx: v.cx, cy: v.cy, scale: v.scale };
  }

  const clip = visibleRect(pane, pane, 40);
  const opts = { scale: pane.scale, clip };
  let graph: Float64Array, reference: Float64Array | null = null;
  if (dens) {
    const { values, bx0, bw } = dens;
    const pts: number[] = [];
    pts.push(bx0, 0);
    for (let k = 0; k < values.length; k++) pts.push(bx0 + k * bw, aspect * values[k], bx0 + (k + 1) * bw, aspect * values[k]);
    pts.push(bx0 + values.length * bw, 0);
    graph = Float64Array.from(pts);
    reference = sampleCurve((t, o) => { o[0] = t; o[1] = aspect * normalPdf(t); }, x0, x1, opts).points;
  } else {
    graph = sampleCurve((t, o) => { o[0] = t; o[1] = aspect * f(t); }, x0, x1, opts).points;
  }

  // The stretch diagram.
  const L = Math.max(1, Math.round(req.lines));
  const ticks = new Float64Array(L + 1), images = new Float64Array(L + 1);
  for (let i = 0; i <= L; i++) { ticks[i] = x0 + ((x1 - x0) * i) / L; images[i] = f(ticks[i]); }
  const stretch = new Float64Array(L), sign = new Int8Array(L);
  const logs: number[] = [];
  let dmin = Infinity, dmax = -Infinity;
  for (let i = 0; i < L; i++) {
    const r = (images[i + 1] - images[i]) / (ticks[i + 1] - ticks[i]);
    stretch[i] = Math.abs(r);
    sign[i] = Number.isFinite(r) ? (Math.sign(r) as -1 | 0 | 1) : 0;
    if (Number.isFinite(r) && r !== 0) { logs.push(Math.abs(Math.log(Math.abs(r)))); dmin = Math.min(dmin, r); dmax = Math.max(dmax, r); }
  }

  return {
    kind: '1d', n: 1, graph, reference, graphPane: pane, aspect, ticks, images, stretch, sign, folds, foldValues, range,
    logDetScale: niceLogScale(logs), detRange: Number.isFinite(dmin) ? [dmin, dmax] : null,
    density: dens ? { mass: dens.mass, expected: normalCdf(x1) - normalCdf(x0), top: dens.top } : null,
    warnings, stats: { ms: now() - t0, evaluations },
  };
}
