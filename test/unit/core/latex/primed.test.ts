import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

describe('LaTeX recognizer primed: systems of primed equations', () => {
  it('names the note never gives a value are symbolic constants, also through a definition given after the map', () => {
    const r = analyzeNote(md(
      'A shear along the drift:',
      '$$',
      "p' = k \\left( p - \\frac{w q}{s^2} \\right), \\quad q' = k (q - w p)",
      '$$',
      'where',
      '$$',
      'k = \\frac{1}{\\sqrt{1 - w^2/s^2}}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['p', 'q']);
    assert.deepEqual(t.freeSymbols, ['s', 'w']);
    assert.deepEqual(t.assumed, ['s, w taken as symbolic constants (no value in the note)']);
    const k = (w: number, s: number) => 1 / Math.sqrt(1 - (w * w) / (s * s));
    componentsAre(t, ['(p - w q / s^2) / sqrt(1 - w^2/s^2)', '(q - w p) / sqrt(1 - w^2/s^2)'], { s: 3, w: 0.5 });
    detIs(t, () => k(0.5, 3) ** 2 * (1 - 0.25 / 9), [[0.2, 0.4], [1, -1]], { s: 3, w: 0.5 });
  });

  it('inline primed equations in a list are one map each', () => {
    const r = analyzeNote(md(
      '- shift: $u\' = u + m$',
      '- stretch: $u\' = a u$',
      '- cube: $u\' = u^3 + u$.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['u'], ['u'], ['u']]);
    detIs(r.transforms[0], () => 1, [[0.3]], { m: 2 });
    detIs(r.transforms[1], () => 1.5, [[0.3]], { a: 1.5 });
    detIs(r.transforms[2], (u) => 3 * u * u + 1, [[0.3], [-1.2]]);
  });

  it('a system split over two displays with a sentence between them is one map', () => {
    const r = analyzeNote(md(
      '$$ a_1\' = a_1 $$',
      'and the second half is moved by the first:',
      '$$ a_2\' = a_2 e^{g(a_1)} + h(a_1) $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['a1', 'a2']);
    assert.equal(r.transforms[0].det, 'exp(g(a1))');
  });

  it('two displays under different headings stay apart; an equation that uses no input is a value', () => {
    const r = analyzeNote(md(
      '$$ b_1\' = 2 b_1 $$',
      '',
      '## Later',
      '',
      '$$ b_2\' = b_2 + b_1 $$',
      '',
      "$$ r' = \\frac{m - n}{2} $$",
    ));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['b1'], ['b2']]);
  });
});
