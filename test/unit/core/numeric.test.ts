import * as assert from 'node:assert/strict';
import { FUNCTIONS, erf } from '../../../src/core/math/functions';
import { erf as referenceErf } from 'mathjs';
import { compileClosure, compileJS, generateSource, luDet, NotNumericError, rng, solve, testFunction } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { call, num, sym } from '../../../src/core/math/expr';
import { diff } from '../../../src/core/math/diff';

describe('numeric evaluation', () => {
  it('erf is exact to double precision (a finite difference of it is its derivative), odd, and 1 far out', () => {
    let worst = 0;
    for (let i = -7000; i <= 7000; i += 7) {
      const x = i / 1000 + 1e-4, want = referenceErf(x) as number;
      worst = Math.max(worst, Math.abs(erf(x) - want) / Math.abs(want));
    }
    assert.ok(worst < 1e-14, `relative error ${worst}`);
    // its slope by central differences is 2/sqrt(pi) e^(-x^2) (it was 1.6e-7 off, relatively, near 1.47)
    const x = 1.468, h = 1e-5;
    const slope = (erf(x + h) - erf(x - h)) / (2 * h);
    assert.ok(Math.abs(slope / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x)) - 1) < 1e-9, String(slope));
    assert.equal(erf(-0.5), -erf(0.5));
    assert.equal(erf(7), 1);
    assert.ok(Number.isNaN(erf(NaN)));
  });

  it('generated JS, closures and the table agree for every known function', () => {
    const rand = rng(7);
    for (const [name, f] of Object.entries(FUNCTIONS)) {
      const args = Array.from({ length: f.arity }, (_, i) => sym(`x${i}`));
      const e = call(name, ...args);
      const vars = args.map((a) => (a as { name: string }).name);
      const gen = compileJS([e], vars);
      const clo = compileClosure(e, vars);
      for (let k = 0; k < 20; k++) {
        const x = vars.map(() => 0.1 + 0.8 * rand());
        const a = gen(x)[0], b = clo(x), c = f.f(x[0], x[1]);
        assert.ok(Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${name}: ${a} vs ${b}`);
        assert.ok(Object.is(b, c) || Math.abs(b - c) <= 1e-12 * Math.max(1, Math.abs(c)), `${name}: ${b} vs ${c}`);
      }
    }
  });

  it('every derivative rule matches a central difference', () => {
    const rand = rng(11);
    for (const [name, f] of Object.entries(FUNCTIONS)) {
      if (name === 'sign' || name === 'abs') continue;
      const vars = Array.from({ length: f.arity }, (_, i) => `x${i}`);
      const e = call(name, ...vars.map(sym));
      for (let i = 0; i < vars.length; i++) {
        const d = compileClosure(diff(e, vars[i]), vars);
        const g = compileClosure(e, vars);
        for (let k = 0; k < 10; k++) {
          const x = vars.map(() => (name === 'acosh' ? 1.2 : 0.2) + 0.6 * rand());
          const h = 1e-6;
          const xp = [...x], xm = [...x];
          xp[i] += h; xm[i] -= h;
          const fd = (g(xp) - g(xm)) / (2 * h);
          if (!Number.isFinite(fd)) continue;   // outside the function's domain (acosh below 1)
          assert.ok(Math.abs(d(x) - fd) <= 1e-5 * Math.max(1, Math.abs(fd)), `d${name}/d${vars[i]} at ${x}: ${d(x)} vs ${fd}`);
        }
      }
    }
  });

  it('generated code can only be arithmetic: symbol and function names never reach the source', () => {
    const evil = 'x]; process.exit(1); //';
    assert.throws(() => compileJS([sym(evil)], ['x']), NotNumericError);
    assert.throws(() => compileJS([call('require', num(1))], ['x']), NotNumericError);
    assert.throws(() => compileJS([num(Infinity)], ['x']), NotNumericError);
    const src = generateSource([parsePlainExpr('sin(x) * y^2 + exp(-x)')], ['x', 'y'], {});
    assert.doesNotMatch(src, /\b(?:require|process|eval|Function|import|this|globalThis)\b/);
    // Calls are Math.*, the table's F_* wrappers, and the output array: nothing else.
    const calls = [...src.matchAll(/(?<![.\w])([A-Za-z_]\w*)\(/g)].map((m) => m[1]);
    assert.deepEqual(calls.filter((n) => !/^(F_\w+|generated|Float64Array)$/.test(n)), []);
  });

  it('shares common subexpressions in generated code', () => {
    const src = generateSource([parsePlainExpr('sin(x + y)^2'), parsePlainExpr('cos(x) sin(x + y)')], ['x', 'y'], {});
    assert.equal(src.match(/F_sin\(/g)!.length, 1);
  });

  it('LU determinant and solve', () => {
    assert.equal(luDet([[2, 0], [0, 3]]), 6);
    assert.ok(Math.abs(luDet([[0, 1], [1, 0]]) + 1) < 1e-15);
    assert.ok(Math.abs(luDet([[1, 2, 3], [4, 5, 6], [7, 8, 10]]) + 3) < 1e-12);
    assert.equal(luDet([[1, 2], [2, 4]]), 0);
    assert.deepEqual(solve([[2, 0], [0, 4]], [2, 2]), [1, 0.5]);
    assert.equal(solve([[1, 2], [2, 4]], [1, 1]), null);
  });

  it('stand-ins for unknown functions have consistent derivatives', () => {
    const f = testFunction(2, rng(3));
    const x = [0.3, -0.7], h = 1e-6;
    for (const i of [0, 1]) {
      const xp = [...x], xm = [...x];
      xp[i] += h; xm[i] -= h;
      const fd = (f(xp, []) - f(xm, [])) / (2 * h);
      assert.ok(Math.abs(f(x, [i]) - fd) < 1e-6);
      const fd2 = (f(xp, [i]) - f(xm, [i])) / (2 * h);
      assert.ok(Math.abs(f(x, [i, i]) - fd2) < 1e-5);
    }
  });
});
