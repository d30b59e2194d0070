/**
 * The common plain forms are read without mathjs's parser (plainFast.ts), into the very tree
 * mathjs's path makes; everything else still goes to mathjs's parser.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mathjsParses, mathjsPlainExpr, parsePlainExpr, parseVectorExpr, ExprSyntaxError } from '../../../src/core/parse/plainExpr';
import { fastPlainExpr } from '../../../src/core/parse/plainFast';
import { callByName } from '../../../src/core/parse/plainExpr';
import { compileClosure } from '../../../src/core/math/numeric';

const fast = (text: string) => fastPlainExpr(text, (name, args) => callByName(name, args, text));

const COMMON = [
  'sqrt(3)/2*x - y/2', 'x/2 + sqrt(3)/2*y', '2*x', 'z/2', 'x + y + z', '2*x - y + 1', 'x + 3*y - 2',
  'r*cos(theta)', 'r*sin(theta)*cos(phi)', 'x^2 - y^2', '2*x*y', 'exp(x)*cos(y)', 'x/(x^2 + y^2)', '-y/(x^2 + y^2)',
  'y*exp(tanh(x)) + x^2 - 1', 'y + x^3 - 2*sin(x)', 'x + tanh(x + 2*y + 1/2)', 'y - tanh(x + 2*y + 1/2)/4',
  '1/(1 + exp(-x))', 'log(1 + exp(x))', '1 - 1.4*x^2 + y', '0.3*x', '10*(y - x)', 'x*(28 - z) - y', 'x*y - 8*z/3',
  'x*(sin(y)^2 + cos(y)^2)', 'log(exp(x)) + y', 'log(exp(y)*(x^2 + 1))', 'exp(log(x) + log(y))',
  // precedence and chains
  '-x^2', '-2^2', '2^-3*x', 'x^2^3', '2^-x^2', '- - a', '-a - b', '-a*b', 'a - b - c + d', 'a*b/c*d', 'a/b/c',
  '(a - b) - c', 'a - (b - c)', '(a*b)*c', 'a*(b*c)', '((a))', '+x', '+x - +y', 'a^(1/2)', '(x + 1)^-2', '1/2*x',
  'x_1 + x2*y_b', 'atan2(y, x)', 'hypot(x, y)', 'pow(x, 3)', 'log(x, 2)', 'nthRoot(x, 3)', 'square(x) + cube(y)',
  's(x) + t(x, y)', 'f (x)', 'x   *\ty', '007 + 1.50', 'pi*e', 'ln(x)',
];

describe('plain forms without mathjs (plainFast)', () => {
  it('gives the tree of mathjs\'s path on common and tricky forms', () => {
    for (const s of COMMON) {
      const f = fast(s);
      assert.ok(f, `${s}: read without mathjs`);
      assert.deepStrictEqual(f, mathjsPlainExpr(s), s);
    }
  });

  it('reads them without calling mathjs\'s parser', () => {
    const before = mathjsParses();
    for (const s of COMMON) { parsePlainExpr(s); parseVectorExpr(s); }
    assert.equal(mathjsParses(), before);
  });

  it('leaves the other forms to mathjs\'s parser, with the same results', () => {
    const others = ['2x', '2 x + 1', '(a)(b)', 'x y', '1e3*x', '2.5e-3', '.5*x', '2.*x', 'x mod 2', 'x in y', 'NaN', 'Infinity*x',
      'θ*r', 'r*θ', 'x$', "x'", 'x!', '5%', 'x == y', 'a ? b : c', '[x, y]', 'x[1]', 'x.y', 'f()', 'x;y', 'a, b', '1/2x', '',
      '(x', 'x)', 'sin(x, y)', 'x\n+ y', '3 (x)', 'x^', '0x1F', '2.5.3', '9'.repeat(400)];
    for (const s of others) {
      assert.equal(fast(s), null, s);
      const a = (() => { try { return parsePlainExpr(s); } catch (e) { return e instanceof ExprSyntaxError ? [e.message, e.offset] : e; } })();
      const b = (() => { try { return mathjsPlainExpr(s); } catch (e) { return e instanceof ExprSyntaxError ? [e.message, e.offset] : e; } })();
      assert.deepStrictEqual(a, b, s);
    }
  });

  it('stops at deep nesting and leaves it to mathjs\'s path and its limits', () => {
    const deep = '('.repeat(60) + 'x' + ')'.repeat(60);
    assert.equal(fast(deep), null);
    assert.equal(fast('-'.repeat(60) + 'x'), null);
    assert.deepStrictEqual(parsePlainExpr(deep), mathjsPlainExpr(deep));
  });

  it('reads every corpus map\'s components and J entries as mathjs does (the same values)', () => {
    const file = path.resolve(__dirname, '../../../../test/fixtures/corpus/public.json');
    const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ variables: string[]; components_mathjs: string[]; jacobian_mathjs: string[][]; det_mathjs: string; domain: number[][] }>;
    for (const c of corpus) {
      for (const s of [...c.components_mathjs, ...c.jacobian_mathjs.flat(), c.det_mathjs]) {
        const a = parsePlainExpr(s), b = mathjsPlainExpr(s);
        assert.deepStrictEqual(a, b, s);
        const p = c.domain.map(([lo, hi]) => lo + 0.37 * (hi - lo));
        const va = compileClosure(a, c.variables)(p), vb = compileClosure(b, c.variables)(p);
        assert.ok(Object.is(va, vb) || Math.abs(va - vb) <= 1e-12 * Math.max(1, Math.abs(vb)), s);
      }
    }
  });
});
