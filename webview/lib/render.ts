/**
 * Drawing a scene onto a Surface (canvas or SVG), in screen coordinates. Pure: the same
 * call draws the panel and its exported SVG.
 */
import { Palette, RGB, densityColour, factorLabel, mix, volumeColour } from './colour';
import type { Scene } from './scene';
import type { Scene1D } from './scene1d';
import { Surface, Stroke, clipPolyline } from './surface';
import { Size, View, formatNumber, niceTicks, toScreenX, toScreenY, visibleRect } from './view';

export interface Overlays {
  grid: boolean;
  inputGrid: boolean;
  cells: boolean;
  fold: boolean;
  flips: boolean;
  ellipses: boolean;
  axes: boolean;
}

export const DEFAULT_OVERLAYS: Overlays = { grid: true, inputGrid: true, cells: true, fold: true, flips: true, ellipses: true, axes: true };

export type Mode = 'overlay' | 'side';
export type PictureKind = 'volume' | 'density';

export interface Rect { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
export type PaneKind = 'input' | 'output' | 'graph' | 'stretch';
export interface PaneBox extends Rect { readonly kind: PaneKind }
export interface Layout { readonly panes: PaneBox[]; readonly legend: Rect; readonly width: number; readonly height: number }

export const LEGEND_HEIGHT = 58;
const GAP = 8;

export function layout(width: number, height: number, mode: Mode, n: number): Layout {
  const h = Math.max(60, height - LEGEND_HEIGHT);
  const legend = { x: 0, y: h, width, height: LEGEND_HEIGHT };
  if (n === 1) {
    const gh = Math.round(h * 0.64);
    return { width, height, legend, panes: [{ kind: 'graph', x: 0, y: 0, width, height: gh }, { kind: 'stretch', x: 0, y: gh + GAP, width, height: h - gh - GAP }] };
  }
  if (mode === 'side') {
    const w = Math.floor((width - GAP) / 2);
    return { width, height, legend, panes: [{ kind: 'input', x: 0, y: 0, width: w, height: h }, { kind: 'output', x: w + GAP, y: 0, width: width - w - GAP, height: h }] };
  }
  return { width, height, legend, panes: [{ kind: 'output', x: 0, y: 0, width, height: h }] };
}

export interface Mark { readonly label: string; readonly input: readonly [number, number]; readonly output: readonly [number, number] | null }

export interface RenderInput {
  readonly mode: Mode;
  readonly picture: PictureKind;
  readonly overlays: Overlays;
  readonly input: View;
  readonly output: View;
  readonly palette: Palette;
  /** Axis names: input plane (the varying variables) and output plane. */
  readonly inputAxes: readonly [string, string];
  readonly outputAxes: readonly [string, string];
  /** A short note for the output pane's title (e.g. the slice). */
  readonly sliceNote?: string;
  readonly marks: readonly Mark[];
  readonly pointer?: { readonly input?: readonly [number, number]; readonly outputs?: ReadonlyArray<readonly [number, number]> };
  /** For a 3-D orbit projection: the projection's rows, to draw the axes triad. */
  readonly orbit?: ReadonlyArray<readonly number[]>;
  readonly outputNames?: readonly string[];
  /** The vertical exaggeration of a 1-D graph. */
  readonly aspect?: number;
  /** The squared norm of the slice's fixed coordinates (for p_Z on a slice). */
  readonly baseNormSq?: number;
  /** What the output pane shows the image under ('f'; a flow's step: 'R ∘ c'). */
  readonly mapName?: string;
}

const lineWidth = (p: Palette, w: number) => (p.highContrast ? w * 1.5 : w);

function toScreen(points: ArrayLike<number>, v: View, s: Size, box: Rect): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i + 1 < points.length; i += 2) {
    out[i] = box.x + toScreenX(v, s, points[i]);
    out[i + 1] = box.y + toScreenY(v, s, points[i + 1]);
  }
  return out;
}

