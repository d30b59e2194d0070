import * as assert from 'node:assert/strict';
import { evaluate } from 'mathjs';
import { bareissDet, laplaceDet, rationalDet, rationalRing, Ring } from '../../../src/core/math/determinant';
import { Q, q, qAdd, qKey, qMul, qToNumber } from '../../../src/core/math/rational';
import { Algebra, Budget, BudgetExceeded } from '../../../src/core/math/poly';
import { algebraRing } from '../../../src/core/math/determinant';
import { compileClosure, compileJS, luDet } from '../../../src/core/math/numeric';
import { Expr, add, call, sym } from '../../../src/core/math/expr';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { analyzeMap } from '../helpers/maps';

/** A seeded generator of small integers in [-k, k]. */
function smallInts(seed: number, k: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return ((s >> 8) % (2 * k + 1)) - k; };
}

/** L U with L unit lower triangular and U upper triangular, integer entries: det = product of U's diagonal. */
function integerMatrix(n: number, diag: (i: number) => number, seed = 3): number[][] {
  const r = smallInts(seed, 3);
  const L = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : j < i ? r() : 0)));
  const U = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? diag(i) : j > i ? r() : 0)));
  return L.map((row) => U[0].map((_, j) => row.reduce((s, v, k) => s + v * U[k][j], 0)));
}

const idx = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('determinants of large blocks (fraction-free elimination)', () => {
  it('is exact for integer matrices up to 30 x 30 (det far beyond 2^53)', () => {
    const n = 30;
    const diag = (i: number) => (i % 3 === 0 ? -7 : i % 3 === 1 ? 5 : 3);
    const A = integerMatrix(n, diag);
    const want = idx(n).reduce((p, i) => p * BigInt(diag(i)), 1n);
    const d = bareissDet(A.map((row) => row.map((v) => q(BigInt(v)))), idx(n), idx(n), rationalRing());
    assert.equal(d.d, 1n);
    assert.equal(d.n, want);
  });

  it('is exact for rational matrices and agrees with Laplace expansion on small ones', () => {
    const r = smallInts(11, 9);
    for (const n of [2, 3, 5, 7]) {
      const A: Q[][] = idx(n).map(() => idx(n).map(() => q(BigInt(r()), BigInt(Math.abs(r()) + 1))));
      const ring = rationalRing();
      const a = bareissDet(A, idx(n), idx(n), ring), b = laplaceDet(A, idx(n), idx(n), ring);
      assert.deepEqual(a, b, `n = ${n}`);
    }
  });

  it('handles zero pivots by swapping rows, and singular matrices', () => {
    const A = [[0, 2, 1], [1, 0, 3], [2, 1, 0]].map((r) => r.map((v) => q(BigInt(v))));
    assert.equal(qToNumber(bareissDet(A, idx(3), idx(3), rationalRing())), luDet([[0, 2, 1], [1, 0, 3], [2, 1, 0]]));
    const S = [[1, 2, 3], [2, 4, 6], [1, 0, 1]].map((r) => r.map((v) => q(BigInt(v))));
    assert.equal(qToNumber(bareissDet(S, idx(3), idx(3), rationalRing())), 0);
  });

  it('divides polynomial entries exactly (the same polynomial as Laplace expansion)', () => {
    const vars = ['x', 'y', 'z'];
    const alg = new Algebra({ variables: vars, budget: Budget.ms(10_000) });
    const entries = ['x + 1', 'y', 'z^2', '2', 'x y', '3 z', 'y - z', 'x', '1', 'x^2', '0', 'y z', 'z', 'x - y', '4', 'y^2 + 1']
      .map((s) => alg.fromExpr(parsePlainExpr(s)));
    const M = idx(4).map((i) => idx(4).map((j) => entries[4 * i + j]));
    const ring = algebraRing(alg);
    const a = alg.canonical(bareissDet(M, idx(4), idx(4), ring)), b = alg.canonical(laplaceDet(M, idx(4), idx(4), ring));
    const fa = compileClosure(a, vars), fb = compileClosure(b, vars);
    for (const p of [[0.3, -1.2, 2], [1.5, 0.25, -0.75], [-2, 3, 1]]) assert.ok(Math.abs(fa(p) - fb(p)) <= 1e-9 * Math.max(1, Math.abs(fb(p))));
    // a polynomial: no denominator is left
    assert.doesNotMatch(JSON.stringify(a), /"v":-1\}/);
  });

  it('checks its budget inside the elimination: the work is about n^3 / 3 steps and a spent budget stops it', () => {
    let ticks = 0;
    const counting: Ring<Q> = rationalRing(() => { ticks++; });
    const n = 20;
    bareissDet(integerMatrix(n, () => 1).map((r) => r.map((v) => q(BigInt(v)))), idx(n), idx(n), counting);
    assert.ok(ticks > 0 && ticks <= n ** 3 / 3 + n * n, `ticks ${ticks}`);
    let left = 100;
    const stopping = rationalRing(() => { if (--left < 0) throw new BudgetExceeded(); });
    assert.throws(() => bareissDet(integerMatrix(n, () => 1).map((r) => r.map((v) => q(BigInt(v)))), idx(n), idx(n), stopping), BudgetExceeded);
  });
});

