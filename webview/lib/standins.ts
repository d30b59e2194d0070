/**
 * Stand-ins for what a report leaves symbolic, so that the picture can still be drawn:
 * unknown functions (RealNVP's s and t) get a formula the user sees and can edit, free
 * symbols a value. Nothing here pretends to be the user's map: the panel labels every
 * stand-in it uses.
 *
 * The webview cannot load mathjs (size, and the CSP forbids what it compiles), so stand-in
 * formulas are read by the small parser below: numbers, names, + - * / ^, parentheses,
 * calls of known functions, implicit multiplication (`0.5 tanh(u)`).
 */
import { Expr, add, call, div, mul, neg, num, pow, sub, sym, CONSTANTS } from '../../src/core/math/expr';
import { FUNCTIONS, FUNCTION_ALIASES } from '../../src/core/math/functions';
import { diff } from '../../src/core/math/diff';
import { compileClosure, Scalar, UnknownImpl } from '../../src/core/math/numeric';

export class FormulaError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

type Tok = { kind: 'num' | 'name' | 'op'; text: string; at: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*/^(),]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) {
      const at = i + (src.slice(i).length - src.slice(i).trimStart().length);
      throw new FormulaError(`unexpected "${src[at]}"`, at);
    }
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1], at });
    else if (m[2] !== undefined) out.push({ kind: 'name', text: m[2], at });
    else out.push({ kind: 'op', text: m[3] === '**' ? '^' : m[3], at });
    i = re.lastIndex;
  }
  return out;
}

/**
 * Parse a formula over `params` (and the constants pi, e). Calls may only name known
 * functions: a stand-in must be something the panel can evaluate.
 */
export function parseFormula(src: string, params: readonly string[]): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const end = () => (toks.length ? toks[toks.length - 1].at + toks[toks.length - 1].text.length : 0);
  const expect = (text: string) => {
    const t = toks[p];
    if (!t || t.text !== text) throw new FormulaError(`expected "${text}"`, t ? t.at : end());
    p++;
  };
  const startsPrimary = (t: Tok | undefined) => !!t && (t.kind !== 'op' || t.text === '(');

  function expr(): Expr {
    let a = term();
    for (let t = peek(); t && t.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      p++;
      const b = term();
      a = t.text === '+' ? add(a, b) : sub(a, b);
    }
    return a;
  }
  function term(): Expr {
    let a = unary();
    for (;;) {
      const t = peek();
      if (t && t.kind === 'op' && (t.text === '*' || t.text === '/')) {
        p++;
        const b = unary();
        a = t.text === '*' ? mul(a, b) : div(a, b);
      } else if (startsPrimary(t)) {
        a = mul(a, power()); // implicit multiplication: 2 u, 0.5 tanh(u)
      } else return a;
    }
  }
  function unary(): Expr {
    const t = peek();
    if (t && t.kind === 'op' && (t.text === '-' || t.text === '+')) { p++; const a = unary(); return t.text === '-' ? neg(a) : a; }
    return power();
  }
  function power(): Expr {
    const base = primary();
    const t = peek();
    if (t && t.kind === 'op' && t.text === '^') { p++; return pow(base, unary()); }
    return base;
  }
  function primary(): Expr {
    const t = peek();
    if (!t) throw new FormulaError('the formula ends too early', end());
    if (t.kind === 'num') { p++; return num(Number(t.text)); }
    if (t.kind === 'op' && t.text === '(') { p++; const e = expr(); expect(')'); return e; }
    if (t.kind === 'name') {
      p++;
      const next = peek();
      if (next && next.kind === 'op' && next.text === '(') {
        const fn = FUNCTION_ALIASES[t.text] ?? t.text;
        const known = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
        if (!known) throw new FormulaError(`${t.text} is not a known function (a stand-in may use exp, log, sin, tanh, sqrt, ...)`, t.at);
        p++;
        const args: Expr[] = [expr()];
        while (peek() && peek().text === ',') { p++; args.push(expr()); }
        expect(')');
        if (args.length !== known.arity) throw new FormulaError(`${fn} takes ${known.arity} argument${known.arity === 1 ? '' : 's'}`, t.at);
        return call(fn, ...args);
      }
      if (params.includes(t.text) || t.text in CONSTANTS) return sym(t.text);
      throw new FormulaError(`unknown name ${t.text}: use ${params.join(', ')}${params.length ? ' and ' : ''}pi, e`, t.at);
    }
    throw new FormulaError(`unexpected "${t.text}"`, t.at);
  }

  if (toks.length === 0) throw new FormulaError('the formula is empty', 0);
  const e = expr();
  if (p < toks.length) throw new FormulaError(`unexpected "${toks[p].text}"`, toks[p].at);
  return e;
}

/** The parameter names of a stand-in of the given arity: u, or u1, u2, ... */
export const standInParams = (arity: number): string[] => (arity === 1 ? ['u'] : Array.from({ length: arity }, (_, i) => `u${i + 1}`));

/**
 * The default stand-in for an unknown function. A scale-like s gets tanh(u)/2 (det J then
 * ranges over [e^-1/2, e^1/2]: contraction on one side, expansion on the other); any other
 * function sin(u)/2, which bends the grid visibly without folding it.
 */
export function defaultStandIn(name: string, arity: number): string {
  const ps = standInParams(arity);
  const arg = ps.length === 1 ? ps[0] : ps.join(' + ');
  return /^(s|scale|log_?s|alpha|sigma)(_?\w*)?$/i.test(name) && !/^(shift|sin)/i.test(name) ? `tanh(${arg})/2` : `sin(${arg})/2`;
}

/** The value given to a free symbol the user has not set. */
export const DEFAULT_SYMBOL_VALUE = 1;

/**
 * An implementation of an unknown function from its stand-in formula: every derivative
 * the trees ask for (s'(u), ∂1 s(u, v)) is the exact derivative of the formula.
 */
export function standInImpl(body: Expr, params: readonly string[]): UnknownImpl {
  const cache = new Map<string, Scalar>();
  const get = (d: readonly number[]): Scalar => {
    const key = d.join(',');
    let f = cache.get(key);
    if (!f) {
      let e = body;
      for (const i of d) e = diff(e, params[i]);
      f = compileClosure(e, params);
      cache.set(key, f);
    }
    return f;
  };
  get([]);
  return (args, d) => get(d)(args);
}
