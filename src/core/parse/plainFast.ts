/**
 * The common plain forms read without mathjs's parser: `sqrt(3)/2*x - y/2`, `x*(28 - z) - y`,
 * `1/(1 + exp(-x))`. Numbers (digits, an optional decimal part), ASCII names, calls,
 * parentheses, + - * / ^ and unary signs, every operator written out. Anything else (implicit
 * multiplication `2x`, exponents `1e3`, other operators or characters, names mathjs reads as
 * operators or constants, deep nesting) answers null, and mathjs's parser reads the text as
 * before. Where this reader answers, its tree is the one `convert` makes of mathjs's nodes:
 * the same precedence (unary minus below ^, ^ right-associative with a signed exponent), the
 * same chains (a - b + c one sum, a / b * c one product, a parenthesised chain one term),
 * the same calls (callByName). A reading that would throw gives null: errors come from mathjs's
 * path, with its messages and places.
 */
import { Expr, add, mul, neg, num, pow, sym } from '../math/expr';

/** Names mathjs reads as operators or constants (`x mod 2`, `NaN`): left to its parser. */
const RESERVED = new Set(['mod', 'to', 'in', 'and', 'xor', 'or', 'not', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);

/** Nesting read here; deeper text goes to mathjs's path (and its limits). */
const MAX_DEPTH = 24;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c);

class Bail extends Error {}
const BAIL = new Bail();

/**
 * The tree of `text` (already normalised: `**` -> `^`), or null where mathjs's parser is needed.
 * `call` builds a call by name, as the mathjs path does (aliases, arity).
 */
export function fastPlainExpr(text: string, call: (name: string, args: Expr[]) => Expr): Expr | null {
  let i = 0;
  const n = text.length;
  const skip = () => { while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++; };
  const peek = () => { skip(); return i < n ? text.charCodeAt(i) : -1; };

  // sum: terms with + and -, one list
  const sum = (depth: number): Expr => {
    const first = product(depth);
    let terms: Expr[] | null = null;
    for (let c = peek(); c === 43 || c === 45; c = peek()) {
      i++;
      const t = product(depth);
      (terms ??= [first]).push(c === 45 ? neg(t) : t);
    }
    return terms ? add(...terms) : first;
  };
  // product: factors with * and /, one list (a / b is a b^-1)
  const product = (depth: number): Expr => {
    const first = unary(depth);
    let factors: Expr[] | null = null;
    for (let c = peek(); c === 42 || c === 47; c = peek()) {
      i++;
      const f = unary(depth);
      (factors ??= [first]).push(c === 47 ? pow(f, num(-1)) : f);
    }
    // two operands side by side (2x, (a)(b), x y): implicit multiplication, mathjs's rules
    const c = peek();
    if (c >= 0 && c !== 43 && c !== 45 && c !== 41 && c !== 44) throw BAIL;
    return factors ? mul(...factors) : first;
  };
  // unary signs bind below ^: -x^2 is -(x^2)
  const unary = (depth: number): Expr => {
    if (depth > MAX_DEPTH) throw BAIL;
    const c = peek();
    if (c === 45) { i++; return neg(unary(depth + 1)); }
    if (c === 43) { i++; return unary(depth + 1); }
    const base = primary(depth);
    if (peek() !== 94) return base;
    i++;
    return pow(base, unary(depth + 1));   // right-associative, the exponent may be signed: 2^-x
  };
  const primary = (depth: number): Expr => {
    const c = peek();
    if (c === 40) {   // ( sum )
      i++;
      const e = sum(depth + 1);
      if (peek() !== 41) throw BAIL;
      i++;
      return e;
    }
    if (isDigit(c)) {
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) {   // a decimal part needs a digit: 2. and 2.* are mathjs's
        i++;
        if (!isDigit(text.charCodeAt(i))) throw BAIL;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      // an exponent (1e3), a second point or a name right after: mathjs's
      if (i < n && (isNameChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) throw BAIL;
      const v = Number(text.slice(start, i));
      if (!Number.isFinite(v)) throw BAIL;
      return num(v);
    }
    if (isNameStart(c)) {
      const start = i;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      const name = text.slice(start, i);
      if (RESERVED.has(name)) throw BAIL;
      // a name over 127 (θ) or $ continues the name in mathjs's reading
      if (i < n && (text.charCodeAt(i) > 127 || text.charCodeAt(i) === 36)) throw BAIL;
      if (peek() !== 40) return sym(name);
      i++;
      const args: Expr[] = [];
      if (peek() === 41) throw BAIL;   // f(): mathjs's path says what is missing
      for (;;) {
        args.push(sum(depth + 1));
        const d = peek();
        i++;
        if (d === 41) break;
        if (d !== 44) throw BAIL;
      }
      return call(name, args);
    }
    throw BAIL;
  };

  try {
    if (peek() < 0) return null;
    const e = sum(0);
    return peek() < 0 ? e : null;
  } catch (err) {
    if (err === BAIL) return null;
    return null;   // a call refused by name or arity: mathjs's path gives the message and its place
  }
}
