import * as assert from 'node:assert/strict';
import { Enclosure } from '../../../src/core/math/interval';
import { regularIntervalMatrix } from '../../../src/core/math/pairExclusion';
import { randomPoint, rng } from '../../../src/core/math/numeric';
import { analyzeMap, assertWitness, mapFromStrings } from '../helpers/maps';

const iv = (lo: number, hi: number): Enclosure => ({
  lo, hi, pos: lo > 0, neg: hi < 0, nonneg: lo >= 0, nonpos: hi <= 0, defined: true, analytic: true, continuous: true,
});

describe('injectivity from the boundary (interval pairs)', () => {
  it('tells regular interval matrices from ones that hold a singular matrix', () => {
    // [[1, 0.1], [0.1, 1]] ± 0.2: every matrix has det >= 0.64 - 0.09 > 0
    assert.equal(regularIntervalMatrix([[iv(0.8, 1.2), iv(-0.1, 0.3)], [iv(-0.1, 0.3), iv(0.8, 1.2)]]), true);
    // holds [[1, 1], [1, 1]]
    assert.equal(regularIntervalMatrix([[iv(0.9, 1.1), iv(0.9, 1.1)], [iv(0.9, 1.1), iv(0.9, 1.1)]]), false);
    // holds [[1, 0], [0, 0]]
    assert.equal(regularIntervalMatrix([[iv(1, 1), iv(0, 0)], [iv(0, 0), iv(-0.5, 0.5)]]), false);
    assert.equal(regularIntervalMatrix([[iv(1, 1), iv(0, 0), iv(0, 0)], [iv(0, 0), iv(2, 2), iv(0, 0)], [iv(0, 0), iv(0, 0), iv(-3, -2.5)]]), true);
    assert.equal(regularIntervalMatrix([[iv(1, 1), iv(0, 0)], [iv(0, 0), iv(-Infinity, 1)]]), false);
  });

  // Maps that none of the structural or cheap proofs covers (no triangular form, no polar pair,
  // no P-matrix) and det J of one sign: before, "numerical evidence".
  const injective: Array<[string, string, string]> = [
    ['a polar chart with a wobble', 'a(r, t) = (r cos(t) + 0.1 sin(3 t), r sin(t))', 'r in [1, 2], t in [-3, 3]'],
    ['a sheared exponential on a strip', 'b(x, y) = (exp(x) cos(y) + 0.3 x, exp(x) sin(y))', 'x in [-1, 1], y in [-2.5, 2.5]'],
    ['a gentle 3-D warp (J regular on the whole box)', 'g(x, y, z) = (x + 0.3 sin(y), y + 0.3 sin(z), z + 0.3 sin(x))', 'x in [-2, 2], y in [-2, 2], z in [-2, 2]'],
  ];
  for (const [label, def, domain] of injective) {
    it(`proves ${label} injective`, () => {
      const t = analyzeMap(def, domain);
      const argument = t.invertibility.reasonDetail ?? t.invertibility.reason;
      assert.equal(t.invertibility.verdict, 'invertible', argument);
      assert.equal(t.invertibility.certainty, 'proof', argument);
      assert.match(argument, /injective on the boundary of the domain|interval Jacobian over the domain is regular/);
      // an independent look: no two of many random points collide
      const f = mapFromStrings(t.components, t.variables);
      const rand = rng(7);
      const pts = Array.from({ length: 400 }, () => randomPoint(t.domain, rand));
      const imgs = pts.map(f);
      for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) {
        assert.ok(imgs[i].some((v, k) => Math.abs(v - imgs[j][k]) > 1e-9), `${label}: ${pts[i]} and ${pts[j]} collide`);
      }
    });
  }

  // det J of one sign, but not injective: the proof must fail and the search find the witness.
  const notInjective: Array<[string, string, string]> = [
    ['polar, more than a full turn', 'p(r, t) = (r cos(t), r sin(t))', 'r in [0.1, 2], t in [-3.3, 3.3]'],
    ['a wobbly polar chart over more than a full turn', 'a(r, t) = (r cos(t) + 0.1 sin(3 t), r sin(t))', 'r in [1, 2], t in [-3.3, 3.3]'],
    ['a sheared exponential on a strip taller than 2π', 'b(x, y) = (exp(x) cos(y) + 0.3 x, exp(x) sin(y) - 0.2 y)', 'x in [-1, 1], y in [-2.5, 2.5]'],
    ['the exponential map on a strip taller than 2π', 'e(x, y) = (exp(x) cos(y), exp(x) sin(y))', 'x in [-1, 1], y in [-4, 4]'],
    ['the complex cube on a right half plane', 'c(x, y) = (x^3 - 3 x y^2, 3 x^2 y - y^3)', 'x in [0.25, 2], y in [-2, 2]'],
  ];
  for (const [label, def, domain] of notInjective) {
    it(`does not prove ${label} injective`, () => {
      const t = analyzeMap(def, domain);
      assert.notEqual(t.invertibility.certainty === 'proof' && t.invertibility.verdict === 'invertible', true, t.invertibility.reasonDetail ?? t.invertibility.reason);
      if (t.invertibility.verdict === 'not-invertible') assertWitness(t.invertibility.witness!, mapFromStrings(t.components, t.variables), t.domain, label);
    });
  }
});
