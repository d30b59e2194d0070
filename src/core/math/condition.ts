/**
 * Conditions of piecewise maps: comparisons of expressions joined by and / or / not, as
 * front ends read them (`x < 0 ? … : …` in code, `\begin{cases} … & x < 0 \end{cases}` in
 * LaTeX). Plain JSON-able data like Expr; printers to mathjs syntax and LaTeX, and closures
 * that evaluate them at points (no code generation: the webview uses them too).
 */
import { Expr, exprKey, shortKey } from './expr';
import { LatexOptions, toLatex, toMathjs } from './print';
import { NumericEnv, compileClosure, notNumericReason } from './numeric';

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Condition =
  | { readonly k: 'cmp'; readonly op: Comparison; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'and'; readonly args: readonly Condition[] }
  | { readonly k: 'or'; readonly args: readonly Condition[] }
  | { readonly k: 'not'; readonly arg: Condition }
  /** Always (true: "otherwise", the last piece of a chain) or never. */
  | { readonly k: 'bool'; readonly v: boolean };

export const TRUE: Condition = { k: 'bool', v: true };
export const FALSE: Condition = { k: 'bool', v: false };

const NEGATED: Readonly<Record<Comparison, Comparison>> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };
const MIRRORED: Readonly<Record<Comparison, Comparison>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

export const cmp = (op: Comparison, a: Expr, b: Expr): Condition => {
  // two numbers: decided now
  if (a.k === 'num' && b.k === 'num') return compareNumbers(op, a.v, b.v) ? TRUE : FALSE;
  // one expression on both sides (`max === r` where max is r): decided as for equal numbers
  // (where it is defined a number equals itself)
  if (a === b || exprKey(a) === exprKey(b)) return compareNumbers(op, 0, 0) ? TRUE : FALSE;
  // two constants (8/(3 pi) > 0, a clamp of a number known while reading): decided now when
  // they are clearly apart; equal-looking values keep the comparison as written
  const [x, y] = [constantOf(a), constantOf(b)];
  if (x !== null && y !== null && Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) return compareNumbers(op, x, y) ? TRUE : FALSE;
  return { k: 'cmp', op, a, b };
};

/** The value of an expression without variables or unknown functions (pi, sqrt(2)/3), or null. */
function constantOf(e: Expr): number | null {
  if (e.k === 'num') return e.v;
  if (e.k === 'sym') return null;
  const was = constants.get(e);
  if (was !== undefined) return was;
  const v = notNumericReason(e, []) !== null ? NaN : compileClosure(e, [])([]);
  const out = Number.isFinite(v) ? v : null;
  constants.set(e, out);
  return out;
}
const constants = new WeakMap<Expr, number | null>();

function compareNumbers(op: Comparison, a: number, b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}

/** A structural key: equal keys mean equal conditions (a < b and b > a are the same). */
export function conditionKey(c: Condition): string {
  let k = condKeys.get(c);
  if (k !== undefined) return k;
  switch (c.k) {
    case 'bool': k = String(c.v); break;
    case 'cmp': {
      const [ka, kb] = [exprKey(c.a), exprKey(c.b)];
      k = shortKey(ka <= kb ? `(${ka} ${c.op} ${kb})` : `(${kb} ${MIRRORED[c.op]} ${ka})`);
      break;
    }
    case 'not': k = shortKey(`!${conditionKey(c.arg)}`); break;
    default: k = shortKey(`${c.k}(${c.args.map(conditionKey).sort().join(',')})`);
  }
  condKeys.set(c, k);
  return k;
}
/**
 * Conditions are never changed once built: each one's key (long keys numbered, as exprKey's)
 * and negation are worked out once, so that conditions built one test at a time (a function
 * with branches called a thousand times) cost time in proportion to their size.
 */
const condKeys = new WeakMap<Condition, string>();
const negations = new WeakMap<Condition, Condition>();

/** not c, with the negation moved inwards: not (x < 0) is x >= 0, not (a and b) is not a or not b. */
export function not(c: Condition): Condition {
  let n = negations.get(c);
  if (n !== undefined) return n;
  switch (c.k) {
    case 'bool': n = c.v ? FALSE : TRUE; break;
    case 'cmp': n = { k: 'cmp', op: NEGATED[c.op], a: c.a, b: c.b }; break;
    case 'not': n = c.arg; break;
    case 'and': n = or(...c.args.map(not)); break;
    case 'or': n = and(...c.args.map(not)); break;
  }
  negations.set(c, n);
  return n;
}

