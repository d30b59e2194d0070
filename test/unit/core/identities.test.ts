/**
 * Identities of functions and their inverses (sin(asin u) = u, cos(asin u) = sqrt(1 - u^2),
 * sqrt(1 - tanh^2) = sech, sin(2 asin u) = 2 u sqrt(1 - u^2) …), each valid wherever its left
 * side is defined, and the projections and distortions whose det J they shorten. Every form is
 * compared with its input at random points of the domain where the input is defined.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { GENEROUS } from '../helpers/maps';
import { Algebra, Budget, inversePairCount } from '../../../src/core/math/poly';
import { countOps } from '../../../src/core/math/opcount';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { toMathjs } from '../../../src/core/math/print';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const ops = (s: string) => countOps(parsePlainExpr(s));
const pairs = (s: string) => inversePairCount(parsePlainExpr(s));

/** Equal at random points of the box (where the reference is finite, the form must be too). */
function assertSameFunction(got: string, ref: string, vars: string[], box: Array<[number, number]> = vars.map(() => [-2, 2])): void {
  const fa = compileClosure(parsePlainExpr(got), vars), fb = compileClosure(parsePlainExpr(ref), vars);
  const rand = rng(11);
  let compared = 0;
  for (let i = 0; i < 40; i++) {
    const x = randomPoint(box, rand);
    const va = fa(x), vb = fb(x);
    if (!Number.isFinite(vb)) continue;
    compared++;
    assert.ok(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(vb)), `${got} = ${va} but ${ref} = ${vb} at ${[...x]}`);
  }
  assert.ok(compared >= 20, `only ${compared} points where ${ref} is defined`);
}

const simplify = (src: string, vars: string[]) => {
  const alg = new Algebra({ variables: vars, budget: Budget.ms(4000) });
  return toMathjs(alg.best(alg.fromExpr(parsePlainExpr(src))));
};
const block = (def: string, domain: string) => ['```transform', def, `domain: ${domain}`, '```'].join('\n');
const analyze = (def: string, domain: string) => analyzeDocument(block(def, domain), 'markdown', 't.md', createEngineOptions(GENEROUS)).transforms[0];

