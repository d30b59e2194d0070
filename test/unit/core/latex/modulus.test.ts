import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/* A value reduced modulo a constant at its end (\pmod, \bmod, \mod): a wrap onto a circle or torus, J unchanged where smooth. */
describe('a trailing remainder by a constant is read as the remainder', () => {
  it('\\pmod{2\\pi} on both equations of an iterated map: J of the unwrapped step', () => {
    const r = analyzeNote(md(
      'A kicked rotor, angles taken on the circle:',
      '$$ \\phi_{j+1} = \\phi_j + \\omega + b\\sin\\psi_j \\pmod{2\\pi}, \\qquad \\psi_{j+1} = \\psi_j + \\phi_j \\pmod{2\\pi} $$',
      'with $b = 0.6$ and $\\omega = 0.25$.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['phi_j', 'psi_j']);
    detIs(t, (_p, q) => 1 - 0.6 * Math.cos(q), [[0.3, 1.1], [1.7, -0.4]]);
  });

  it('\\bmod 1 and \\mod 1 in a system: the remainders, det of the linear part', () => {
    for (const m of ['\\bmod 1', '\\mod 1']) {
      const r = analyzeNote(`$$ u = 3s + t ${m}, \\quad v = s + t ${m} $$`);
      assert.equal(r.transforms.length, 1, m);
      const [t] = r.transforms;
      assert.deepEqual(t.variables, ['s', 't']);
      componentsAre(t, ['rem(3*s + t, 1)', 'rem(s + t, 1)']);
      detIs(t, () => 2, [[0.1, 0.2], [0.35, 0.05]]);
    }
  });

  it('a remainder by a variable is not computed: no map', () => {
    const r = analyzeNote('$$ u = s \\bmod t, \\quad v = s + t $$');
    assert.equal(r.transforms.length, 0);
  });
});