function junction(kind: 'and' | 'or', parts: readonly Condition[]): Condition {
  const unit = kind === 'and';
  const out: Condition[] = [];
  const keys = new Set<string>();
  for (const p of parts.flatMap((x) => (x.k === kind ? x.args : [x]))) {
    if (p.k === 'bool') {
      if (p.v === unit) continue;
      return p;
    }
    const key = conditionKey(p);
    if (keys.has(key)) continue;
    // a and not a is never; a or not a is always
    if (keys.has(conditionKey(not(p)))) return unit ? FALSE : TRUE;
    keys.add(key);
    out.push(p);
  }
  const kept = unit ? tightest(out) : out;
  if (!kept || (unit && circular(kept))) return FALSE;
  if (kept.length === 0) return unit ? TRUE : FALSE;
  return kept.length === 1 ? kept[0] : { k: kind, args: kept };
}

/**
 * Whether comparisons of expressions that are no numbers order them in a circle with a strict step
 * (`r > g`, `g >= b`, `b > r`): such conjuncts never hold together. Run on three or more such
 * comparisons (two are `tightest`'s); a search from each strict step, linear in the comparisons.
 */
function circular(parts: readonly Condition[]): boolean {
  const edges: Array<{ from: string; to: string; strict: boolean }> = [];
  for (const p of parts) {
    if (p.k !== 'cmp' || p.op === '==' || p.op === '!=' || constantOf(p.a) !== null || constantOf(p.b) !== null) continue;
    // from the smaller side to the larger
    const [lo, hi] = p.op === '<' || p.op === '<=' ? [p.a, p.b] : [p.b, p.a];
    edges.push({ from: exprKey(lo), to: exprKey(hi), strict: p.op === '<' || p.op === '>' });
  }
  if (edges.length < 3) return false;
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // a strict step u -> v closes a circle when u is reached again from v
  return edges.some((e) => {
    if (!e.strict) return false;
    const seen = new Set<string>([e.to]);
    const stack = [e.to];
    while (stack.length) {
      const u = stack.pop()!;
      if (u === e.from) return true;
      for (const w of next.get(u) ?? []) if (!seen.has(w)) { seen.add(w); stack.push(w); }
    }
    return false;
  });
}

/** `e op v` with v a number (either side), or null. */
function bound(c: Condition): { e: Expr; op: '<' | '<=' | '>' | '>='; v: number; n: Expr } | null {
  if (c.k !== 'cmp' || c.op === '==' || c.op === '!=') return null;
  // a side without variables is a number (`0.5/3`, `pi/2`)
  const vb = constantOf(c.b);
  if (vb !== null && constantOf(c.a) === null) return { e: c.a, op: c.op, v: vb, n: c.b };
  const va = constantOf(c.a);
  if (va !== null && constantOf(c.b) === null) return { e: c.b, op: MIRRORED[c.op] as '<' | '<=' | '>' | '>=', v: va, n: c.a };
  return null;
}

/** e as a u + b with a, b numbers (a != 0) and u no number: `h + 1/3` is 1 h + 1/3, `-(6 h)` is -6 h. */
function linear(e: Expr): { u: Expr; a: number; b: number } {
  if (e.k === 'neg') { const l = linear(e.arg); return { u: l.u, a: -l.a, b: -l.b }; }
  if (e.k === 'add' || e.k === 'mul') {
    const values = e.args.map(constantOf);
    const terms = e.args.filter((_, i) => values[i] === null);
    if (terms.length === 1) {
      const c = values.reduce<number>((acc, x) => (x === null ? acc : e.k === 'add' ? acc + x : acc * x), e.k === 'add' ? 0 : 1);
      const l = linear(terms[0]);
      if (e.k === 'add') return { u: l.u, a: l.a, b: l.b + c };
      if (c !== 0 && Number.isFinite(c)) return { u: l.u, a: l.a * c, b: l.b * c };
    }
  }
  return { u: e, a: 1, b: 0 };
}

/**
 * `bound`, or a comparison of two expressions that are no numbers as a bound of their difference
 * by 0 (the sides in key order, so `r >= g` and `g < r` bound the same difference): `max(r, g, b)`
 * then `min(r, g, b)` test `r >= g` and `r > g`, of which the tighter is kept, and `r >= g` with
 * `r < g` is never.
 */
