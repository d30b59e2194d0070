/**
 * Forms a reader would write: multiple angles and sums, sech, merged exponentials and grouped
 * terms, each no longer (in SymPy's operation count) than a bound and equal to its input at
 * random points. The corpus: det J never longer than SymPy's simplified form, strictly
 * shorter on at least a fifth of the maps.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Algebra, Budget } from '../../../src/core/math/poly';
import { countOps } from '../../../src/core/math/opcount';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { toMathjs } from '../../../src/core/math/print';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { loadCorpus } from '../helpers/corpus';
import { opCounts } from '../../../bench/opcount';

const ops = (s: string) => countOps(parsePlainExpr(s));

/** Equal at random points of [-2, 2]^n (where both are finite). */
function assertSameFunction(a: string, b: string, vars: string[]): void {
  const fa = compileClosure(parsePlainExpr(a), vars), fb = compileClosure(parsePlainExpr(b), vars);
  const rand = rng(7);
  for (let i = 0; i < 30; i++) {
    const x = randomPoint(vars.map(() => [-2, 2] as [number, number]), rand);
    const va = fa(x), vb = fb(x);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    assert.ok(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(vb)), `${a} = ${va} but ${b} = ${vb} at ${[...x]}`);
  }
}

const simplify = (src: string, vars: string[]) => {
  const alg = new Algebra({ variables: vars, budget: Budget.ms(4000) });
  return toMathjs(alg.best(alg.fromExpr(parsePlainExpr(src))));
};
const block = (def: string) => ['```transform', def, '```'].join('\n');
const analyze = (def: string) => analyzeDocument(block(def), 'markdown', 't.md').transforms[0];

