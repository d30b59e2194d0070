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

/**
 * SVG path data of a polyline in screen pixels, without the points that a straight segment
 * passes within TOLERANCE of (the adaptive sampling puts many points on nearly straight
 * edges). One pass (Zhao and Saalfeld's sector bound): from the last point written, each
 * point seen narrows the directions a segment may take to pass near it; a point outside
 * them, or one that turns back, ends the segment at the point before it.
 */
function pathData(p: ArrayLike<number>, closed: boolean): string {
  let d = '', open = false;
  // the last point written (the anchor), the point held as the segment's end, and the sector
  let ax = 0, ay = 0, held = false, hx = 0, hy = 0;
  let ref = 0, lo = -Math.PI, hi = Math.PI, far = 0;
  // after the first point of a piece, steps relative to the last one written, in tenths of a pixel (short, and no drift)
  let tx = 0, ty = 0;
  const write = (x: number, y: number) => {
    const nx = Math.round(x * 10), ny = Math.round(y * 10);
    d += open ? `l${(nx - tx) / 10} ${(ny - ty) / 10}` : `M${nx / 10} ${ny / 10}`;
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
    cells: Math.min(48, Math.max(12, 2 * lines)), ellipses: 0, input: pane, output: pane, density: false, fit: true,
  });
  const v = scene.output;
  const sx = (x: number) => toScreenX(v, pane, x), sy = (y: number) => toScreenY(v, pane, y);
  const screen = (pts: ArrayLike<number>) => { const out = new Float64Array(pts.length); for (let i = 0; i + 1 < pts.length; i += 2) { out[i] = sx(pts[i]); out[i + 1] = sy(pts[i + 1]); } return out; };

  const cells: string[] = [], flips: string[] = [];
  const L = scene.logDetScale;
  scene.cells.polys.forEach((poly, i) => {
    if (!poly) return;
    const lv = scene.cells.logDet[i];
    const d = pathData(screen(poly), true);
    if (!d || !Number.isFinite(lv)) return;
    const strength = 0.75 * Math.sqrt(Math.min(1, Math.abs(lv) / L));
    cells.push(`<path class="jl-cell" d="${d}" fill="${lv < 0 ? CONTRACTION : EXPANSION}" fill-opacity="${strength.toFixed(3)}"/>`);
    if (scene.cells.sign[i] < 0) flips.push(`<path class="jl-flip" d="${d}" fill="url(#jl-hatch)"/>`);
  });
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
    + `<g class="jl-cells" stroke="none">${cells.join('')}${flips.join('')}</g><g class="jl-lines" fill="none" stroke="currentColor" stroke-opacity="0.8" stroke-width="1">${gridLines.join('')}</g>${fold.join('')}</svg>`;
  return { svg, notes };
}