describe('analysis of large and deep maps answers (budgets inside the loops)', function () {
  // A watchdog against hangs only: the tests assert the answers, never the time they took.
  this.timeout(60_000);

  const vars = (n: number) => Array.from({ length: n }, (_, i) => `x${i + 1}`);

  it('a dense linear map with n = 20: exact det J and a proof (no Laplace over 2^20 minors)', () => {
    const n = 20;
    const A = integerMatrix(n, (i) => (i % 2 ? 2 : -1), 5);
    const v = vars(n);
    const t = analyzeMap(`f(${v.join(', ')}) = (${A.map((r) => r.map((c, j) => `${c} ${v[j]}`).join(' + ')).join(', ')})`);
    assert.ok(t.detSymbolic && t.detChecked);
    assert.equal(Number(t.det), 2 ** 10);
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
  });

  it('an integer 30 x 30 block is exact too', () => {
    const n = 30;
    const A = integerMatrix(n, (i) => (i % 5 === 0 ? -1 : 1), 9);
    const v = vars(n);
    const t = analyzeMap(`f(${v.join(', ')}) = (${A.map((r) => r.map((c, j) => `${c} ${v[j]}`).join(' + ')).join(', ')})`);
    assert.ok(t.detSymbolic);
    assert.equal(Number(t.det), 1);
  });

  it('a dense 9 x 9 symbolic block is expanded and checked', () => {
    const v = vars(9);
    const t = analyzeMap(`f(${v.join(', ')}) = (${v.map((x, i) => `${x} + sin(${v[(i + 1) % 9]})`).join(', ')})`);
    assert.ok(t.detSymbolic && t.detChecked);
    // det(I + C) for the cyclic C with entries cos(x_{i+1}): 1 + cos(x1) ... cos(x9)
    const x = v.map((_, i) => 0.1 * (i + 1));
    const want = 1 + x.reduce((p, c) => p * Math.cos(c), 1);
    assert.ok(Math.abs(evaluate(t.det, Object.fromEntries(v.map((name, i) => [name, x[i]]))) - want) < 1e-12);
  });

  it('a dense symbolic block that does not finish is numeric, and says so once', () => {
    const v = vars(10);
    // every entry depends on a variable: the 10 x 10 determinant has far too many terms
    const comps = v.map((x, i) => v.map((u, j) => `${(i * 3 + j * 5) % 7 - 3} ${u}`).join(' + ') + ` + ${x}^3`);
    const t = analyzeMap(`f(${v.join(', ')}) = (${comps.join(', ')})`);
    assert.equal(t.detSymbolic, false);
    assert.match(t.det, /^det\(\[\[/);
    assert.equal(t.notes.filter((s) => /numeric/.test(s)).length, 1);
    assert.notEqual(t.invertibility.reason, '');
  });

  for (const n of [10, 20]) {
    it(`a triangular map with n = ${n}: a proof, and an inverse only where it stays small`, () => {
      const v = vars(n);
      const comps = v.map((x, i) => (i === 0 ? x : `${x} + ${v.slice(0, i).map((u) => `sin(${u})`).join(' ')}`));
      const t = analyzeMap(`f(${v.join(', ')}) = (${comps.join(', ')})`);
      assert.equal(t.structure, 'triangular');
      assert.equal(Number(t.det), 1);
      assert.equal(t.invertibility.verdict, 'invertible');
      assert.equal(t.invertibility.certainty, 'proof');
      if (t.inverse) assert.equal(t.inverse.components.length, n);
    });
  }

  it('a component nested 95 deep (exp(exp(...)), just inside the reading limit) answers', () => {
    let e = 'x';
    for (let i = 0; i < 95; i++) e = `exp(${e})`;
    const t = analyzeMap(`f(x, y) = (${e}, y)`, 'x in [-2, -1], y in [-1, 1]');
    assert.ok(['invertible', 'unknown'].includes(t.invertibility.verdict));
    assert.ok(t.det.length > 0);
  });

  it('generated code is linear in the shared tree: a DAG with 2^60 tree nodes compiles', () => {
    let e: Expr = sym('x');
    for (let i = 0; i < 60; i++) e = add(call('sin', e), call('cos', e));
    const f = compileJS([e], ['x']);
    let want = 0.3;
    for (let i = 0; i < 60; i++) want = Math.sin(want) + Math.cos(want);
    assert.equal(f([0.3])[0], want);
  });
});

describe('exact determinants beyond doubles (n = 9, 15, 30)', function () {
  this.timeout(60_000);
  const vars = (n: number) => Array.from({ length: n }, (_, i) => `x${i + 1}`);
  const diag = (i: number) => q(BigInt(i % 3 === 0 ? -7 : i % 3 === 1 ? 5 : 11), 2n ** BigInt(i % 4));

  /** L U with L unit lower and U upper triangular: det = the product of U's diagonal (known without elimination). */
  function knownDet(n: number, rational: boolean, seed: number): { A: Q[][]; det: Q } {
    const r = smallInts(seed, 4);
    const entry = () => (rational ? q(BigInt(r()), BigInt(Math.abs(r()) + 1)) : q(BigInt(r())));
    const L = idx(n).map((i) => idx(n).map((j) => (i === j ? q(1n) : j < i ? entry() : q(0n))));
    const U = idx(n).map((i) => idx(n).map((j) => (i === j ? (rational ? diag(i) : q(diag(i).n)) : j > i ? entry() : q(0n))));
    const A = L.map((row) => idx(n).map((j) => row.reduce((s, v, k) => qAdd(s, qMul(v, U[k][j])), q(0n))));
    return { A, det: idx(n).reduce((p, i) => qMul(p, U[i][i]), q(1n)) };
  }

  /** The value a printed exact number stands for ("-12", "3/4", "-0.0125"). */
  function readExact(s: string): Q {
    const frac = /^(-?\d+)(?:\/(\d+))?$/.exec(s);
    if (frac) return q(BigInt(frac[1]), BigInt(frac[2] ?? '1'));
    const dec = /^(-?)(\d+)\.(\d+)$/.exec(s);
    assert.ok(dec, `not an exact number: ${s}`);
    return q(BigInt(dec[1] + dec[2] + dec[3]), 10n ** BigInt(dec[3].length));
  }

  for (const n of [9, 15, 30]) {
    for (const rational of [false, true]) {
      it(`a ${rational ? 'rational' : 'integer'} ${n} x ${n} linear map: det J exact in the report, its LaTeX and the proof, and equal to the double of LU`, () => {
        const { A, det } = knownDet(n, rational, 7 + n);
        const v = vars(n);
        const t = analyzeMap(`f(${v.join(', ')}) = (${A.map((row) => row.map((c, j) => `${qKey(c)} ${v[j]}`).join(' + ')).join(', ')})`);
        assert.ok(t.detSymbolic && t.detChecked, t.notes.join(' '));
        assert.deepEqual(readExact(t.det), det);
        const tex = /^(-?)(?:\\frac\{(\d+)\}\{(\d+)\}|(\d+))$/.exec(t.latex.det);
        assert.ok(tex, t.latex.det);
        assert.deepEqual(q(BigInt(tex[1] + (tex[2] ?? tex[4])), BigInt(tex[3] ?? '1')), det);
        // LU in doubles loses digits on such matrices: compared at the precision of the matrix's scale
        const M = A.map((row) => row.map(qToNumber)), lu = luDet(M);
        const scale = M.reduce((p, row) => p * Math.max(...row.map(Math.abs)), 1);
        assert.ok(Math.abs(lu - qToNumber(det)) <= 1e-9 * scale, `LU ${lu} for ${qToNumber(det)}`);
        if (n === 30) assert.ok(det.n > 2n ** 53n || -det.n > 2n ** 53n || det.d > 2n ** 53n, 'beyond doubles');
        assert.ok(t.invertibility.reason.includes(t.det) || t.invertibility.reasonDetail?.includes(t.det), 'the proof names the exact value');
      });
    }
  }

  it('a decimal 30 x 30 matrix: det J as the decimal the user\'s numbers make, to the last digit of a double', () => {
    const n = 30, r = smallInts(5, 99);
    const v = vars(n);
    const M = idx(n).map(() => idx(n).map(() => q(BigInt(r()), 100n)));
    const text = (c: Q) => qToNumber(c).toFixed(2);
    const t = analyzeMap(`f(${v.join(', ')}) = (${M.map((row) => row.map((c, j) => `${text(c)} ${v[j]}`).join(' + ')).join(', ')})`);
    // an independent exact determinant: Gaussian elimination over fractions
    const a = M.map((row) => [...row]);
    let want = q(1n);
    for (let k = 0; k < n; k++) {
      const p = a.findIndex((row, i) => i >= k && row[k].n !== 0n);
      if (p !== k) { [a[p], a[k]] = [a[k], a[p]]; want = qMul(want, q(-1n)); }
      want = qMul(want, a[k][k]);
      for (let i = k + 1; i < n; i++) {
        const f = qMul(a[i][k], q(a[k][k].d, a[k][k].n));
        a[i] = a[i].map((x, j) => qAdd(x, qMul(q(-f.n, f.d), a[k][j])));
      }
    }
    assert.ok(t.detChecked);
    // fifty exact digits of a product of decimals would not read: the nearest double, as a decimal
    assert.match(t.det, /^-?\d+\.\d+$/);
    const exact = qToNumber(want), shown = Number(t.det);
    assert.ok(Math.abs(shown - exact) <= 4 * Number.EPSILON * Math.abs(exact), `${t.det} for ${exact}`);
  });

  it('rationalDet agrees with elimination over the rationals', () => {
    for (const n of [3, 9, 15]) {
      const { A, det } = knownDet(n, true, n);
      assert.deepEqual(rationalDet(A), det);
      assert.deepEqual(rationalDet(A), bareissDet(A, idx(n), idx(n), rationalRing()));
    }
  });
});
