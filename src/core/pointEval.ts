/**
 * det J at a point, for views: where the point comes from (a call `f(1, 2)` in the text,
 * or the centre of the domain), whether it lies in the domain, and the value. Closures
 * over the report's trees (no code generation), so it runs anywhere.
 */
import { compileClosure, luDet } from './math/numeric';
import { pieceSelector } from './math/condition';
import type { TransformReport } from './report';

type Evaluable = Pick<TransformReport, 'variables' | 'trees' | 'numeric' | 'domain'>;

/**
 * det J at `z`: the closed form when there is one, else LU of the numeric J (also where the
 * closed form gives 0 or not a finite number because its intermediates leave the doubles'
 * range while J's entries do not); null when f cannot be evaluated.
 */
export function detAt(t: Evaluable, z: readonly number[]): number | null {
  if (!t.numeric.available || z.length !== t.variables.length) return null;
  try {
    // a piecewise map: the piece that applies at z (none: not defined there)
    const pieces = t.trees.pieces;
    const i = pieces ? pieceSelector(pieces.map((p) => p.condition), t.variables)(z) : -1;
    if (pieces && i < 0) return NaN;
    const { det, jacobian } = pieces ? pieces[i] : t.trees;
    const closed = det ? compileClosure(det, t.variables)(z) : undefined;
    if (closed !== undefined && closed !== 0 && Number.isFinite(closed)) return closed;
    const J = jacobian.map((row) => row.map((e) => compileClosure(e, t.variables)(z)));
    if (closed === undefined) return luDet(J);
    // 0 or not finite: the closed form's intermediates may have left the doubles' range
    // (sqrt(2 / (1e220 + c))^2 squares to 0, 1/(1e220 + c)^2 to Infinity) where J's entries
    // did not. LU of J then decides, when its value stands clear of J's rounding.
    if (!J.flat().every(Number.isFinite)) return closed;
    const d = luDet(J), scale = J.reduce((p, row) => p * Math.hypot(...row), 1);
    return Number.isFinite(d) && d !== 0 && Math.abs(d) > 1e-8 * scale ? d : closed;
  } catch {
    return null;
  }
}

export const inDomain = (t: Pick<TransformReport, 'domain'>, z: readonly number[]): boolean =>
  z.length === t.domain.length && z.every((v, i) => v >= t.domain[i][0] && v <= t.domain[i][1]);

export const domainCentre = (t: Pick<TransformReport, 'domain'>): number[] => t.domain.map(([a, b]) => (a + b) / 2);

/** A call of a known map with numeric arguments, `polar(1, 0.5)`, covering `character` in `line`. */
export interface PointCall { readonly name: string; readonly point: number[]; readonly start: number; readonly end: number }

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const CALL = new RegExp(String.raw`([A-Za-z_][\w]*)\s*\(\s*(${NUMBER}(?:\s*,\s*${NUMBER})*)\s*\)`, 'g');

export function pointCallAt(line: string, character: number, names: readonly string[]): PointCall | null {
  for (const m of line.matchAll(CALL)) {
    const start = m.index ?? 0, end = start + m[0].length;
    if (character < start || character > end || !names.includes(m[1])) continue;
    return { name: m[1], point: m[2].split(',').map((s) => Number(s.trim())), start, end };
  }
  return null;
}

/** What a view says about det J at a point. */
export type PointDet =
  | { readonly kind: 'value'; readonly point: number[]; readonly det: number; readonly source: 'text' | 'centre' }
  | { readonly kind: 'outside'; readonly point: number[] }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** det J at the point a call in the text names, or else at the domain's centre. */
export function pointDet(t: Evaluable, call: PointCall | null): PointDet {
  const point = call && call.point.length === t.variables.length ? call.point : domainCentre(t);
  const source = call && call.point.length === t.variables.length ? 'text' : 'centre';
  if (source === 'text' && !inDomain(t, point)) return { kind: 'outside', point };
  if (!t.numeric.available) return { kind: 'unavailable', reason: t.numeric.reason ?? 'f cannot be evaluated at points' };
  const det = detAt(t, point);
  return det === null || Number.isNaN(det) ? { kind: 'unavailable', reason: `det J is not defined at (${point.join(', ')})` } : { kind: 'value', point, det, source };
}
