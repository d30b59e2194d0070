/**
 * Exact fast paths of the analysis give the same numbers as the general path, and are taken.
 */
import * as assert from 'node:assert/strict';
import { affineInverse, symbolicInverse, InverseInput } from '../../../src/core/math/inverse';
import { proveInjective } from '../../../src/core/math/injectivity';
import { compileClosure } from '../../../src/core/math/numeric';
import { equal, Expr } from '../../../src/core/math/expr';
import type { TransformReport } from '../../../src/core/report';
import { factorZeros, provenSign } from '../../../src/core/math/interval';
import { provenSignWithSquares } from '../../../src/core/math/logDet';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import * as witness from '../../../src/core/math/witness';
import { periodicIn } from '../../../src/core/math/witness';
import { Algebra } from '../../../src/core/math/poly';
import { analyzeMap, assertWitness, mapFromStrings } from '../helpers/maps';

const contextOf = (t: TransformReport) => ({
  variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, det: t.trees.det,
  blocks: t.blocks, structure: t.structure, freeSymbols: t.freeSymbols, unknownFunctions: t.unknownFunctions, deadline: Date.now() + 20_000,
});

/** The inverse's input for the analysed map, with the steps of its structural proof. */
function inverseInput(t: TransformReport): InverseInput {
  const proof = proveInjective(contextOf(t)).proof;
  assert.ok(proof?.steps, `${t.name}: a block-triangular proof with steps`);
  return { variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, steps: proof.steps };
}

/** Points of the box, spread (seeded). */
function pointsIn(box: ReadonlyArray<readonly [number, number]>, count: number): number[][] {
  let s = 7;
  const rand = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  return Array.from({ length: count }, () => box.map(([a, b]) => a + (b - a) * rand()));
}

