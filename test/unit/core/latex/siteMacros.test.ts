import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/**
 * Notes published on a site often use the site's own macros (`\Ex`, `\Var`, `\Prob`, defined in
 * its MathJax or KaTeX configuration, not in the note). A formula whose left side is written
 * with such a command (`\Ex{Y} = \mu`) defines nothing a map could use: it stays quiet. The
 * same command on the right side of a formula, or anywhere in a formula that looks like a map,
 * is still said.
 */
describe('LaTeX: commands unknown to KaTeX on a left side (a site\'s macros) are quiet', () => {
  it('moments written with a site\'s macros say nothing', () => {
    const r = analyzeNote(md(
      '## Poisson',
      '',
      '\\[ Y \\sim \\mathrm{Poisson}(m) \\]',
      '\\[ \\Ex{Y} = m \\]',
      '\\[ \\Var{Y} = m \\]',
      '\\[ \\Prob(Y = k) = \\frac{m^k e^{-m}}{k!} \\]',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms, []);
  });

  it('an unknown command on a right side, or in a formula that looks like a map, is still said', () => {
    const a = analyzeNote(md('$$ W = k T \\Qty(2) $$'));
    assert.deepEqual(a.diagnostics.map((d) => d.severity), ['warning']);
    const b = analyzeNote(md('$$ \\Ex{g}(x, y) = (x + y, \\Ex{y}) $$'));
    assert.deepEqual(b.diagnostics.map((d) => d.severity), ['error']);
  });
});
