/**
 * The op-count table of `npm run bench`: per corpus map, the operation count of our det J
 * (SymPy's count_ops of the form we print, src/core/math/opcount.ts) beside SymPy's own
 * simplified det J, and the totals shorter / equal / longer.
 */
import { analyzeDocument } from '../src/core/document';
import { countOps } from '../src/core/math/opcount';
import { parsePlainExpr } from '../src/core/parse/plainExpr';
import { CorpusMap, blockOf } from './corpus';

export interface OpCountCase extends CorpusMap {
  readonly det_simplified_mathjs: string;
  readonly det_simplified_count_ops: number;
}

export interface OpCountRow { readonly id: string; readonly ours: number | null; readonly sympy: number; readonly det: string }

/** Our det J per case, as the extension computes it from a ```transform block. */
export function opCounts(cases: readonly OpCountCase[]): OpCountRow[] {
  return cases.map((c) => {
    const t = analyzeDocument(blockOf(c), 'markdown', `${c.id}.md`).transforms[0];
    const ours = t?.detSymbolic ? countOps(parsePlainExpr(t.det)) : null;
    return { id: c.id, ours, sympy: c.det_simplified_count_ops, det: t?.det ?? '(no transform)' };
  });
}

const hasCounts = (c: object): c is OpCountCase => 'det_simplified_count_ops' in c && 'components_mathjs' in c;

/** The table as lines of text (corpus entries without SymPy's count are left out). */
export function opCountTable(corpus: readonly object[]): string[] {
  const rows = opCounts(corpus.filter(hasCounts));
  const verdict = (r: OpCountRow) => (r.ours === null ? 'longer' : r.ours < r.sympy ? 'shorter' : r.ours === r.sympy ? 'equal' : 'longer');
  const cells = [['transform', 'ops', 'SymPy', '', 'det J'], ...rows.map((r) => [r.id, r.ours === null ? 'numeric' : String(r.ours), String(r.sympy), verdict(r), r.det.length > 60 ? `${r.det.slice(0, 59)}…` : r.det])];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const lines = cells.map((r) => r.map((cell, j) => (j === 0 || j >= 3 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd());
  const count = (v: string) => rows.filter((r) => verdict(r) === v).length;
  lines.push('', `det J operation counts (SymPy's count_ops) against SymPy's simplify: ${count('shorter')} shorter, ${count('equal')} equal, ${count('longer')} longer of ${rows.length}.`);
  return lines;
}
