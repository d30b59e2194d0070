import * as assert from 'node:assert/strict';
import { system } from '../../../../src/core/parse/latex/recognizers/system';
import { analyzeNote, candidatesOf, componentsAre, detIs, findingsOf, md } from '../../helpers/latex';

/** Inline equations of one sentence that together are a square system are one map. */
describe('LaTeX: inline equations of one sentence as a system', () => {
  it('"the substitution $p = a + b$ and $q = a - 2b$" is the map (a, b) -> (p, q)', () => {
    const r = analyzeNote('Take the substitution $p = a + b$ and $q = a - 2b$ in the integral.');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['a', 'b']);
    componentsAre(t, ['a + b', 'a - 2*b']);
    detIs(t, () => -3, [[0.2, 0.5]]);
  });

  it('"with $u = s\\cosh w$, $v = s\\sinh w$" (comma between), and one inline formula of two equations', () => {
    for (const note of [
      'Hyperbolic coordinates: with $u = s\\cosh w$, $v = s\\sinh w$ the wedge is covered once.',
      'Hyperbolic coordinates $u = s\\cosh w, \\; v = s\\sinh w$ cover the wedge.',
    ]) {
      const t = analyzeNote(note).transforms;
      assert.deepEqual(t.map((x) => x.variables), [['s', 'w']], note);
      detIs(t[0], (s) => s, [[0.7, 0.3], [1.2, -0.5]]);
    }
  });

  it('the domain in the same sentence is the map\'s', () => {
    const t = analyzeNote('With $u = s\\cosh w$, $v = s\\sinh w$ for $s > 0$ the wedge is covered.').transforms[0];
    assert.equal(t.domain[0][0], 0);
    assert.deepEqual(t.domainOpen?.[0], [true, false]);
  });

  it('not across sentences, paragraphs or headings', () => {
    for (const note of [
      'The first coordinate is $p = a + b$. The second one is $q = a - 2b$.',
      md('The first coordinate is $p = a + b$,', '', 'and the second one is $q = a - 2b$.'),
      md('The first coordinate is $p = a + b$,', '## Next', 'and the second one is $q = a - 2b$.'),
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual([r.transforms.length, r.diagnostics], [0, []], note);
    }
  });

  it('ordinary inline equalities stay quiet: values, identities, ranges, derivations, more names than equations', () => {
    for (const note of [
      'We take $x = 2$ and $y = 3$ here.',
      'Recall $\\sin^2 t + \\cos^2 t = 1$ and $e^{i\\pi} = -1$ for all $t$.',
      'for $i = 1, \\dots, N$ and $j = 1$',
      'The prediction $\\hat{y} = w x + b$ and the loss $\\ell = (y - \\hat{y})^2$ are computed per sample.',
      'Since $E = m c^2$ and $p = m v$, the ratio is fixed.',
      'A single $u = x + y$ is a definition, not a map.',
      'Let $\\mu = \\alpha + \\beta$. Then $\\sigma = \\alpha \\beta$ is the product.',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual([r.transforms.map((t) => t.name), r.diagnostics], [[], []], note);
    }
  });

  it('the recognizer alone finds the inline candidate', () => {
    const found = candidatesOf(findingsOf('the change $p = a + b$ and $q = a - 2b$', system));
    assert.equal(found.length, 1);
    assert.equal(found[0].form, 'system');
  });
});
