import * as assert from 'node:assert/strict';
import { call, equal, sym } from '../../../../src/core/math/expr';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { analyzeNote, md } from '../../helpers/latex';

/** `M \in \mathbb{R}^{k \times k}`: a plain name the note states to be a matrix is one. */
describe('LaTeX: shapes stated with \\in \\mathbb{R}^{m \\times n}', () => {
  it('v = M u with "where $M \\in \\mathbb{R}^{k \\times k}$" is a linear map of u: det J = det M (was no map)', () => {
    const r = analyzeNote(md('Mix the channels:', '', '$$v = M u$$', '', 'where $M \\in \\mathbb{R}^{k \\times k}$ is learned.'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u']);
    assert.ok(equal(parsePlainExpr(t.det), call('det', sym('M'))), t.det);
  });

  it('without the statement v = M u stays a product of numbers (no map), and a vector space alone makes no matrix', () => {
    assert.deepEqual(analyzeNote('$$v = M u$$').transforms, []);
    const r = analyzeNote(md('$$v = M u$$', '', 'for $M \\in \\mathbb{R}^{1}$ and $u \\in \\mathbb{R}$.'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });
});
