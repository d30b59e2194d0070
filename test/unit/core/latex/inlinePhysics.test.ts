import * as assert from 'node:assert/strict';
import { system } from '../../../../src/core/parse/latex/recognizers/system';
import { analyzeNote, candidatesOf, findingsOf } from '../../helpers/latex';

/* Inline formulas of physics in one sentence are square in a typical constant (m, k, g, c) and another name: no change of variables. */
describe('inline equations in a typical constant are physics, not a map', () => {
  const quiet = [
    'A cart of mass $m$ has momentum $p = m u$ and kinetic energy $K = \\tfrac12 m u^2$.',
    'For a spring, the force is $F = -k s$ and the stored energy $E = \\tfrac12 k s^2$.',
    'Near the ground $W = m g$ and $P = m g w$ hold, with $w$ the speed.',
  ];
  for (const note of quiet) {
    it(note, () => {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms, []);
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(candidatesOf(findingsOf(note, system)), []);
    });
  }

  it('a square sentence without such a constant is still a map', () => {
    const r = analyzeNote('Substitute $p = s + w$ and $q = s w$ in the sum.');
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['s', 'w']);
  });
});