/** Draw polylines given in world coordinates, clipped to the box (with a margin). */
function worldPath(surface: Surface, pts: ArrayLike<number>, v: View, box: Rect, opts: { stroke?: Stroke; fill?: { colour: RGB; alpha?: number }; closed?: boolean }): void {
  const sc = toScreen(pts, v, box, box);
  if (opts.fill || opts.closed) { surface.path(sc, opts); return; }
  surface.path(clipPolyline(sc, box.x - 4, box.y - 4, box.x + box.width + 4, box.y + box.height + 4), opts);
}

export function axes(surface: Surface, v: View, box: Rect, p: Palette, names: readonly [string, string], yScale = 1): void {
  const r = visibleRect(v, box);
  const faint = { colour: p.foreground, alpha: p.highContrast ? 0.5 : 0.14, width: 1 };
  const xs = niceTicks(r.x0, r.x1, Math.max(2, Math.round(box.width / 90)));
  const ys = niceTicks(r.y0 / yScale, r.y1 / yScale, Math.max(2, Math.round(box.height / 70)));
  const text = { colour: p.foreground, size: 10, halo: p.background };
  for (const x of xs) {
    const sx = box.x + toScreenX(v, box, x);
    surface.path([sx, box.y + box.height - 4, sx, box.y + box.height], { stroke: { ...faint, alpha: 0.6 } });
    surface.text(formatNumber(x, 3), sx, box.y + box.height - 6, { ...text, align: 'center', baseline: 'bottom' });
  }
  for (const y of ys) {
    const sy = box.y + toScreenY(v, box, y * yScale);
    if (sy < box.y + 20 || sy > box.y + box.height - 18) continue; // clear of the title and the x labels
    surface.path([box.x, sy, box.x + 4, sy], { stroke: { ...faint, alpha: 0.6 } });
    surface.text(formatNumber(y, 3), box.x + 6, sy, { ...text, align: 'left', baseline: 'middle' });
  }
  // The coordinate axes themselves, where they are in view.
  if (r.y0 < 0 && r.y1 > 0) { const sy = box.y + toScreenY(v, box, 0); surface.path([box.x, sy, box.x + box.width, sy], { stroke: faint }); }
  if (r.x0 < 0 && r.x1 > 0) { const sx = box.x + toScreenX(v, box, 0); surface.path([sx, box.y, sx, box.y + box.height], { stroke: faint }); }
  if (names[0]) surface.text(`${names[0]} →`, box.x + box.width - 6, box.y + box.height - 20, { ...text, align: 'right', baseline: 'bottom', size: 11, bold: true });
  if (names[1]) surface.text(`${names[1]} ↑`, box.x + 40, box.y + 22, { ...text, align: 'left', baseline: 'top', size: 11, bold: true });
}

export function title(surface: Surface, box: Rect, p: Palette, s: string): void {
  surface.text(s, box.x + 6, box.y + 5, { colour: p.foreground, size: 11, bold: true, baseline: 'top', halo: p.background });
}

function ellipsePoints(cx: number, cy: number, m: readonly [number, number, number, number], k = 40): number[] {
  const pts: number[] = [];
  for (let i = 0; i <= k; i++) {
    const t = (2 * Math.PI * i) / k, c = Math.cos(t), s = Math.sin(t);
    pts.push(cx + m[0] * c + m[1] * s, cy + m[2] * c + m[3] * s);
  }
  return pts;
}

function marker(surface: Surface, x: number, y: number, p: Palette, label: string, colour: RGB): void {
  surface.path(ellipsePoints(x, y, [5, 0, 0, 5], 20), { closed: true, fill: { colour, alpha: 0.9 }, stroke: { colour: p.background, width: 1.5 } });
  if (label) surface.text(label, x + 8, y - 8, { colour: p.foreground, size: 11, bold: true, baseline: 'bottom', halo: p.background });
}

/**
 * The density colour scale: linear from 0 to a high percentile, or logarithmic when the
 * density spans too many orders of magnitude for a linear scale to show anything but a
 * spike (near a fold or a point where det J -> 0, p_X is unbounded).
 */
export interface DensityScale { readonly kind: 'linear' | 'log'; readonly lo: number; readonly top: number }

