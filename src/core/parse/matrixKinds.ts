/**
 * Words that say what kind of matrix a name is ("a rotation", "unit lower triangular",
 * "Householder reflection"), shared by ```transform blocks (`L is unit lower triangular`) and
 * the prose around LaTeX math. The kind gives det by structure (math/vector/det.ts).
 */
import type { MatrixKind } from '../model';

const RULES: ReadonlyArray<readonly [RegExp, MatrixKind]> = [
  [/\bhouseholder\b|\breflections?\b/i, 'reflection'],
  [/\brotations?\b|\bspecial orthogonal\b|\bSO\s*\(/i, 'rotation'],
  [/\bpermutations?\b/i, 'permutation'],
  [/\borthogonal\b|\borthonormal\b|\bunitary\b/i, 'orthogonal'],
  [/\b(unit|unipotent)\s+lower\b|\blower[- ]unitriangular\b|\blower\b[^.;]*\bones on (the|its) (main )?diagonal\b/i, 'unit-lower'],
  [/\b(unit|unipotent)\s+upper\b|\bupper[- ]unitriangular\b|\bupper\b[^.;]*\bones on (the|its) (main )?diagonal\b/i, 'unit-upper'],
  [/\bstrictly\s+lower\b|\blower\b[^.;]*\bzeros? on (the|its) (main )?diagonal\b/i, 'strict-lower'],
  [/\bstrictly\s+upper\b|\bupper\b[^.;]*\bzeros? on (the|its) (main )?diagonal\b/i, 'strict-upper'],
  [/\blower[- ]triangular\b/i, 'lower'],
  [/\bupper[- ]triangular\b/i, 'upper'],
  [/\bdiagonal matrix\b/i, 'diagonal'],
];

/** The kind a phrase names, or null. */
export function matrixKindOf(words: string): MatrixKind | null {
  for (const [re, kind] of RULES) if (re.test(words)) return kind;
  return null;
}

/** det of each kind, in words (for texts). */
export const KIND_WORDS: Readonly<Record<MatrixKind, string>> = {
  rotation: 'a rotation (det 1)', reflection: 'a reflection (det -1)', orthogonal: 'orthogonal (det ±1)', permutation: 'a permutation (det ±1)',
  'unit-lower': 'unit lower triangular (det 1)', 'unit-upper': 'unit upper triangular (det 1)',
  'strict-lower': 'strictly lower triangular', 'strict-upper': 'strictly upper triangular',
  lower: 'lower triangular', upper: 'upper triangular', diagonal: 'diagonal',
};
