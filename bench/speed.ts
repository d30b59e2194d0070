/**
 * The speed table of `npm run bench`: per corpus map, the full analysis as the extension
 * runs it (parse, J, det J, simplify, every check, log|det J|, invertibility with its proof
 * or witness and the inverse) beside SymPy's reference time for jacobian + det + simplify
 * (`sympy_ms` in the corpus), as a ratio. Ours is the fastest of a few runs in this warm
 * process (noise on a shared machine only adds), in CPU time (the process's user + system
 * time, so that other work on the machine does not count; wall time is printed beside it).
 */
import { analyzeDocument } from '../src/core/document';
import { createEngineOptions } from '../src/core/engine';
import { CorpusMap, blockOf } from './corpus';

export interface SpeedCase extends CorpusMap { readonly sympy_ms: number }

export interface SpeedRow { readonly id: string; readonly cpuMs: number; readonly wallMs: number; readonly sympyMs: number; readonly verdict: string }

const hasTime = (c: object): c is SpeedCase => 'sympy_ms' in c && 'components_mathjs' in c;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Full analyses of each case, `reps` times after one warm-up run. */
export function speedRows(cases: readonly SpeedCase[], reps: number): SpeedRow[] {
  const options = createEngineOptions();
  const run = (c: SpeedCase) => analyzeDocument(blockOf(c), 'markdown', `${c.id}.md`, options).transforms[0];
  for (const c of cases) run(c);   // warm-up: the engine's code compiled, as in a running extension
  return cases.map((c) => {
    const cpu: number[] = [], wall: number[] = [];
    let verdict = '';
    for (let k = 0; k < reps; k++) {
      const u0 = process.cpuUsage(), w0 = performance.now();
      const t = run(c);
      const w1 = performance.now(), u1 = process.cpuUsage(u0);
      cpu.push((u1.user + u1.system) / 1000);
      wall.push(w1 - w0);
      verdict = t ? `${t.invertibility.verdict} (${t.invertibility.certainty})` : '(no transform)';
    }
    return { id: c.id, cpuMs: Math.min(...cpu), wallMs: Math.min(...wall), sympyMs: c.sympy_ms, verdict };
  });
}

/** The table as lines of text, with the median ratio and the maps where SymPy is faster. */
export function speedTable(corpus: readonly object[], reps = 5): string[] {
  const rows = speedRows(corpus.filter(hasTime), reps);
  if (!rows.length) return ['(no corpus entries with sympy_ms)'];
  const ratio = (r: SpeedRow) => r.sympyMs / Math.max(r.cpuMs, 1e-3);
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const cells = [['transform', 'full analysis ms (cpu)', 'wall', 'SymPy ms', 'ratio', 'verdict'],
    ...rows.map((r) => [r.id, fmt(r.cpuMs), fmt(r.wallMs), fmt(r.sympyMs), `${fmt(ratio(r))}x`, r.verdict])];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  const lines = cells.map((r) => r.map((cell, j) => (j === 0 || j === 5 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd());
  const slower = rows.filter((r) => ratio(r) < 1);
  lines.push('', `Full analysis (invertibility included) against SymPy's jacobian + det + simplify: median ${fmt(median(rows.map(ratio)))}x faster; ` +
    `faster on ${rows.length - slower.length} of ${rows.length} maps${slower.length ? ` (slower: ${slower.map((r) => `${r.id} ${fmt(ratio(r))}x`).join(', ')})` : ''}.`,
  `Ours: the fastest of ${reps} runs in a warm process, in CPU time of the process; SymPy: the corpus's reference times.`);
  return lines;
}
