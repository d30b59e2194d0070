/**
 * Forms written in the user's own names, as the note writes its formulas: a spline segment's
 * derivative in s_k and ξ rather than in x, x_k, x_k+1, y_k, y_k+1. Each name's value that is
 * linear in one of its symbols (ξ = (x - x_k)/(x_k+1 - x_k) in x, s_k = (y_k+1 - y_k)/(x_k+1 - x_k)
 * in y_k+1) is solved for that symbol (x = x_k + ξ (x_k+1 - x_k)), the solution substituted into
 * the form and the result simplified with the names as symbols. No document is special: any
 * name a definition gives, of any value linear in some symbol, takes part.
 *
 * The division is by the coefficient of the symbol, which must be a single term free of the map's
 * variables (1/h, 2 k): a constant factor of the name's own definition, so the rewritten form
 * equals the full one wherever both are defined. The caller still checks each rewritten form
 * (its names substituted back) against the full one at random points before it is shown.
 */
import { Expr, exprKey, mul, pow, num, size, substitute, sub, sym, symbolsOf } from './math/expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './math/poly';
import { CONSTANTS } from './math/expr';
import type { NamedValue } from './abbreviate';

/** At most this many symbols tried per name, and this many choices over all names. */
const SYMBOLS_PER_NAME = 3;
const MAX_CHOICES = 8;
/**
 * The work for all choices together, in the simplifier's steps (not time: the forms shown must
 * be the same on every machine, loaded or not). A spline segment's det J takes about 35 000.
 */
export const IN_NAMES_STEPS = 200_000;
/** The clock behind the steps of the rewrite into the user's names, in milliseconds. */
const IN_NAMES_SAFETY_MS = 2000;

interface Solution { readonly symbol: string; readonly value: Expr }

/**
 * The forms rewritten in the names (null where a form gains nothing), or null when no form
 * does. `variables` are the map's: tried first, since a name of the variables (ξ of x) is what
 * a reader's formulas are written in.
 */
export function inUserNames(forms: readonly Expr[], named: readonly NamedValue[], variables: readonly string[], steps = IN_NAMES_STEPS): Array<Expr | null> | null {
  // only names made of what the forms are made of (a name of another map's variable would bring it in)
  const present = new Set(variables);
  for (const e of forms) symbolsOf(e, present);
  named = named.filter((d) => [...symbolsOf(d.value)].every((x) => present.has(x) || Object.hasOwn(CONSTANTS, x)));
  if (!named.length || !forms.length) return null;
  // counted steps, and a clock: a step on a power of a sum expanded to many terms costs far more
  // than one on a reader's formula (a name for x^2 - y^2 in a form with (x^2 - y^2)^42 once took
  // 15 s), and forms in the user's names are a reading aid, never worth more than the map's budget
  const budget = Budget.steps(steps, undefined, IN_NAMES_SAFETY_MS);
  const names = named.map((n) => n.name);
  const skip = new Set([...names, ...Object.keys(CONSTANTS)]);
  const candidates = named.map(({ value }) => {
    const syms = [...symbolsOf(value)].filter((s) => !skip.has(s));
    return [...syms.filter((s) => variables.includes(s)), ...syms.filter((s) => !variables.includes(s))].slice(0, SYMBOLS_PER_NAME);
  });
  let best: { forms: Array<Expr | null>; gain: number } | null = null;
  for (const choice of choices(candidates)) {
    try {
      const sols = solve(named, choice, variables, budget);
      if (!sols) continue;
      const alg = new Algebra({ variables: [...variables, ...names], budget });
      // (a 1 x 1 map's det J is its entry: rewritten once)
      const done = new Map<string, Expr | null>();
      const out = forms.map((e) => {
        const key = exprKey(e);
        if (done.has(key)) return done.get(key)!;
        let x = e;
        for (const s of sols) x = substitute(x, new Map([[s.symbol, s.value]]));
        const r = alg.best(alg.fromExpr(x));
        // worth a line of its own: a fifth shorter at least
        const shown = size(r) * 5 <= size(e) * 4 ? r : null;
        done.set(key, shown);
        return shown;
      });
      const gain = out.reduce((g, r, i) => g + (r ? size(forms[i]) - size(r) : 0), 0);
      if (gain > 0 && (!best || gain > best.gain)) best = { forms: out, gain };
    } catch (e) {
      if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
      if (budget.expired) break;
    }
  }
  return best?.forms ?? null;
}

/** Each name's value solved for its chosen symbol (none: the name is left out). */
function solve(named: readonly NamedValue[], choice: ReadonlyArray<string | null>, mapVariables: readonly string[], budget: Budget): Solution[] | null {
  const variables = [...named.map((n) => n.name), ...mapVariables];
  const sols: Solution[] = [];
  named.forEach(({ name, value }, i) => {
    const symbol = choice[i];
    if (!symbol) return;
    let v = value;
    for (const s of sols) v = substitute(v, new Map([[s.symbol, s.value]]));
    const alg = new Algebra({ variables: [...variables, symbol], budget });
    const lin = alg.linearIn(alg.fromExpr(v), symbol);
    if (!lin) return;
    // b a single term free of the map's variables (1/h, 2, k/h over the value's denominator):
    // the division by it is by a constant factor of the name's own definition
    const b = alg.canonical({ num: lin.b.num, den: [] });
    if (lin.b.num.size !== 1 || [...symbolsOf(b)].some((x) => mapVariables.includes(x))) return;
    // name = a + b symbol  ->  symbol = (name - a)/b
    const solved = alg.best(alg.fromExpr(mul(sub(sym(name), alg.canonical(lin.a)), pow(alg.canonical(lin.b), num(-1)))));
    sols.push({ symbol, value: solved });
  });
  return sols.length ? sols : null;
}

/** Every way to pick one symbol per name, the first candidates first, at most MAX_CHOICES. */
function choices(candidates: ReadonlyArray<readonly string[]>): Array<Array<string | null>> {
  let out: Array<Array<string | null>> = [[]];
  for (const c of candidates) {
    const opts: Array<string | null> = c.length ? [...c] : [null];
    out = out.flatMap((prefix) => opts.map((o) => [...prefix, o])).slice(0, MAX_CHOICES);
  }
  return out;
}
