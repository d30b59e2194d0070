import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/**
 * A function written in terms of itself (`B(s) = s\,B(s - 1)`, `h(t + 1) = 2h(t)`) is a
 * recurrence or a functional equation: an identity the function satisfies, not its definition.
 * It defines no helper (a map that calls the function keeps it symbolic, with no "calls
 * itself" error) and is no map.
 */
describe('LaTeX: a function written in terms of itself defines nothing', () => {
  it('a recurrence of a special function beside a formula that calls it: no error, no helper', () => {
    const r = analyzeNote(md(
      '## A special function',
      '',
      '$$ B(s) = \\int_0^1 u^{s} e^{u} \\, du $$',
      '',
      '$$ B(s) = s \\, B(s - 1) $$',
      '',
      '## A layer that uses it',
      '',
      '$$ g(x, y) = (x + B(y), y) $$',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['g']);
    // B stays an unknown function of y (not a recursive helper): a shear, det J = 1 whatever B is
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    detIs(r.transforms[0], () => 1, [[0.3, 0.5], [-1.2, 1.7]]);
  });

  it('a recurrence alone is no map and says nothing', () => {
    for (const d of ['$$ h(t) = 2 \\, h(t - 1) + 1 $$', '$$ Q(n) = n \\, Q(n - 1) $$']) {
      const r = analyzeNote(md('# Recurrences', '', d));
      assert.deepEqual(r.transforms.map((t) => t.name), [], d);
      assert.deepEqual(r.diagnostics.map((x) => x.message), [], d);
    }
  });

  it('a helper that does not call itself is still a helper', () => {
    const r = analyzeNote(md('$$ B(s) = s^2 + 1 $$', '', '$$ g(x, y) = (x + B(y), y) $$', '', 'and $g$ is applied to $B(2)$.'));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    const g = r.transforms.find((t) => t.name === 'g');
    assert.ok(g, 'g is a map');
    componentsAre(g, ['x + y^2 + 1', 'y']);
  });
});
