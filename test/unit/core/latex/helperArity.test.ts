import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/* One letter, two functions: a map that calls g only with another number of arguments than a g defined near it means another g. */
describe('a function called with another number of arguments than its definition is another function', () => {
  it('g(s, t) defined above, g(y) called in the map: the map keeps g symbolic, no arity error', () => {
    const r = analyzeNote(md(
      'A weight $$ g(s, t) = s\\, t^2 $$',
      'A shear along a profile:',
      '$$ p = x + g(y), \\quad q = y $$',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['x', 'y']);
    detIs(t, () => 1, [[0.4, 1.2], [-0.9, 0.3]]);
  });

  it('called with its own number of arguments, the definition is put in', () => {
    const r = analyzeNote(md(
      'A weight $$ g(s, t) = s\\, t^2 $$',
      'A shear along a profile:',
      '$$ p = x + g(x, y), \\quad q = y $$',
    ));
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], (_x, y) => 1 + y * y, [[0.4, 1.2], [-0.9, 0.3]]);
  });
});
