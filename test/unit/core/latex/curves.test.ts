import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/* A number given an interval beside a vector formula is a parameter along a curve (R -> R^n), not a map. */
describe('LaTeX: a curve through vectors, its parameter given an interval, is no map', () => {
  it('\\mathbf{g}(t) = \\mathbf{f}(\\mathbf{x} + t\\mathbf{h}), t \\in [0, 1] and \\mathbf{c}(s) = \\mathbf{p} + s\\mathbf{d}, s \\in (0, 2): quiet', () => {
    const r = analyzeNote(md(
      'Along the segment,',
      '',
      '$$ \\mathbf{g}(t) = \\mathbf{f}(\\mathbf{x} + t\\mathbf{h}), \\quad t \\in [0, 1]. $$',
      '',
      'and the line',
      '',
      '$$ \\mathbf{c}(s) = \\mathbf{p} + s\\mathbf{d}, \\quad s \\in (0, 2) $$',
    ));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });

  it('inline, the interval in the formula right after: "the segment $\\mathbf{c}(s) = (1 - s)\\mathbf{p} + s\\mathbf{q}$, $s \\in [0, 1]$": quiet', () => {
    const r = analyzeNote('There is a point on the segment $\\mathbf{c}(s) = (1 - s)\\mathbf{p} + s\\mathbf{q}$, $s \\in [0, 1]$, such that it holds.');
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });

  it('a plain number among bold vectors whose sizes do not fit, $g(t) = f((1 - t)\\mathbf{x} + t\\mathbf{y})$: quiet; a plain z a flow acts on is still a map', () => {
    const r = analyzeNote(md(
      'The plot shows $g(t)=f\\bigl((1-t)\\mathbf{x} + t\\,\\mathbf{y}\\bigr)$ as a function of $t$, at $\\mathbf{z}(c)=(1-c)\\mathbf{x}+c\\mathbf{y}$.',
      '',
      'A flow $$f(z) = z + \\mathbf{u}\\tanh(\\mathbf{w}^\\top z + b)$$ bends the plane.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['z']]);
  });

  it('a map of a vector with \\mathbb{R}^3 beside it, and a map of a number with an interval, are still maps', () => {
    const r = analyzeNote(md(
      '$$ f(\\mathbf{x}) = 2\\mathbf{x} + \\mathbf{b}, \\quad \\mathbf{x} \\in \\mathbb{R}^3 $$',
      '',
      'and, on its own,',
      '',
      '$$ w(t) = t^3 + t, \\quad t \\in [0, 1] $$',
    ));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['x'], ['t']]);
    detIs(r.transforms[1], (t) => 3 * t * t + 1, [[0.5]]);
    assert.deepEqual(r.transforms[1].domain, [[0, 1]]);
  });
});
