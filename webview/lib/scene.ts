/**
 * The picture of a map f: R^n -> R^n (n >= 2), computed as plain data (no DOM), in the
 * worker: images of grid lines, cells coloured by log|det J|, the fold det J = 0, local
 * ellipses, and the pushed-forward density.
 *
 * For n > 2 the picture is a slice: two input coordinates vary (`vary`), the others are
 * fixed at `base`, and the image is projected to the screen plane by the 2 × n matrix
 * `projection`. Colours always use the full n × n det J (n-dimensional volume).
 */
import type { Rect } from './adaptive';
import { sampleCurve } from './adaptive';
import { sampleLattice, zeroSegments } from './contour';
import type { Model } from './model';
import { Size, View, fitView, robustBounds, visibleRect } from './view';
import { normalMassOfBox, rasterizeTriangle } from './density';

export interface Pane extends View, Size {}

export interface SceneRequest {
  readonly domain: ReadonlyArray<readonly [number, number]>;
  /** The two input coordinates that vary. */
  readonly vary: readonly [number, number];
  /** A point of the domain: the fixed coordinates of the slice. */
  readonly base: readonly number[];
  /** 2 × n: output point -> screen-plane world coordinates. */
  readonly projection: ReadonlyArray<readonly number[]>;
  /** Grid intervals per axis (lines - 1). */
  readonly lines: number;
  /** Colour cells per axis. */
  readonly cells: number;
  /** Local ellipses per axis (0: none). */
  readonly ellipses: number;
  readonly input: Pane;
  readonly output: Pane;
  /** Compute the density picture. */
  readonly density: boolean;
  /** The base density pushed through f: N(0, I) (default) or uniform on the domain. */
  readonly baseDensity?: BaseDensity;
  /**
   * Fit the views first (the views in `input` and `output` are then ignored): the input
   * pane to the domain, the output pane to the image; with `linkScales`, both at the
   * smaller of the two scales, so that lengths compare across the panes.
   */
  readonly fit?: boolean;
  readonly linkScales?: boolean;
  /** Fit the output view to the input grid (embedded in the output plane) as well as to the image. */
  readonly fitInputToo?: boolean;
  /** Adaptive sampling tolerances. */
  readonly maxStepPx?: number;
  readonly maxTurnDeg?: number;
}

export interface GridLine {
  /** 0: the first varying coordinate is constant along the line (u = at); 1: the second. */
  readonly family: 0 | 1;
  readonly at: number;
  /** Image in screen-plane world coordinates, with (NaN, NaN) breaks. */
  readonly points: Float64Array;
}

export interface Cells {
  readonly nu: number;
  readonly nv: number;
  /** log|det J| at each cell's centre (row by row, v outer); NaN where undefined. */
  readonly logDet: Float64Array;
  /** sign of det J at each centre: -1, 0, 1 (0 also where undefined). */
  readonly sign: Int8Array;
  /** The image of each cell's boundary (x, y pairs), or null where it is broken (jumps, NaN). */
  readonly polys: Array<Float64Array | null>;
  /** Drawing order (far to near) when the projection has depth; null: any order. */
  readonly order: Int32Array | null;
  /** log p_X at the image of each centre (density view, n > 2 only). */
  readonly logDensity: Float64Array | null;
}

export interface Ellipse {
  /** Centre in the input plane and the circle's radius there. */
  readonly u: number; readonly v: number; readonly r: number;
  /** Image centre, and the 2 × 2 matrix (row-major) taking the unit circle to the ellipse. */
  readonly cx: number; readonly cy: number;
  readonly m: readonly [number, number, number, number];
}

export type BaseDensity = 'normal' | 'uniform';

