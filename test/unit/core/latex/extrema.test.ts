import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';
import { compileClosure } from '../../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';

/* \min and \max of the values listed, inside components (through |a - b|); over a set they stay prose. */
describe('LaTeX: \\min and \\max inside the components of a map', () => {
  it('the sorting map (\\min(x, y), \\max(x, y)): the components are min and max, det J = 1 below the diagonal, -1 above', () => {
    const r = analyzeNote('$$ s(x, y) = \\left( \\min(x, y), \\; \\max(x, y) \\right) $$');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    for (const [x, y] of [[0.3, 0.7], [0.9, -0.2], [-1.1, 0.4]]) {
      const vals = t.components.map((c) => compileClosure(parsePlainExpr(c), ['x', 'y'])([x, y]));
      [Math.min(x, y), Math.max(x, y)].forEach((want, i) => assert.ok(Math.abs(vals[i] - want) < 1e-12, `${t.components[i]} at ${x}, ${y}`));
    }
    detIs(t, () => 1, [[0.3, 0.7]]);
    detIs(t, () => -1, [[0.7, 0.3]]);
  });

  it('three values and braces: p = \\max\\{0, u, w - 1\\} + w, q = w; det J is 1 where u leads, 0 where 0 leads', () => {
    const r = analyzeNote('$$ p = \\max\\{0, u, w - 1\\} + w, \\quad q = w $$');
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['u', 'w']);
    componentsAre(t, ['(((0 + u + abs(0 - u)) / 2) + (w - 1) + abs(((0 + u + abs(0 - u)) / 2) - (w - 1))) / 2 + w', 'w']);
    detIs(t, () => 1, [[0.8, 0.5]]);
    detIs(t, () => 0, [[-0.8, 0.5]]);
  });

  it('\\max over a set (a subscript, one value) is not computed: quiet in a scalar value, said at its place in a map', () => {
    const quiet = analyzeNote(md('$$ m = \\max_{i} x_i $$', '', '$$ M = \\max(x) $$'));
    assert.deepEqual(quiet.transforms, []);
    assert.deepEqual(quiet.diagnostics.map((d) => d.message), []);
    const r = analyzeNote('$$ g(x, y) = (\\max(x), y) $$');
    assert.deepEqual(r.transforms, []);
    const [d] = r.diagnostics;
    assert.match(d.message, /\\max needs the values it compares listed/);
    assert.equal(d.range.start.character, '$$ g(x, y) = ('.length);
  });
});

describe('LaTeX: a prime after parentheses, the derivative of an expression', () => {
  it('\\Delta z = (f^{-1}(x))\' \\Delta x is notation, not malformed: no error', () => {
    const r = analyzeNote(md('When we substitute,', '', '$$ \\Delta z = (f^{-1}(x))\' \\Delta x $$', '', 'so the widths scale.'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });

  it('inside a map it is said at its place, as not computed', () => {
    const r = analyzeNote('$$ h(x, y) = \\left( (x^2 + y)\', \\; y \\right) $$');
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /prime after parentheses/);
  });
});
