/**
 * Products read the way a person writes a monomial: the number first, then constants, then the
 * map's variables in their order, sums, then function calls (3*x*y^2, -2*r*sin(theta)). Order is
 * the point here, so a few printed products are compared as text; every printed form is also
 * checked to be the same function as the product it prints.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, num, sym } from '../../../src/core/math/expr';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { toLatex, toMathjs, withVariableOrder } from '../../../src/core/math/print';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const product = (...args: Expr[]): Expr => ({ k: 'mul', args });
const power = (base: Expr, k: number): Expr => ({ k: 'pow', base, exp: num(k) });
const fn = (name: string, arg: Expr): Expr => ({ k: 'call', fn: name, args: [arg] });
const [x, y, r, theta, a, mu] = ['x', 'y', 'r', 'theta', 'a', 'mu'].map(sym);

/** The printed text is the product it prints, at random points of [-2, 2]^n. */
function assertSameFunction(text: string, e: Expr, vars: string[]): void {
  const ft = compileClosure(parsePlainExpr(text), vars), fe = compileClosure(e, vars);
  const rand = rng(5);
  for (let i = 0; i < 20; i++) {
    const p = randomPoint(vars.map(() => [-2, 2] as [number, number]), rand);
    const vt = ft(p), ve = fe(p);
    if (Number.isFinite(vt) && Number.isFinite(ve)) assert.ok(Math.abs(vt - ve) <= 1e-12 * Math.max(1, Math.abs(ve)), `${text} at ${[...p]}`);
  }
}

describe('factor order in printed products', () => {
  const cases: Array<[Expr, string[], string, string]> = [
    [product(power(y, 2), x, num(3)), ['x', 'y'], '3*x*y^2', '3 x y^{2}'],
    [product(fn('sin', theta), r, num(-2)), ['r', 'theta'], '-2*r*sin(theta)', '-2 r \\sin \\theta'],
    [product(fn('sinh', mu), power(a, 2)), ['mu', 'nu'], 'a^2*sinh(mu)', 'a^{2} \\sinh \\mu'],
    [product(fn('cos', y), fn('exp', x), y, x, fn('sqrt', num(3))), ['x', 'y'], 'sqrt(3)*x*y*exp(x)*cos(y)', '\\sqrt{3} x y e^{x} \\cos y'],
    [product(num(2), power(y, -1), power(x, -2)), ['x', 'y'], '2/(x^2*y)', '\\frac{2}{x^{2} y}'],
  ];
  for (const [e, vars, text, latex] of cases) {
    it(`${text} (variables ${vars.join(', ')})`, () => {
      const printed = withVariableOrder(vars, () => toMathjs(e));
      assert.equal(printed, text);
      assert.equal(withVariableOrder(vars, () => toLatex(e)), latex);
      assertSameFunction(printed, e, [...new Set([...vars, 'a'])]);
    });
  }

  it('the analysis writes J and det J in the map\'s variable order', () => {
    const doc = '```transform\nf(x, y) = (y^2 x, y x^3)\n```\n';
    const t = analyzeDocument(doc, 'markdown', 't.md').transforms[0];
    assert.deepEqual(t.jacobian, [['y^2', '2*x*y'], ['3*x^2*y', 'x^3']]);
    assert.equal(t.det, '-5*x^3*y^2');
  });

  /** The symbols of the first product in the printed text that holds both, in printed order. */
  const orderOf = (text: string, p: string, q: string): string[] => {
    let found: string[] = [];
    const visit = (e: Expr): void => {
      if (found.length) return;
      if (e.k === 'mul') {
        const names = e.args.flatMap((f) => (f.k === 'sym' ? [f.name] : []));
        if (names.includes(p) && names.includes(q)) { found = names.filter((n) => n === p || n === q); return; }
      }
      if (e.k === 'mul' || e.k === 'add') e.args.forEach(visit);
      else if (e.k === 'pow') visit(e.base);
      else if (e.k === 'neg') visit(e.arg);
    };
    visit(parsePlainExpr(text));
    return found;
  };
  const k = sym('k');
  it('a parameter and a variable not written in one product: the parameter first, as a coefficient (2*k*x)', () => {
    const printed = withVariableOrder(['x', 'y'], () => toMathjs(product(num(2), x, k)));
    assert.deepEqual(orderOf(printed, 'x', 'k'), ['k', 'x'], printed);
    assertSameFunction(printed, product(num(2), k, x), ['x', 'y', 'k']);
  });
  it('a parameter and a variable the definition writes in one product keep its order (x*k for a written x k)', () => {
    const printed = withVariableOrder(['x', 'y'], () => toMathjs(product(num(2), k, x)), [parsePlainExpr('x*k + y')]);
    assert.deepEqual(orderOf(printed, 'x', 'k'), ['x', 'k'], printed);
  });
  it('velocity addition: the analysis writes 1 + u v/c^2 as the definition does, not v u', () => {
    const doc = '```transform\nw(u, s) = ((u + v)/(1 + u v/c^2), s)\n```\n';
    const t = analyzeDocument(doc, 'markdown', 't.md').transforms[0];
    assert.deepEqual(orderOf(t.det, 'u', 'v'), ['u', 'v'], t.det);
    assert.deepEqual(orderOf(t.jacobian[0][0], 'u', 'v'), ['u', 'v'], t.jacobian[0][0]);
    assertSameFunction(t.det, parsePlainExpr('c^2*(c^2 - v^2)/(c^2 + u*v)^2'), ['u', 's', 'v', 'c']);
  });
});
