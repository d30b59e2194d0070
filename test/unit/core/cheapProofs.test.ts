import * as assert from 'node:assert/strict';
import { checkInvertibility } from '../../../src/core/math/invertibility';
import { provePMatrix, proveInvolution } from '../../../src/core/math/reductions';
import type { TransformReport } from '../../../src/core/report';
import { squareFactored } from '../../../src/core/math/squareFactor';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { toMathjs } from '../../../src/core/math/print';
import { compareNumerically } from '../../../src/core/math/check';
import { analyzeMap, assertWitness, mapFromStrings } from '../helpers/maps';

const argument = (t: TransformReport) => t.invertibility.reasonDetail ?? t.invertibility.reason;
const contextOf = (t: TransformReport) => ({
  variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, det: t.trees.det,
  blocks: t.blocks, structure: t.structure, freeSymbols: t.freeSymbols, unknownFunctions: t.unknownFunctions, deadline: Date.now() + 20_000,
});

/** The verdict is a proof of injectivity by the named argument. */
function assertProof(def: string, domain: string, argumentWords: RegExp): TransformReport {
  const t = analyzeMap(def, domain);
  assert.equal(t.invertibility.verdict, 'invertible', argument(t));
  assert.equal(t.invertibility.certainty, 'proof', argument(t));
  assert.match(argument(t), argumentWords);
  return t;
}

/** The map is not injective (the test's own pair shows it): no proof may be claimed. */
function assertNoProof(def: string, domain: string, a: number[], b: number[]): void {
  const t = analyzeMap(def, domain);
  const f = mapFromStrings(t.components, t.variables);
  assertWitness({ a, b, image: f(a) }, f, t.domain, `${t.name} (test pair)`);
  assert.equal(t.invertibility.verdict, 'not-invertible', argument(t));
}

describe('cheap proofs: P-matrix (Gale–Nikaido)', () => {
  it('z^2 on a right half-plane and (xy, x/y) on a positive box are proven injective', () => {
    const sq = assertProof('sq(x, y) = (x^2 - y^2, 2*x*y)', 'x in [0.25, 2], y in [-2, 2]', /P-matrix/);
    // equal diagonal entries are said once ("2*x > 0, 2*x > 0" read as a stutter)
    assert.match(argument(sq), /positive, 2\*x > 0 \(both diagonal entries\) and det J/);
    // the one-line reason names the argument, not a formula cut in the middle
    assert.match(sq.invertibility.reason, /^J is a P-matrix at every point, so f is injective on the box \(Gale–Nikaido\)/);
    assertProof('ratio(x, y) = (x*y, x/y)', 'x in [0.5, 2], y in [0.5, 2]', /P-matrix/);
  });
  it('says when the P-matrix is J with its rows swapped or signed, not J itself', () => {
    // polar on 0 < θ < π: cos θ < 0 past π/2, so J is no P-matrix; (r sin θ, -r cos θ)'s is
    const polar = assertProof('polar(r, t) = (r cos(t), r sin(t))', 'r in [0.5, 2], t in [0.1, 3]', /P-matrix/);
    assert.match(polar.invertibility.reason, /^J with its rows swapped and signed is a P-matrix at every point/);
    // x - y^3 on x > 0 (no swap: diagonal 1 and 3 y^2 + 1 > 0 after negating the second row)
    const signed = assertProof('g(x, y) = (x + y, x - y^3 - y)', 'x in [-1, 1], y in [-1, 1]', /P-matrix/);
    assert.match(signed.invertibility.reason, /^J with its rows signed is a P-matrix at every point/);
  });
  it('does not apply where a diagonal entry or det J changes sign', () => {
    assert.equal(provePMatrix(contextOf(analyzeMap('sq(x, y) = (x^2 - y^2, 2*x*y)', 'x in [-2, 2], y in [-2, 2]'))).proof, null);
    // diagonal entries 2x, 2y > 0, but det J = 4xy - 1 changes sign: a fold
    const fold = analyzeMap('fold2(x, y) = (x^2 + y, y^2 + x)', 'x in [0.1, 2], y in [0.1, 2]');
    assert.equal(provePMatrix(contextOf(fold)).proof, null);
    assertNoProof('fold2(x, y) = (x^2 + y, y^2 + x)', 'x in [0.1, 2], y in [0.1, 2]', [0.2, 0.8], [0.8, 0.2]);
  });
});

describe('cheap proofs: involutions', () => {
  it('1/z is its own inverse: proven, with the inverse', () => {
    const t = assertProof('inv(x, y) = (x/(x^2 + y^2), -y/(x^2 + y^2))', 'x in [0.5, 2], y in [-1.5, 1.5]', /own inverse/);
    assert.deepEqual(t.inverse?.components, t.components);
  });
  it('does not apply to a map that is not its own inverse', () => {
    assert.equal(proveInvolution(contextOf(analyzeMap('p(r, t) = (r cos(t), r sin(t))', 'r in [0.5, 2], t in [-1, 1]'))).proof, null);
    assert.equal(proveInvolution(contextOf(analyzeMap('half(x, y) = (x/(x^2 + y^2), y/(x^2 + y^2))', 'x in [0.5, 2], y in [-1.5, 1.5]'))).proof?.rule, 'involution');
    const twice = checkInvertibility({ ...contextOf(analyzeMap('g(x, y) = (x/(x^2 + y^2), 2*y/(x^2 + y^2))', 'x in [0.5, 2], y in [-1.5, 1.5]')) });
    assert.doesNotMatch(twice.invertibility.reason, /own inverse/);
  });
});

