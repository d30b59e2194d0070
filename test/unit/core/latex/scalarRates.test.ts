import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/**
 * The rate of a scalar written with vectors on the right side (`\frac{dH}{dt} = \kappa\,\mathbf{w} \cdot \mathbf{H}`,
 * a power; `\mathbf{H}` a field, not a matrix) is physics, not a vector field
 * the note defines: quiet, even where the vector reading fails. A bold state keeps its information.
 */
describe('LaTeX: the rate of a scalar in terms of vectors is quiet', () => {
  it('dH/dt = κ w · H: no map, no diagnostic', () => {
    // the scalar and the vector share a letter (an energy H and a field \mathbf{H})
    for (const d of ['$$ \\frac{dH}{dt} = \\kappa\\,\\mathbf{w} \\cdot \\mathbf{H} $$', '$$ \\dot{G} = \\mathbf{w} \\cdot \\mathbf{G} $$']) {
      const r = analyzeNote(md('## Power', '', d));
      assert.deepEqual(r.transforms.map((t) => t.name), [], d);
      assert.deepEqual(r.diagnostics.map((x) => x.message), [], d);
    }
  });

  it('a bold state whose sizes do not fit is still said', () => {
    const r = analyzeNote(md('$$ \\frac{d\\mathbf{h}}{dt} = \\mathbf{w} \\cdot \\mathbf{H} + \\mathbf{h} $$'));
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
  });
});
