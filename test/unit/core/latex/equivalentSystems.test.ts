import * as assert from 'node:assert/strict';
import { call, equal } from '../../../../src/core/math/expr';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** A map and its inverse written as two systems joined by ⇔ in one display. */
describe('LaTeX: systems joined by an equivalence (a map ⇔ its inverse)', () => {
  it('cases ⇔ cases: each side is a system of its own, with its own inputs and det J', () => {
    for (const arrow of ['\\Leftrightarrow', '\\iff', '\\quad\\Longleftrightarrow\\quad', '\\Downarrow', '\\implies']) {
      const note = md(
        '$$',
        '\\begin{cases} m &= a \\\\ n &= b\\, e^{2a} - 3 \\end{cases}',
        arrow,
        '\\begin{cases} a &= m \\\\ b &= (n + 3)\\, e^{-2m} \\end{cases}',
        '$$',
      );
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics, [], arrow);
      assert.equal(r.transforms.length, 2, arrow);
      const [fwd, inv] = r.transforms;
      assert.deepEqual(fwd.variables, ['a', 'b'], arrow);
      assert.deepEqual(inv.variables, ['m', 'n'], arrow);
      detIs(fwd, (a) => Math.exp(2 * a), [[0.3, 1.2], [-0.5, 2]]);
      detIs(inv, (m) => Math.exp(-2 * m), [[0.3, 1.2], [-0.5, 2]]);
      // each map starts on its own lines
      assert.ok(fwd.range.start.line < inv.range.start.line, arrow);
    }
  });

  it('an additive coupling with index-range blocks and its inverse: two block maps with det J = 1', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{cases} \\mathbf{q}_{1:k} &= \\mathbf{p}_{1:k} \\\\ \\mathbf{q}_{k+1:n} &= \\mathbf{p}_{k+1:n} + h(\\mathbf{p}_{1:k}) \\end{cases}',
      '\\Leftrightarrow',
      '\\begin{cases} \\mathbf{p}_{1:k} &= \\mathbf{q}_{1:k} \\\\ \\mathbf{p}_{k+1:n} &= \\mathbf{q}_{k+1:n} - h(\\mathbf{q}_{1:k}) \\end{cases}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 2);
    for (const t of r.transforms) {
      assert.equal(t.variables.length, 2);
      assert.ok(t.block, 'a block map');
      assert.ok(equal(parsePlainExpr(t.det), parsePlainExpr('1')), t.det);
    }
    assert.match(r.transforms[0].variables[0], /^p_/);
    assert.match(r.transforms[1].variables[0], /^q_/);
  });

  it('an affine coupling ⇔ its inverse: the log-determinants are opposite', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{cases} \\mathbf{q}_{1:k} &= \\mathbf{p}_{1:k} \\\\ \\mathbf{q}_{k+1:n} &= \\mathbf{p}_{k+1:n} \\odot \\exp(g(\\mathbf{p}_{1:k})) \\end{cases}',
      '\\Leftrightarrow',
      '\\begin{cases} \\mathbf{p}_{1:k} &= \\mathbf{q}_{1:k} \\\\ \\mathbf{p}_{k+1:n} &= \\mathbf{q}_{k+1:n} \\odot \\exp(-g(\\mathbf{q}_{1:k})) \\end{cases}',
      '$$',
    ));
    assert.equal(r.transforms.length, 2);
    const [fwd, inv] = r.transforms;
    assert.ok(equal(parsePlainExpr(fwd.det), call('exp', call('sum', call('g', parsePlainExpr(fwd.variables[0]))))), fwd.det);
    const a = inv.variables[0];
    assert.ok(equal(parsePlainExpr(inv.det), parsePlainExpr(`exp(-sum(g(${a})))`)) || equal(parsePlainExpr(inv.det), parsePlainExpr(`exp(sum(-g(${a})))`)), inv.det);
  });

  it('a brace \\{ written without \\left before an array of equations is the brace of a system', () => {
    const r = analyzeNote('$$ \\{ \\begin{array}{l} m = a + b^3 \\\\ n = b \\end{array} $$');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['a', 'b']]);
    detIs(r.transforms[0], () => 1, [[0.3, 1.2]]);
  });

  it('an equivalence between two equations (not two environments) does not split a formula', () => {
    const r = analyzeNote('$$ m = a + b \\Leftrightarrow a = m - b $$');
    assert.equal(r.transforms.length, 0);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });
});