export function densityScale(values: ArrayLike<number>): DensityScale {
  const v: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0 && Number.isFinite(values[i])) v.push(values[i]);
  if (v.length === 0) return { kind: 'linear', lo: 0, top: 1 };
  v.sort((a, b) => a - b);
  const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * (v.length - 1)))];
  const top = q(0.99), med = q(0.5);
  if (top / med <= 25) return { kind: 'linear', lo: 0, top };
  return { kind: 'log', lo: Math.max(q(0.01), top * 1e-4), top };
}

export function densityT(sc: DensityScale, v: number): number {
  if (!(v > 0)) return 0;
  const t = sc.kind === 'linear' ? v / sc.top : (Math.log(v) - Math.log(sc.lo)) / (Math.log(sc.top) - Math.log(sc.lo));
  return Math.min(1, Math.max(0, t));
}

const scales = new WeakMap<object, DensityScale>();
/** The density scale of a scene (computed once per scene). */
function sceneDensityScale(scene: Scene): DensityScale {
  let sc = scales.get(scene);
  if (!sc) {
    sc = scene.density ? densityScale(scene.density.data) : scene.cells.logDensity ? densityScale(Array.from(scene.cells.logDensity, Math.exp)) : { kind: 'linear', lo: 0, top: 1 };
    scales.set(scene, sc);
  }
  return sc;
}

/** The density's colour with transparency at zero, so that empty parts show the background. */
function densityRGBA(values: Float32Array, sc: DensityScale): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!(v > 0)) continue;
    const t = densityT(sc, v);
    const c = densityColour(t);
    out[4 * k] = c[0]; out[4 * k + 1] = c[1]; out[4 * k + 2] = c[2];
    out[4 * k + 3] = sc.kind === 'log' ? 255 : Math.round(255 * Math.min(1, 0.25 + 3 * t));
  }
  return out;
}

/** det J < 0 on every cell: orientation is flipped everywhere, said once in the legend, not hatched on every cell. */
const flippedEverywhere = (sign: Int8Array): boolean => sign.length > 0 && sign.every((x) => x < 0);

