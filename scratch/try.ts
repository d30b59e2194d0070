import { parsePlainExpr } from '../src/core/parse/plainExpr';
import { Algebra, Budget } from '../src/core/math/poly';
import { toMathjs, toLatex } from '../src/core/math/print';
import { jacobian } from '../src/core/math/diff';
const corpus = require('/work/shared/corpus/public.json');
for (const c of corpus) {
  const comps = c.components_mathjs.map(parsePlainExpr);
  const J = jacobian(comps, c.variables);
  const alg = new Algebra({ variables: c.variables, budget: Budget.ms(2000) });
  const t0 = Date.now();
  const Jr = J.map((r: any) => r.map((e: any) => alg.fromExpr(e)));
  // Laplace (naive) det in RF
  const det = (rows: number[], cols: number[]): any => {
    if (rows.length === 0) return alg.const({ n: 1n, d: 1n });
    let acc = alg.const({ n: 0n, d: 1n });
    const r = rows[0];
    cols.forEach((c, i) => {
      const m = alg.mul(Jr[r][c], det(rows.slice(1), cols.filter((x) => x !== c)));
      acc = alg.add(acc, i % 2 ? alg.neg(m) : m);
    });
    return acc;
  };
  try {
    const d = det([...Array(c.n).keys()], [...Array(c.n).keys()]);
    const b = alg.best(d);
    console.log(c.id.padEnd(26), toMathjs(b).padEnd(50), '|', c.det_simplified_mathjs, Date.now() - t0, 'ms');
    console.log(' '.repeat(26), toLatex(b));
  } catch (e) { console.log(c.id, 'ERR', (e as Error).message); }
}
