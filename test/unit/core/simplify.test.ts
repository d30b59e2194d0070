import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { pickChecked } from '../../../src/core/analyze';
import { Algebra, Budget } from '../../../src/core/math/poly';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { size } from '../../../src/core/math/expr';
import { toMathjs } from '../../../src/core/math/print';
import { compileClosure } from '../../../src/core/math/numeric';
import { GENEROUS } from '../helpers/maps';

const block = (def: string, domain?: string) => ['```transform', def, ...(domain ? [`domain: ${domain}`] : []), '```'].join('\n');
const analyze = (def: string, domain?: string) => {
  const r = analyzeDocument(block(def, domain), 'markdown', 't.md');
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  return r.transforms[0];
};
const simplify = (src: string, vars: string[]) => {
  const alg = new Algebra({ variables: vars, budget: Budget.ms(2000) });
  return toMathjs(alg.best(alg.fromExpr(parsePlainExpr(src))));
};

describe('simplification', () => {
  it('1 - sech(u)^2 reads as tanh(u)^2: shorter, and right in doubles where u is small (1 - sech^2 keeps few digits there)', () => {
    const got = simplify('(3 x + 14) (1 - sech(y)^2)', ['x', 'y']);
    assert.ok(!got.includes('sech'), got);
    assert.ok(size(parsePlainExpr(got)) < size(parsePlainExpr('(3 x + 14) (1 - sech(y)^2)')), got);
    const f = compileClosure(parsePlainExpr(got), ['x', 'y']);
    for (const [x, y] of [[0.5, 1e-6], [-2, 3e-4], [1, 0.7]]) {
      const exact = (3 * x + 14) * Math.tanh(y) ** 2;
      assert.ok(Math.abs(f([x, y]) - exact) <= 1e-12 * Math.abs(exact), `${got} at (${x}, ${y}): ${f([x, y])} against ${exact}`);
    }
    assert.equal(simplify('1 - sech(y)^2', ['y']), 'tanh(y)^2');
  });
  it('polar coordinates: det J is exactly r', () => {
    assert.equal(analyze('polar(r, theta) = (r cos(theta), r sin(theta))', 'r in [0.1, 3]').det, 'r');
  });
  it('spherical coordinates: det J is r^2 sin(theta), in the corpus names', () => {
    const t = analyze('sph(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))', 'r in [0.1, 2], theta in [0.1, 3], phi in [-3, 3]');
    assert.equal(t.det, 'r^2*sin(theta)');
    assert.equal(t.detLatex, 'r^{2} \\sin \\theta');
  });
  it('roots move to the denominator where that reads better: inverse polar has det J = 1/sqrt(x^2 + y^2)', () => {
    const t = analyze('invpolar(x, y) = (sqrt(x^2 + y^2), atan2(y, x))', 'x in [0.5, 2], y in [-1, 1]');
    const noLonger = (got: string, ref: string) => assert.ok(size(parsePlainExpr(got)) <= size(parsePlainExpr(ref)), `${got} is longer than ${ref}`);
    noLonger(t.det, '1/sqrt(x^2 + y^2)');
    noLonger(t.jacobian[0][0], 'x/sqrt(x^2 + y^2)');
    assert.equal(t.detChecked, true);
    assert.equal(simplify('x/(x^2 + y^2)^(3/2)', ['x', 'y']).includes('sqrt(x^2 + y^2)/'), false);
  });
  it('a sum whose common denominator is longer is simplified term by term; hypot(x, y) is sqrt(x^2 + y^2)', () => {
    const t = analyze('m(x, y) = (x^3 + y, sqrt(x^2 + y^2) + cbrt(x))', 'x in [0.5, 2], y in [-1, 1]');
    const e = parsePlainExpr(t.jacobian[1][0]);
    assert.ok(size(e) <= size(parsePlainExpr('x/sqrt(x^2 + y^2) + 1/(3*cbrt(x)^2)')), t.jacobian[1][0]);
    assert.equal(simplify('hypot(x, y)/sqrt(x^2 + y^2)', ['x', 'y']), '1');
    assert.equal(t.detChecked, true);
  });
  it('sin, cos and tan at multiples of pi/4 and pi/6 are exact: a rotation by pi/3 has J entries 1/2 and sqrt(3)/2', () => {
    const t = analyze('a = pi/3\nR(x, y) = (cos(a) x - sin(a) y, sin(a) x + cos(a) y)');
    assert.equal(t.jacobian.flat().some((c) => /cos|sin/.test(c)), false, JSON.stringify(t.jacobian));
    assert.equal(t.det, '1');
    assert.equal(simplify('sin(5*pi/4) + cos(-pi/6) - tan(pi/4)', []), simplify('sqrt(3)/2 - sqrt(2)/2 - 1', []));
    assert.equal(simplify('tan(pi/2)', []), 'tan(pi/2)');
  });
  it('cofactor terms are simplified one by one when the expanded polynomial is longer', () => {
    const t = analyze('P(x, y, z) = (x y z, x + y + z, x y + y z + z x)');
    assert.ok(size(parsePlainExpr(t.det)) <= size(parsePlainExpr('y*z*(y - z) + x*z*(z - x) + x*y*(x - y)')), t.det);
    assert.equal(t.detChecked, true);
  });
  it('u sign(u) = |u| and u sign(u)^2 = u: softsign has det J = 1/((|x| + 1)^2 (|y| + 1)^2)', () => {
    assert.equal(simplify('abs(x) - x*sign(x) + 1', ['x']), '1');
    assert.equal(simplify('x^2*sign(x)^2 - x^2', ['x']), '0');
    const t = analyze('softsign(x, y) = (x / (1 + abs(x)), y / (1 + abs(y)))');
    assert.ok(size(parsePlainExpr(t.det)) <= size(parsePlainExpr('1/((abs(x) + 1)^2*(abs(y) + 1)^2)')), t.det);
    assert.equal(t.detChecked, true);
  });
  it('the complex square: det J no longer than 4 (x^2 + y^2)', () => {
    const t = analyze('sq(x, y) = (x^2 - y^2, 2 x y)');
    assert.ok(size(parsePlainExpr(t.det)) <= size(parsePlainExpr('4 (x^2 + y^2)')), t.det);
  });
  it('a 2-D coupling layer with unknown s and t: det J = exp(s(z1))', () => {
    const t = analyze('layer(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))');
    assert.equal(t.det, 'exp(s(z1))');
    assert.equal(t.structure, 'coupling');
    assert.deepEqual(t.unknownFunctions, ['s', 't']);
    assert.equal(t.jacobian[1][0], "z2*exp(s(z1))*s'(z1) + t'(z1)");
    assert.equal(t.detChecked, true);
  });

  describe('identities mathjs does not know', () => {
    const cases: Array<[string, string, string[]]> = [
      ['sin(x)^2 + cos(x)^2', '1', ['x']],
      ['3 sin(x)^2 + 3 cos(x)^2', '3', ['x']],
      ['y * (sin(x + y)^2 + cos(x + y)^2)', 'y', ['x', 'y']],
      ['sin(x)^2 + cos(x)^2 + y', 'y + 1', ['x', 'y']],
      ['2 cos(x)^2 + 2 sin(x)^2 - 1', '1', ['x']],
      ['cosh(x)^2 - sinh(x)^2', '1', ['x']],
      ['exp(x) exp(y)', 'exp(x + y)', ['x', 'y']],
      ['exp(2 x) exp(-x)', 'exp(x)', ['x']],
      ['exp(x)^2', 'exp(2*x)', ['x']],
      ['log(exp(x + y))', 'x + y', ['x', 'y']],
      ['log(exp(y) (x^2 + 1))', 'y + log(x^2 + 1)', ['x', 'y']],
      ['exp(log(x) + log(y))', 'x*y', ['x', 'y']],
      ['(x^2 - y^2) / (x - y)', 'x + y', ['x', 'y']],
      ['sqrt(3)^2 / 4 + 1/4', '1', []],
      ['x / (x^2 + y^2)^2 * (x^2 + y^2)', 'x/(x^2 + y^2)', ['x', 'y']],
      ['sin(-x) + sin(x)', '0', ['x']],
    ];
    for (const [input, expected, vars] of cases) {
      it(`${input} = ${expected}`, () => assert.equal(simplify(input, vars), expected));
    }
  });

  it('never shows a candidate that differs from the raw form', () => {
    const ctx = { variables: ['x'], domain: [[-2, 2] as [number, number]] };
    const raw = parsePlainExpr('x^2 + 2 x + 1 + 0 x');
    assert.equal(toMathjs(pickChecked(raw, [parsePlainExpr('(x + 1)^3')], ctx)), toMathjs(raw));
    assert.equal(toMathjs(pickChecked(raw, [parsePlainExpr('(x + 1)^2')], ctx)), '(x + 1)^2');
  });

  it('falls back to the raw form when the budget runs out', () => {
    const t = analyzeDocument(block('f(x, y) = ((x + y)^40, y)'), 'markdown', 't.md', { budgetMs: 1 }).transforms[0];
    assert.ok(t.detSymbolic && t.detChecked);
    // the report says the budget ran out (a piecewise map counts its cut pieces by it)
    assert.equal(t.timings.overBudget, true);
    assert.equal(analyzeDocument(block('f(x, y) = ((x + y)^2, y)'), 'markdown', 't.md', GENEROUS).transforms[0].timings.overBudget, undefined);
  });

  it('reads structure from the zero pattern', () => {
    assert.equal(analyze('f(x, y) = (2 x + y, x - y)').structure, 'linear');
    assert.equal(analyze('f(x, y) = (exp(x), y^3)').structure, 'diagonal');
    assert.equal(analyze('f(x, y) = (x^3, y + x^2 y^3)').structure, 'triangular');
    assert.equal(analyze('f(x, y) = (x, y exp(tanh(x)) + x^2)').structure, 'coupling');
    assert.equal(analyze('f(x, y) = (x y, x + y^2)').structure, 'general');
    const henon = analyze('h(x, y) = (1 - 1.4 x^2 + y, 0.3 x)');
    assert.equal(Number(henon.det), -0.3);
    assert.deepEqual(henon.blocks, [{ rows: [1], cols: [0] }, { rows: [0], cols: [1] }]);
  });
});
