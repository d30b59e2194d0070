/**
 * primed: systems of primed equations. The primed names are the outputs, the unprimed ones
 * the inputs.
 *
 *     z_1' = z_1, \quad z_2' = z_2 e^{s(z_1)} + t(z_1)     reads variables z1, z2
 *     (x', y') = (y, x)                                    a tuple of primed names
 *     t' = \gamma (t - v x / c^2), \; x' = \gamma (x - v t)   v, c: symbolic constants
 *     (x', y') = (x, y, x)                                 declined: 2 outputs, 3 values
 *
 * The equations of one display block (or inline formula) belong together, and blocks of a
 * run join when one uses the variables of another (z_2' = … t(z_1) joins z_1' = z_1). Other
 * names are symbolic constants; decide.ts makes a system that restates outputs of the last
 * primed map an update of it, and joins one split over nearby blocks. A system that uses none
 * of its inputs is a value, not a map; one equation that cannot be read leaves its system
 * alone.
 */
import { Expr, ONE, div, mul, symbolsOf } from '../../../math/expr';
import { DEFINE, Statement } from '../detect';
import { PRIME } from '../expr';
import { Candidate, Finding, Recognizer, RecognizerExample, Slice, declined } from '../recognizer';
import { Formula, Reading, errorSeverity, hasPrime, shownName } from '../reading';

interface PrimedEq { readonly f: Formula; readonly st: Statement; readonly base: string; readonly e: Expr }

const EXAMPLES: RecognizerExample[] = [
  { note: "$$ p' = p + q^2, \\quad q' = q $$", reads: { variables: ['p', 'q'], components: ['p + q ^ 2', 'q'] } },
  { note: "$$ p' = (p, q), \\quad q' = q $$", declines: 'arity' },
];

export const primed: Recognizer = {
  name: 'primed',
  scope: 'run',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    // inline math: each formula on its own (a list of $z' = …$ items is several maps)
    if (slice.inline) for (const f of slice.formulas) yield* systems(slice.run, [f], reading);
    else yield* systems(slice.run, slice.formulas, reading);
  },
  examples: EXAMPLES,
};

function* systems(run: number, formulas: readonly Formula[], reading: Reading): Iterable<Finding> {
  const eqs: PrimedEq[] = [];
  const failed = new Set<string>();
  // formulas with an equation reported below: their other equations are not a map on their own
  const failedIn = new Set<Formula>();
  for (const f of formulas) {
    for (const st of f.statements) {
      if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
      const scaled = scaledPrimed(reading, f, st);
      const lhs = scaled?.length === 1 ? { k: 'primed' as const, base: scaled[0].base } : scaled ? { k: 'primedNames' as const, bases: scaled.map((x) => x.base) } : reading.lhs(f, st.sides[0]);
      if (lhs?.k !== 'primed' && lhs?.k !== 'primedNames') continue;
      const bases = lhs.k === 'primed' ? [lhs.base] : lhs.bases;
      const rhs = st.sides[st.sides.length - 1];
      const v = reading.value(f, rhs);
      const lhsText = lhs.k === 'primed' ? reading.written(f, st.sides[0].span) : `(${bases.map((b) => `${f.names.display.get(b) ?? b}'`).join(', ')})`;
      const values = v.k === 'expr' && bases.length === 1 ? [v.e] : v.k === 'tuple' && bases.length > 1 && v.items.length === bases.length ? v.items.map((x) => x.e) : null;
      const exprs = values && scaled ? values.map((e, k) => div(e, scaled[k].by)) : values;
      if (!exprs) {
        bases.forEach((b) => failed.add(b));
        failedIn.add(f);
        if (v.k === 'error') yield declined('primed.syntax', `${lhsText} = …: ${v.err.message}${/matrix/.test(v.err.message) ? ' (matrix products are not read: write the components)' : ''}`, { f, span: v.err.span }, errorSeverity(v.err), st);
        else if (v.k === 'tuple' || v.k === 'matrix') {
          yield declined('primed.arity', bases.length === 1 ? `${lhsText}: write one equation per component (z_1' = …, z_2' = …)` : `${lhsText}: ${bases.length} outputs but ${v.k === 'tuple' ? v.items.length : 'a matrix of'} values`, { f, span: rhs.span }, 'error', st);
        }
        continue;
      }
      if (exprs.some(hasPrime)) {
        bases.forEach((b) => failed.add(b));
        failedIn.add(f);
        yield declined('primed.primed-output', 'a primed name (an output) on the right side', { f, span: rhs.span }, 'error', st);
        continue;
      }
      for (const [k, base] of bases.entries()) {
        const dup = eqs.findIndex((x) => x.base === base);
        if (dup >= 0) {
          // (notes restate an output in another notation, x' = γ(x - v t) then x' = γ(x - β c t): said, not a fault)
          yield declined('primed.duplicate', `${base}' is defined twice here; the last definition is used`, { f, span: st.span }, 'info');
          eqs.splice(dup, 1);
        }
        eqs.push({ f, st, base, e: exprs[k] });
      }
    }
  }
  // union-find: same block, or one uses the other's variable (quadratic in the equations of one run, a handful)
  const parent = eqs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const unite = (i: number, j: number) => { parent[find(i)] = find(j); };
  eqs.forEach((a, i) => eqs.forEach((b, j) => {
    if (i < j && (a.f === b.f || symbolsOf(a.e).has(b.base) || symbolsOf(b.e).has(a.base))) unite(i, j);
  }));
  const groups = new Map<number, PrimedEq[]>();
  eqs.forEach((x, i) => { const r = find(i); groups.set(r, [...(groups.get(r) ?? []), x]); });
  for (const g of groups.values()) {
    // a system that misses an equation reported above is left alone
    if (g.some((x) => failedIn.has(x.f) || [...symbolsOf(x.e)].some((v) => failed.has(v)))) continue;
    const c = system(run, g);
    if (c) yield c;
  }
}

