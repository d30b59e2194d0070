/**
 * Heads with more or fewer components than variables (a surface, a curve, a projection) are
 * ordinary math: an information at most, never an error or a warning.
 */
import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

describe('LaTeX: maps that are not R^n -> R^n', () => {
  const cases: Array<[string, string]> = [
    ['a torus parametrized by two angles', '$$ \\Psi(s, t) = \\left( (3 + \\cos t)\\cos s, (3 + \\cos t)\\sin s, \\sin t \\right) $$'],
    ['a projection to the plane, written with \\mapsto', '$$ (a, b, c) \\mapsto \\left(\\frac{a}{c}, \\frac{b}{c}\\right) $$'],
    ['a graph surface with named outputs', md('$$ G(u, v): $$', '$$ X = u, \\quad Y = v, \\quad Z = u^2 - v^2 $$')],
  ];
  for (const [what, note] of cases) {
    it(`${what}: no map, no error, an information that names its J`, () => {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms, []);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
      for (const d of r.diagnostics) assert.match(d.message, /R\^\d → R\^\d\): its J is \d × \d, with no det J/);
    });
  }
});
