/**
 * Arithmetic on conditional values in the code reader combines only branches that can happen
 * together: a test already taken for one operand decides the same test in the others, so two
 * values over the same k tests combine in 2^k steps, not 4^k.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/document';
import { cmp } from '../../../src/core/math/condition';
import { num, sym } from '../../../src/core/math/expr';
import { Value, conditional, leaves, lift2, scalar } from '../../../src/core/parse/typescript/values';

/** A value with one branch per way through the tests x_0 > 0, ..., x_{k-1} > 0 (2^k leaves). */
const branching = (k: number, i = 0, acc = 0): Value =>
  i === k ? scalar(num(acc)) : conditional(cmp('>', sym(`x${i}`), num(0)), branching(k, i + 1, 2 * acc + 1), branching(k, i + 1, 2 * acc));

describe('conditional values combine only compatible branches', () => {
  it('lift2 of two values over the same 5 tests calls its function 2^5 times, not 4^5', () => {
    const a = branching(5), b = branching(5);
    let calls = 0;
    const sum = lift2(a, b, (x, y) => {
      calls++;
      return x.t === 'num' && y.t === 'num' ? scalar(num(0)) : x;
    });
    assert.equal(calls, 32);
    assert.equal(leaves(sum).length, 1, 'every leaf is 0 here, so the branches fold');
    const pairs = lift2(a, b, (x) => x);
    assert.equal(leaves(pairs).length, 32);
  });

  it('a function reusing a sum of six piecewise terms is read (it passed the step limit before)', () => {
    const code = `
function soft(t) { return t > 0 ? t : 0.5 * t; }
export function mix(x, y, z, w, u, v) {
  const a = soft(x), b = soft(y), c = soft(z), d = soft(w), e = soft(u), f = soft(v);
  const s = a + b + c + d + e + f;
  const p = s * s + s;
  const q = p * s + p * p;
  return [a + q, b + q * s, c + p * q, d + q * q, e + s * q, f + p * s];
}
`;
    const r = parseDocument(code, 'javascript', { fileName: 'mix.js' });
    assert.deepEqual(r.problems.map((p) => p.message), []);
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].pieces?.length, 64);
  });
});