function drawOutputPane(s: Surface, scene: Scene, r: RenderInput, box: PaneBox): void {
  const p = r.palette, v = r.output, o = r.overlays;
  const { cells } = scene;
  const hatch = o.flips && !flippedEverywhere(cells.sign);
  if (r.picture === 'volume' && o.cells) {
    const count = cells.nu * cells.nv;
    for (let q = 0; q < count; q++) {
      const k = cells.order ? cells.order[q] : q;
      const poly = cells.polys[k];
      if (!poly) continue;
      const c = volumeColour(p, cells.logDet[k], scene.logDetScale);
      s.path(toScreen(poly, v, box, box), { closed: true, fill: { colour: c }, stroke: { colour: c, width: 0.6 } });
    }
    // Hatching on top of all fills: where f folds, the flipped sheet lies under the other
    // one, and its mark must still show.
    if (hatch) {
      for (let k = 0; k < count; k++) {
        const poly = cells.polys[k];
        if (poly && cells.sign[k] < 0) s.hatch(toScreen(poly, v, box, box), { colour: p.foreground, alpha: p.highContrast ? 0.7 : 0.4, width: 1 }, 6);
      }
    }
  } else if (r.picture === 'density') {
    if (scene.density) {
      const d = scene.density;
      const rgba = densityRGBA(d.data, sceneDensityScale(scene));
      // The raster was computed for d.pane; place it where that view's rectangle is now.
      const wr = visibleRect(d.pane, d.pane);
      const x0 = box.x + toScreenX(v, box, wr.x0), x1 = box.x + toScreenX(v, box, wr.x1);
      const y0 = box.y + toScreenY(v, box, wr.y1), y1 = box.y + toScreenY(v, box, wr.y0);
      s.image(rgba, d.width, d.height, x0, y0, x1 - x0, y1 - y0);
    } else if (cells.logDensity) {
      const sc = sceneDensityScale(scene);
      const count = cells.nu * cells.nv;
      for (let q = 0; q < count; q++) {
        const k = cells.order ? cells.order[q] : q;
        const poly = cells.polys[k];
        if (!poly || !Number.isFinite(cells.logDensity[k])) continue;
        const c = densityColour(densityT(sc, Math.exp(cells.logDensity[k])));
        s.path(toScreen(poly, v, box, box), { closed: true, fill: { colour: c }, stroke: { colour: c, width: 0.6 } });
      }
    }
  }
  if (o.axes) axes(s, v, box, p, r.outputAxes);
  if (r.mode === 'overlay' && o.inputGrid) {
    const g = scene.inputGrid;
    const pts: number[] = [];
    for (let i = 0; i + 3 < g.length; i += 4) pts.push(g[i], g[i + 1], g[i + 2], g[i + 3], NaN, NaN);
    worldPath(s, pts, v, box, { stroke: { colour: p.foreground, alpha: p.highContrast ? 0.45 : 0.22, width: 1, dash: [3, 3] } });
  }
  if (o.grid) {
    const stroke = { colour: r.picture === 'density' ? p.foreground : p.line, alpha: r.picture === 'density' ? 0.35 : 0.9, width: lineWidth(p, 1.2) };
    const last = scene.lines.length / 2 - 1;
    scene.lines.forEach((l, i) => {
      const edge = i % (last + 1) === 0 || i % (last + 1) === last;
      worldPath(s, l.points, v, box, { stroke: edge ? { ...stroke, width: stroke.width * 1.6 } : stroke });
    });
  }
  if (o.fold) for (const f of scene.fold.output) worldPath(s, f, v, box, { stroke: { colour: p.fold, width: lineWidth(p, 2.6) } });
  if (o.ellipses && r.picture === 'volume') {
    for (const e of scene.ellipses) {
      worldPath(s, ellipsePoints(e.cx, e.cy, e.m), v, box, { stroke: { colour: p.ellipse, width: lineWidth(p, 1.4) } });
    }
  }
  // Marks with the same image (a witness pair) share one marker, labelled f(a) = f(b) by
  // the marks' short names (what comes before a colon).
  const placed: Array<{ x: number; y: number; labels: string[] }> = [];
  for (const m of r.marks) {
    if (!m.output) continue;
    const x = box.x + toScreenX(v, box, m.output[0]), y = box.y + toScreenY(v, box, m.output[1]);
    const same = placed.find((q) => Math.hypot(q.x - x, q.y - y) < 3);
    if (same) same.labels.push(m.label); else placed.push({ x, y, labels: [m.label] });
  }
  for (const q of placed) marker(s, q.x, q.y, p, q.labels.length === 1 ? q.labels[0] : q.labels.map((l) => `f(${l.split(':')[0].trim()})`).join(' = '), p.mark);
  for (const q of r.pointer?.outputs ?? []) crosshair(s, box.x + toScreenX(v, box, q[0]), box.y + toScreenY(v, box, q[1]), p);
  if (r.orbit) triad(s, box, p, r.orbit, r.outputNames ?? ['x', 'y', 'z']);
  title(s, box, p, r.mode === 'overlay' ? `image under ${r.mapName ?? 'f'}${r.sliceNote ? ` · ${r.sliceNote}` : ''} (input grid dashed)` : `output${r.sliceNote ? ` · ${r.sliceNote}` : ''}`);
}

function crosshair(s: Surface, x: number, y: number, p: Palette): void {
  const st = { colour: p.foreground, width: 1.5 };
  s.path([x - 9, y, x - 3, y, NaN, NaN, x + 3, y, x + 9, y, NaN, NaN, x, y - 9, x, y - 3, NaN, NaN, x, y + 3, x, y + 9], { stroke: st });
}

function triad(s: Surface, box: Rect, p: Palette, P: ReadonlyArray<readonly number[]>, names: readonly string[]): void {
  const ox = box.x + box.width - 44, oy = box.y + box.height - 52, L = 26;
  for (let k = 0; k < 3; k++) {
    const dx = P[0][k] * L, dy = -P[1][k] * L;
    s.path([ox, oy, ox + dx, oy + dy], { stroke: { colour: p.foreground, width: 1.5, alpha: 0.8 } });
    s.text(names[k] ?? `x${k + 1}`, ox + dx * 1.25, oy + dy * 1.25, { colour: p.foreground, size: 10, align: 'center', baseline: 'middle', halo: p.background });
  }
}

