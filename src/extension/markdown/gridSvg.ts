/**
 * A static picture of a transform for the Markdown preview: the image of a grid, cells
 * coloured by log|det J| (the panel's diverging scale: contraction blue, expansion orange,
 * flipped cells hatched). The scene comes from the panel's own code (webview/lib: adaptive
 * curve sampling, cells, fit), evaluated by closures over the report's trees (no code
 * generation), so the picture agrees with the panel. Lines are drawn in `currentColor`, so
 * the picture follows the preview's theme. No `vscode`, no DOM.
 */
import type { TransformReport } from '../../core/report';
import { buildModel } from '../../../webview/lib/model';
import { computeScene, Scene } from '../../../webview/lib/scene';
import { toScreenX, toScreenY } from '../../../webview/lib/view';
import { clipPolyline } from '../../../webview/lib/surface';

export interface GridSvgOptions {
  /** Grid intervals per axis (jacobianLens.gridDensity). */
  readonly lines: number;
  readonly width?: number;
  readonly height?: number;
}

export interface GridSvg {
  readonly svg: string;
  /** What the picture needed to assume (stand-ins for unknown functions, a slice). */
  readonly notes: string[];
}

const CONTRACTION = '#3794ff', EXPANSION = '#e8912d';

/** How far (screen pixels) a dropped point may lie from the straight line drawn instead: below what a reader sees. */
const TOLERANCE = 0.25;

/** Shades of each colour (the strength of |log det J|, as in the panel, in this many steps). */
const SHADES = 12;

/** A closed polygon (x, y pairs) in counterclockwise order in the map's coordinates (clockwise on screen, where y points down: the same for all). */
function counterclockwise(p: ArrayLike<number>): ArrayLike<number> {
  let area = 0;
  for (let i = 0; i + 1 < p.length; i += 2) {
    const j = (i + 2) % p.length;
    area += p[i] * p[j + 1] - p[j] * p[i + 1];
  }
  if (!(area < 0)) return p;
  const out = new Float64Array(p.length);
  for (let i = 0; i + 1 < p.length; i += 2) { out[p.length - 2 - i] = p[i]; out[p.length - 1 - i] = p[i + 1]; }
  return out;
}

/**
 * SVG path data of a polyline in screen pixels, without the points that a straight segment
 * passes within TOLERANCE of (the adaptive sampling puts many points on nearly straight
 * edges). One pass (Zhao and Saalfeld's sector bound): from the last point written, each
 * point seen narrows the directions a segment may take to pass near it; a point outside
 * them, or one that turns back, ends the segment at the point before it.
 */
function pathData(p: ArrayLike<number>, closed: boolean, unit = 10): string {
  let d = '', open = false;
  // the last point written (the anchor), the point held as the segment's end, and the sector
  let ax = 0, ay = 0, held = false, hx = 0, hy = 0;
  let ref = 0, lo = -Math.PI, hi = Math.PI, far = 0;
  // after the first point of a piece, steps relative to the last one written, in 1/unit of a
  // pixel (tenths for lines, whole pixels for cells: short, and no drift)
  let tx = 0, ty = 0;
  const write = (x: number, y: number) => {
    const nx = Math.round(x * unit), ny = Math.round(y * unit);
    d += open ? `l${(nx - tx) / unit} ${(ny - ty) / unit}` : `M${nx / unit} ${ny / unit}`;
    tx = nx; ty = ny;
    open = true; ax = x; ay = y; held = false; lo = -Math.PI; hi = Math.PI; far = 0; ref = NaN;
  };
  const flush = () => { if (held) write(hx, hy); };
  const fits = (x: number, y: number): boolean => {
    const r = Math.hypot(x - ax, y - ay);
    if (r < far - TOLERANCE) return false; // turning back
    if (r <= TOLERANCE) return true;
    if (Number.isNaN(ref)) ref = Math.atan2(y - ay, x - ax);
    let a = Math.atan2(y - ay, x - ax) - ref;
    if (a > Math.PI) a -= 2 * Math.PI; else if (a < -Math.PI) a += 2 * Math.PI;
    if (a < lo || a > hi) return false;
    const spread = Math.asin(TOLERANCE / r);
    lo = Math.max(lo, a - spread); hi = Math.min(hi, a + spread); far = Math.max(far, r);
    return true;
  };
  for (let i = 0; i + 1 < p.length; i += 2) {
    const x = p[i], y = p[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) { flush(); open = false; continue; }
    if (!open) { write(x, y); continue; }
    if (held && !fits(x, y)) { write(hx, hy); fits(x, y); }
    else if (!held) fits(x, y);
    held = true; hx = x; hy = y;
  }
  flush();
  return d && closed ? `${d}Z` : d;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The SVG of `t`'s warped grid (n >= 2; for n > 2 the slice through the domain's centre in the first two variables). */