function pairBound(c: Condition): { e: Expr; op: '<' | '<=' | '>' | '>='; v: number } | null {
  const b = bound(c);
  if (b || c.k !== 'cmp' || c.op === '==' || c.op === '!=') return b;
  const swap = exprKey(c.a) > exprKey(c.b);
  const [x, y] = swap ? [c.b, c.a] : [c.a, c.b];
  return { e: { k: 'add', args: [x, { k: 'neg', arg: y }] }, op: (swap ? MIRRORED[c.op] : c.op) as '<' | '<=' | '>' | '>=', v: 0 };
}

/** A numeric bound as a bound of the expression's non-numeric part: `h + 1/3 < 0` is h < -1/3, `-2 h <= 1` is h >= -1/2. */
function normalBound(c: Condition): { e: Expr; op: '<' | '<=' | '>' | '>='; v: number } | null {
  const b = pairBound(c);
  if (!b) return null;
  const { u, a, b: shift } = linear(b.e);
  const v = (b.v - shift) / a;
  if (!Number.isFinite(v)) return null;
  const flipped: Readonly<Record<string, '<' | '<=' | '>' | '>='>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  return { e: u, op: a > 0 ? b.op : flipped[b.op], v };
}

/**
 * Conjuncts that bound one expression by numbers keep only the tightest lower and upper bound
 * (`k >= 0 and k >= 1 and k < 2` is `k >= 1 and k < 2`), in the place of the first of them;
 * bounds that exclude each other make the conjunction never (null).
 */
function tightest(parts: readonly Condition[]): Condition[] | null {
  interface Side { v: number; strict: boolean; at: Condition }
  const lower = new Map<string, Side>(), upper = new Map<string, Side>();
  for (const p of parts) {
    const b = normalBound(p);
    if (!b) continue;
    const key = exprKey(b.e), strict = b.op === '<' || b.op === '>';
    const isLower = b.op === '>' || b.op === '>=';
    const side = isLower ? lower : upper;
    const was = side.get(key);
    const tighter = !was || (isLower ? b.v > was.v : b.v < was.v) || (b.v === was.v && strict && !was.strict);
    if (tighter) side.set(key, { v: b.v, strict, at: p });
  }
  for (const [key, lo] of lower) {
    const hi = upper.get(key);
    if (hi && (lo.v > hi.v || (lo.v === hi.v && (lo.strict || hi.strict)))) return null;
  }
  const keep = new Set<Condition>([...lower.values(), ...upper.values()].map((s) => s.at));
  // each kept bound stands where the first bound of its expression stood
  const firstOf = new Map<string, number>();
  const out: Condition[] = [];
  const placed: Array<{ at: number; c: Condition }> = [];
  parts.forEach((p, i) => {
    const b = normalBound(p);
    if (!b) { placed.push({ at: i, c: p }); return; }
    const key = exprKey(b.e);
    if (!firstOf.has(key)) firstOf.set(key, i);
    if (keep.has(p)) placed.push({ at: firstOf.get(key)! + i / (parts.length + 1), c: p });
  });
  placed.sort((a, b) => a.at - b.at);
  for (const p of placed) out.push(p.c);
  return out;
}

export const and = (...parts: Condition[]): Condition => junction('and', parts);
export const or = (...parts: Condition[]): Condition => junction('or', parts);

/** Every expression compared in `c`. */
export function conditionExprs(c: Condition): Expr[] {
  switch (c.k) {
    case 'bool': return [];
    case 'cmp': return [c.a, c.b];
    case 'not': return conditionExprs(c.arg);
    default: return c.args.flatMap(conditionExprs);
  }
}

/** `c` with every compared expression replaced by `f` of it. */
export function mapCondition(c: Condition, f: (e: Expr) => Expr): Condition {
  switch (c.k) {
    case 'bool': return c;
    case 'cmp': return cmp(c.op, f(c.a), f(c.b));
    case 'not': return not(mapCondition(c.arg, f));
    case 'and': return and(...c.args.map((a) => mapCondition(a, f)));
    case 'or': return or(...c.args.map((a) => mapCondition(a, f)));
  }
}

// ---------------------------------------------------------------------------------------
// Printing

