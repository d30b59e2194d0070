/**
 * The picture of a vector field dz/dt = f(z) (a report of kind "field"): arrows on a lattice
 * over the visible part of the plane, each pointing along f and coloured by the divergence
 * tr J there (the rate at which the flow changes volume: contraction in one hue, expansion in
 * the other, 0 neutral), lengths scaled so that the longest fits its cell. For n > 2 the
 * plane is a slice (two coordinates vary, the others are fixed at `base`), the arrows show the
 * two varying components of f, the colour the full n-dimensional divergence.
 */
import { RGB, mix } from './colour';
import type { Model } from './model';
import type { Pane } from './scene';
import { Surface } from './surface';
import { View, fitView, formatNumber, toScreenX, toScreenY, visibleRect } from './view';
import { Layout, PaneBox, RenderInput, axes, drawPanes, title } from './render';

export interface FieldRequest {
  readonly domain: ReadonlyArray<readonly [number, number]>;
  readonly vary: readonly [number, number];
  readonly base: readonly number[];
  /** Arrows along the shorter side of the pane. */
  readonly arrows: number;
  readonly pane: Pane;
  /** Fit the view to the domain first (the pane's view is then ignored). */
  readonly fit?: boolean;
}

export interface FieldScene {
  readonly kind: 'field';
  /** The one pane's view (input and output are the same plane). */
  readonly input: Pane;
  readonly output: Pane;
  /** Per arrow: the point (x, y) and the field's varying components there (fx, fy). */
  readonly arrows: Float64Array;
  /** tr J at each arrow's point; NaN where f or J is not finite. */
  readonly divergence: Float64Array;
  /** The largest |(fx, fy)| among the arrows (0: the field vanishes there). */
  readonly maxNorm: number;
  /** World distance between neighbouring arrows. */
  readonly spacing: number;
  /** Smallest and largest divergence over the arrows (null: none finite). */
  readonly divRange: readonly [number, number] | null;
  /** Half range of the colour scale: a nice number at or above the largest |tr J|. */
  readonly divScale: number;
  /** Fields have no det J and no pushed density; kept for the panel's shared code. */
  readonly detRange: null;
  readonly density: null;
  readonly warnings: string[];
  readonly stats: { readonly ms: number; readonly evaluations: number };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The smallest of 1, 1.5, 2, 3, 4, 6, 8 × 10^k at or above x (x > 0). */
export function niceAbove(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.5, 2, 3, 4, 6, 8, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

export function computeField(model: Model, req: FieldRequest): FieldScene {
  const t0 = now();
  const n = model.n;
  const [a, b] = req.vary;
  const view: View = req.fit
    ? fitView({ x0: req.domain[a][0], x1: req.domain[a][1], y0: req.domain[b][0], y1: req.domain[b][1] }, req.pane)
    : req.pane;
  const r = visibleRect(view, req.pane);
  const k = Math.max(2, Math.min(60, Math.round(req.arrows)));
  const spacing = Math.min(r.x1 - r.x0, r.y1 - r.y0) / k;
  // the lattice is anchored at multiples of the spacing, so arrows stay put while panning
  const i0 = Math.ceil(r.x0 / spacing - 0.5), i1 = Math.floor(r.x1 / spacing - 0.5);
  const j0 = Math.ceil(r.y0 / spacing - 0.5), j1 = Math.floor(r.y1 / spacing - 0.5);
  const count = Math.max(0, i1 - i0 + 1) * Math.max(0, j1 - j0 + 1);
  const arrows = new Float64Array(4 * count), divergence = new Float64Array(count);
  const z = Float64Array.from({ length: n }, (_, i) => req.base[i] ?? 0);
  const fz = new Float64Array(n), J = new Float64Array(n * n);
  let m = 0, maxNorm = 0, lo = Infinity, hi = -Infinity;
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const x = (i + 0.5) * spacing, y = (j + 0.5) * spacing;
      z[a] = x; z[b] = y;
      model.f(z, fz);
      model.J(z, J);
      let tr = 0;
      for (let d = 0; d < n; d++) tr += J[d * n + d];
      const fx = fz[a], fy = fz[b];
      const ok = Number.isFinite(fx) && Number.isFinite(fy);
      arrows[4 * m] = x; arrows[4 * m + 1] = y;
      arrows[4 * m + 2] = ok ? fx : NaN; arrows[4 * m + 3] = ok ? fy : NaN;
      divergence[m] = ok && Number.isFinite(tr) ? tr : NaN;
      if (ok) maxNorm = Math.max(maxNorm, Math.hypot(fx, fy));
      if (Number.isFinite(divergence[m])) { lo = Math.min(lo, tr); hi = Math.max(hi, tr); }
      m++;
    }
  }
  const divRange: [number, number] | null = lo <= hi ? [lo, hi] : null;
  const pane = { ...view, width: req.pane.width, height: req.pane.height };
  return {
    kind: 'field', input: pane, output: pane, arrows, divergence, maxNorm, spacing, divRange,
    divScale: niceAbove(divRange ? Math.max(Math.abs(lo), Math.abs(hi)) : 1),
    detRange: null, density: null,
    warnings: divRange ? [] : ['f or J is not finite anywhere in view: nothing to draw.'],
    stats: { ms: now() - t0, evaluations: count },
  };
}

