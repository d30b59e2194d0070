import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { compareNumerically } from '../../../src/core/math/check';
import { parsePlainExpr as parsePlain } from '../../../src/core/parse/plainExpr';

const engine = createEngineOptions();
const analyze = (text: string) => analyzeDocument(text, 'markdown', 'note.md', engine).transforms;

/*
 * Symbolic constants get random values in the numeric checks. A formula defined only for some
 * of them (1/sqrt(1 - v^2/c^2) needs |v| < |c|) must still be checked: the values are drawn
 * again until the reference is finite at enough points.
 */
describe('numeric checks: symbolic constants drawn again where a formula is undefined', () => {
  const boost = [
    '```transform',
    'g = 1/sqrt(1 - v^2/c^2)',
    'boost(t, x) = (g (t - v x / c^2), g (x - v t))',
    '```',
  ].join('\n');

  it('a Lorentz boost with symbolic v, c: det J = 1, checked against LU', () => {
    const [t] = analyze(boost);
    assert.equal(t.detChecked, true, `det J ${t.det} was not checked`);
    assert.equal(t.trees.det?.k, 'num');
    assert.equal(t.trees.det?.k === 'num' && t.trees.det.v, 1);
  });

  it('its verdict says det J is a nonzero constant, not that it depends on c and v', () => {
    const [t] = analyze(boost);
    assert.match(t.invertibility.reason, /det J = 1 != 0/);
    assert.doesNotMatch(t.invertibility.reason, /depends on/);
  });

  it('compareNumerically: equal and different are both found when the first draw is undefined everywhere', () => {
    // about half the draws of (a, b) have a < b, where the reference is undefined at every point
    const ref = parsePlain('sqrt(a - b) * x');
    const same = parsePlain('sqrt(a - b) * x + 0 * a');
    const other = parsePlain('sqrt(a - b) * (x + 1)');
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const seed of seeds) {
      const ctx = { variables: ['x'], domain: [[-2, 2]] as const, freeSymbols: ['a', 'b'], seed };
      assert.equal(compareNumerically(same, ref, ctx), 'equal', `seed ${seed}`);
      assert.equal(compareNumerically(other, ref, ctx), 'different', `seed ${seed}`);
    }
  });

  it('a rotation by a symbolic angle is proven invertible from its simplified det J = 1', () => {
    const [t] = analyze(['```transform', 'rot(x, y) = (cos(a) x - sin(a) y, sin(a) x + cos(a) y)', '```'].join('\n'));
    assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
    assert.equal(t.invertibility.certainty, 'proof');
  });
});