/** mathjs syntax: `abs(x) <= 180 and y > 0`, `true` for always. */
export function conditionToMathjs(c: Condition): string {
  return print(c, toMathjs, { and: ' and ', or: ' or ', not: (s) => `not (${s})`, ops: { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=' }, bool: (v) => String(v) });
}

/** LaTeX: `\left|x\right| \le 180 \text{ and } y > 0`; always is `\text{otherwise}`. */
export function conditionToLatex(c: Condition, opts: LatexOptions = {}): string {
  return print(c, (e) => toLatex(e, opts), {
    and: ' \\text{ and } ', or: ' \\text{ or } ', not: (s) => `\\lnot\\left(${s}\\right)`,
    ops: { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge', '==': '=', '!=': '\\ne' }, bool: (v) => (v ? '\\text{otherwise}' : '\\text{never}'),
    ranges: true,
  });
}

interface Syntax {
  readonly and: string;
  readonly or: string;
  readonly not: (s: string) => string;
  readonly ops: Readonly<Record<Comparison, string>>;
  readonly bool: (v: boolean) => string;
  /** A lower and an upper bound of one expression as one range: `1 \le 6 h < 2`. */
  readonly ranges?: boolean;
}

/** The conjuncts, a lower and an upper numeric bound of the same expression paired (the lower first). */
function ranged(args: readonly Condition[]): Array<Condition | [Condition, Condition]> {
  const out: Array<Condition | [Condition, Condition]> = [];
  const used = new Set<number>();
  const isLower = (op: string) => op === '>' || op === '>=';
  args.forEach((c, i) => {
    if (used.has(i)) return;
    const first = bound(c);
    if (first) {
      const j = args.findIndex((d, k) => { const other = k > i && !used.has(k) ? bound(d) : null; return !!other && isLower(other.op) !== isLower(first.op) && exprKey(other.e) === exprKey(first.e); });
      if (j > 0) { used.add(j); out.push(isLower(first.op) ? [c, args[j]] : [args[j], c]); return; }
    }
    out.push(c);
  });
  return out;
}

function print(c: Condition, expr: (e: Expr) => string, s: Syntax, inner = false): string {
  switch (c.k) {
    case 'bool': return s.bool(c.v);
    case 'cmp': return `${expr(c.a)} ${s.ops[c.op]} ${expr(c.b)}`;
    case 'not': return s.not(print(c.arg, expr, s));
    case 'and': return (s.ranges ? ranged(c.args) : c.args).map((a) => {
      if (!Array.isArray(a)) return print(a, expr, s, true);
      const [lo, hi] = [bound(a[0])!, bound(a[1])!];
      const flip: Readonly<Record<string, Comparison>> = { '>': '<', '>=': '<=' };
      return `${expr(lo.n)} ${s.ops[flip[lo.op]]} ${expr(lo.e)} ${s.ops[hi.op]} ${expr(hi.n)}`;
    }).join(s.and);
    case 'or': {
      const t = c.args.map((a) => print(a, expr, s, false)).join(s.or);
      return inner ? `(${t})` : t;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Evaluation

export type Predicate = (x: ArrayLike<number>) => boolean;

/** A closure that decides `c` at a point (throws NotNumericError like compileClosure). A comparison with NaN is false. */
export function compileCondition(c: Condition, variables: readonly string[], env: NumericEnv = {}): Predicate {
  switch (c.k) {
    case 'bool': { const v = c.v; return () => v; }
    case 'cmp': {
      const a = compileClosure(c.a, variables, env), b = compileClosure(c.b, variables, env);
      switch (c.op) {
        case '<': return (x) => a(x) < b(x);
        case '<=': return (x) => a(x) <= b(x);
        case '>': return (x) => a(x) > b(x);
        case '>=': return (x) => a(x) >= b(x);
        case '==': return (x) => a(x) === b(x);
        case '!=': return (x) => { const u = a(x), v = b(x); return u === u && v === v && u !== v; };
      }
      break;
    }
    case 'not': { const p = compileCondition(c.arg, variables, env); return (x) => !p(x); }
    case 'and': { const ps = c.args.map((a) => compileCondition(a, variables, env)); return (x) => ps.every((p) => p(x)); }
    case 'or': { const ps = c.args.map((a) => compileCondition(a, variables, env)); return (x) => ps.some((p) => p(x)); }
  }
  throw new Error('unreachable');
}

/**
 * Which piece applies at a point: the first whose condition holds, or -1 (no piece: f is
 * not defined there). The one rule every view and check uses.
 */
export function pieceSelector(conditions: readonly Condition[], variables: readonly string[], env: NumericEnv = {}): (x: ArrayLike<number>) => number {
  const ps = conditions.map((c) => compileCondition(c, variables, env));
  return (x) => {
    for (let i = 0; i < ps.length; i++) if (ps[i](x)) return i;
    return -1;
  };
}
