/**
 * The read-out under the pointer: z, f(z), J and det J at a point of the input, and the
 * preimages of a point of the output (Newton's method from the cells whose images hold it:
 * a folded map has several).
 */
import type { Model } from './model';
import type { Scene } from './scene';
import { formatNumber } from './view';

export interface PointInfo {
  readonly z: number[];
  readonly fz: number[];
  /** Row-major n × n. */
  readonly J: number[];
  readonly det: number;
}

export function pointInfo(model: Model, z: readonly number[]): PointInfo {
  const n = model.n;
  const fz = new Float64Array(n), J = new Float64Array(n * n);
  model.f(z, fz);
  model.J(z, J);
  return { z: [...z], fz: Array.from(fz), J: Array.from(J), det: model.det(z) };
}

function insidePolygon(poly: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const m = poly.length / 2;
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const xi = poly[2 * i], yi = poly[2 * i + 1], xj = poly[2 * j], yj = poly[2 * j + 1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Points (u, v) of the slice whose images are (x, y): Newton's method on P f(z(u, v)) = (x, y),
 * started at the centre of every cell whose image contains the point. At most `max`, distinct.
 */
export function preimages(model: Model, scene: Scene, base: readonly number[], P: ReadonlyArray<readonly number[]>, x: number, y: number, max = 6): Array<[number, number]> {
  const n = model.n;
  const [iu, iv] = scene.vary;
  const { nu, nv, polys } = scene.cells;
  const du = (scene.rect.x1 - scene.rect.x0) / nu, dv = (scene.rect.y1 - scene.rect.y0) / nv;
  const z = Float64Array.from(base), fz = new Float64Array(n), J = new Float64Array(n * n);
  const found: Array<[number, number]> = [];
  const tol = 1e-9 * (1 + Math.abs(x) + Math.abs(y));
  const residual = (u: number, v: number): [number, number] => {
    z[iu] = u; z[iv] = v;
    model.f(z, fz);
    let a = 0, b = 0;
    for (let k = 0; k < n; k++) { a += P[0][k] * fz[k]; b += P[1][k] * fz[k]; }
    return [a - x, b - y];
  };
  for (let k = 0; k < polys.length && found.length < max; k++) {
    const poly = polys[k];
    if (!poly || !insidePolygon(poly, x, y)) continue;
    let u = scene.rect.x0 + ((k % nu) + 0.5) * du, v = scene.rect.y0 + (Math.floor(k / nu) + 0.5) * dv;
    let ok = false;
    for (let it = 0; it < 30; it++) {
      const [rx, ry] = residual(u, v);
      if (!Number.isFinite(rx) || !Number.isFinite(ry)) break;
      if (Math.hypot(rx, ry) <= tol) { ok = true; break; }
      model.J(z, J);
      let a = 0, b = 0, c = 0, d = 0;
      for (let q = 0; q < n; q++) {
        a += P[0][q] * J[q * n + iu]; b += P[0][q] * J[q * n + iv];
        c += P[1][q] * J[q * n + iu]; d += P[1][q] * J[q * n + iv];
      }
      const det = a * d - b * c;
      if (!(Math.abs(det) > 1e-300)) break;
      const su = (d * rx - b * ry) / det, sv = (-c * rx + a * ry) / det;
      u -= su; v -= sv;
      if (Math.hypot(su, sv) < 1e-13 * (1 + Math.abs(u) + Math.abs(v))) { const [ex, ey] = residual(u, v); ok = Math.hypot(ex, ey) <= 1e-6 * (1 + Math.abs(x) + Math.abs(y)); break; }
    }
    const r = scene.rect;
    const inDomain = u >= r.x0 - 1e-9 * (r.x1 - r.x0) && u <= r.x1 + 1e-9 * (r.x1 - r.x0) && v >= r.y0 - 1e-9 * (r.y1 - r.y0) && v <= r.y1 + 1e-9 * (r.y1 - r.y0);
    if (!ok || !inDomain) continue;
    const scaleU = Math.max(du, 1e-12), scaleV = Math.max(dv, 1e-12);
    if (found.some(([a, b]) => Math.abs(a - u) < 1e-6 * scaleU * nu && Math.abs(b - v) < 1e-6 * scaleV * nv)) continue;
    found.push([u, v]);
  }
  return found;
}

const vec = (xs: readonly number[]) => `(${xs.map((x) => formatNumber(x)).join(', ')})`;

/** The read-out as lines of text. */
export function describePoint(info: PointInfo, variables: readonly string[], fname: string): string[] {
  const n = variables.length;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`[${info.J.slice(i * n, i * n + n).map((x) => formatNumber(x)).join(', ')}]`);
  const d = info.det;
  const what = !Number.isFinite(d) ? 'undefined here' : d === 0 ? 'fold: not locally invertible' : Math.abs(d) > 1 ? `expands ${n === 1 ? 'lengths' : n === 2 ? 'areas' : 'volumes'} ×${formatNumber(Math.abs(d), 3)}` : `contracts ${n === 1 ? 'lengths' : n === 2 ? 'areas' : 'volumes'} ×${formatNumber(Math.abs(d), 3)}`;
  return [
    `z = ${n === 1 ? '' : `(${variables.join(', ')}) = `}${n === 1 ? formatNumber(info.z[0]) : vec(info.z)}`,
    `${fname}(z) = ${n === 1 ? formatNumber(info.fz[0]) : vec(info.fz)}`,
    `J = [${rows.join(', ')}]`,
    `det J = ${formatNumber(d, 5)}${d < 0 ? ' (orientation flipped)' : ''} · ${what}`,
  ];
}