export function gridSvg(t: TransformReport, o: GridSvgOptions): GridSvg {
  const n = t.variables.length;
  if (n < 2) throw new Error('the grid picture is for maps of two or more variables');
  const width = o.width ?? 360, height = o.height ?? 260;
  const model = buildModel({ variables: t.variables, trees: t.trees, freeSymbols: t.freeSymbols });
  const lines = Math.min(48, Math.max(2, Math.round(o.lines)));
  const pane = { cx: 0, cy: 0, scale: 1, width, height };
  const projection = [0, 1].map((r) => t.variables.map((_, k) => (k === r ? 1 : 0)));
  const scene: Scene = computeScene(model, {
    domain: t.domain, vary: [0, 1], base: t.domain.map(([a, b]) => (a + b) / 2), projection, lines,
    // a cell per square of the grid drawn (the panel, interactive, draws finer ones)
    cells: Math.min(48, Math.max(8, lines)), ellipses: 0, input: pane, output: pane, density: false, fit: true,
  });
  const v = scene.output;
  const sx = (x: number) => toScreenX(v, pane, x), sy = (y: number) => toScreenY(v, pane, y);
  const screen = (pts: ArrayLike<number>) => { const out = new Float64Array(pts.length); for (let i = 0; i + 1 < pts.length; i += 2) { out[i] = sx(pts[i]); out[i + 1] = sy(pts[i + 1]); } return out; };

  // cells in whole pixels, gathered by colour and shade into one path each (a cell's own path
  // and attributes were most of the picture's size); every cell is written counterclockwise
  // on screen, so that cells of one path that overlap (a fold) fill, never cancel
  const shades = new Map<string, string[]>(), flips: string[] = [];
  const L = scene.logDetScale;
  scene.cells.polys.forEach((poly, i) => {
    if (!poly) return;
    const lv = scene.cells.logDet[i];
    const d = pathData(screen(counterclockwise(poly)), true, 1);
    if (!d || !Number.isFinite(lv)) return;
    if (scene.cells.sign[i] < 0) flips.push(d);
    const level = Math.round(SHADES * Math.sqrt(Math.min(1, Math.abs(lv) / L)));
    if (level === 0) return;
    const key = `${lv < 0 ? CONTRACTION : EXPANSION}" fill-opacity="${((0.75 * level) / SHADES).toFixed(3)}`;
    const group = shades.get(key);
    if (group) group.push(d); else shades.set(key, [d]);
  });
  const cells = [...shades].map(([key, ds]) => `<path class="jl-cell" d="${ds.join('')}" fill="${key}"/>`);
  if (flips.length) cells.push(`<path class="jl-flip" d="${flips.join('')}" fill="url(#jl-hatch)"/>`);
  const gridLines = scene.lines.map((g) => {
    const d = pathData(clipPolyline(screen(g.points), -4, -4, width + 4, height + 4), false);
    return `<path class="jl-line" d="${d}"/>`;
  });
  const fold = scene.fold.output.map((p) => pathData(clipPolyline(screen(p), -4, -4, width + 4, height + 4), false)).filter(Boolean)
    .map((d) => `<path class="jl-fold" d="${d}" fill="none" stroke="#f14c4c" stroke-width="2"/>`);

  const notes: string[] = [];
  if (n > 2) notes.push(`the slice through the domain's centre in ${t.variables[0]} and ${t.variables[1]}, projected on the first two outputs`);
  for (const s of model.standIns) notes.push(`drawn with ${s.name}(${s.params.join(', ')}) = ${s.formula}`);
  for (const s of model.symbols) notes.push(`drawn with ${s.name} = ${s.value}`);
  notes.push(...scene.warnings);
  const title = `The image of a ${lines} × ${lines} grid under ${t.name}, cells coloured by log|det J|`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="jacobian-lens-grid" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`
    + `<title>${escapeXml(title)}</title>`
    + `<defs><pattern id="jl-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-opacity="0.5" stroke-width="1"/></pattern></defs>`
    + `<g class="jl-cells" stroke="none">${cells.join('')}</g><g class="jl-lines" fill="none" stroke="currentColor" stroke-opacity="0.8" stroke-width="1">${gridLines.join('')}</g>${fold.join('')}</svg>`;
  return { svg, notes };
}