const at = (inv: readonly Expr[], vars: readonly string[]) => {
  const fs = inv.map((e) => compileClosure(e, vars));
  return (y: readonly number[]) => fs.map((g) => g(y));
};

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('fast path: the inverse of a map with a constant rational Jacobian', () => {
  const maps: Array<[string, string]> = [
    ['a(x, y) = (2*x - y + 1, x + 3*y - 2)', 'x in [-2, 2], y in [-2, 2]'],
    ['b(x, y, z) = (x + 2*y - z/3 + 5, 4*x - y, 7*z - x/2 - 1)', 'x in [1, 3], y in [2, 5], z in [-1, 4]'],
    ['c(x, y) = (0.3*x + 1.5, 0.25*y - 0.1*x)', 'x in [-1, 1], y in [10, 12]'],
    ['d(x1, x2, x3) = (x3, -x1, 2*x2)', 'x1 in [-1, 1], x2 in [-1, 1], x3 in [-1, 1]'],
    ['e(x, y) = (x*(sin(y)^2 + cos(y)^2) - y, y)', 'x in [-2, 2], y in [-2, 2]'],
    // entries a + b √d (one d): exact in Q(√d)
    ['r(x, y) = (sqrt(3)/2*x - y/2, x/2 + sqrt(3)/2*y)', 'x in [-2, 2], y in [-2, 2]'],
    ['g(x, y, z) = (x/sqrt(2) - y/sqrt(2) + 1, x/sqrt(2) + y/sqrt(2), 2*z - sqrt(8)*x)', 'x in [-1, 1], y in [-1, 1], z in [0, 2]'],
    ['p(x, y) = ((1 + sqrt(5))/2*x + y, x - 0.5*y + sqrt(20))', 'x in [-1, 1], y in [-1, 1]'],
  ];
  for (const [def, domain] of maps) {
    it(`${def.split('=')[0].trim()}: exact, taken, and the same numbers as the general path`, () => {
      const t = analyzeMap(def, domain);
      const input = inverseInput(t);
      const exact = affineInverse(t.variables, t.domain, t.trees.components, t.trees.jacobian);
      assert.ok(exact, `${def}: the exact path applies`);
      // taken: the analysis's inverse is the exact path's tree
      const inverse = symbolicInverse(input);
      assert.ok(inverse && inverse.every((e, i) => equal(e, exact[i])), `${def}: the exact path is taken`);
      const general = symbolicInverse({ ...input, exactAffine: false });
      assert.ok(general, `${def}: the general path finds an inverse too`);
      const f = mapFromStrings(t.components, t.variables);
      const viaExact = at(exact, t.variables), viaGeneral = at(general, t.variables);
      const viaReport = mapFromStrings(t.inverse!.components, t.variables);
      for (const z of pointsIn(t.domain, 20)) {
        const y = f(z);
        const a = viaExact(y), b = viaGeneral(y), c = viaReport(y);
        z.forEach((v, i) => {
          assert.ok(close(a[i], v), `${def}: exact f^-1(f(z))_${i} = ${a[i]}, z_${i} = ${v}`);
          assert.ok(close(b[i], a[i]), `${def}: general ${b[i]} vs exact ${a[i]}`);
          assert.ok(close(c[i], v), `${def}: the report's f^-1(f(z))_${i} = ${c[i]}, z_${i} = ${v}`);
        });
      }
    });
  }

  it('reads the rotation by π/6 as a reader writes its inverse, √3 times a coordinate over 2', () => {
    const rotation = analyzeMap('r(x, y) = (sqrt(3)/2*x - y/2, x/2 + sqrt(3)/2*y)', 'x in [-2, 2], y in [-2, 2]');
    assert.deepEqual(rotation.inverse?.components, ['(sqrt(3)*x + y)/2', '(sqrt(3)*y - x)/2']);
    const g = analyzeMap('g(x, y) = (x/sqrt(2) - y/sqrt(2) + 1, x/sqrt(2) + y/sqrt(2))', 'x in [-1, 1], y in [-1, 1]');
    assert.deepEqual(g.inverse?.components, ['sqrt(2)*(x + y - 1)/2', 'sqrt(2)*(y - x + 1)/2']);
  });

  it('does not apply to a constant J with two different square roots or π, a singular J or a J that is not constant', () => {
    for (const def of ['q(x, y) = (sqrt(2)*x + sqrt(3)*y, x - y)', 'q(x, y) = (pi*x + y, x - y)']) {
      const t = analyzeMap(def, 'x in [-2, 2], y in [-2, 2]');
      assert.equal(affineInverse(t.variables, t.domain, t.trees.components, t.trees.jacobian), null, def);
      // (the general path still inverts it)
      const back = mapFromStrings(t.inverse!.components, t.variables), f = mapFromStrings(t.components, t.variables);
      for (const z of pointsIn(t.domain, 5)) back(f(z)).forEach((v, i) => assert.ok(close(v, z[i]), def));
    }
    const singular = analyzeMap('s(x, y) = (x + y, 2*x + 2*y)', 'x in [-1, 1], y in [-1, 1]');
    assert.equal(affineInverse(singular.variables, singular.domain, singular.trees.components, singular.trees.jacobian), null);
    const curved = analyzeMap('h(x, y) = (1 - 1.4*x^2 + y, 0.3*x)', 'x in [-1, 1], y in [-1, 1]');
    assert.equal(affineInverse(curved.variables, curved.domain, curved.trees.components, curved.trees.jacobian), null);
  });
});