function drawInputPane(s: Surface, scene: Scene, r: RenderInput, box: PaneBox): void {
  const p = r.palette, v = r.input, o = r.overlays;
  const { cells, rect } = scene;
  const hatch = o.flips && !flippedEverywhere(cells.sign);
  const du = (rect.x1 - rect.x0) / cells.nu, dv = (rect.y1 - rect.y0) / cells.nv;
  if (r.picture === 'density') {
    // p_Z on the slice, on the output's colour scale, so that the two panes compare.
    const sc = sceneDensityScale(scene);
    const R = 128, vals = new Float32Array(R * R);
    const fixed = r.baseNormSq ?? 0, n = scene.n;
    const uniform = scene.density?.base === 'uniform' ? 1 / ((rect.x1 - rect.x0) * (rect.y1 - rect.y0)) : null;
    for (let j = 0; j < R; j++) for (let i = 0; i < R; i++) {
      const u = rect.x0 + ((i + 0.5) / R) * (rect.x1 - rect.x0), w = rect.y1 - ((j + 0.5) / R) * (rect.y1 - rect.y0);
      vals[j * R + i] = uniform ?? Math.exp(-0.5 * (u * u + w * w + fixed)) / (2 * Math.PI) ** (n / 2);
    }
    const x0 = box.x + toScreenX(v, box, rect.x0), x1 = box.x + toScreenX(v, box, rect.x1);
    const y0 = box.y + toScreenY(v, box, rect.y1), y1 = box.y + toScreenY(v, box, rect.y0);
    s.image(densityRGBA(vals, sc), R, R, x0, y0, x1 - x0, y1 - y0);
  } else if (o.cells) {
    for (let j = 0; j < cells.nv; j++) for (let i = 0; i < cells.nu; i++) {
      const k = j * cells.nu + i;
      const x0 = rect.x0 + i * du, y0 = rect.y0 + j * dv;
      const sc = toScreen([x0, y0, x0 + du, y0, x0 + du, y0 + dv, x0, y0 + dv], v, box, box);
      const c = volumeColour(p, cells.logDet[k], scene.logDetScale);
      s.path(sc, { closed: true, fill: { colour: c }, stroke: { colour: c, width: 0.6 } });
      if (hatch && cells.sign[k] < 0) s.hatch(sc, { colour: p.foreground, alpha: p.highContrast ? 0.7 : 0.4, width: 1 }, 6);
    }
  }
  if (o.axes) axes(s, v, box, p, r.inputAxes);
  if (o.grid) {
    const pts: number[] = [];
    for (const l of scene.lines) {
      if (l.family === 0) pts.push(l.at, rect.y0, l.at, rect.y1, NaN, NaN);
      else pts.push(rect.x0, l.at, rect.x1, l.at, NaN, NaN);
    }
    worldPath(s, pts, v, box, { stroke: { colour: r.picture === 'density' ? p.foreground : p.line, alpha: r.picture === 'density' ? 0.35 : 0.9, width: lineWidth(p, 1.2) } });
  }
  if (o.fold) {
    const f = scene.fold.input, pts: number[] = [];
    for (let i = 0; i + 3 < f.length; i += 4) pts.push(f[i], f[i + 1], f[i + 2], f[i + 3], NaN, NaN);
    worldPath(s, pts, v, box, { stroke: { colour: p.fold, width: lineWidth(p, 2.6) } });
  }
  if (o.ellipses && r.picture === 'volume') {
    for (const e of scene.ellipses) worldPath(s, ellipsePoints(e.u, e.v, [e.r, 0, 0, e.r]), v, box, { stroke: { colour: p.ellipse, width: lineWidth(p, 1.4) } });
  }
  for (const m of r.marks) marker(s, box.x + toScreenX(v, box, m.input[0]), box.y + toScreenY(v, box, m.input[1]), p, m.label, p.mark);
  if (r.pointer?.input) crosshair(s, box.x + toScreenX(v, box, r.pointer.input[0]), box.y + toScreenY(v, box, r.pointer.input[1]), p);
  const scaleNote = Math.abs(r.input.scale / r.output.scale - 1) > 1e-9 ? ` (scale ×${formatNumber(r.input.scale / r.output.scale, 3)} of the output's)` : '';
  title(s, box, p, `${r.picture === 'density' ? `input · p_Z = ${scene.density?.base === 'uniform' ? 'uniform' : 'N(0, I)'}, same colours` : 'input'}${scaleNote}`);
}

