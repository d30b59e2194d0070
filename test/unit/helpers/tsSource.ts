/**
 * Expressions written as TypeScript source, for tests of the code front end: a tree (parsed
 * from the corpus's mathjs strings) printed with Math.*, `**` and local helpers, written
 * independently of the front end.
 */
import type { Expr } from '../../../src/core/math/expr';
import { FUNCTIONS, isKnownFunction } from '../../../src/core/math/functions';

/** Known functions that Math lacks, as TypeScript helpers of the same file. */
const LOCAL_HELPERS: Readonly<Record<string, string>> = {
  sigmoid: 'function sigmoid(u: number): number { return 1 / (1 + Math.exp(-u)); }',
  softplus: 'function softplus(u: number): number { return Math.log1p(Math.exp(u)); }',
  sec: 'function sec(u: number): number { return 1 / Math.cos(u); }',
  csc: 'function csc(u: number): number { return 1 / Math.sin(u); }',
  cot: 'function cot(u: number): number { return 1 / Math.tan(u); }',
  sech: 'function sech(u: number): number { return 1 / Math.cosh(u); }',
  csch: 'function csch(u: number): number { return 1 / Math.sinh(u); }',
  coth: 'function coth(u: number): number { return 1 / Math.tanh(u); }',
};

/** An expression as TypeScript; `needs` collects the helper and declare lines it relies on. */
export function toTypeScript(e: Expr, needs: Map<string, string>): string {
  const p = (x: Expr) => toTypeScript(x, needs);
  switch (e.k) {
    case 'num': return e.v < 0 ? `(${e.v})` : String(e.v);
    case 'sym': return e.name === 'pi' ? 'Math.PI' : e.name === 'e' ? 'Math.E' : e.name;
    case 'neg': return `(-${p(e.arg)})`;
    case 'add': return `(${e.args.map(p).join(' + ')})`;
    case 'mul': return `(${e.args.map(p).join(' * ')})`;
    case 'pow': return `(${p(e.base)} ** ${p(e.exp)})`;
    case 'call': {
      const args = e.args.map(p).join(', ');
      if (isKnownFunction(e.fn) && FUNCTIONS[e.fn].js.startsWith(`Math.${e.fn}(`)) return `Math.${e.fn}(${args})`;
      if (LOCAL_HELPERS[e.fn]) needs.set(e.fn, LOCAL_HELPERS[e.fn]);
      else if (!isKnownFunction(e.fn)) {
        // An unknown function (s, t of a coupling layer) is declared, as the README says.
        needs.set(e.fn, `declare function ${e.fn}(${e.args.map((_, i) => `u${i}: number`).join(', ')}): number;`);
      } else throw new Error(`no TypeScript for ${e.fn}`);
      return `${e.fn}(${args})`;
    }
  }
}