describe('fast path: signs that touch 0', () => {
  const box: Array<[number, number]> = [[-2, 3], [-2, 2]];
  const budget = { maxBoxes: 4000 };

  it('a det J in one variable with a repeated factor is proven >= 0 through its square form, which bisection alone does not settle', () => {
    const det = parsePlainExpr('1 - 2*x/(x^2 + 1)');   // (x - 1)^2/(x^2 + 1)
    assert.equal(provenSign(det, ['x', 'y'], box, budget), null);
    assert.equal(provenSignWithSquares(det, ['x', 'y'], box, budget), 'nonneg');
    const t = analyzeMap('g(x, y) = (log(exp(x)) + y, log(exp(y)*(x^2 + 1)))', 'x in [-2, 3], y in [-2, 2]');
    assert.deepEqual(t.detSign, { sign: 'nonnegative', certainty: 'proof' });
    // log|det J| = log(det J) where det J > 0: checked at points of the box
    const logDet = compileClosure(parsePlainExpr(t.logDet!), t.variables), det2 = compileClosure(parsePlainExpr(t.det), t.variables);
    for (const p of pointsIn(t.domain, 10)) assert.ok(close(logDet(p), Math.log(Math.abs(det2(p)))));
  });

  it('a sign whose weak form the whole box proves: strict where a few boxes show it, else the weak sign at once', () => {
    const vars = ['x', 'y'];
    assert.equal(provenSign(parsePlainExpr('-(x - 1)^2/(x^2 + 1)'), vars, box, budget), 'nonpos');
    assert.equal(provenSign(parsePlainExpr('x^2 + y^2'), vars, box, budget), 'nonneg');
    // enclosures touch 0 on the whole box ([0, ...] for the square), strict after a few splits
    assert.equal(provenSign(parsePlainExpr('(x - 1)^2 + y^2*(y^2 + 1) + 0.5*x^2'), vars, box, budget), 'pos');
    assert.equal(provenSign(parsePlainExpr('x^2 + 1'), vars, box, budget), 'pos');
    assert.equal(provenSign(parsePlainExpr('(x + 3)^2*(y + 3)'), vars, box, budget), 'pos');
  });

  it('a linear factor that is exactly 0 at a point of the box ends the search for a strict sign there (no bisection towards that zero)', () => {
    const vars = ['x', 'y'];
    const zeros = (s: string) => factorZeros(parsePlainExpr(s), vars, box, {});
    assert.deepEqual(zeros('-(x - 1)^2/(x^2 + 1)'), [[[1, 1], [0, 0]]]);
    assert.deepEqual(zeros('(2*y + 1)*exp(x)'), [[[0.5, 0.5], [-0.5, -0.5]]]);
    // no certain zero: a root outside the box, a root not exact in doubles, a factor in two variables, e undefined there
    assert.deepEqual(zeros('(x - 4)^2'), []);
    assert.deepEqual(zeros('(3*x - 1)^2'), []);
    assert.deepEqual(zeros('(x - y)^2'), []);
    assert.deepEqual(zeros('(x - 1)^2*log(x - 1)'), []);
    assert.equal(provenSign(parsePlainExpr('(2*y + 1)^2*exp(x)'), vars, box, budget), 'nonneg');
  });
});

