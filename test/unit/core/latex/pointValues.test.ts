import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

describe('LaTeX: a value named after "at", "near", "around" or "point" is a point, not a constant', () => {
  it('"singular at $r = 0$ and at $\\theta = 0$" below spherical coordinates leaves r and θ inputs', () => {
    const r = analyzeNote(md(
      '$$ p = r\\sin\\theta\\cos\\phi, \\quad q = r\\sin\\theta\\sin\\phi, \\quad s = r\\cos\\theta $$',
      '',
      'The change is singular at $r = 0$ and at $\\theta = 0$, and near $\\phi = 1$ nothing happens.',
    ));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['r', 'theta', 'phi']]);
    detIs(r.transforms[0], (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.4, 0.3], [1.3, 2.1, -1]]);
  });

  it('"the singular point $r = 0$" and "singular points at $r = 0$ and $\\vartheta = 0$ or $\\vartheta = \\pi$" are points too', () => {
    for (const prose of [
      'It degenerates on the singular point $r = 0$, the axis.',
      'Its singular points are at $r = 0$ and $\\vartheta = 0$ or $\\vartheta = \\pi$.',
    ]) {
      const r = analyzeNote(md(
        '$$\\begin{cases} w_1 = r\\sin\\vartheta\\cos\\psi \\\\ w_2 = r\\sin\\vartheta\\sin\\psi \\\\ w_3 = r\\cos\\vartheta \\end{cases}$$',
        '',
        prose,
      ));
      assert.deepEqual(r.transforms.map((t) => t.variables), [['r', 'vartheta', 'psi']], prose);
      detIs(r.transforms[0], (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.4, 0.3], [1.3, 2.1, -1]]);
    }
  });

  it('"with $a = 1.4$" and "where $b = 0.3$" below a map still give the constants their values', () => {
    const r = analyzeNote(md(
      '$$ u = 1 - a x^2 + y, \\quad v = b x $$',
      '',
      'with $a = 1.4$, where $b = 0.3$.',
    ));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['x', 'y']]);
    detIs(r.transforms[0], () => -0.3, [[0.3, -0.2]]);
  });
});
