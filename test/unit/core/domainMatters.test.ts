/**
 * The default domain is mentioned only where the verdict or det J's values depend on it:
 * polar on [-2, 2]^2 (r = 0 inside) yes, a linear map no.
 */
import * as assert from 'node:assert/strict';
import { domainNote } from '../../../src/core/format';
import { analyzeMap } from '../helpers/maps';

const matters = (def: string, domain?: string) => {
  const t = analyzeMap(def, domain);
  return { t, m: t.domainMatters, note: domainNote(t) };
};

describe('does the default domain matter', () => {
  it('polar: the verdict (not invertible: r = 0 is inside) and det J = r (0 at the centre) both depend on the box', () => {
    const { t, m, note } = matters('polar(r, theta) = (r cos(theta), r sin(theta))');
    assert.equal(t.invertibility.verdict, 'not-invertible');
    assert.deepEqual(m, { verdict: true, values: true });
    assert.match(note!, /^No domain given: r, theta in \[-2, 2\] assumed\. The verdict and the values at points are about this box\.$/);
    // on r > 0 the verdict is another: it did depend on the box
    const given = analyzeMap('polar(r, theta) = (r cos(theta), r sin(theta))', 'r in [0.5, 2], theta in [-1, 1]');
    assert.equal(given.invertibility.verdict, 'invertible');
    assert.equal(given.domainMatters, undefined);
    assert.equal(domainNote(given), null);
  });

  it('a linear map: invertible on every domain, det J constant: nothing said', () => {
    const { t, m, note } = matters('f(x, y) = (2 x + y, x - 3 y)');
    assert.deepEqual(t.domainDefault, ['x', 'y']);
    assert.deepEqual(m, { verdict: false, values: false });
    assert.equal(note, null);
  });

  it('det J identically 0: not invertible on any domain, nothing said', () => {
    const { t, note } = matters('f(x, y) = (x + y, sin(x + y))');
    assert.equal(t.invertibility.verdict, 'not-invertible');
    assert.equal(note, null);
  });

  it('triangular maps strictly monotone in their own variables on all of R^n (a coupling layer): nothing said', () => {
    for (const def of ['f(x, y) = (x + x^3, y + exp(x))', 'g(z1, z2) = (z1, z2 exp(sin(z1)) + z1^2)', 'h(x, y, z) = (exp(x), 2 y + cos(x), z + x y + z^3)']) {
      const { t, m, note } = matters(def);
      assert.equal(t.invertibility.verdict, 'invertible', def);
      assert.deepEqual(m, { verdict: false, values: false }, def);
      assert.equal(note, null, def);
    }
  });

  it('invertible by an argument over the box (the swirl): the verdict is about the box, det J keeps its sign', () => {
    const a = '0.5 exp(-(x^2 + y^2))';
    const { t, m, note } = matters(`swirl(x, y) = (cos(${a}) x - sin(${a}) y, sin(${a}) x + cos(${a}) y)`);
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.deepEqual(m, { verdict: true, values: false });
    assert.match(note!, /The verdict is about this box\.$/);
  });

  it('a triangular map whose own-variable slope changes sign on R but not in the box: the verdict depends on the box', () => {
    // slope 1 - x^2/9: positive on [-2, 2], negative beyond |x| = 3
    const { t, m, note } = matters('f(x, y) = (x - x^3/27, y + x)');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(m?.verdict, true);
    assert.ok(note);
  });

  it('x^2 in one coordinate: det J changes sign in the box, values and verdict depend on it', () => {
    const { m, note } = matters('f(x, y) = (x^2, y)');
    assert.deepEqual(m, { verdict: true, values: true });
    assert.ok(note);
  });
});
