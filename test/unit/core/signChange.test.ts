import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';

const engine = createEngineOptions();
const one = (map: string) => analyzeDocument(['```transform', map, '```'].join('\n'), 'markdown', 'n.md', engine).transforms[0];

/* Where det J changes sign on the domain the note says where: at a zero, or through a pole. */
describe('det J changing sign: through a zero or through a pole', () => {
  it('det J = x y^2 + x vanishes on x = 0: "vanishes near", at a point with |det J| small', () => {
    const t = one('g(x, y) = (x^2 / 2, y + y^3 / 3)');
    assert.equal(t.detSign?.sign, 'changes');
    assert.ok(!t.detSign?.pole);
    assert.ok(t.notes.some((n) => /vanishes near/.test(n)), t.notes.join(' | '));
    assert.ok(Math.abs(t.detSign!.at![0]) < 1e-6, `at ${t.detSign?.at}`);
  });

  it('det J = -3/x changes sign through the pole x = 0: said as a pole, not a zero', () => {
    const t = one('h(x, y) = (y, 3 log(abs(x)))');
    assert.equal(t.detSign?.sign, 'changes');
    assert.equal(t.detSign?.pole, true);
    assert.ok(t.notes.some((n) => /through a pole near/.test(n)), t.notes.join(' | '));
    assert.ok(!t.notes.some((n) => /vanishes/.test(n)), t.notes.join(' | '));
    assert.ok(Math.abs(t.detSign!.at![0]) < 1e-6, `at ${t.detSign?.at}`);
  });
});