function drawGraphPane(s: Surface, scene: Scene1D, r: RenderInput, box: PaneBox): void {
  const p = r.palette, v = r.output, k = scene.aspect;
  if (r.overlays.axes) axes(s, v, box, p, r.picture === 'density' ? ['x', 'p'] : [r.inputAxes[0], r.outputAxes[0]], k);
  if (r.picture === 'density') {
    if (scene.reference) worldPath(s, scene.reference, v, box, { stroke: { colour: p.foreground, alpha: 0.5, width: 1.2, dash: [4, 3] } });
    worldPath(s, scene.graph, v, box, { stroke: { colour: densityColour(0.45), width: lineWidth(p, 2) } });
  } else {
    worldPath(s, scene.graph, v, box, { stroke: { colour: p.line, width: lineWidth(p, 2) } });
    if (r.overlays.fold) {
      scene.folds.forEach((x, i) => marker(s, box.x + toScreenX(v, box, x), box.y + toScreenY(v, box, k * scene.foldValues[i]), p, '', p.fold));
    }
  }
  for (const m of r.marks) {
    const y = m.output ? m.output[0] * k : 0;
    marker(s, box.x + toScreenX(v, box, m.input[0]), box.y + toScreenY(v, box, y), p, m.label, p.mark);
  }
  if (r.pointer?.input) crosshair(s, box.x + toScreenX(v, box, r.pointer.input[0]), box.y + toScreenY(v, box, r.pointer.input[1]), p);
  title(s, box, p, r.picture === 'density' ? 'density: p_X (solid) and p_Z = N(0, 1) (dashed)' : `graph of f${k !== 1 ? ` (vertical scale ×${formatNumber(k, 3)})` : ''}`);
}

function drawStretchPane(s: Surface, scene: Scene1D, r: RenderInput, box: PaneBox): void {
  const p = r.palette;
  const { ticks, images } = scene;
  const all = [...Array.from(ticks), ...Array.from(images).filter(Number.isFinite)];
  const lo = Math.min(...all), hi = Math.max(...all);
  const pad = 28, w = box.width - 2 * pad;
  const X = (x: number) => box.x + pad + ((x - lo) / Math.max(hi - lo, 1e-12)) * w;
  const yIn = box.y + box.height * 0.26, yOut = box.y + box.height * 0.62;
  // Intervals that f reverses go in a second lane, so that where f folds back over itself
  // both layers of the image stay visible.
  const flipped = (i: number) => scene.sign[Math.min(i, scene.sign.length - 1)] < 0;
  const lane = (i: number) => (flipped(i) ? yOut + 20 : yOut);
  const text = { colour: p.foreground, size: 10, halo: p.background };
  // Connectors from each x_i to f(x_i).
  for (let i = 0; i < ticks.length; i++) {
    if (!Number.isFinite(images[i])) continue;
    s.path([X(ticks[i]), yIn, X(images[i]), lane(i)], { stroke: { colour: p.foreground, alpha: 0.35, width: 1 } });
  }
  for (let i = 0; i + 1 < ticks.length; i++) {
    const shade = i % 2 ? mix(p.background, p.foreground, 0.18) : mix(p.background, p.foreground, 0.08);
    s.rect(X(ticks[i]), yIn - 7, X(ticks[i + 1]) - X(ticks[i]), 14, { colour: shade });
    if (!Number.isFinite(images[i]) || !Number.isFinite(images[i + 1])) continue;
    const a = Math.min(X(images[i]), X(images[i + 1])), b = Math.max(X(images[i]), X(images[i + 1]));
    const c = volumeColour(p, Math.log(scene.stretch[i]), scene.logDetScale);
    const y = lane(i);
    const pts = [a, y - 7, b, y - 7, b, y + 7, a, y + 7];
    s.path(pts, { closed: true, fill: { colour: c }, stroke: { colour: p.foreground, alpha: 0.5, width: 0.8 } });
    if (r.overlays.flips && scene.sign[i] < 0) s.hatch(pts, { colour: p.foreground, alpha: 0.45, width: 1 }, 5);
  }
  if (r.overlays.fold) for (const x of scene.folds) s.path([X(x), yIn - 11, X(x), yIn + 11], { stroke: { colour: p.fold, width: lineWidth(p, 2.6) } });
  s.text(`${r.inputAxes[0]}: equal intervals`, box.x + 6, yIn - 12, { ...text, baseline: 'bottom' });
  const anyFlipped = Array.from(scene.sign).some((x) => x < 0);
  s.text(`f(${r.inputAxes[0]}): their images${anyFlipped ? ' (reversed ones in the lower lane, hatched)' : ''}`, box.x + 6, yOut - 12, { ...text, baseline: 'bottom' });
  const yLab = yOut + (anyFlipped ? 30 : 10);
  for (const x of niceTicks(lo, hi, Math.max(2, Math.round(w / 90)))) {
    s.path([X(x), yLab, X(x), yLab + 3], { stroke: { colour: p.foreground, width: 1, alpha: 0.6 } });
    s.text(formatNumber(x, 3), X(x), yLab + 4, { ...text, align: 'center', baseline: 'top' });
  }
}

