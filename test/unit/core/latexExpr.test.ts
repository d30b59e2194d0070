import * as assert from 'node:assert/strict';
import { parseLatex, LatexSyntaxError } from '../../../src/core/parse/latex/tree';
import { LatexExprError, latexToExpr, newNames, LatexNames } from '../../../src/core/parse/latex/expr';
import { compileClosure } from '../../../src/core/math/numeric';
import { toMathjs } from '../../../src/core/math/print';
import { Expr, symbolsOf } from '../../../src/core/math/expr';

function parse(src: string, names: LatexNames = newNames()): Expr {
  return latexToExpr({ src, names }, parseLatex(src), 0, { primes: true });
}

/** The value of a LaTeX formula at a point (variables in alphabetical order of `point`'s keys). */
function value(src: string, point: Record<string, number>): number {
  const vars = Object.keys(point);
  return compileClosure(parse(src), vars)(vars.map((v) => point[v]));
}

function close(src: string, point: Record<string, number>, expected: number): void {
  const v = value(src, point);
  assert.ok(Math.abs(v - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${src} at ${JSON.stringify(point)}: ${v}, expected ${expected}`);
}

function fails(src: string, message: RegExp, at: string, kind?: 'syntax' | 'unsupported'): void {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof LatexExprError) {
      assert.match(e.message, message);
      assert.equal(src.slice(e.span[0], e.span[1]), at, `span of "${e.message}" in ${src}`);
      if (kind) assert.equal(e.kind, kind);
      return;
    }
    if (e instanceof LatexSyntaxError) {
      assert.match(e.message, message);
      assert.equal(src.slice(e.offset, e.offset + e.length), at);
      return;
    }
    throw e;
  }
  assert.fail(`${src} should not parse`);
}

const P = { x: 0.7, y: -1.3, z: 2.1 };
const { x, y, z } = P;

describe('LaTeX expressions', () => {
  it('fractions: \\frac, \\dfrac, \\tfrac, \\frac12', () => {
    close('\\frac{x}{y} + \\dfrac{1}{z} - \\tfrac{x}{2} + \\frac12', P, x / y + 1 / z - x / 2 + 0.5);
    close('\\frac{\\sqrt{3}}{2}x - \\frac{1}{2}y', P, (Math.sqrt(3) / 2) * x - y / 2);
  });

  it('roots: \\sqrt and \\sqrt[n]', () => {
    close('\\sqrt{x^2 + y^2} + \\sqrt[3]{z} + \\sqrt[4]{z}', P, Math.hypot(x, y) + Math.cbrt(z) + z ** 0.25);
  });

  it('powers and subscripts, with and without braces', () => {
    close('x^2 + x^{3} + z^{-1} + 2^{x+1} + x^{\\frac{1}{2}}', P, x ** 2 + x ** 3 + 1 / z + 2 ** (x + 1) + Math.sqrt(x));
    const names = newNames();
    assert.equal(toMathjs(parse('x_1 + x_{2} + x_{10} + z_A + \\theta_1 + p_{\\text{max}}', names)), 'x1 + x2 + x10 + z_A + theta1 + p_max');
    assert.equal(names.display.get('x1'), 'x_1');
    assert.equal(names.display.get('x2'), 'x_{2}');
    assert.equal(names.display.get('theta1'), '\\theta_1');
  });

  it('products: \\cdot, \\times, \\odot, *, and implicit multiplication', () => {
    close('x \\cdot y + x \\times z + y \\odot z + x * y', P, x * y + x * z + y * z + x * y);
    close('2xy', P, 2 * x * y);
    close('r\\cos\\theta', { r: 1.5, theta: 0.4 }, 1.5 * Math.cos(0.4));
    close('r\\sin\\theta\\cos\\phi', { phi: 0.3, r: 2, theta: 0.4 }, 2 * Math.sin(0.4) * Math.cos(0.3));
    close('10(y - x) + 2(x)(y)', P, 10 * (y - x) + 2 * x * y);
    close('x / 2y', P, x / (2 * y)); // juxtaposition binds tighter than /
  });

  it('x(y + 1) is a call until resolve.ts sees that x is a variable', () => {
    assert.equal(toMathjs(parse('x(y + 1)')), 'x(y + 1)');
  });

  it('delimiters: \\left( \\right), [ ], \\{ \\}, \\bigl( \\bigr), \\Big[ \\Big]', () => {
    close('\\left( x + y \\right)^2 + [x - z] + \\{y\\} + \\bigl( x \\bigr) \\Big[ y + 1 \\Big]', P, (x + y) ** 2 + (x - z) + y + x * (y + 1));
    close('\\left[ \\left( x \\right) \\right]', P, x);
  });

  it('absolute values: |x|, \\lvert \\rvert, \\left| \\right|, \\vert', () => {
    close('|x| + |y| + 2|y - z|', P, Math.abs(x) + Math.abs(y) + 2 * Math.abs(y - z));
    close('\\lvert y \\rvert + \\left| y z \\right| + \\vert y \\vert', P, 3 * Math.abs(y) + Math.abs(y * z) - Math.abs(y));
  });

  it('named functions: \\exp \\log \\ln \\sin … \\tanh \\arctan, with and without parentheses', () => {
    close('\\exp(x) + \\exp x + \\log z + \\ln(z) + \\sin x + \\cos(y) + \\tan x', P,
      2 * Math.exp(x) + 2 * Math.log(z) + Math.sin(x) + Math.cos(y) + Math.tan(x));
    close('\\sinh x + \\cosh y + \\tanh(x + y) + \\arctan x + \\arcsin x + \\arccos x', P,
      Math.sinh(x) + Math.cosh(y) + Math.tanh(x + y) + Math.atan(x) + Math.asin(x) + Math.acos(x));
    close('\\sin 2x + \\sin x y', P, Math.sin(2 * x) + Math.sin(x * y)); // a bare argument: the product that follows
    close('\\sin{\\left(x \\right)} y', P, Math.sin(x) * y); // SymPy's style
    close('\\log_2 z + \\log_{10} z + \\log_{3} z', P, Math.log2(z) + Math.log10(z) + Math.log(z) / Math.log(3));
    close('\\sin^{-1} x + \\tanh^{-1} x', P, Math.asin(x) + Math.atanh(x));
  });

  it('\\sin^2 x is (sin x)^2', () => {
    close('\\sin^2 x + \\cos^2 x', P, 1);
    close('\\cosh^{2}(y) - \\sinh^2 y', P, 1);
  });

  it('\\sigma applied to parentheses is the sigmoid; alone it is a name', () => {
    close('\\sigma(x)', P, 1 / (1 + Math.exp(-x)));
    assert.equal(toMathjs(parse('\\sigma x')), 'sigma*x');
  });

  it('e^{x}, \\mathrm{e}^x, \\exp, \\pi and Greek letters', () => {
    close('e^{x} + \\mathrm{e}^{y} + e^x', P, 2 * Math.exp(x) + Math.exp(y));
    close('\\pi x', P, Math.PI * x);
    const names = newNames();
    assert.equal(toMathjs(parse('\\alpha + \\theta + \\varphi + \\Omega', names)), 'alpha + theta + varphi + Omega');
    assert.equal(names.display.get('theta'), '\\theta');
  });

  it('styled names: \\mathbf \\boldsymbol \\bm \\vec \\mathrm \\hat, and vectors', () => {
    const names = newNames();
    assert.equal(toMathjs(parse('\\mathbf{z}_A + \\boldsymbol{w} + \\bm{u} + \\vec{v} + \\mathrm{d} + \\hat{x}', names)), 'z_A + w + u + v + d + x_hat');
    assert.equal(names.display.get('z_A'), '\\mathbf{z}_A');
    assert.equal(names.display.get('x_hat'), '\\hat{x}');
    assert.deepEqual([...names.vectors].sort(), ['u', 'v', 'w', 'z_A']);
  });

  it('\\operatorname: known functions and unknown ones', () => {
    close('\\operatorname{softplus}(x) + \\operatorname{atan_{2}}{\\left(y,x \\right)} + \\operatorname{sech} x', P,
      Math.log1p(Math.exp(x)) + Math.atan2(y, x) + 1 / Math.cosh(x));
    const e = parse('\\operatorname{NN}(x)');
    assert.equal(toMathjs(e), 'NN(x)');
  });

  it('primes: on names (outputs) and on functions (derivatives)', () => {
    assert.equal(toMathjs(parse("z_1'")), "z1'");
    assert.equal(toMathjs(parse("x''")), "x''");
    assert.equal(toMathjs(parse("z^{\\prime}")), "z'");
    assert.equal(toMathjs(parse("s'(z_1)")), "s'(z1)");
    assert.throws(() => latexToExpr({ src: "z_1'", names: newNames() }, parseLatex("z_1'")), /primed name/);
  });

  it('spacing commands and \\text names are ignored or read', () => {
    close('x \\, y \\; z \\quad + \\! x~y \\ x', P, x * y * z + x * y * x);
    close('\\text{softplus}(x) + \\mathrm{exp}(y)', P, Math.log1p(Math.exp(x)) + Math.exp(y));
  });

  it('letters that spell a function are that function; x1 is a name', () => {
    close('sin x + exp(y)', P, Math.sin(x) + Math.exp(y));
    assert.deepEqual([...symbolsOf(parse('x1 + 2x2'))].sort(), ['x1', 'x2']);
  });

  it('numbers: decimals, and signs', () => {
    close('1 - 1.4x^2 + y', P, 1 - 1.4 * x * x + y);
    close('-x^2 + 2 \\cdot -3 - -y', P, -(x * x) - 6 + y);
    close('.5x', P, 0.5 * x);
  });

  it('errors carry the exact place and say what is wrong', () => {
    fails('x + ', /ends where a value is expected/, '+');
    fails('(x + 1', /never closed/, '(');
    fails('2 \\bigl( x \\bigr) + \\Bigl( y \\Bigr]', /closed by \]/, ']');
    fails('x \\pm y', /\\pm is not supported/, '\\pm', 'unsupported');
    fails('\\sum_i x_i', /\\sum is not a formula/, '\\sum_i', 'unsupported');
    fails('\\det(J)', /\\det is not a formula/, '\\det', 'unsupported');
    fails('x + \\int x', /\\int/, '\\int', 'unsupported');
    fails('\\partial f', /\\partial is not a value/, '\\partial', 'unsupported');
    fails('2\\mathbb{R}^2', /is a set/, '\\mathbb{R}', 'unsupported');
    fails('\\exp', /needs an argument/, '\\exp');
    fails('x = y', /unexpected =/, '=');
    fails('|x', /never closed/, '|');
    fails('\\sin(x, y)', /sin takes 1 argument/, '\\sin');
    fails('\\frac{1}{', /closing brace/, '{');
    fails('\\foo x', /\\foo is not a command/, '\\foo');
  });
});

describe('LaTeX -> Expr: names and factors as readers expect', () => {
  it('index expressions in subscripts name coordinates: x_{k+1}, x_{i-1}; F_{\\theta_3}(x) is a function', () => {
    assert.deepEqual([...symbolsOf(parse('x_{k+1} - x_{i-1} + x_k'))].sort(), ['x_im1', 'x_k', 'x_k1']);
    const e = parse('F_{\\theta_3}(x)');
    assert.equal(e.k === 'call' && e.fn, 'F_theta3');
    fails('x_{k+} + 1', /subscript/, '{k+}');
  });

  it('a transpose is not a power: w^T z and w^\\top z are not read', () => {
    fails('w^T z', /transpose/, 'T', 'unsupported');
    fails('w^{\\top} z', /transpose/, '{\\top}', 'unsupported');
  });

  it('a constant-like Greek letter before a sum in parentheses is a factor; before a name, a function', () => {
    close('\\gamma (x - v t)', { gamma: 2, t: 0.5, v: 3, x: 1 }, 2 * (1 - 1.5));
    close('\\beta(\\alpha + r)^{-1}', { alpha: 1, beta: 3, r: 1 }, 1.5);
    const g = parse('\\gamma(t)'), p = parse('\\phi(x + y)');
    assert.deepEqual([g.k === 'call' && g.fn, p.k === 'call' && p.fn], ['gamma', 'phi']);
  });
});
