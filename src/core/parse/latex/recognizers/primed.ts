/**
 * primed: systems of primed equations. The primed names are the outputs, the unprimed ones
 * the inputs.
 *
 *     z_1' = z_1, \quad z_2' = z_2 e^{s(z_1)} + t(z_1)     reads variables z1, z2
 *     (x', y') = (y, x)                                    a tuple of primed names
 *     u' = u + w                                           incomplete: w has no equation w' = …
 *
 * The equations of one display block belong together, and blocks of a run join when one uses
 * the variables of another (z_2' = … t(z_1) joins z_1' = z_1). A system whose right sides use
 * names that are neither inputs nor parameters is a candidate only as an update of an earlier
 * primed map (decide.ts); one equation that cannot be read leaves its system alone.
 */
import { CONSTANTS, Expr, symbolsOf } from '../../../math/expr';
import { DEFINE, Statement } from '../detect';
import { PRIME } from '../expr';
import { Candidate, Declined, Finding, Recognizer, Slice, declined } from '../recognizer';
import { Formula, Reading, errorSeverity, hasPrime } from '../reading';
import { Definitions } from '../definitions';

interface PrimedEq { readonly f: Formula; readonly st: Statement; readonly base: string; readonly e: Expr }

export const primed: Recognizer = {
  name: 'primed',
  scope: 'run',
  inline: false,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const eqs: PrimedEq[] = [];
    const failed = new Set<string>();
    // formulas with an equation reported below: their other equations are not a map on their own
    const failedIn = new Set<Formula>();
    for (const f of slice.formulas) {
      for (const st of f.statements) {
        if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
        const lhs = reading.lhs(f, st.sides[0]);
        if (lhs?.k !== 'primed' && lhs?.k !== 'primedNames') continue;
        const bases = lhs.k === 'primed' ? [lhs.base] : lhs.bases;
        const rhs = st.sides[st.sides.length - 1];
        const v = reading.value(f, rhs);
        const lhsText = lhs.k === 'primed' ? reading.written(f, st.sides[0].span) : `(${bases.map((b) => `${f.names.display.get(b) ?? b}'`).join(', ')})`;
        const exprs = v.k === 'expr' && bases.length === 1 ? [v.e] : v.k === 'tuple' && bases.length > 1 && v.items.length === bases.length ? v.items.map((x) => x.e) : null;
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
            yield declined('primed.duplicate', `${base}' is defined twice here; the last definition is used`, { f, span: st.span }, 'warning');
            eqs.splice(dup, 1);
          }
          eqs.push({ f, st, base, e: exprs[k] });
        }
      }
    }
    // union-find: same block, or one uses the other's variable
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
      yield system(slice.run, g, defs.parameterNames);
    }
  },
  examples: [
    { note: "$$ p' = p + q^2, \\quad q' = q $$", reads: { variables: ['p', 'q'], components: ['p + q ^ 2', 'q'] } },
    { note: "$$ p' = (p, q), \\quad q' = q $$", declines: 'arity' },
  ],
};

function system(run: number, eqs: readonly PrimedEq[], paramNames: ReadonlySet<string>): Candidate {
  const inputs = eqs.map((x) => x.base);
  const uses = new Set<string>();
  for (const x of eqs) for (const s of symbolsOf(x.e)) uses.add(s);
  const unknown = [...uses].filter((s) => !inputs.includes(s) && !paramNames.has(s) && !(s in CONSTANTS));
  let incomplete: Declined | undefined;
  if (unknown.length) {
    const first = eqs.find((x) => symbolsOf(x.e).has(unknown[0]))!;
    const shown = unknown.map((s) => first.f.names.display.get(s) ?? s);
    incomplete = declined('primed.unknown-input',
      `not read as a map: ${shown.join(', ')} ${unknown.length === 1 ? 'is neither an input (it has no equation ' + shown[0] + "' = …)" : 'are neither inputs'} nor a defined parameter`,
      { f: first.f, span: first.st.span }, 'info', first.st);
  }
  return {
    kind: 'candidate', form: 'primed', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span }, variables: inputs, raw: eqs.map((x) => x.e),
    outputs: eqs.map((x) => `${x.f.names.display.get(x.base) ?? x.base}${PRIME}`),
    parts: eqs.map((x) => ({ f: x.f, span: x.st.span })), claims: [...new Set(eqs.map((x) => x.st))],
    formulas: [...new Set(eqs.map((x) => x.f))], run, lenient: false, incomplete,
  };
}
