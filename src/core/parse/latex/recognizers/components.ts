/**
 * components: a map written one component function at a time, `f_1(x, y) = …` then
 * `f_2(x, y) = …` (one display, aligned rows, or consecutive display blocks).
 *
 *     f_1(x, y) = x^2 - y^2, \qquad f_2(x, y) = 2 x y     reads f with variables x, y
 *     f_1(x, y) = x + y  (no f_2)                         nothing: one function of two names
 *
 * The indices are 1 … n (or 0 … n − 1), each once, n the number of the arguments (n ≥ 2), the
 * arguments the same names in the same order in every one, and every component uses one of
 * them; else the functions are a family of their own (basis functions, constraints of another
 * number) and not read here.
 */
import { Expr, symbolsOf } from '../../../math/expr';
import { Candidate, Finding, Recognizer, Slice } from '../recognizer';
import { Formula, Reading, hasPrime } from '../reading';
import { Statement } from '../detect';

type Comp = { f: Formula; st: Statement; index: number; e: Expr };

export const components: Recognizer = {
  name: 'components',
  scope: 'run',
  inline: false,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    const groups = new Map<string, { base: string; params: string[]; comps: Comp[] }>();
    for (const { f, st, lhs } of reading.definitions(slice.formulas)) {
      if (lhs?.k !== 'head' || lhs.params.length < 2) continue;
      const m = /^(.*[^\d])(\d+)$/.exec(lhs.name);
      if (!m) continue;
      const v = reading.value(f, st.sides[st.sides.length - 1]);
      if (v.k !== 'expr' || hasPrime(v.e)) continue;
      const key = `${m[1]}(${lhs.params.join(',')})`;
      const g = groups.get(key) ?? { base: m[1], params: lhs.params, comps: [] };
      g.comps.push({ f, st, index: Number(m[2]), e: v.e });
      groups.set(key, g);
    }
    for (const { base, params, comps } of groups.values()) {
      const n = params.length;
      if (comps.length !== n) continue;
      const first = Math.min(...comps.map((c) => c.index));
      if (first > 1) continue;
      const sorted = [...comps].sort((a, b) => a.index - b.index);
      if (sorted.some((c, k) => c.index !== first + k)) continue;
      if (sorted.some((c) => ![...symbolsOf(c.e)].some((s) => params.includes(s)))) continue;
      const candidate: Candidate = {
        kind: 'candidate', form: 'components', name: base, nameAt: { f: sorted[0].f, span: sorted[0].st.sides[0].span }, variables: params,
        raw: sorted.map((c) => c.e), outputs: [], parts: sorted.map((c) => ({ f: c.f, span: c.st.span })), claims: sorted.map((c) => c.st),
        formulas: [...new Set(sorted.map((c) => c.f))], run: slice.run, lenient: true,
      };
      yield candidate;
    }
  },
  examples: [
    { note: '$$ f_1(x, y) = x^2 - y^2, \\qquad f_2(x, y) = 2 x y $$', reads: { variables: ['x', 'y'], components: ['x^2 - y^2', '2 * x * y'] } },
    { note: '$$ f_1(x, y) = x + y $$', ignores: true },
  ],
};