describe('readable forms', () => {
  describe('the simplifier: multiple angles, sums, sech, exp', () => {
    const cases: Array<[string, string[], number]> = [
      ['4 sin(x)^2 + 2 cos(2 x) - 1', ['x'], 0],                                  // = 1
      ['a*b*(sin(t1 + t2) cos(t1) - sin(t1) cos(t1 + t2))', ['t1', 't2', 'a', 'b'], 3],      // a b sin(t2)
      ['2 sin(x) cos(x)', ['x'], 2],                                               // sin(2 x)
      ['cos(x)^2 - sin(x)^2', ['x'], 2],                                           // cos(2 x)
      ['sin(x) cos(y) + cos(x) sin(y)', ['x', 'y'], 2],                            // sin(x + y)
      ['cos(x) cos(y) + sin(x) sin(y)', ['x', 'y'], 2],                            // cos(x - y)
      ['sin(x/2) cos(x/2)', ['x'], 2],                                             // sin(x)/2
      ['sin(x + pi/2)', ['x'], 1],                                                 // cos(x)
      ['sinh(2 x) - 2 sinh(x) cosh(x)', ['x'], 0],                                 // 0
      ['cosh(x) cosh(y) + sinh(x) sinh(y)', ['x', 'y'], 2],                        // cosh(x + y)
      ['(1 - tanh(x)^2) (1 - tanh(y)^2) (1 - tanh(z)^2)', ['x', 'y', 'z'], 8],     // sech^2 sech^2 sech^2
      ['3/2 - tanh(x + 2 y + 1/2)^2/2', ['x', 'y'], 8],                            // 1 + sech(...)^2/2
      ['exp(x)^2 exp(y)', ['x', 'y'], 3],                                          // exp(2 x + y)
      ['720 - 10 x^2 - 10 x y - 80 z/3', ['x', 'y', 'z'], 7],                      // 720 - 10 x (x + y) - 80 z/3
    ];
    for (const [input, vars, most] of cases) {
      it(`${input}: at most ${most} operations, the same function`, () => {
        const out = simplify(input, vars);
        assert.ok(ops(out) <= most, `${out} has ${ops(out)} operations`);
        assertSameFunction(out, input, vars);
      });
    }
    it('on a tie in size, not a number times a sum: 1 - 0.2 sech(x)^2, not 0.2 (tanh(x)^2 + 4)', () => {
      const t = analyze('f(x, y) = (x - 0.2 tanh(x), y)');
      const det = parsePlainExpr(t.det);
      assert.ok(!(det.k === 'mul' && det.args[0].k === 'num' && det.args[1].k === 'add'), t.det);
      assert.ok(ops(t.det) <= ops('1 - 0.2 sech(x)^2'), t.det);
      assertSameFunction(t.det, '1 - 0.2 sech(x)^2', ['x', 'y']);
    });
    it('a product of sines of unrelated angles stays as it is (no longer sum form)', () => {
      const out = simplify('sin(x) cos(y)', ['x', 'y']);
      assert.ok(ops(out) <= ops('sin(x) cos(y)'), out);
    });
    it('a quadratic in w with symbolic coefficients is collected in w, not nested (w (w (a - 2q + b) + 2q - 2a) + a)', () => {
      const input = 'q^2*(w*(w*(a - 2*q + b) + 2*q - 2*a) + a)';
      const out = simplify(input, ['w', 'q', 'a', 'b']);
      assert.doesNotMatch(out, /w\*\(w\*/, out);
      assert.ok(ops(out) <= ops(input), out);
      assertSameFunction(out, input, ['w', 'q', 'a', 'b']);
    });
    it('coefficients that are multiples of one another are taken together: q + c w^2 - c w = q + c w (w - 1)', () => {
      const input = 'w*(w*(2*q - a - b) - 2*q + a + b) + q';
      const out = simplify(input, ['w', 'q', 'a', 'b']);
      assert.match(out, /w\*\((1 - w|w - 1)\)/, out);
      assert.ok(ops(out) <= ops(input), out);
      assertSameFunction(out, input, ['w', 'q', 'a', 'b']);
    });
    it('x^2 + 2 x + 1 is not written x (x + 2) + 1: grouping must pay for itself', () => {
      assert.ok(!/\(x \+ 2\)/.test(simplify('x^2 + 2 x + 1', ['x'])));
    });
  });

  describe('the issue\'s maps', () => {
    it('the two-link arm: det J = l1 l2 sin(t2)', () => {
      const t = analyze('arm(t1, t2) = (l1 cos(t1) + l2 cos(t1 + t2), l1 sin(t1) + l2 sin(t1 + t2))');
      assert.ok(ops(t.det) <= 3, t.det);
      assertSameFunction(t.det, 'l1*l2*sin(t2)', ['t1', 't2', 'l1', 'l2']);
    });
    it('a three-joint leg: det J keeps the map\'s own sum angle, -sin(k) (cos(h) + cos(h + k)), as short as SymPy\'s', () => {
      const t = analyze('leg(s, h, k) = (cos(s) (cos(h) + cos(h + k)), sin(s) (cos(h) + cos(h + k)), sin(h) + sin(h + k))\ndomain: s in [0, 3], h in [0.2, 1.3], k in [0.2, 2]');
      assert.ok(ops(t.det) <= ops('-(cos(h) + cos(h + k))*sin(k)'), t.det);
      assertSameFunction(t.det, '-sin(k)*(cos(h) + cos(h + k))', ['s', 'h', 'k']);
    });
    it('tanh in three coordinates: det J no longer than SymPy\'s 1/(cosh(x)^2 cosh(y)^2 cosh(z)^2)', () => {
      const t = analyze('th(x, y, z) = (tanh(x), tanh(y), tanh(z))');
      assert.ok(ops(t.det) <= ops('1/(cosh(x)^2*cosh(y)^2*cosh(z)^2)'), t.det);
      assert.equal(t.detChecked, true);
    });
    it('a root beside a power of its radicand is one power: x/sqrt(1 - x^2 - y^2) has J entries as SymPy\'s (1 - y^2)/(1 - x^2 - y^2)^(3/2)', () => {
      const t = analyze('gn(x, y) = (x/sqrt(1 - x^2 - y^2), y)\ndomain: x in [-0.5, 0.5], y in [-0.5, 0.5]');
      assert.ok(ops(t.jacobian[0][0]) <= ops('(1 - y^2)/(1 - x^2 - y^2)^(3/2)'), t.jacobian[0][0]);
      assert.doesNotMatch(t.jacobian[0][0], /sqrt/, t.jacobian[0][0]);
      assertSameFunction(t.jacobian[0][0], '1/sqrt(1 - x^2 - y^2) + x^2/(1 - x^2 - y^2)^(3/2)', ['x', 'y']);
    });
    it('a root over its radicand is one root below: d/dw of 3 sqrt(w) reads 3/(2 sqrt(w)), and w v/(4 - v^2)^(3/2) keeps no sqrt above', () => {
      const t = analyze('sq(v, w) = (v/sqrt(4 - v^2), 3*sqrt(w))\ndomain: v in [-1, 1], w in [0.5, 2]');
      assert.doesNotMatch(t.jacobian[1][1], /sqrt\(w\)\/w/, t.jacobian[1][1]);
      assert.ok(ops(t.jacobian[1][1]) <= ops('3/(2*sqrt(w))'), t.jacobian[1][1]);
      assertSameFunction(t.jacobian[1][1], '3/(2*sqrt(w))', ['v', 'w']);
      assert.doesNotMatch(t.jacobian[0][0], /sqrt/, t.jacobian[0][0]);
      assertSameFunction(t.jacobian[0][0], '4/(4 - v^2)^(3/2)', ['v', 'w']);
    });
    it('exponentials of one product merge: (exp(2 u), exp(u + v)) has det J 2 exp(3 u + v)', () => {
      const t = analyze('ex(u, v) = (exp(2 u), exp(u + v))');
      assert.doesNotMatch(t.det, /exp\([^()]*\)\*exp/, t.det);
      assert.ok(ops(t.det) <= ops('2*exp(3*u + v)'), t.det);
      assertSameFunction(t.det, '2*exp(2*u)*exp(u + v)', ['u', 'v']);
    });
    it('a common exponential comes out of a sum: det J of (e^a cos b + a, e^a sin b) is e^a (e^a + cos b)', () => {
      const t = analyze('er(a, b) = (exp(a) cos(b) + a, exp(a) sin(b))');
      assert.ok(ops(t.det) <= ops('(exp(a) + cos(b))*exp(a)'), t.det);
      assertSameFunction(t.det, 'exp(2*a) + exp(a)*cos(b)', ['a', 'b']);
    });
    it('sin(x)^2 beside cos(2 x): det J = 1', () => {
      const t = analyze('g(x, y) = (x, y (4 sin(x)^2 + 2 cos(2 x) - 1))');
      assert.equal(ops(t.det), 0, t.det);
      assertSameFunction(t.det, '1', ['x', 'y']);
    });
  });

  describe('perfect powers of polynomial factors', () => {
    /** The printed form's outermost power of a sum, read back from the printed text: [its exponent, its base's term count]. */
    const powerOfSum = (e: string): [number, number] | null => {
      const m = /\(([^()]*)\)\^(\d+)/.exec(e);
      return m ? [Number(m[2]), parsePlainExpr(m[1]).k === 'add' ? (parsePlainExpr(m[1]) as unknown as { args: unknown[] }).args.length : 1] : null;
    };
    const cases: Array<[string, string[], number, number]> = [
      ['x^2 + 2*x*y + y^2', ['x', 'y'], 2, 2],
      ['9*x^4 + 18*x^2*y^2 + 9*y^4', ['x', 'y'], 2, 2],
      ['x^3 + 3*x^2*y + 3*x*y^2 + y^3', ['x', 'y'], 3, 2],
      ['a^2*x^4 - 2*a*x^2*y + y^2', ['x', 'y', 'a'], 2, 2],
      ['-4*x^2 - 4*x*y - y^2', ['x', 'y'], 2, 2],
      ['x^4 + 4*x^3 + 6*x^2 + 4*x + 1', ['x'], 4, 2],
    ];
    for (const [input, vars, k, terms] of cases) {
      it(`${input} is a power ${k} of a sum of ${terms} terms, with fewer operations, the same function`, () => {
        const out = simplify(input, vars);
        assert.deepEqual(powerOfSum(out), [k, terms], out);
        assert.ok(ops(out) < ops(input), out);
        assertSameFunction(out, input, vars);
      });
    }
    it('a sum that is no power stays a sum: x^2 + 2 x y + 2 y^2', () => {
      const out = simplify('x^2 + 2*x*y + 2*y^2', ['x', 'y']);
      assert.equal(powerOfSum(out), null, out);
      assertSameFunction(out, 'x^2 + 2*x*y + 2*y^2', ['x', 'y']);
    });
    it('the complex map z^3: det J = 9 (x^2 + y^2)^2', () => {
      const t = analyze('cube(x, y) = (x^3 - 3 x y^2, 3 x^2 y - y^3)');
      assert.ok(ops(t.det) <= ops('9*(x^2 + y^2)^2'), t.det);
      assert.deepEqual(powerOfSum(t.det), [2, 2], t.det);
      assertSameFunction(t.det, '9*x^4 + 18*x^2*y^2 + 9*y^4', ['x', 'y']);
      assert.equal(t.detChecked, true);
    });
  });

  describe('the corpus against SymPy', () => {
    const rows = opCounts(loadCorpus());
    for (const r of rows) {
      it(`${r.id}: det J (${r.det}) has no more operations than SymPy's (${r.sympy})`, () => {
        assert.notEqual(r.ours, null);
        assert.ok(r.ours! <= r.sympy, `${r.det}: ${r.ours} operations`);
      });
    }
    it('strictly shorter than SymPy on at least a fifth of the maps', () => {
      const shorter = rows.filter((r) => r.ours !== null && r.ours < r.sympy).length;
      assert.ok(shorter * 5 >= rows.length, `${shorter} of ${rows.length}`);
    });
  });
});