function legend(s: Surface, r: RenderInput, box: Rect, scale: number, extra: string | null, dscale: DensityScale | null, allFlipped = false): void {
  const p = r.palette;
  const text = { colour: p.foreground, size: 11 };
  const bx = box.x + 22, by = box.y + 10, bw = Math.min(230, box.width * 0.38), bh = 12;
  if (r.picture === 'volume') {
    const stops: RGB[] = [];
    for (let i = 0; i <= 16; i++) stops.push(volumeColour(p, ((i - 8) / 8) * scale, scale));
    s.gradient(bx, by, bw, bh, stops);
    s.rect(bx, by, bw, bh, undefined, { colour: p.foreground, alpha: 0.4, width: 1 });
    for (const lf of legendTicks(scale)) {
      const x = bx + ((lf / scale + 1) / 2) * bw;
      s.path([x, by + bh, x, by + bh + 3], { stroke: { colour: p.foreground, width: 1 } });
      s.text(lf === 0 ? '×1' : factorLabel(lf), x, by + bh + 4, { ...text, size: 10, align: 'center', baseline: 'top' });
    }
    s.text('det J: contraction ← → expansion', bx, by + bh + 18, { ...text, size: 10, baseline: 'top' });
    const x = bx + bw + 18;
    const items: Array<[string, (x: number, y: number) => void]> = [];
    if (r.overlays.flips) items.push([allFlipped ? 'det J < 0 everywhere: orientation flipped' : 'det J < 0: orientation flipped', (x, y) => {
      const pts = [x, y - 6, x + 16, y - 6, x + 16, y + 6, x, y + 6];
      s.path(pts, { closed: true, stroke: { colour: p.foreground, alpha: 0.5, width: 1 } });
      s.hatch(pts, { colour: p.foreground, alpha: 0.5, width: 1 }, 5);
    }]);
    if (r.overlays.fold) items.push(['fold: det J = 0', (x, y) => s.path([x, y, x + 16, y], { stroke: { colour: p.fold, width: 2.6 } })]);
    if (r.overlays.ellipses) items.push(['image of a small circle', (x, y) => s.path(ellipsePoints(x + 8, y, [8, 2, 0, 4]), { stroke: { colour: p.ellipse, width: 1.4 } })]);
    // two columns when they fit beside the colour bar, else one (a narrow panel cut "fold: det J = 0")
    const cols = box.x + box.width - x >= 2 * 200 ? 2 : 1;
    items.forEach(([label, icon], i) => {
      const col = i % cols, row = Math.floor(i / cols);
      const ix = x + col * 200, iy = by + (cols === 2 ? 6 + row * 20 : 2 + row * 16);
      icon(ix, iy);
      s.text(label, ix + 22, iy, { ...text, size: 10, baseline: 'middle' });
    });
  } else if (!dscale) {
    s.text('p_X = p_Z / |det J| (solid), p_Z = N(0, 1) (dashed); where f folds, the preimages add up', bx, by + 8, { ...text, size: 10, baseline: 'top' });
  } else {
    const stops: RGB[] = [];
    for (let i = 0; i <= 16; i++) stops.push(densityColour(i / 16));
    s.gradient(bx, by, bw, bh, stops);
    const log = dscale?.kind === 'log';
    s.text(log ? `≤ ${formatNumber(dscale!.lo, 3)}` : '0', bx, by + bh + 4, { ...text, size: 10, baseline: 'top' });
    if (dscale) s.text(`≥ ${formatNumber(dscale.top, 3)}`, bx + bw, by + bh + 4, { ...text, size: 10, align: 'right', baseline: 'top' });
    s.text(`p_X = p_Z / |det J|${log ? ' (log scale)' : ''}`, bx, by + bh + 18, { ...text, size: 10, baseline: 'top' });
  }
  if (extra) s.text(extra, box.x + box.width - 8, box.y + box.height - 8, { ...text, size: 10, align: 'right', baseline: 'bottom' });
}

