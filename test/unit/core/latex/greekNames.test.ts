import * as assert from 'node:assert/strict';
import { analyzeNote, detIs } from '../../helpers/latex';
import { analyzeDocument } from '../../../../src/core/document';
import { createEngineOptions } from '../../../../src/core/engine';

/* τ is a coordinate, a time or a parameter in notes far more often than the constant 2π. */
describe('τ (tau) is an ordinary name, not 2π', () => {
  it('a system in \\sigma and \\tau has both as inputs (parabolic coordinates)', () => {
    const r = analyzeNote('$$ \\begin{aligned} u &= \\sigma\\tau \\\\ w &= \\tfrac12 (\\tau^2 - \\sigma^2) \\end{aligned} $$');
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['sigma', 'tau']);
    detIs(r.transforms[0], (s, t) => s * s + t * t, [[0.4, 1.3], [-1.1, 0.6]]);
  });

  it('tau in a transform block is a variable or a symbolic constant', () => {
    const doc = ['```transform', 'decay(x, tau) = (x exp(-tau), tau)', '```'].join('\n');
    const [t] = analyzeDocument(doc, 'markdown', 'n.md', createEngineOptions()).transforms;
    assert.deepEqual(t.variables, ['x', 'tau']);
    detIs(t, (_x, tau) => Math.exp(-tau), [[0.3, 0.8], [1.2, -0.5]]);
  });
});
