import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/*
 * Map projections and similar notes: a radius R, a reference longitude λ_0, a start s_0 beside
 * the map's own inputs. λ beside a latitude φ is an angle; subscript 0 marks a reference value;
 * R(λ - λ_0) is a product when R is written as a plain factor elsewhere in the map.
 */
describe('LaTeX: inputs beside a radius and reference values', () => {
  it('a cylindrical projection x = R(λ - λ_0), y = R sin φ: inputs λ, φ, det J = R² cos φ', () => {
    const r = analyzeNote(md('$$ x = R(\\lambda - \\lambda_0), \\quad y = R\\sin\\varphi $$'));
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['lambda', 'varphi']);
    assert.deepEqual(t.unknownFunctions ?? [], [], 'R is a factor, not a function');
    detIs(t, (l, p) => 2.5 * 2.5 * Math.cos(p), [[0.3, 0.4], [-1, 1.1]], { R: 2.5, lambda0: 0.2 });
  });

  it('a conformal projection x = R λ, y = R ln tan(π/4 + φ/2): inputs λ, φ and the stated range of φ', () => {
    const r = analyzeNote(md(
      'The projection maps longitude and latitude to',
      '$$ x = R\\,\\lambda, \\qquad y = R \\ln \\tan\\!\\left(\\frac{\\pi}{4} + \\frac{\\varphi}{2}\\right), $$',
      'where $-\\pi/2 < \\varphi < \\pi/2$.'));
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['lambda', 'varphi']);
    detIs(t, (_l, p) => 4 / Math.cos(p), [[0.3, 0.4], [-1, 1.1]], { R: 2 });
  });

  it('subscript 0 is a reference value: x = (s - s_0) cos θ, y = θ is a map of s, θ', () => {
    const r = analyzeNote(md('$$ x = (s - s_0)\\cos\\theta, \\quad y = \\theta $$'));
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    assert.deepEqual(r.transforms[0].variables, ['s', 'theta']);
    assert.ok(r.transforms[0].assumed?.some((a) => /s0 taken as constant.*subscript 0/.test(a)), r.transforms[0].assumed?.join('\n'));
  });

  it('still asks when the names leave a real choice (t, a, b beside θ)', () => {
    const r = analyzeNote(md('$$ u = (t - t_0)\\cos\\theta + a, \\quad v = b\\,\\theta $$'));
    assert.equal(r.transforms.length, 0);
    assert.equal(r.diagnostics.filter((d) => d.severity === 'info').length, 1);
  });
});

describe('LaTeX: a reference angle is a constant, not an input', () => {
  it('a plate carrée over consecutive displays: inputs λ, φ; λ_0 and φ_0 constants', () => {
    const r = analyzeNote(md(
      '$$ u = (\\lambda - \\lambda_0) \\cos \\phi_0 $$',
      '',
      '$$ w = \\phi - \\phi_0 $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['lambda', 'phi']);
    detIs(r.transforms[0], () => Math.cos(0.4), [[0.3, 0.5], [1, -0.2]], { phi_0: 0.4, phi0: 0.4, lambda_0: 0.1, lambda0: 0.1 });
  });
});