/** Log factors to label on the volume legend: ×1, the scale's ends, and one nice factor between. */
export function legendTicks(L: number): number[] {
  const nice = [1.25, 1.5, 2, 3, 4, 8, 16, 32, 100, 1000, 1e6].map(Math.log).filter((x) => x < L - 0.2 * L && x > 0.35 * L);
  // the one nearest the middle of the half scale, so that its label keeps clear of the end's
  const mid = nice.length ? nice.reduce((a, b) => (Math.abs(b - L / 2) < Math.abs(a - L / 2) ? b : a)) : null;
  const out = [-L, 0, L];
  if (mid !== null) out.push(-mid, mid);
  return out.sort((a, b) => a - b);
}

/** The background, and each pane clipped to its box and framed. */
export function drawPanes(s: Surface, p: Palette, lay: Layout, pane: (box: PaneBox) => void): void {
  s.rect(0, 0, lay.width, lay.height, { colour: p.background });
  for (const box of lay.panes) {
    s.push(box);
    s.rect(box.x, box.y, box.width, box.height, { colour: p.background });
    pane(box);
    s.rect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1, undefined, { colour: p.foreground, alpha: 0.25, width: 1 });
    s.pop();
  }
}

/** Draw a whole picture (panes and legend) for an n >= 2 scene. */
export function renderScene(s: Surface, scene: Scene, r: RenderInput, lay: Layout): void {
  drawPanes(s, r.palette, lay, (box) => (box.kind === 'input' ? drawInputPane(s, scene, r, box) : drawOutputPane(s, scene, r, box)));
  let extra: string | null = null;
  if (r.picture === 'density') {
    if (scene.density) extra = `∫ p_X dx = ${scene.density.mass.toFixed(4)} (${scene.density.base === 'uniform' ? 'uniform' : 'N(0, I)'} mass of the domain: ${scene.density.expected.toFixed(4)})`;
    else if (scene.cells.logDensity) extra = 'p_X at the image of the slice; the n-D mass is not integrated on a slice';
  }
  legend(s, r, lay.legend, scene.logDetScale, extra, r.picture === 'density' ? sceneDensityScale(scene) : null, flippedEverywhere(scene.cells.sign));
}

/** Draw a whole picture for a 1-D scene. */
export function renderScene1D(s: Surface, scene: Scene1D, r: RenderInput, lay: Layout): void {
  drawPanes(s, r.palette, lay, (box) => (box.kind === 'graph' ? drawGraphPane(s, scene, r, box) : drawStretchPane(s, scene, r, box)));
  const extra = r.picture === 'density' && scene.density
    ? `∫ p_X dx = ${scene.density.mass.toFixed(4)} (N(0, 1) mass of the domain: ${scene.density.expected.toFixed(4)})` : null;
  legend(s, { ...r, overlays: { ...r.overlays, ellipses: false } }, lay.legend, scene.logDetScale, extra, null);
}
