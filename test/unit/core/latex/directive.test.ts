import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

describe('LaTeX directives: <!-- jacobian: … --> right before the math', () => {
  const ambiguous = '$$ m = a + k b^2, \\quad n = c\\,a - b $$';

  it('without one, an ambiguous change of coordinates is no map and gets an info diagnostic that names the directive', () => {
    const r = analyzeNote('$$ u = a + h\\cos b, \\quad v = r\\,a - b $$');
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code]), [['info', 'inputs']]);
  });

  it('inputs settle which names are the variables, in that order; the rest are constants, said once', () => {
    const r = analyzeNote(md('<!-- jacobian: inputs b, a -->', ambiguous));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['b', 'a']);
    assert.deepEqual(t.freeSymbols.sort(), ['c', 'k']);
    // J in (b, a): [[2kb, 1], [-1, c]]
    detIs(t, (b) => 2 * 0.5 * b * 2 + 1, [[0.3, 0.9]], { k: 0.5, c: 2 });
    assert.equal(t.inputChoice, undefined, 'the note said it: nothing to fix');
  });

  it('constants remove names from the inputs; LaTeX names are read as in the formula; a fence line may stand between', () => {
    const r = analyzeNote(md('<!-- jacobian: constants \\kappa, c -->', '```math', 'm = a + \\kappa b^2, \\quad n = c\\,a - b', '```'));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['a', 'b']]);
  });

  it('also settles a single equation, and "not a map" silences a formula', () => {
    const one = analyzeNote(md('<!-- jacobian: inputs \\tau -->', '$$ E = \\omega \\tau^2 $$'));
    assert.deepEqual(one.transforms.map((t) => t.variables), [['tau']]);
    const off = analyzeNote(md('<!-- jacobian: not a map -->', '$$ u = r\\cos t, \\quad v = r\\sin t $$'));
    assert.deepEqual([off.transforms, off.diagnostics], [[], []]);
  });

  it('applies only right before its formula', () => {
    const r = analyzeNote(md('<!-- jacobian: not a map -->', '', 'Some prose.', '', '$$ u = r\\cos t, \\quad v = r\\sin t $$'));
    assert.equal(r.transforms.length, 1);
  });

  it('a directive that cannot be read is a warning at the comment, and the formula is read without it', () => {
    const r = analyzeNote(md('<!-- jacobian: inputs a+, b -->', ambiguous, '', '<!-- jacobian: outputs m -->', '$$ u = r\\cos t, \\quad v = r\\sin t $$'));
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    assert.equal(warnings.length, 2);
    assert.deepEqual(warnings.map((d) => d.range.start.line), [0, 3]);
    assert.match(warnings[1].message, /not understood/);
    assert.equal(r.transforms.length, 1);
  });
});
