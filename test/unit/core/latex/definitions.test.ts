import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

describe('LaTeX definitions: what a map sees', () => {
  it('a chain name = name(u) = … after the map ("where") is a local of the map, also through other locals', () => {
    const r = analyzeNote(md(
      '$$ g : [0, 1] \\to [0, 1], \\; u \\mapsto \\eta^2 + h_0 \\eta $$',
      'where',
      '$$ \\eta = \\eta(u) = \\frac{u - a_0}{w}, \\quad w = a_1 - a_0 $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u']);
    const s = { a0: 0.2, a1: 1.7, h0: 0.5 };
    componentsAre(t, ['((u - a0)/(a1 - a0))^2 + h0 * (u - a0)/(a1 - a0)'], s);
    detIs(t, (u) => (2 * (u - 0.2)) / 1.5 ** 2 + 0.5 / 1.5, [[0.3], [0.9]], s);
  });

  it("primed names given as values (q' = q'(v) = …) are locals, not outputs; q'(…) after such a value is a product", () => {
    const r = analyzeNote(md(
      '$$ h^{-1} : [0, 1] \\to [0, 1], \\; v \\mapsto q\'(1 - q\')^2 $$',
      'with',
      "$$ q' = q'(v) = \\frac{v}{1 + c} $$",
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.equal(t.name, 'h_inv');
    assert.equal(t.latex.name, 'h^{-1}');
    componentsAre(t, ['v/(1 + c) * (1 - v/(1 + c))^2'], { c: 0.5 });
  });

  it('a definition in terms of symbolic constants is a parameter of every map that does not use its names', () => {
    const r = analyzeNote(md(
      '$$ \\kappa = \\frac{1}{1 - m^2} $$',
      '',
      '## Map',
      '',
      '$$ F(p, q) = (\\kappa p, q + m p) $$',
    ));
    const t = r.transforms[0];
    assert.deepEqual(t.freeSymbols, ['m']);
    detIs(t, () => 1 / (1 - 0.25), [[0.3, 0.4]], { m: 0.5 });
  });

  it('a map whose components depend on none of its variables is not a map', () => {
    const r = analyzeNote(md('$$ u \\mapsto k + 1 $$', '$$ c(s) = \\left(m^2\\right) $$'));
    assert.deepEqual([r.transforms, r.diagnostics], [[], []]);
  });
});