/** Δ T', δx', d t': a difference or a differential of a primed name, not a multiple of it. */
const DIFFERENCE = /^(?:Delta|delta|d|partial|nabla)$/;

/**
 * `c t' = …`: a primed name times constants (the time coordinate x^0 = c t of relativity) is
 * that output, the right side divided by the constants; also as an entry of a column or tuple
 * of primed names (`\begin{pmatrix} c t' \\ x' \end{pmatrix} = …`). Only plain names and numbers
 * beside one primed name: `t' x' = …` or `(a + b) t' = …` are not outputs. Null when no entry
 * is scaled (the plain forms are read as they are).
 */
function scaledPrimed(reading: Reading, f: Formula, st: Statement): Array<{ base: string; by: Expr }> | null {
  const v = reading.value(f, st.sides[0]);
  const entries = v.k === 'expr' ? [v.e] : v.k === 'tuple' ? v.items.map((x) => x.e) : [];
  const out = entries.map(primedTimesConstants);
  if (!entries.length || out.some((x) => !x) || !entries.some((e) => e.k === 'mul')) return null;
  const bases = out.map((x) => x!.base);
  return new Set(bases).size === bases.length ? out as Array<{ base: string; by: Expr }> : null;
}

function primedTimesConstants(e: Expr): { base: string; by: Expr } | null {
  if (e.k === 'sym') return e.name.endsWith(PRIME) ? { base: e.name.replace(/'+$/, ''), by: ONE } : null;
  if (e.k !== 'mul') return null;
  const primedFactors = e.args.filter((x) => x.k === 'sym' && x.name.endsWith(PRIME));
  const rest = e.args.filter((x) => !primedFactors.includes(x));
  const p = primedFactors[0];
  if (primedFactors.length !== 1 || p.k !== 'sym' || !rest.every((x) => x.k === 'num' || (x.k === 'sym' && !x.name.endsWith(PRIME) && !DIFFERENCE.test(x.name)))) return null;
  return { base: p.name.replace(/'+$/, ''), by: mul(...rest) };
}

function system(run: number, eqs: readonly PrimedEq[]): Candidate | null {
  const inputs = eqs.map((x) => x.base);
  // s_k' = (y_{k+1} - y_k) / (y_{k+1} - y): an output that depends on no input is a value, not a map
  if (!eqs.some((x) => inputs.some((v) => symbolsOf(x.e).has(v)))) return null;
  return {
    kind: 'candidate', form: 'primed', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span }, variables: inputs, raw: eqs.map((x) => x.e),
    outputs: eqs.map((x) => shownName(x.f, `${x.base}${PRIME}`)),
    parts: eqs.map((x) => ({ f: x.f, span: x.st.span })), claims: [...new Set(eqs.map((x) => x.st))],
    formulas: [...new Set(eqs.map((x) => x.f))], run, lenient: true,
  };
}