export interface Density {
  /** The base density that was pushed forward. */
  readonly base: BaseDensity;
  /** An estimate of the quadrature error of `mass`: its difference from the same sum on a mesh twice as coarse. */
  readonly error: number;
  /** The view and pane size the raster was computed for. */
  readonly pane: Pane;
  readonly width: number;
  readonly height: number;
  /** p_X per raster pixel (row by row from the top). */
  readonly data: Float32Array;
  /** ∫ p_X dx over the image of the domain, numerically (each preimage counted). */
  readonly mass: number;
  /** The base density's mass on the domain (N(0, I): of the box; uniform: 1): what `mass` should be. */
  readonly expected: number;
  /** A high percentile of p_X on screen: the top of the colour scale. */
  readonly top: number;
  /** Input cells left out (image not finite or broken by a jump). */
  readonly skipped: number;
  readonly total: number;
}

export interface Scene {
  readonly kind: 'nd';
  readonly n: number;
  readonly vary: readonly [number, number];
  readonly rect: Rect;
  readonly lines: GridLine[];
  /** The input grid embedded in the output plane (for n = 2: the grid itself), as segments x0, y0, x1, y1. */
  readonly inputGrid: Float64Array;
  readonly cells: Cells;
  /** det J = 0: segments in the input plane, polylines (with breaks) in the output plane. */
  readonly fold: { readonly input: Float64Array; readonly output: Float64Array[] };
  readonly ellipses: Ellipse[];
  /** A robust bounding box of the image, for fitting the view. */
  readonly bounds: Rect | null;
  /** The diverging scale's half range L: log|det J| in [-L, L]. */
  readonly logDetScale: number;
  /** Smallest and largest det J seen on the cells (finite ones): the det J the colours show. */
  readonly detRange: readonly [number, number] | null;
  /** A flow's step (flow.ts): det J on the cells of the last applied layer alone and of the layers so far. */
  readonly flowRanges?: { readonly layer: readonly [number, number] | null; readonly total: readonly [number, number] | null };
  readonly density: Density | null;
  /** The views the scene was computed for (the fitted ones when asked to fit). */
  readonly input: Pane;
  readonly output: Pane;
  readonly warnings: string[];
  readonly stats: { readonly ms: number; readonly evaluations: number };
}

const rangeOf = ([a, b]: number[]): readonly [number, number] | null => (a <= b ? [a, b] : null);

/** Scale half-ranges: det J factors 1.25, 1.5, 2, 3, 4, 8, 16, ... as logs. */
const NICE_FACTORS = [1.25, 1.5, 2, 3, 4, 8, 16, 32, 100, 1000, 1e6];

