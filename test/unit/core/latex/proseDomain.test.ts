import * as assert from 'node:assert/strict';
import { analyzeNote, checkNote, detIs, md } from '../../helpers/latex';

/** A domain stated in the sentence next to a map is the map's domain: grid, check and report use it. */
describe('LaTeX: a domain in the prose next to a map is its domain', () => {
  const TWO_PI = 2 * Math.PI;

  it('polar coordinates without primes, "for r > 0, 0 ≤ ϑ < 2π" after them: invertible there, no default box', () => {
    const r = checkNote(md('Plane polar coordinates:', '', '$$ p = \\varrho\\cos\\vartheta, \\quad q = \\varrho\\sin\\vartheta $$', '', 'for $\\varrho > 0$, $0 \\le \\vartheta < 2\\pi$.'));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['varrho', 'vartheta']);
    // ϱ > 0: open at 0, unbounded above (shown on a window); 0 ≤ ϑ < 2π: closed below, open above
    assert.equal(t.domain[0][0], 0);
    assert.ok(t.domain[0][1] > 0);
    assert.deepEqual(t.domain[1], [0, TWO_PI]);
    assert.deepEqual(t.domainOpen, [[true, false], [false, true]]);
    assert.equal(t.domainDefault, undefined);
    assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
    assert.ok(t.assumed?.some((a) => /read from the text next to the formula/.test(a) && /\\varrho > 0/.test(a)), String(t.assumed));
    detIs(t, (rho) => rho, [[0.5, 1], [1.5, 4]]);
  });

  it('a one-sided bound so large that the default width does not move it (r > 10^33): a window of a width in proportion', () => {
    const r = analyzeNote(md('$$ p = \\varrho\\cos\\vartheta, \\quad q = \\varrho\\sin\\vartheta $$', '', 'for $\\varrho > 3.3 \\times 10^{33}$, $0 \\le \\vartheta < 2\\pi$.'));
    const [lo, hi] = r.transforms[0].domain[0];
    assert.equal(lo, 3.3e33);
    // (lo + 4 is lo again: the interval was [lo, lo])
    assert.ok(hi > lo && Number.isFinite(hi), `[${lo}, ${hi}]`);
  });

  it('spherical coordinates with the domain in a "where" sentence: all three intervals, open ends kept', () => {
    const r = checkNote(md(
      '$$ a = s\\sin\\beta\\cos\\gamma, \\quad b = s\\sin\\beta\\sin\\gamma, \\quad c = s\\cos\\beta $$',
      '',
      'where $s > 0$, $0 < \\beta < \\pi$ and $0 \\le \\gamma < 2\\pi$.',
    ));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['s', 'beta', 'gamma']);
    assert.deepEqual(t.domain.slice(1), [[0, Math.PI], [0, TWO_PI]]);
    assert.deepEqual(t.domainOpen, [[true, false], [true, true], [false, true]]);
    assert.equal(t.domainDefault, undefined);
    assert.notEqual(t.invertibility.verdict, 'not-invertible', t.invertibility.reason);
    detIs(t, (s, b) => s * s * Math.sin(b), [[0.5, 1, 2], [1.5, 2, 4]]);
  });

  it('a product of intervals before the formula, with \\infty at an open end', () => {
    const r = checkNote(md('On $(\\varrho, \\vartheta) \\in (0, \\infty) \\times [0, 2\\pi)$ the map', '', '$$ p = \\varrho\\cos\\vartheta, \\quad q = \\varrho\\sin\\vartheta $$'));
    const t = r.transforms[0];
    assert.deepEqual(t.domain[1], [0, TWO_PI]);
    assert.deepEqual(t.domainOpen, [[true, false], [false, true]]);
    assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
  });

  it('one-sided bounds inside the formula are its domain too; a bound that cannot be a domain is left alone', () => {
    const inFormula = analyzeNote('$$ p = \\varrho\\cos\\vartheta, \\quad q = \\varrho\\sin\\vartheta, \\quad \\varrho > 1, \\quad 0 \\le \\vartheta < \\pi $$').transforms[0];
    assert.equal(inFormula.domain[0][0], 1);
    assert.deepEqual(inFormula.domain[1], [0, Math.PI]);
    assert.equal(inFormula.domainDefault, undefined);
    // "where x, y ∈ ℝ": the whole line, nothing to restrict (the default box stays, and says so)
    const real = analyzeNote(md('$$ u = x + y^3, \\quad v = x - y $$', '', 'where $x, y \\in \\mathbb{R}$.')).transforms[0];
    assert.deepEqual(real.domainDefault, ['x', 'y']);
  });

  it('prose past a heading is not the map\'s', () => {
    const t = analyzeNote(md('$$ p = \\varrho\\cos\\vartheta, \\quad q = \\varrho\\sin\\vartheta $$', '', '## Next', '', 'for $\\varrho > 0$, $0 \\le \\vartheta < 2\\pi$.')).transforms[0];
    assert.deepEqual(t.domainDefault, ['varrho', 'vartheta']);
  });

  it('a domain said after the inverse that closes the section ("and back:" then the inverse, then "with s > 0 …") is the forward map\'s too', () => {
    const r = checkNote(md(
      '## Polar',
      '',
      '$$ u = s\\cos t, \\quad v = s\\sin t $$',
      '',
      'and back:',
      '',
      '$$ s = \\sqrt{u^2 + v^2}, \\quad t = \\arctan(v / u) $$',
      '',
      'with $s > 0$ and $0 \\le t < 2\\pi$.',
      '',
      '## Elsewhere',
      '',
      '$$ a = s\\cosh t, \\quad b = s\\sinh t $$',
    ));
    const [fwd, , other] = r.transforms;
    assert.deepEqual(fwd.variables, ['s', 't']);
    assert.equal(fwd.domain[0][0], 0);
    assert.deepEqual(fwd.domain[1], [0, TWO_PI]);
    assert.equal(fwd.domainDefault, undefined);
    // past a heading the sentence says nothing: the default box
    assert.deepEqual(other.variables, ['s', 't']);
    assert.ok(other.domainDefault, JSON.stringify(other.domain));
  });
});

