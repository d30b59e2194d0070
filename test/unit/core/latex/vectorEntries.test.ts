import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

const sech2 = (u: number) => 1 / Math.cosh(u) ** 2;

describe('LaTeX: a vector of numbers given whole gives its entries to a map written in them', () => {
  it('"where $a = (0.5, -0.25)$" below a map in a_1, a_2: a_1 = 0.5, a_2 = -0.25', () => {
    const r = analyzeNote(md(
      '$$ y_1 = x_1 + a_1 \\tanh(x_2), \\quad y_2 = x_2 + a_2 x_1 $$',
      '',
      'where $a = (0.5, -0.25)$.',
    ));
    const [t] = r.transforms;
    assert.equal(t.parameters.a1, '0.5');
    assert.equal(t.parameters.a2, '-0.25');
    assert.deepEqual(t.freeSymbols, []);
    // det J = 1 - a_1 a_2 sech^2(x_2)
    detIs(t, (_x1, x2) => 1 + 0.125 * sech2(x2), [[0.3, -0.7], [1.1, 0.2]]);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a column vector (pmatrix) above the map, and Greek names: w_1, w_2 from w', () => {
    const r = analyzeNote(md(
      'Let $w = \\begin{pmatrix} 2 \\\\ -1 \\end{pmatrix}$ and $b = 0$.',
      '',
      '$$ z_1\' = z_1 + 0.5 \\tanh(w_1 z_1 + w_2 z_2 + b), \\quad z_2\' = z_2 + 0.2 \\tanh(w_1 z_1 + w_2 z_2 + b) $$',
    ));
    const [t] = r.transforms;
    assert.equal(t.parameters.w1, '2');
    assert.equal(t.parameters.w2, '-1');
    // det J = 1 + (u · w) sech^2(w·z + b), u = (0.5, 0.2): u · w = 0.8
    detIs(t, (z1, z2) => 1 + 0.8 * sech2(2 * z1 - z2), [[0.3, -0.7], [-0.4, 0.9]]);
  });

  it('no entries where the note counts from 0 (a_0 written), at a point, or for names with an index of their own', () => {
    const zero = analyzeNote(md(
      "$$ x' = x + a_1 y, \\quad y' = y + a_2 x $$",
      '',
      'where $a = (0.5, 0.25)$, and $a_0$ is the bias.',
    ));
    assert.equal(zero.transforms[0].parameters.a1, undefined, 'a_1 stays symbolic: 1-based or 0-based cannot be told');
    assert.deepEqual(zero.transforms[0].freeSymbols.sort(), ['a1', 'a2']);
    const point = analyzeNote(md(
      "$$ x' = x + p_1 y, \\quad y' = p_2 y $$",
      '',
      'The map is evaluated at $p = (1, 2)$ below.',
    ));
    assert.equal(point.transforms[0].parameters.p1, undefined);
  });

  it('a vector of numbers alone is ordinary math: no map, no diagnostic', () => {
    const r = analyzeNote(md('The direction is $d = (1, 0, 0)$ and the offset $c = (0.5, 0.5)$.'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });
});