describe('fast path: periodic in a variable', () => {
  it('periodicIn: only through sin/cos/tan of integer multiples', () => {
    const p = (s: string) => periodicIn(parsePlainExpr(s), 'y');
    assert.equal(p('exp(x)*cos(y)'), true);
    assert.equal(p('sin(2*y + x)*x + tan(3*y)^2'), true);
    assert.equal(p('cos(-y)'), true);
    assert.equal(p('sin(y/2)'), false);
    assert.equal(p('y*cos(y)'), false);
    assert.equal(p('sin(y^2)'), false);
  });

  it('a map periodic in y on a range longer than 2π: a proven counterexample without a search, and the same verdict as the search', () => {
    const t = analyzeMap('w(x, y) = (exp(x)*cos(y), exp(x)*sin(y))', 'x in [-1, 1], y in [-4, 4]');
    assert.equal(t.invertibility.verdict, 'not-invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.equal(t.invertibility.locallyInvertible, true);
    assert.match(t.invertibility.reasonDetail ?? t.invertibility.reason, /2π-periodic in y/);
    assertWitness(t.invertibility.witness!, mapFromStrings(t.components, t.variables), t.domain, 'periodic witness');
    // another multiple, and the first variable periodic
    const u = analyzeMap('u(t, r) = (exp(r)*cos(2*t + 1), exp(r)*sin(2*t + 1))', 't in [0, 7], r in [0, 1]');
    assert.equal(u.invertibility.verdict, 'not-invertible');
    assert.match(u.invertibility.reasonDetail ?? u.invertibility.reason, /2π-periodic in t/);
    assertWitness(u.invertibility.witness!, mapFromStrings(u.components, u.variables), u.domain, 'periodic witness in t');
    // not taken: y's range shorter than 2π (the polar-pair proof applies)
    const s = analyzeMap('s(x, y) = (exp(x)*cos(y), exp(x)*sin(y))', 'x in [-1, 1], y in [-3, 3]');
    assert.equal(s.invertibility.verdict, 'invertible');
    assert.doesNotMatch(s.invertibility.reasonDetail ?? s.invertibility.reason, /periodic/);
  });
});

describe('fast path: a constant Jacobian', () => {
  /** Calls of the simplifier's best form during fn (a step count, not a time). */
  const bestCalls = <T>(fn: () => T): [T, number] => {
    const real = Algebra.prototype.best;
    let calls = 0;
    Algebra.prototype.best = function (this: Algebra, ...args: Parameters<Algebra['best']>) { calls++; return real.apply(this, args); };
    try { return [fn(), calls]; } finally { Algebra.prototype.best = real; }
  };

  it('numbers in J and a number det J are shown as they are, checked, without competing forms', () => {
    // (the general path: 12 and 10, a form per entry, per cofactor term and per det candidate)
    for (const [def, det, most] of [['lin(x, y, z) = (2x - y + z/3, x + 3y, 5z - x)', 36, 2], ['sing(x, y, z) = (x + y + z, x - y, 2x + z)', 0, 1]] as const) {
      const [t, calls] = bestCalls(() => analyzeMap(def));
      // the exact product of the blocks' determinants, and the quotient 1/3: the other entries are numbers as they are
      assert.ok(calls <= most, `${t.name}: ${calls} simplified forms`);
      assert.ok(close(Number(t.det), det), `${t.name}: det J = ${t.det}`);
      assert.ok(t.detChecked, 'checked against LU');
    }
  });
});

describe('fast path: a fold seen in the first samples', () => {
  /** The points sampled (the counts asked of sampleMap) during fn: a step count, not a time. */
  const sampled = <T>(fn: () => T): [T, number] => {
    const real = witness.sampleMap;
    let points = 0;
    (witness as { sampleMap: typeof real }).sampleMap = (map, count, rand) => { points += count; return real(map, count, rand); };
    try { return [fn(), points]; } finally { (witness as { sampleMap: typeof real }).sampleMap = real; }
  };

  it('both signs of det J certified among the first 256 samples: the fold and its witness without drawing the other 2744', () => {
    for (const [def, domain] of [['fold(x, y) = (x, y^2)', 'x in [-2, 2], y in [-2, 2]'], ['lorenz(x, y, z) = (10 (y - x), x (28 - z) - y, x y - 8 z/3)', 'x in [-10, 10], y in [-10, 10], z in [0, 30]']]) {
      const [t, points] = sampled(() => analyzeMap(def, domain));
      assert.equal(t.invertibility.verdict, 'not-invertible');
      assert.equal(t.invertibility.certainty, 'proof');
      assert.ok(t.invertibility.fold, 'the fold located');
      assertWitness(t.invertibility.witness!, mapFromStrings(t.components, t.variables), t.domain, t.name);
      assert.ok(points <= 256, `${t.name}: ${points} points sampled`);
    }
  });

  it('a det J of one sign in the first samples: all of them are drawn for the collision search', () => {
    // z^3 on a box around an angle of more than 120 degrees: det J = 9 |z|^4 > 0, and two points with one image
    const [t, points] = sampled(() => analyzeMap('cube(x, y) = (x^3 - 3 x y^2, 3 x^2 y - y^3)', 'x in [0.5, 2], y in [-2, 2]'));
    assert.equal(t.invertibility.verdict, 'not-invertible', t.invertibility.reason);
    assertWitness(t.invertibility.witness!, mapFromStrings(t.components, t.variables), t.domain, t.name);
    assert.ok(points >= 3000, `${points} points sampled`);
  });
});