describe('cheap proofs: polar pairs', () => {
  it('polar and spherical coordinates on boxes with angles shorter than 2π', () => {
    assertProof('p(r, t) = (r cos(t), r sin(t))', 'r in [0.1, 3], t in [-3, 3]', /R \(cos Θ, sin Θ\)/);
    assertProof('s(r, th, ph) = (r sin(th) cos(ph), r sin(th) sin(ph), r cos(th))', 'r in [0.1, 2], th in [0.1, 3], ph in [-3, 3]', /R \(cos Θ, sin Θ\).*R \(cos Θ, sin Θ\)/);
  });
  it('does not apply when the angle spans 2π or the radius reaches 0', () => {
    assertNoProof('wide(r, t) = (r cos(t), r sin(t))', 'r in [1, 2], t in [-4, 4]', [1.5, -3.5], [1.5, -3.5 + 2 * Math.PI]);
    assertNoProof('zero(r, t) = (r cos(t), r sin(t))', 'r in [0, 2], t in [-3, 3]', [0, -1], [0, 2]);
    assertNoProof('pole(r, th, ph) = (r sin(th) cos(ph), r sin(th) sin(ph), r cos(th))', 'r in [0.5, 2], th in [0, 3], ph in [-3, 3]', [1, 0, -1], [1, 0, 2]);
  });
});

describe('cheap proofs: row elimination', () => {
  it('f2 - 2 f1 depends on x alone and is strictly increasing: proven (det J = -3x^2 vanishes at 0: no P-matrix)', () => {
    assertProof('e(x, y) = (x + y, 2*y + 2*x + x^3)', 'x in [-2, 2], y in [-2, 2]', /g = f2 - 2 f1 = x\^3/);
  });
  it('log-exp: v - u = log(x^2 + 1) - x decreases, its derivative -(x - 1)^2/(x^2 + 1) vanishing at x = 1 only', () => {
    assertProof('le(x, y) = (log(exp(x)) + y, log(exp(y)*(x^2 + 1)))', 'x in [-2, 3], y in [-2, 2]', /g = f2 - f1 .*-\(x - 1\)\^2\/\(x\^2 \+ 1\) <= 0/);
  });
  it('does not apply when the difference is not monotone', () => {
    assertNoProof('e(x, y) = (x + y, y + x^3 - 3*x)', 'x in [-2, 2], y in [-2, 2]', [0, 0], [2, -2]);
  });
  it('rows that are not constant: a difference with a constant gradient (the standard map with a strong kick: no P-matrix)', () => {
    // J = [[1, 3 cos t], [1, 1 + 3 cos t]]: 1 + 3 cos t changes sign, but f2 - f1 = t
    assertProof('std(p, t) = (p + 3*sin(t), t + p + 3*sin(t))', 'p in [-2, 2], t in [-3, 3]', /g = f2 - f1 = t \(g has a constant gradient\)/);
  });
});

describe('cheap proofs: repeated factors as squares', () => {
  const factored = (s: string) => { const r = squareFactored(parsePlainExpr(s), 'x'); return r && toMathjs(r); };
  it('writes a repeated polynomial factor as a square, exactly', () => {
    assert.equal(factored('2*x - x^2 - 1'), '-(x - 1)^2');
    assert.equal(factored('(2*x - x^2 - 1)/(x^2 + 1)'), '-(x - 1)^2/(x^2 + 1)');
    // (x + 1)(x - 2)^2 expanded
    const p = parsePlainExpr('x^3 - 3*x^2 + 4');
    const r = squareFactored(p, 'x');
    assert.ok(r);
    assert.match(toMathjs(r), /\(x - 2\)\^2/);
    assert.equal(compareNumerically(r, p, { variables: ['x'], domain: [[-3, 3]] }), 'equal');
  });
  it('leaves square-free polynomials, odd powers and other expressions alone', () => {
    assert.equal(factored('x^2 + 1'), null);
    assert.equal(factored('x^2 - 2*x'), null);
    assert.equal(factored('x^3 - 3*x^2 + 3*x - 1'), null);   // (x - 1)^3: no q g^2 with a polynomial q
    assert.equal(factored('sin(x)^2 - 2*sin(x) + 1'), null);
  });
});

describe('cheap proofs: radial rotation (a swirl)', () => {
  const swirl = (angle: string) => `sw(x, y) = (cos(${angle})*x - sin(${angle})*y, sin(${angle})*x + cos(${angle})*y)`;
  it('a rotation by an angle of x^2 + y^2 is injective on any box, with its inverse (a strong swirl on a wide box)', () => {
    const t = assertProof(swirl('3*exp(-(x^2 + y^2))'), 'x in [-3, 3], y in [-3, 3]', /^radial rotation/);
    assert.ok(t.invertibility.reason.length <= 100, t.invertibility.reason);
    assert.ok(t.inverse, 'the proof gives the inverse');
    const f = mapFromStrings(t.components, t.variables), g = mapFromStrings(t.inverse!.components, t.variables);
    for (const p of [[0.3, -0.2], [1.5, 2.5], [-2.9, 0.1], [0, 0]]) {
      const back = g(f(p));
      back.forEach((v, i) => assert.ok(Math.abs(v - p[i]) < 1e-9, `f^-1(f(${p})) = ${back}`));
    }
  });
  it('an angle of the radius written as sqrt(x^2 + y^2) counts; one of x alone does not', () => {
    assertProof(swirl('2*sqrt(x^2 + y^2)'), 'x in [-3, 3], y in [-3, 3]', /^radial rotation/);
    // cos(3x) x - sin(3x) y: folds along lines, no radial proof may be claimed
    const t = analyzeMap(swirl('3*x'), 'x in [-3, 3], y in [-3, 3]');
    assert.doesNotMatch(argument(t), /radial rotation/);
  });
});
