/** Plain-text formatting shared by the CLI and hovers. */
import type { TransformReport } from './report';

/** A matrix with aligned columns, one row per line. */
export function formatMatrix(m: readonly (readonly string[])[]): string {
  const widths = m[0]?.map((_, j) => Math.max(...m.map((row) => row[j].length))) ?? [];
  return m.map((row) => `[ ${row.map((c, j) => c.padEnd(widths[j])).join('   ')} ]`).join('\n');
}

export const formatNumber = (v: number): string => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());
export const formatPoint = (p: readonly number[]): string => `(${p.map(formatNumber).join(', ')})`;

/** "polar(r, theta)" */
export const signature = (t: Pick<TransformReport, 'name' | 'variables'>): string => `${t.name}(${t.variables.join(', ')})`;

/** "(r*cos(theta), r*sin(theta))"; a 1-D map's one component without parentheses. */
export const formatComponents = (t: Pick<TransformReport, 'components'>): string =>
  (t.components.length === 1 ? t.components[0] : `(${t.components.join(', ')})`);

/** One line about invertibility: verdict, certainty, reason, witness. */
export function describeInvertibility(t: Pick<TransformReport, 'invertibility'>): string {
  const inv = t.invertibility;
  const v = inv.verdict === 'unknown' ? 'unknown' : `${inv.verdict} (${inv.certainty})`;
  let s = `${v}: ${inv.reason}`;
  if (inv.witness) s += `; f${formatPoint(inv.witness.a)} = f${formatPoint(inv.witness.b)} = ${formatPoint(inv.witness.image)}`;
  return s;
}

/** Short det J for lenses and status bars. */
export function shortDet(t: Pick<TransformReport, 'det' | 'detSymbolic'>, max = 48): string {
  if (!t.detSymbolic) return 'numeric only';
  return t.det.length <= max ? t.det : `${t.det.slice(0, max - 1)}…`;
}
