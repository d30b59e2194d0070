import * as assert from 'node:assert/strict';
import { mapsto } from '../../../../src/core/parse/latex/recognizers/mapsto';
import { analyzeNote, candidatesOf, detIs, findingsOf, md, notMapsOf } from '../../helpers/latex';

describe('LaTeX recognizer mapsto: (x, y) \\mapsto (…)', () => {
  it('a signature before the arrow names the map: g_j : [a, b) \\to \\mathbb{R}, \\; t \\mapsto …', () => {
    const r = analyzeNote(md('```math', 'g_j : [0, 1) \\rightarrow [0, 2], ~t \\mapsto t^2 + c_j t,', '```'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].name, 'g_j');
    assert.deepEqual(r.transforms[0].variables, ['t']);
    detIs(r.transforms[0], (t) => 2 * t + 0.5, [[0.25], [0.75]], { c_j: 0.5 });
  });

  it('a signature without a formula is not a map: f\\colon \\mathbf{u} \\mapsto \\mathbf{w}', () => {
    const note = md('$$ f\\colon \\mathbf{u} \\mapsto \\mathbf{w} $$', 'and $(p, q) \\mapsto (m, n)$.');
    const found = findingsOf(note, mapsto);
    assert.equal(candidatesOf(found).length, 0);
    assert.deepEqual(notMapsOf(found).map((x) => x.what), ['signature', 'signature']);
    const r = analyzeNote(note);
    assert.deepEqual([r.transforms, r.diagnostics], [[], []]);
  });
});
