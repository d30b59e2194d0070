import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** `\Delta x`, `\Delta t`: an increment is one name, never Δ times x. */
describe('LaTeX: an increment written \\Delta x is one name', () => {
  it('a shift by an edit direction, w\' = w + \\kappa\\,\\Delta w, keeps areas: det J = 1 (was 1 + κΔ, Δ times w)', () => {
    const r = analyzeNote(md('Move along the found direction:', '', "$$w' = w + \\kappa \\, \\Delta w$$"));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['w']);
    detIs(t, () => 1, [[0.4], [-1.3]], { kappa: 0.7, Delta_w: 2.5 });
    assert.match(t.latex.components[0], /\\Delta w/);
  });

  it('a symplectic-looking Euler step with \\Delta t: det J = 1 + Δt², Δt one constant', () => {
    const r = analyzeNote(md("$$a' = a + b \\, \\Delta t, \\quad b' = b - a \\, \\Delta t$$"));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['a', 'b']);
    detIs(t, () => 1 + 0.3 * 0.3, [[0.2, 1.1], [-0.8, 0.5]], { Delta_t: 0.3 });
  });
});
