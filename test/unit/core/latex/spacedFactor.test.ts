import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, md } from '../../helpers/latex';

/* A letter set apart from a parenthesized sum by a typeset space (\,  \;  \:) multiplies it, as a typed space does. */
describe('a letter, a typeset space, a parenthesized sum: a product', () => {
  for (const space of ['\\,', '\\;', '\\:', '\\>']) {
    it(`q${space}(…) is q times the sum`, () => {
      const r = analyzeNote(md(
        '$$ \\begin{aligned} s_{k+1} &= q' + space + '(s_k + w_k^2), \\\\ w_{k+1} &= s_k - w_k \\end{aligned} $$',
      ));
      assert.equal(r.transforms.length, 1);
      const [t] = r.transforms;
      assert.deepEqual(t.variables, ['s_k', 'w_k']);
      componentsAre(t, ['q*(s_k + w_k^2)', 's_k - w_k'], { q: 1.7 });
    });
  }

  it('a negative space \\! keeps the call: h\\!(s + w) is h applied', () => {
    const r = analyzeNote('$$ u = h\\!(s + w), \\quad v = s - w $$');
    for (const t of r.transforms) assert.ok(!t.components.some((c) => /h\s*\*/.test(c)), t.components.join(', '));
  });
});
