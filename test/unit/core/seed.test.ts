import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, call, equal, sym } from '../../../src/core/math/expr';
import { compareNumerically } from '../../../src/core/math/check';
import { scalarInstance } from '../../../src/core/math/block';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const SEED = path.resolve(__dirname, '../../../../test/fixtures/geometric-interpretation.md');

/** Two expressions are equal at random points (unknown functions get random smooth stand-ins). */
function sameValue(a: Expr, b: Expr, variables: string[]): void {
  const v = compareNumerically(a, b, { variables, domain: variables.map(() => [-2, 2] as [number, number]), seed: 3 });
  assert.equal(v, 'equal', `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

describe('the seed note, as it is (golden)', () => {
  const text = fs.readFileSync(SEED, 'utf8');
  const r = analyzeDocument(text, 'markdown', SEED);

  it('yields exactly three maps, and no diagnostics', () => {
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => [t.name, t.variables, t.notation]), [
      ['f_1', ['z_A', 'z_B'], 'latex'],
      ['f_2', ['z1', 'z2'], 'latex'],
      ['f_3', ['z1', 'z2'], 'latex'],
    ]);
  });

  it('the block coupling layer: det J = exp(Σ_i s(z_A)_i), with its inverse', () => {
    const t = r.transforms[0];
    assert.equal(t.range.start.line, 47);
    assert.deepEqual(t.block?.vectors, ['z_A', 'z_B']);
    assert.equal(t.structure, 'coupling');
    const det = parsePlainExpr(t.det);
    assert.ok(equal(det, call('exp', call('sum', call('s', sym('z_A'))))), t.det);
    sameValue(scalarInstance(det), call('exp', call('s', sym('z_A'))), t.variables);
    assert.equal(t.detLatex, '\\exp\\left(\\sum_i s\\left(\\mathbf{z}_A\\right)_i\\right)');
    assert.deepEqual(t.inverse?.components, ['z_A', '(z_B - t(z_A)) .* exp(-s(z_A))']);
    assert.deepEqual(t.unknownFunctions, ['s', 't']);
  });

  it('the 2-D layer z_1\' = z_1, z_2\' = z_2 exp(s(z_1)) + t(z_1): det J = exp(s(z_1)), s and t symbolic', () => {
    const t = r.transforms[1];
    assert.deepEqual([t.range.start.line, t.range.end.line], [80, 83]);
    assert.deepEqual(t.unknownFunctions, ['s', 't']);
    sameValue(parsePlainExpr(t.det), call('exp', call('s', sym('z1'))), t.variables);
    assert.equal(t.latex.det, '\\exp\\left(s\\left(z_1\\right)\\right)');
    assert.deepEqual(t.latex.variables, ['z_1', 'z_2']);
  });

  it('the concrete layer z_2\' = 2 z_2 + 3 (with z_1\' = z_1 carried over): J = [[1, 0], [0, 2]], det J = 2', () => {
    const t = r.transforms[2];
    assert.equal(t.range.start.line, 89);
    const J = t.jacobian.map((row) => row.map((s) => parsePlainExpr(s)));
    const want = [[1, 0], [0, 2]];
    J.forEach((row, i) => row.forEach((e, j) => sameValue(e, { k: 'num', v: want[i][j] }, t.variables)));
    sameValue(parsePlainExpr(t.det), { k: 'num', v: 2 }, t.variables);
    assert.deepEqual(t.unknownFunctions, []);
    assert.ok(t.numeric.available);
  });

  it('J and det J in LaTeX use the note\'s names and render in KaTeX', () => {
    for (const t of r.transforms) {
      for (const tex of [t.detLatex, t.latex.det, t.latex.name, ...t.latex.variables, ...t.latex.components, ...t.latex.jacobian.flat(), ...(t.inverse?.latex ?? [])]) {
        assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, trust: false, displayMode: true }), tex);
        // the note writes z_1, z_2 and \mathbf{z}_A, \mathbf{z}_B: never z1 or a plain z_A
        assert.ok(!/z[12]|z_[AB]/.test(tex), `names as written: ${tex}`);
      }
    }
  });
});
