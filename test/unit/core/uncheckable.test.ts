/**
 * The simplifier spends its time only where a form it finds could be confirmed: an entry of J
 * that is finite at too few points of the domain (a tower of powers that overflows, a square
 * root of a small disc's defining function) is shown as differentiated, and det J of such a J is not sought in
 * the algebra; a 1 x 1 block of J has as its det the entry already simplified (a piecewise map
 * shares it across pieces instead of simplifying it again per piece), and a product of long
 * diagonal determinants is not multiplied out. Examples of our own; values checked numerically.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Algebra } from '../../../src/core/math/poly';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';
import type { LanguageKind } from '../../../src/core/document';

/**
 * The report of the first map of `text`, with the number of forms the algebra was asked to
 * simplify: in all, and as whole entries or determinants (not a sum's terms one by one).
 */
function counting(text: string, lang: LanguageKind, file: string): { t: TransformReport; best: number; whole: number } {
  const orig = Algebra.prototype.best;
  let best = 0, whole = 0;
  Algebra.prototype.best = function (this: Algebra, ...a: Parameters<typeof orig>) {
    best++;
    if (a[1] !== false) whole++;
    return orig.apply(this, a);
  };
  try {
    return { t: analyzeDocument(text, lang, file).transforms[0], best, whole };
  } finally { Algebra.prototype.best = orig; }
}

const md = (body: string) => ['```transform', body, '```', ''].join('\n');
const at = (e: string, vars: readonly string[], x: readonly number[]) => compileClosure(parsePlainExpr(e), vars)(x);

describe('simplification only where it can be checked', () => {
  // a square root of a small disc's defining function: every entry of J is real on about 0.2 % of [-2, 2]^2
  const small = 'f(x, y) = (x sqrt(0.01 - x^2 - y^2), y sqrt(0.01 - x^2 - y^2))';
  const f = (v: readonly number[]) => { const l = Math.sqrt(0.01 - v[0] ** 2 - v[1] ** 2); return [v[0] * l, v[1] * l]; };
  const fd = (i: number, j: number, x: readonly number[]) => {
    const h = 1e-7, p = [...x], m = [...x];
    p[j] += h; m[j] -= h;
    return (f(p)[i] - f(m)[i]) / (2 * h);
  };

  it('an entry finite at too few points of the domain is shown as differentiated, not simplified', () => {
    const { t, best } = counting(md(small), 'markdown', 'disc.md');
    assert.equal(best, 0);
    // J and det J still right where f is defined
    const x = [0.03, -0.04];
    t.jacobian.forEach((row, i) => row.forEach((e, j) => {
      assert.ok(Math.abs(at(e, t.variables, x) - fd(i, j, x)) < 1e-5 * Math.max(1, Math.abs(fd(i, j, x))), `J[${i}][${j}] = ${e}`);
    }));
    const ref = fd(0, 0, x) * fd(1, 1, x) - fd(0, 1, x) * fd(1, 0, x);
    assert.ok(t.detSymbolic, t.det);
    assert.ok(Math.abs(at(t.det, t.variables, x) - ref) < 1e-4 * Math.abs(ref), `${t.det} vs ${ref}`);
  });

  it('the same map on its disc is simplified as usual', () => {
    const { t, best } = counting(md(`${small}\ndomain: x in [-0.07, 0.07], y in [-0.07, 0.07]`), 'markdown', 'disc.md');
    assert.ok(best > 0);
    assert.ok(t.detChecked, t.det);
  });

  it('a piecewise elementwise map: each piece\'s 1 x 1 blocks are its simplified entries, not simplified again', () => {
    // a decoding per channel with two pieces: 8 pieces, 6 distinct diagonal entries
    const code = [
      'const decode = (c) => c <= 0.2 ? c / 4 + Math.sin(c) : Math.exp(c) * Math.pow((c + 0.1) / 1.1, 2.2) + Math.cos(c) * c;',
      'export function channels(r, g, b) {',
      '  return [decode(r), decode(g), decode(b)];',
      '}',
    ].join('\n');
    const { t, whole } = counting(code, 'javascript', 'channels.js');
    assert.equal(t.pieces?.length, 8);
    // per distinct entry once, and per piece at most its det's product (no block simplified again per piece)
    assert.ok(whole <= 6 + 8, `${whole} forms simplified`);
    const slope = (c: number) => (c <= 0.2 ? 0.25 + Math.cos(c) : Math.exp(c) * ((c + 0.1) / 1.1) ** 2.2 + Math.exp(c) * 2.2 / 1.1 * ((c + 0.1) / 1.1) ** 1.2 - Math.sin(c) * c + Math.cos(c));
    for (const p of t.pieces!) {
      const x = [0.1, 0.05, 0.15].map((v, k) => (p.condition.includes(`${t.variables[k]} <= 0.2`) ? v : v + 0.6));
      const ref = x.map(slope).reduce((a, b) => a * b, 1);
      assert.ok(Math.abs(at(p.det, t.variables, x) - ref) < 1e-8 * Math.abs(ref), `${p.condition}: ${p.det} at ${x} vs ${ref}`);
    }
  });
});