/** An arrow's colour: neutral at tr J = 0, towards contraction (< 0) or expansion (> 0), full at |tr J| >= L. */
export function divergenceColour(p: RenderInput['palette'], div: number, L: number): RGB {
  if (!Number.isFinite(div)) return p.muted;
  const t = Math.min(1, Math.abs(div) / L);
  return mix(p.foreground, div < 0 ? p.contraction : p.expansion, Math.sqrt(t));
}

/** An arrow from (x, y) to (x + dx, y + dy) in screen coordinates: the shaft and a head. */
export function arrowPoints(x: number, y: number, dx: number, dy: number): number[] {
  const len = Math.hypot(dx, dy);
  if (len < 0.5) return [x - 1, y, x + 1, y, NaN, NaN, x, y - 1, x, y + 1];
  const h = Math.min(6, 0.35 * len), ux = dx / len, uy = dy / len;
  const ex = x + dx, ey = y + dy;
  return [x, y, ex, ey, NaN, NaN, ex - h * (ux - 0.5 * uy), ey - h * (uy + 0.5 * ux), ex, ey, ex - h * (ux + 0.5 * uy), ey - h * (uy - 0.5 * ux)];
}

function drawFieldPane(s: Surface, scene: FieldScene, r: RenderInput, box: PaneBox): void {
  const p = r.palette, v = r.output;
  if (r.overlays.axes) axes(s, v, box, p, r.inputAxes);
  // the longest arrow is 0.9 of the lattice spacing on screen
  const unit = scene.maxNorm > 0 ? (0.9 * scene.spacing * v.scale) / scene.maxNorm : 0;
  const a = scene.arrows;
  for (let m = 0; m < scene.divergence.length; m++) {
    const fx = a[4 * m + 2], fy = a[4 * m + 3];
    if (!Number.isFinite(fx) || !Number.isFinite(fy)) continue;
    const sx = box.x + toScreenX(v, box, a[4 * m]) - (fx * unit) / 2, sy = box.y + toScreenY(v, box, a[4 * m + 1]) + (fy * unit) / 2;
    s.path(arrowPoints(sx, sy, fx * unit, -fy * unit), { stroke: { colour: divergenceColour(p, scene.divergence[m], scene.divScale), width: p.highContrast ? 2 : 1.4 } });
  }
  title(s, box, p, `the field ${r.mapName ?? 'f'}${r.sliceNote ? ` (${r.sliceNote})` : ''}: arrows along f, coloured by tr J`);
}

/** Draw the whole picture of a field: the pane and the legend of the divergence scale. */
export function renderField(s: Surface, scene: FieldScene, r: RenderInput, lay: Layout): void {
  drawPanes(s, r.palette, lay, (box) => drawFieldPane(s, scene, r, box));
  const p = r.palette, box = lay.legend, L = scene.divScale;
  const text = { colour: p.foreground, size: 10 };
  const bx = box.x + 22, by = box.y + 10, bw = Math.min(230, box.width * 0.38), bh = 12;
  const stops: RGB[] = [];
  for (let i = 0; i <= 16; i++) stops.push(divergenceColour(p, ((i - 8) / 8) * L, L));
  s.gradient(bx, by, bw, bh, stops);
  s.rect(bx, by, bw, bh, undefined, { colour: p.foreground, alpha: 0.4, width: 1 });
  for (const [t, label] of [[0, formatNumber(-L, 3)], [0.5, '0'], [1, formatNumber(L, 3)]] as const) {
    const x = bx + t * bw;
    s.path([x, by + bh, x, by + bh + 3], { stroke: { colour: p.foreground, width: 1 } });
    s.text(label, x, by + bh + 4, { ...text, align: 'center', baseline: 'top' });
  }
  s.text('tr J (divergence): volume shrinks ← → grows', bx, by + bh + 18, { ...text, baseline: 'top' });
  const range = scene.divRange;
  const note = !range ? 'tr J is not finite here'
    : range[0] === 0 && range[1] === 0 ? 'tr J = 0 on the arrows: the flow keeps volume'
      : `tr J on the arrows: ${formatNumber(range[0], 3)} … ${formatNumber(range[1], 3)}; d log p/dt = -tr J`;
  s.text(note, bx + bw + 18, by + 6, { ...text, baseline: 'middle' });
}
