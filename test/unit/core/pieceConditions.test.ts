/**
 * Piece conditions as they read on the domain: a comparison the domain decides (x > -1e9 on
 * [-2, 2]) is dropped from the printed condition; the pieces still apply where they did.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { cmp, TRUE, FALSE, and, conditionToMathjs } from '../../../src/core/math/condition';
import { num, sym } from '../../../src/core/math/expr';
import { onDomain } from '../../../src/core/piecewise';

const x = sym('x'), y = sym('y'), k = sym('k');

describe('piece conditions on the domain', () => {
  it('a comparison the box decides becomes true or false; the others stay', () => {
    const box: Array<[number, number]> = [[-2, 2], [-1, 1]];
    assert.deepEqual(onDomain(cmp('>', x, num(-1e9)), ['x', 'y'], box), TRUE);
    assert.deepEqual(onDomain(cmp('>', x, num(5)), ['x', 'y'], box), FALSE);
    assert.equal(conditionToMathjs(onDomain(and(cmp('>', x, num(-5)), cmp('<', y, num(0.5))), ['x', 'y'], box)), 'y < 0.5');
    // x^2 + y^2 >= 0 holds everywhere; x < k depends on a symbolic constant
    assert.deepEqual(onDomain(cmp('>=', { k: 'add', args: [{ k: 'pow', base: x, exp: num(2) }, { k: 'pow', base: y, exp: num(2) }] }, num(0)), ['x', 'y'], box), TRUE);
    assert.equal(conditionToMathjs(onDomain(cmp('<', x, k), ['x', 'y'], box)), 'x < k');
  });
  it('code with a guard the domain always passes: the printed conditions name only what matters', () => {
    const src = [
      'export function f(x: number, y: number): [number, number] {',
      '  if (x > -1e9 && y < 1) return [x * 2, y];',
      '  return [x, y];',
      '}',
    ].join('\n');
    const t = analyzeDocument(src, 'typescript', 'f.ts').transforms[0];
    assert.deepEqual(t.pieces!.map((p) => p.condition), ['y < 1', 'y >= 1']);
    assert.ok(!t.pieces!.some((p) => /1000000000|1e9/.test(p.conditionLatex)));
    assert.ok(t.notes.some((n) => /where y < 1/.test(n)), t.notes.join('\n'));
    // the pieces apply where they did: about three quarters of [-2, 2]^2 has y < 1
    assert.ok(t.pieces![0].share! > 0.6 && t.pieces![0].share! < 0.9);
  });
});