describe('identities of inverse functions', () => {
  // [input, variables, box where the input is defined, at most this many operations]
  const cases: Array<[string, string[], Array<[number, number]>, number]> = [
    ['sin(asin(u))', ['u'], [[-1, 1]], 0],
    ['cos(asin(u))', ['u'], [[-1, 1]], 4],                  // sqrt(1 - u^2)
    ['tan(asin(u))', ['u'], [[-0.99, 0.99]], 5],
    ['sin(acos(u))', ['u'], [[-1, 1]], 4],
    ['cos(atan(u)) + sin(atan(u))', ['u'], [[-3, 3]], 6],   // (1 + u)/sqrt(1 + u^2)
    ['tan(atan(u))', ['u'], [[-3, 3]], 0],
    ['cosh(asinh(u))', ['u'], [[-3, 3]], 4],                // sqrt(1 + u^2)
    ['sinh(acosh(u))', ['u'], [[1, 3]], 5],                 // sqrt(u^2 - 1)
    ['tanh(atanh(u))*cosh(atanh(u))', ['u'], [[-0.99, 0.99]], 5],
    ['sec(atan(u))', ['u'], [[-3, 3]], 4],                  // sqrt(1 + u^2)
    ['exp(log(u))', ['u'], [[0.1, 3]], 0],                  // only where log u is defined: u > 0
    ['sqrt(1 - tanh(y)^2)', ['y'], [[-3, 3]], 1],           // sech(y)
    ['sqrt(1 + sinh(y)^2)', ['y'], [[-3, 3]], 1],           // cosh(y)
    ['sin(2 asin(u))', ['u'], [[-1, 1]], 6],                // 2 u sqrt(1 - u^2)
    ['cos(2 atan(u))', ['u'], [[-3, 3]], 5],                // (1 - u^2)/(1 + u^2)
  ];
  for (const [input, vars, box, most] of cases) {
    it(`${input}: no function of its inverse, at most ${most} operations, the same function on its domain`, () => {
      const out = simplify(input, vars);
      assert.equal(pairs(out), 0, out);
      assert.ok(ops(out) <= most, `${out} has ${ops(out)} operations`);
      assertSameFunction(out, input, vars, box);
    });
  }
  it('the other order is not an identity: asin(sin(u)) stays (it is u only for |u| <= pi/2)', () => {
    const out = simplify('asin(sin(u))', ['u']);
    assertSameFunction(out, 'asin(sin(u))', ['u'], [[-5, 5]]);
    assert.notEqual(out, 'u');
  });
  it('a root whose radicand is the negated denominator moves down: u sqrt(1 - u^2)/(u^2 - 1) = -u/sqrt(1 - u^2)', () => {
    const out = simplify('u*sqrt(1 - u^2)/(u^2 - 1)', ['u']);
    assert.ok(ops(out) <= ops('-u/sqrt(1 - u^2)'), out);
    assertSameFunction(out, 'u*sqrt(1 - u^2)/(u^2 - 1)', ['u'], [[-0.99, 0.99]]);
  });
  it('a square content leaves the root so that it can cancel: sqrt(1 - x^2/4)/(4 - x^2)', () => {
    const out = simplify('sqrt(1 - x^2/4)/(4 - x^2)', ['x']);
    assert.ok(ops(out) <= ops('1/(2*sqrt(4 - x^2))'), out);
    assertSameFunction(out, 'sqrt(1 - x^2/4)/(4 - x^2)', ['x'], [[-1.9, 1.9]]);
  });
  it('a root squared over a denominator it shares keeps every factor of that denominator in a sum', () => {
    // (the root's square 2/(1 + c) and the term's own 1/(1 + c) once gave 1/(1 + c), not 1/(1 + c)^2)
    const input = '(sqrt(2/(1 + c))/(1 + c) + c)*sqrt(2/(1 + c)) + 1';
    assertSameFunction(simplify(input, ['c']), input, ['c'], [[0, 3]]);
  });

  describe('projections', () => {
    it('Lambert azimuthal equal-area (equatorial): det J = cos(phi), the sphere\'s area element', () => {
      const t = analyze('laea(lam, phi) = (sqrt(2/(1 + cos(phi) cos(lam))) cos(phi) sin(lam), sqrt(2/(1 + cos(phi) cos(lam))) sin(phi))',
        'lam in [-1, 1], phi in [-1, 1]');
      assert.ok(ops(t.det) <= 1, t.det);
      assertSameFunction(t.det, 'cos(phi)', ['lam', 'phi']);
      assert.equal(t.detChecked, true);
    });
    it('its inverse, written with c = 2 asin(rho/2): det J algebraic, no sin(2 asin(…)) left', () => {
      const rho = 'sqrt(x^2 + y^2)', c = `2 asin(${rho}/2)`;
      const t = analyze(`laeaInv(x, y) = (atan2(x sin(${c}), ${rho} cos(${c})), asin(y sin(${c})/${rho}))`, 'x in [0.1, 1], y in [0.1, 1]');
      assert.equal(pairs(t.det), 0, t.det);
      assert.ok(!/asin/.test(t.det), t.det);
      // 1/cos(phi) in the plane's coordinates
      assertSameFunction(t.det, '2/sqrt(4 - 4 y^2 + y^2 (x^2 + y^2))', ['x', 'y'], [[0.1, 1], [0.1, 1]]);
      assert.ok(ops(t.det) <= ops('2/sqrt(4 - 4*y^2 + y^2*(x^2 + y^2))'), t.det);
      // short enough to read in full: no where-name for it, though J's long entries share one
      assert.ok(t.where, 'J is long');
      assert.ok(!/φ/.test(t.where.det ?? ''), t.where.det ?? '');
    });
    it('inverse Mercator atan(sinh y): det J = 1/cosh(y) (1 + sinh^2 below is cosh^2)', () => {
      const t = analyze('mercInv(x, y) = (x, atan(sinh(y)))', 'x in [-3, 3], y in [-2, 2]');
      assert.ok(ops(t.det) <= 2, t.det);
      assertSameFunction(t.det, '1/cosh(y)', ['x', 'y']);
    });
    it('barrel distortion x (1 + k r^2): det J factored, (1 + k r^2)(1 + 3 k r^2), from the map\'s own sum', () => {
      const t = analyze('barrel(x, y) = (x*(1 + k*(x^2 + y^2)), y*(1 + k*(x^2 + y^2)))', 'x in [-1, 1], y in [-1, 1]');
      assert.ok(ops(t.det) <= ops('(1 + k*(x^2 + y^2))*(1 + 3*k*(x^2 + y^2))'), t.det);
      assertSameFunction(t.det, '(1 + k*(x^2 + y^2))*(1 + 3*k*(x^2 + y^2))', ['x', 'y', 'k'], [[-1, 1], [-1, 1], [-2, 2]]);
      assert.equal(parsePlainExpr(t.det).k, 'mul', t.det);
    });
    it('the Gudermannian asin(tanh y): det J = sech(y)', () => {
      const t = analyze('gd(x, y) = (x, asin(tanh(y)))', 'x in [-3, 3], y in [-2, 2]');
      assert.ok(ops(t.det) <= 1, t.det);
      assertSameFunction(t.det, '1/cosh(y)', ['x', 'y']);
    });
    it('Mercator ln tan(pi/4 + phi/2): det J = sec(phi), not (tan u + 1/tan u)/2', () => {
      const t = analyze('merc(lam, phi) = (lam, log(tan(pi/4 + phi/2)))', 'lam in [-3, 3], phi in [-1.3, 1.3]');
      assert.ok(ops(t.det) <= 2, t.det);
      assert.ok(!/tan/.test(t.det), t.det);
      assertSameFunction(t.det, '1/cos(phi)', ['lam', 'phi'], [[-3, 3], [-1.3, 1.3]]);
      assert.equal(t.detChecked, true);
    });
    it('the Gudermannian as 2 atan(e^y) - pi/2: det J = sech(y), not 2 e^y/(e^(2y) + 1)', () => {
      const t = analyze('gd2(x, y) = (x, 2 atan(exp(y)) - pi/2)', 'x in [-3, 3], y in [-2, 2]');
      assert.ok(ops(t.det) <= 2 && !/exp/.test(t.det), t.det);
      assertSameFunction(t.det, '1/cosh(y)', ['x', 'y']);
    });
  });

  describe('exponentials as hyperbolic functions, tan and cot as sines and cosines', () => {
    const cases: Array<[string, string[], number]> = [
      // logistic and tanh written with exponentials: their slopes are sech^2
      ['4*exp(-2*x)/(1 + exp(-2*x))^2', ['x'], 3],
      ['exp(-x)/(1 + exp(-x))^2', ['x'], 5],
      ['(exp(x) + exp(-x))/2', ['x'], 1],
      ['(exp(2*t) - 1)*exp(-t)', ['t'], 2],
      ['2*exp(a + b)/(exp(2*a) + exp(2*b))', ['a', 'b'], 4],
      ['(1 - exp(-2*x))/(1 + exp(-2*x))', ['x'], 1],
      ['2/(1 + exp(-2*x)) - 1', ['x'], 1],
      // and back where that is shorter
      ['cosh(x) + sinh(x)', ['x'], 1],
      ['(cosh(x) - sinh(x))*exp(2*x)', ['x'], 1],
      // shifts by quarter turns and the double angle through the reciprocal
      ['sin(x + pi/2) + cos(x - pi)', ['x'], 1],
      ['tan(x + pi/2)*tan(x)', ['x'], 1],
      ['1/(tan(x) + 1/tan(x))', ['x'], 3],
      ['cot(u/2 + pi/4) + tan(u/2 + pi/4)', ['u'], 2],
    ];
    for (const [input, vars, most] of cases) {
      it(`${input}: at most ${most} operations, the same function`, () => {
        const got = simplify(input, vars);
        assert.ok(ops(got) <= most, `${input} -> ${got}`);
        assertSameFunction(got, input, vars, vars.map(() => [-1.2, 1.2]));
      });
    }
    it('a sum whose exponents are not symmetric, or whose coefficients differ, keeps its exponentials', () => {
      for (const input of ['exp(2*x) + 2', 'exp(x) + 3*exp(-x)', 'x*exp(x) + exp(-x)']) {
        const got = simplify(input, ['x']);
        assert.ok(!/cosh|sinh/.test(got), `${input} -> ${got}`);
        assertSameFunction(got, input, ['x']);
      }
    });
  });
});
