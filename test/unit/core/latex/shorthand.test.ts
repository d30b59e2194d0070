import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Robotics shorthand: c_{12} = \cos(\theta_1 + \theta_2) "and so on" names every c_…, s_… of the map. */
describe('LaTeX: the shorthand c_{12} = cos(θ1 + θ2) and its partners', () => {
  it('a planar 3R arm written with c_1, c_{12}, s_{123}: the sums of angles put in, det J = a1 a2 sin θ2 (was 0)', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{aligned}',
      'x &= a_1 c_1 + a_2 c_{12} + a_3 c_{123}\\\\',
      'y &= a_1 s_1 + a_2 s_{12} + a_3 s_{123}\\\\',
      '\\phi &= \\theta_1 + \\theta_2 + \\theta_3',
      '\\end{aligned}',
      '$$',
      '',
      'where $c_{12} = \\cos(\\theta_1 + \\theta_2)$ and so on.',
    ));
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['theta1', 'theta2', 'theta3']);
    assert.deepEqual(t.freeSymbols.sort(), ['a1', 'a2', 'a3']);
    assert.ok(!t.assumed?.some((a) => /c12|s1/.test(a)), JSON.stringify(t.assumed));
    detIs(t, (_a, b) => 0.5 * 1.5 * Math.sin(b), [[0.3, 0.9, -0.4]], { a1: 0.5, a2: 1.5, a3: 2 });
  });

  it('without such a definition, c_1 stays a name of its own', () => {
    const r = analyzeNote('$$x = a c_1 + b\\cos\\theta, \\quad y = a s_1 + b\\sin\\theta$$');
    assert.ok(r.transforms.every((t) => !t.components.some((c) => c.includes('cos(theta1)'))));
  });
});
