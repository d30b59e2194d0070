/**
 * Symbolic differentiation. Known functions use the table in functions.ts; unknown
 * functions differentiate by the chain rule into s'(u) (or ∂_i s(u, v)), which mathjs's
 * derivative cannot do.
 */
import { Expr, add, call, dependsOn, div, mul, neg, num, pow, rationalExpr, rationalValue, sub, ONE, ZERO } from './expr';
import { Q1, qSub } from './rational';
import { FUNCTIONS } from './functions';

export function diff(e: Expr, v: string): Expr {
  if (!dependsOn(e, v)) return ZERO;
  switch (e.k) {
    case 'num': return ZERO;
    case 'sym': return e.name === v ? ONE : ZERO;
    case 'neg': return neg(diff(e.arg, v));
    case 'add': return add(...e.args.map((a) => diff(a, v)));
    case 'mul': {
      const terms: Expr[] = [];
      e.args.forEach((f, i) => {
        const df = diff(f, v);
        if (df.k === 'num' && df.v === 0) return;
        terms.push(mul(...e.args.map((g, j) => (j === i ? df : g))));
      });
      return add(...terms);
    }
    case 'pow': {
      const { base, exp } = e;
      const baseDep = dependsOn(base, v), expDep = dependsOn(exp, v);
      if (!expDep) {
        // d(u^c) = c u^(c-1) u'
        // (a rational exponent exactly: u^(1/3) gives u^(-2/3), not u^(1/3 - 1))
        const q = exp.k === 'num' ? null : rationalValue(exp);
        const c1 = exp.k === 'num' ? num(exp.v - 1) : q ? rationalExpr(qSub(q, Q1)) : sub(exp, ONE);
        return mul(exp, pow(base, c1), diff(base, v));
      }
      if (!baseDep) {
        // d(c^w) = c^w log(c) w'
        const logc = base.k === 'sym' && base.name === 'e' ? ONE : call('log', base);
        return mul(e, logc, diff(exp, v));
      }
      // u^w = exp(w log u): d = u^w (w' log u + w u'/u)
      return mul(e, add(mul(diff(exp, v), call('log', base)), div(mul(exp, diff(base, v)), base)));
    }
    case 'call': {
      const known = e.d ? undefined : FUNCTIONS[e.fn];
      const terms: Expr[] = [];
      e.args.forEach((a, i) => {
        const da = diff(a, v);
        if (da.k === 'num' && da.v === 0) return;
        const outer: Expr = known
          ? known.d[i](e.args)
          : { k: 'call', fn: e.fn, args: e.args, d: [...(e.d ?? []), i].sort((x, y) => x - y) };
        terms.push(mul(outer, da));
      });
      return add(...terms);
    }
  }
}

/** The Jacobian matrix J[i][j] = d f_i / d x_j. */
export function jacobian(components: readonly Expr[], variables: readonly string[]): Expr[][] {
  return components.map((f) => variables.map((x) => diff(f, x)));
}