export function niceLogScale(absLogs: number[]): number {
  if (absLogs.length === 0) return Math.log(2);
  absLogs.sort((a, b) => a - b);
  const q = absLogs[Math.min(absLogs.length - 1, Math.floor(0.95 * (absLogs.length - 1)))];
  const f = NICE_FACTORS.find((x) => Math.log(x) >= q - 1e-9) ?? NICE_FACTORS[NICE_FACTORS.length - 1];
  return Math.log(f);
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function computeScene(model: Model, req: SceneRequest): Scene {
  const t0 = now();
  const n = model.n;
  const [iu, iv] = req.vary;
  const [u0, u1] = req.domain[iu];
  const [v0, v1] = req.domain[iv];
  const P = req.projection;
  const z = Float64Array.from(req.base);
  const fz = new Float64Array(n);
  const Jz = new Float64Array(n * n);
  let evaluations = 0;
  const warnings: string[] = [];

  const setZ = (u: number, v: number) => { z[iu] = u; z[iv] = v; };
  const tmp = new Float64Array(2);
  /** f at (u, v), projected, into out[0..2). */
  const image = (u: number, v: number, out: Float64Array) => {
    setZ(u, v);
    model.f(z, fz);
    evaluations++;
    let x = 0, y = 0;
    for (let k = 0; k < n; k++) { x += P[0][k] * fz[k]; y += P[1][k] * fz[k]; }
    out[0] = x; out[1] = y;
  };
  const detAt = (u: number, v: number) => { setZ(u, v); evaluations++; return model.det(z); };
  const layerDet = model.lastLayerDet ? model.lastLayerDet.bind(model) : null;
  /** P · J[:, vary] at (u, v): the 2 × 2 linear map of the slice plane to the screen plane. */
  const planeJ = (u: number, v: number): [number, number, number, number] => {
    setZ(u, v);
    model.J(z, Jz);
    evaluations++;
    let a = 0, b = 0, c = 0, d = 0;
    for (let k = 0; k < n; k++) {
      a += P[0][k] * Jz[k * n + iu]; b += P[0][k] * Jz[k * n + iv];
      c += P[1][k] * Jz[k * n + iu]; d += P[1][k] * Jz[k * n + iv];
    }
    return [a, b, c, d];
  };
  // The depth axis of the projection (for n = 3: P's rows' cross product), for drawing order.
  const depthAxis = n === 3 ? [
    P[0][1] * P[1][2] - P[0][2] * P[1][1], P[0][2] * P[1][0] - P[0][0] * P[1][2], P[0][0] * P[1][1] - P[0][1] * P[1][0],
  ] : null;
  const hasDepth = !!depthAxis && !(Math.abs(depthAxis[0]) + Math.abs(depthAxis[1]) + Math.abs(depthAxis[2]) < 1e-12 ||
    P.every((row) => row.filter((x) => x !== 0).length === 1));

  // --- bounds of the image, for fitting ---
  const B = 40;
  const pts = new Float64Array(2 * (B + 1) * (B + 1));
  for (let j = 0; j <= B; j++) for (let i = 0; i <= B; i++) {
    image(u0 + ((u1 - u0) * i) / B, v0 + ((v1 - v0) * j) / B, tmp);
    pts[2 * (j * (B + 1) + i)] = tmp[0]; pts[2 * (j * (B + 1) + i) + 1] = tmp[1];
  }
  const bounds = robustBounds(pts);
  if (!bounds) warnings.push('f is not finite anywhere on this domain: nothing to draw.');

  let out: Pane = req.output, inp: Pane = req.input;
  if (req.fit) {
    let b = bounds;
    if (b && req.fitInputToo) {
      for (const [u, v] of [[u0, v0], [u1, v0], [u0, v1], [u1, v1]]) {
        setZ(u, v);
        let x = 0, y = 0;
        for (let k = 0; k < n; k++) { x += P[0][k] * z[k]; y += P[1][k] * z[k]; }
        b = { x0: Math.min(b.x0, x), x1: Math.max(b.x1, x), y0: Math.min(b.y0, y), y1: Math.max(b.y1, y) };
      }
    }
    const ov = b ? fitView(b, req.output) : req.output;
    const iv = fitView({ x0: u0, x1: u1, y0: v0, y1: v1 }, req.input);
    // One scale for both panes, unless it would shrink one of them to a speck (a factor
    // over 3): then each pane is fitted on its own, and the input pane says so.
    const link = !!req.linkScales && Math.max(ov.scale, iv.scale) / Math.min(ov.scale, iv.scale) <= 3;
    const s = Math.min(ov.scale, iv.scale);
    out = { ...req.output, cx: ov.cx, cy: ov.cy, scale: link ? s : ov.scale };
    inp = { ...req.input, cx: iv.cx, cy: iv.cy, scale: link ? s : iv.scale };
  }
  const clip = visibleRect(out, out, 40);
  const curveOpts = { scale: out.scale, clip, maxStepPx: req.maxStepPx, maxTurnDeg: req.maxTurnDeg };

  // --- grid lines ---
  const L = Math.max(1, Math.round(req.lines));
  const lines: GridLine[] = [];
  for (let i = 0; i <= L; i++) {
    const u = u0 + ((u1 - u0) * i) / L;
    const r = sampleCurve((t, o) => image(u, t, o), v0, v1, curveOpts);
    lines.push({ family: 0, at: u, points: r.points });
  }
  for (let j = 0; j <= L; j++) {
    const v = v0 + ((v1 - v0) * j) / L;
    const r = sampleCurve((t, o) => image(t, v, o), u0, u1, curveOpts);
    lines.push({ family: 1, at: v, points: r.points });
  }

  // --- the input grid in the output plane: P applied to the slice's points ---
  const embed = (u: number, v: number): [number, number] => {
    setZ(u, v);
    let x = 0, y = 0;
    for (let k = 0; k < n; k++) { x += P[0][k] * z[k]; y += P[1][k] * z[k]; }
    return [x, y];
  };
  const inputGrid: number[] = [];
  for (let i = 0; i <= L; i++) {
    const u = u0 + ((u1 - u0) * i) / L;
    inputGrid.push(...embed(u, v0), ...embed(u, v1));
    const v = v0 + ((v1 - v0) * i) / L;
    inputGrid.push(...embed(u0, v), ...embed(u1, v));
  }

  // --- cells ---
  const C = Math.max(1, Math.round(req.cells));
  const nu = C, nv = C;
  const du = (u1 - u0) / nu, dv = (v1 - v0) / nv;
  const logDet = new Float64Array(nu * nv);
  const sign = new Int8Array(nu * nv);
  const polys: Array<Float64Array | null> = [];
  const depth = hasDepth ? new Float64Array(nu * nv) : null;
  const logDensity = req.density && n > 2 ? new Float64Array(nu * nv) : null;
  const SIDE = 4;
  const absLogs: number[] = [];
  let dmin = Infinity, dmax = -Infinity, broken = 0;
  const ranges = { layer: [Infinity, -Infinity], total: [Infinity, -Infinity] };
  const widen = (r: number[], v: number) => { if (Number.isFinite(v)) { r[0] = Math.min(r[0], v); r[1] = Math.max(r[1], v); } };
  for (let j = 0; j < nv; j++) {
    for (let i = 0; i < nu; i++) {
      const k = j * nu + i;
      const ua = u0 + i * du, va = v0 + j * dv;
      const uc = ua + du / 2, vc = va + dv / 2;
      const d = detAt(uc, vc);
      if (depth) {
        let s = 0;
        for (let q = 0; q < n; q++) s += depthAxis![q] * fz[q];
        depth[k] = s;
      }
      if (logDensity) {
        let r2 = 0;
        for (let q = 0; q < n; q++) r2 += z[q] * z[q];
        logDensity[k] = -0.5 * r2 - 0.5 * n * Math.log(2 * Math.PI) - Math.log(Math.abs(d));
      }
      // the colours: f's det J, or a flow's last layer's alone when the model says so
      const ld = layerDet ? (evaluations++, layerDet(z)) : NaN;
      if (layerDet) { widen(ranges.layer, ld); widen(ranges.total, d); }
      const dc = layerDet && model.colourByLayer ? ld : d;
      logDet[k] = Number.isFinite(dc) && dc !== 0 ? Math.log(Math.abs(dc)) : dc === 0 ? -Infinity : NaN;
      sign[k] = Number.isFinite(dc) ? (Math.sign(dc) as -1 | 0 | 1) : 0;
      if (Number.isFinite(dc) && dc !== 0) { absLogs.push(Math.abs(logDet[k])); dmin = Math.min(dmin, dc); dmax = Math.max(dmax, dc); }
      // The image of the boundary, counter-clockwise from (ua, va).
      const poly = new Float64Array(8 * SIDE);
      const [a, b, c, e] = planeJ(uc, vc);
      const norm = Math.max(Math.hypot(a, c) * du, Math.hypot(b, e) * dv) / SIDE;
      const maxChord = 6 * norm + 6 / out.scale;
      let ok = Number.isFinite(norm);
      let px = NaN, py = NaN;
      for (let s = 0; s < 4 * SIDE && ok; s++) {
        const side = Math.floor(s / SIDE), f = (s % SIDE) / SIDE;
        const [u, v] = side === 0 ? [ua + f * du, va] : side === 1 ? [ua + du, va + f * dv] : side === 2 ? [ua + du - f * du, va + dv] : [ua, va + dv - f * dv];
        image(u, v, tmp);
        if (!Number.isFinite(tmp[0]) || !Number.isFinite(tmp[1])) { ok = false; break; }
        if (s > 0 && Math.hypot(tmp[0] - px, tmp[1] - py) > maxChord) ok = false;
        px = tmp[0]; py = tmp[1];
        poly[2 * s] = px; poly[2 * s + 1] = py;
      }
      if (ok && Math.hypot(poly[0] - px, poly[1] - py) > maxChord) ok = false;
      if (!ok) broken++;
      polys.push(ok ? poly : null);
    }
  }
  let order: Int32Array | null = null;
  if (depth) {
    const idx = Array.from({ length: nu * nv }, (_, k) => k);
    idx.sort((p, q) => depth[p] - depth[q]);
    order = Int32Array.from(idx);
  }
  if (broken > 0) warnings.push(`${broken} of ${nu * nv} cells have no finite, unbroken image (poles, jumps or points outside f's domain) and are left blank.`);

  // --- the fold det J = 0 ---
  const FOLD = Math.min(160, Math.max(48, 3 * C));
  const lattice = sampleLattice(detAt, FOLD, FOLD, u0, u1, v0, v1);
  evaluations += (FOLD + 1) * (FOLD + 1);
  const foldIn = zeroSegments(lattice, detAt);
  const foldOut: Float64Array[] = [];
  for (let s = 0; s + 3 < foldIn.length; s += 4) {
    const ax = foldIn[s], ay = foldIn[s + 1], bx = foldIn[s + 2], by = foldIn[s + 3];
    const r = sampleCurve((t, o) => image(ax + t * (bx - ax), ay + t * (by - ay), o), 0, 1, { ...curveOpts, initial: 1, maxDepth: 12 });
    foldOut.push(r.points);
  }

  // --- local ellipses: the image of a small circle under J ---
  const ellipses: Ellipse[] = [];
  const E = Math.max(0, Math.round(req.ellipses));
  if (E > 0) {
    const eu = (u1 - u0) / E, ev = (v1 - v0) / E;
    const r = 0.3 * Math.min(eu, ev);
    for (let j = 0; j < E; j++) {
      for (let i = 0; i < E; i++) {
        const u = u0 + (i + 0.5) * eu, v = v0 + (j + 0.5) * ev;
        image(u, v, tmp);
        const m = planeJ(u, v);
        if (![tmp[0], tmp[1], ...m].every(Number.isFinite)) continue;
        ellipses.push({ u, v, r, cx: tmp[0], cy: tmp[1], m: [m[0] * r, m[1] * r, m[2] * r, m[3] * r] });
      }
    }
  }

  // --- density: N(0, I) pushed through f (n = 2) ---
  let density: Density | null = null;
  if (req.density && n === 2) {
    const r = pushForward(image, detAt, [u0, u1], [v0, v1], out, req.baseDensity ?? 'normal');
    evaluations += r.evaluations;
    density = r.density;
  }

  return {
    kind: 'nd', n, vary: req.vary, rect: { x0: u0, x1: u1, y0: v0, y1: v1 },
    lines, inputGrid: Float64Array.from(inputGrid),
    cells: { nu, nv, logDet, sign, polys, order, logDensity },
    fold: { input: foldIn, output: foldOut }, ellipses, bounds,
    logDetScale: niceLogScale(absLogs),
    detRange: Number.isFinite(dmin) ? [dmin, dmax] : null,
    ...(layerDet ? { flowRanges: { layer: rangeOf(ranges.layer), total: rangeOf(ranges.total) } } : {}),
    density, input: inp, output: out, warnings,
    stats: { ms: now() - t0, evaluations },
  };
}

/**
 * p_X = p_Z / |det J| on a raster of the output pane, for Z ~ N(0, I) restricted to the
 * domain [u0, u1] × [v0, v1] (or uniform on it): each small input cell's image (two triangles
 * through the images of its corners) is filled with p_Z(z) / |det J(z)| at the cell's centre;
 * images that overlap (a fold) add up, as preimages do. The mass is the sum over all triangles
 * of p_X × area, wherever they fall, so it checks det J against the areas f actually makes;
 * the same sum on a mesh twice as coarse estimates its quadrature error.
 */
function pushForward(
  image: (u: number, v: number, out: Float64Array) => void, detAt: (u: number, v: number) => number,
  [u0, u1]: readonly [number, number], [v0, v1]: readonly [number, number], pane: Pane, base: BaseDensity,
): { density: Density; evaluations: number } {
  const M = 160;
  const RS = 1; // raster pixels per screen pixel
  const W = Math.max(1, Math.round(pane.width * RS)), H = Math.max(1, Math.round(pane.height * RS));
  const data = new Float32Array(W * H);
  const xs = new Float64Array((M + 1) * (M + 1)), ys = new Float64Array((M + 1) * (M + 1));
  const tmp = new Float64Array(2);
  let evaluations = 0;
  const du = (u1 - u0) / M, dv = (v1 - v0) / M;
  for (let j = 0; j <= M; j++) for (let i = 0; i <= M; i++) {
    image(u0 + i * du, v0 + j * dv, tmp);
    xs[j * (M + 1) + i] = tmp[0]; ys[j * (M + 1) + i] = tmp[1];
    evaluations++;
  }
  // World -> raster pixel coordinates.
  const sx = pane.scale * RS;
  const ox = W / 2 - pane.cx * sx, oy = H / 2 + pane.cy * sx;
  const pixelArea = 1 / (sx * sx);
  let mass = 0, skipped = 0;
  const norm = 1 / (2 * Math.PI);
  const pZ = base === 'uniform' ? () => 1 / ((u1 - u0) * (v1 - v0)) : (u: number, v: number) => norm * Math.exp(-0.5 * (u * u + v * v));
  const triangleArea = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / 2;
  /** The cell [i, i + s) × [j, j + s) of the mesh: p_X and its corners' images, or null when it is skipped. */
  const cell = (i: number, j: number, s: number) => {
    const uc = u0 + (i + s / 2) * du, vc = v0 + (j + s / 2) * dv;
    const d = detAt(uc, vc);
    evaluations++;
    const k00 = j * (M + 1) + i, k10 = k00 + s, k01 = k00 + s * (M + 1), k11 = k01 + s;
    const X = [xs[k00], xs[k10], xs[k11], xs[k01]], Y = [ys[k00], ys[k10], ys[k11], ys[k01]];
    if (!(Number.isFinite(d) && d !== 0) || !X.every(Number.isFinite) || !Y.every(Number.isFinite)) return null;
    // A cell whose image is far larger than |det J| says is broken by a jump: skip it.
    const area = Math.abs(0.5 * ((X[2] - X[0]) * (Y[3] - Y[1]) - (X[3] - X[1]) * (Y[2] - Y[0])));
    if (area > 25 * Math.abs(d) * s * s * du * dv + 4 * pixelArea) return null;
    return { p: pZ(uc, vc) / Math.abs(d), X, Y };
  };
  for (let j = 0; j < M; j++) for (let i = 0; i < M; i++) {
    const c = cell(i, j, 1);
    if (!c) { skipped++; continue; }
    const { p, X, Y } = c;
    for (const [a, b, k] of [[0, 1, 2], [0, 2, 3]]) {
      mass += p * rasterizeTriangle(data, W, H, ox + X[a] * sx, oy - Y[a] * sx, ox + X[b] * sx, oy - Y[b] * sx, ox + X[k] * sx, oy - Y[k] * sx, p) * pixelArea;
    }
  }
  // the same sum on the mesh twice as coarse (its corners are every other point of this one)
  let coarse = 0;
  for (let j = 0; j < M; j += 2) for (let i = 0; i < M; i += 2) {
    const c = cell(i, j, 2);
    if (!c) continue;
    const { p, X, Y } = c;
    coarse += p * (triangleArea(X[0], Y[0], X[1], Y[1], X[2], Y[2]) + triangleArea(X[0], Y[0], X[2], Y[2], X[3], Y[3]));
  }
  const vals: number[] = [];
  for (let k = 0; k < data.length; k++) if (data[k] > 0) vals.push(data[k]);
  vals.sort((a, b) => a - b);
  const top = vals.length ? vals[Math.floor(0.99 * (vals.length - 1))] : 0;
  return {
    density: {
      base, error: Math.abs(mass - coarse), pane, width: W, height: H, data, mass,
      expected: base === 'uniform' ? 1 : normalMassOfBox([[u0, u1], [v0, v1]]), top, skipped, total: M * M,
    },
    evaluations,
  };
}
