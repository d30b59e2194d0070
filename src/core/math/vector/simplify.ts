/**
 * Simplifying numbers of a vector map (det J, tr J): the vector parts (w^T u, ‖v‖, Π s_i,
 * det W) are atoms for the scalar simplifier, which never sees a product of matrices (it
 * would reorder it). v^T v is ‖v‖^2 first, so that 1 - 2 v^T v / ‖v‖^2 is -1.
 */
import { Expr, call, exprKey, mapExpr, pow, num, sym, size, substitute } from '../expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded, shorter } from '../poly';
import { VECTOR_CALLS } from './typed';

/** dot(a, a) -> norm(a)^2 everywhere. */
export function canonicalDots(e: Expr): Expr {
  return mapExpr(e, (x) => (x.k === 'call' && x.fn === 'dot' && !x.d && x.args.length === 2 && exprKey(x.args[0]) === exprKey(x.args[1])
    ? pow(call('norm', x.args[0]), num(2)) : x));
}

/** Replace the vector parts by placeholder symbols (outermost first). */
function atomize(e: Expr, atoms: Map<string, { name: string; e: Expr }>): Expr {
  if (e.k === 'call' && !e.d && VECTOR_CALLS.has(e.fn)) {
    const key = exprKey(e);
    let a = atoms.get(key);
    if (!a) { a = { name: `__vec${atoms.size}`, e }; atoms.set(key, a); }
    return sym(a.name);
  }
  switch (e.k) {
    case 'add': case 'mul': return { ...e, args: e.args.map((x) => atomize(x, atoms)) } as Expr;
    case 'call': return { ...e, args: e.args.map((x) => atomize(x, atoms)) };
    case 'pow': return { k: 'pow', base: atomize(e.base, atoms), exp: atomize(e.exp, atoms) };
    case 'neg': return { k: 'neg', arg: atomize(e.arg, atoms) };
    default: return e;
  }
}

/** The shorter of the form as built and its simplification (the vector parts are atoms). */
export function simplifyVectorNumber(e: Expr, budgetMs = 400): Expr {
  const start = canonicalDots(e);
  const atoms = new Map<string, { name: string; e: Expr }>();
  const flat = atomize(start, atoms);
  let best = start;
  try {
    const alg = new Algebra({ variables: [], budget: Budget.ms(budgetMs) });
    const s = alg.best(alg.fromExpr(flat));
    const back = substitute(s, new Map([...atoms.values()].map((a) => [a.name, a.e])));
    if (shorter(back, best) || size(back) <= size(best)) best = back;
  } catch (err) {
    if (!(err instanceof BudgetExceeded || err instanceof AlgebraError)) throw err;
  }
  return best;
}
