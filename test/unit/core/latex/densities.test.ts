/**
 * Densities and distribution functions of one variable are not 1-D maps: p(x), q(z),
 * p_\theta(x), f_Y(y), F_X(x) get no transform and no diagnostic, while a 1-D map with
 * another name, and a map of two variables named p, are still read.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';
import { densityHead } from '../../../../src/core/parse/latex/recognizers/density';

const read = (body: string) => analyzeDocument(`# A note\n\n${body}\n`, 'markdown', 'densities.md');

describe('LaTeX notes: densities are not maps', () => {
  it('p(x), q(z), p_\\theta(x), f_Y(y) and F_X(x) in display math stay quiet', () => {
    for (const d of [
      '$$p(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$$',
      '$$q(z) = \\frac{1}{2} e^{-|z|}$$',
      '$$p_\\theta(x) = \\theta e^{-\\theta x}$$',
      'The waiting time has density\n\n$$f_Y(y) = \\lambda e^{-\\lambda y}$$',
      '$$F_X(x) = 1 - e^{-x^2}$$',
      'The lifetime $T$ has density\n\n$$g_T(\\tau) = \\frac{1}{\\beta} e^{-\\tau/\\beta}$$',
    ]) {
      const a = read(d);
      assert.deepEqual(a.transforms.map((t) => t.name), [], d);
      assert.deepEqual(a.diagnostics, [], d);
    }
  });

  it('any letter of one variable that the words right before call a density stays quiet; the same formula without them is a 1-D map', () => {
    for (const d of [
      'The standard normal density is\n\n$$\\phi(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$$',
      'with pdf\n\n$$g(t) = \\lambda e^{-\\lambda t}$$',
      'The prior density of z:\n\n$$\\pi(z) = \\frac{1}{2} e^{-|z|}$$',
      'and the likelihood is $h(\\theta) = \\theta^3 (1 - \\theta)^2$, to be maximised.',
    ]) {
      const a = read(d);
      assert.deepEqual(a.transforms.map((t) => t.name), [], d);
      assert.deepEqual(a.diagnostics, [], d);
    }
    assert.deepEqual(read('$$\\phi(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$$').transforms.map((t) => t.name), ['phi']);
    // words about a density that do not call the formula one: the map is read
    assert.deepEqual(read('We push the base density forward with\n\n$$g(x) = x^3 + x$$').transforms.map((t) => t.name), ['g']);
  });

  it('a 1-D map by another name, and a two-variable map named p, are still maps', () => {
    const a = read('$$g(x) = x^3 + x$$\n\nand\n\n$$p(x, y) = (x + y, y)$$');
    assert.deepEqual(a.transforms.map((t) => t.name).sort(), ['g', 'p']);
  });

  it('the rule: the usual density letters, or a capital subscript naming the argument', () => {
    assert.equal(densityHead('p', 'x'), true);
    assert.equal(densityHead('q_phi', 'z'), true);
    assert.equal(densityHead('f_Y', 'y'), true);
    assert.equal(densityHead('f_Y', 'x'), false, 'f_Y(x): the subscript does not name the argument');
    assert.equal(densityHead('g_T', 'tau'), true, 'g_T(τ): T names τ');
    assert.equal(densityHead('f_R', 'rho'), true);
    assert.equal(densityHead('f_K', 'x'), false, 'f_K(x): a layer of a flow');
    assert.equal(densityHead('g', 'x'), false);
    assert.equal(densityHead('T_1', 'x'), false);
    // generating and characteristic functions of a random variable, whatever their argument
    assert.equal(densityHead('M_W', 't'), true);
    assert.equal(densityHead('varphi_S', 'u'), true);
    assert.equal(densityHead('M_1', 't'), false);
  });

  it('a moment generating function M_W(t) = E[e^{tW}] = … is quiet', () => {
    const a = read('$$M_W(s) = E[e^{sW}] = \\exp\\left(m s + \\tfrac12 v^2 s^2\\right)$$');
    assert.deepEqual([a.transforms, a.diagnostics], [[], []]);
  });

  it('one density in terms of another by names, p_u = p_w \\, u (1 - u) beside $u = \\tanh(w)$, is no system of two maps', () => {
    const a = read('Check that for $u = \\tanh(w)$ we get $p_u = p_w\\, u (1 - u)$ here.');
    assert.deepEqual([a.transforms, a.diagnostics], [[], []]);
    // a map that merely uses a name p_k is still read
    const b = read('$$g(a, b) = (p_k\\, a + b, a - b)$$');
    assert.equal(b.transforms.length, 1);
    // nor a coupling whose blocks are named p_a, p_b (each output uses the block of its own name)
    const c = read('$$q_a = p_a, \\quad q_b = p_b\\, e^{h(p_a)}$$');
    assert.deepEqual(c.transforms.map((t) => t.variables), [['p_a', 'p_b']]);
  });

  it('a one-variable function right after a statement that a random variable has a distribution (`W \\sim …`) is its density', () => {
    for (const d of [
      '$$ W \\sim \\mathrm{Laplace}(b) $$\n$$ g(w) = \\frac{1}{2b} e^{-|w|/b} $$',
      'Let\n\n\\[ U \\sim \\mathrm{Rayleigh}(s) \\]\n\\[ h(u) = \\frac{u}{s^2} e^{-u^2/(2s^2)} \\quad \\text{ for } u \\geq 0 \\]',
      '$$ V \\sim \\mathrm{Pareto}(k) $$\n\nwith\n\n$$ f(v) = k v^{-k-1} $$',
      // the random variable's Greek lower case: τ for T
      '$$ T \\sim \\mathrm{Exp}(a) $$\n$$ f(\\tau) = a e^{-a\\tau} $$',
    ]) {
      const a = read(d);
      assert.deepEqual(a.transforms.map((t) => t.name), [], d);
      assert.deepEqual(a.diagnostics, [], d);
    }
    // a function of another letter, or one past a heading, is not that density: still read
    assert.deepEqual(read('$$ W \\sim \\mathrm{Laplace}(b) $$\n$$ g(y) = y^3 + y $$').transforms.map((t) => t.name), ['g']);
    assert.deepEqual(read('$$ W \\sim \\mathrm{Laplace}(b) $$\n\n## A map\n\n$$ g(w) = w^3 + w $$').transforms.map((t) => t.name), ['g']);
  });
});
