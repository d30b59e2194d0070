import * as assert from 'node:assert/strict';
import { components } from '../../../../src/core/parse/latex/recognizers/components';
import { analyzeNote, assertReads, candidatesOf, detIs, findingsOf, md } from '../../helpers/latex';

describe('LaTeX components: a map written one component function at a time', () => {
  it('f_1(x, y) = …, f_2(x, y) = … in one display is the map f of x, y', () => {
    const [c] = candidatesOf(findingsOf('$$ f_1(x, y) = x^2 - y^2, \\qquad f_2(x, y) = 2 x y $$', components));
    assertReads(c, ['x', 'y'], ['x^2 - y^2', '2 * x * y']);
  });

  it('components on separate display blocks (a notebook cell, Obsidian) in any order: det J numerically', () => {
    const r = analyzeNote(md(
      'The polar map, one component at a time:',
      '',
      '$$f_2(r, \\theta) = r\\sin\\theta$$',
      '$$f_1(r, \\theta) = r\\cos\\theta$$',
      '',
      'and aligned rows:',
      '',
      '$$',
      '\\begin{aligned}',
      'F_1(u, v) &= u + v \\\\',
      'F_2(u, v) &= u v',
      '\\end{aligned}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 2);
    const [polar, f] = r.transforms;
    assert.deepEqual(polar.variables, ['r', 'theta']);
    detIs(polar, (rr) => rr, [[0.7, 0.3], [1.9, -2]]);
    assert.deepEqual(f.variables, ['u', 'v']);
    detIs(f, (u, v) => u - v, [[0.7, 0.3], [1.9, -2]]);
  });

  it('a family that is not square (three basis functions of two names), one function alone, a gap in the indices: nothing', () => {
    for (const note of [
      '$$ \\phi_1(x, y) = 1 - x - y, \\quad \\phi_2(x, y) = x, \\quad \\phi_3(x, y) = y $$',
      '$$ g_1(x, y) = x^2 + y^2 - 1 $$',
      '$$ h_1(x, y) = x + y, \\quad h_3(x, y) = x - y $$',
    ]) {
      assert.deepEqual(candidatesOf(findingsOf(note, components)), [], note);
      assert.deepEqual(analyzeNote(note).transforms.map((t) => t.name), [], note);
    }
  });
});
