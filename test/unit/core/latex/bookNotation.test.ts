import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/* Ordinary notation of linear-algebra and probability notes that is no map: no diagnostic. */
describe('LaTeX: textbook notation that is not a map stays quiet', () => {
  const quiet = (note: string) => {
    const r = analyzeNote(note);
    assert.deepEqual(r.transforms.map((t) => t.variables), [], note);
    assert.deepEqual(r.diagnostics.map((d) => d.message), [], note);
  };

  it('a pseudoinverse A^+ and an adjoint B^\\dagger in a definition', () => {
    quiet('$$ \\mathbf{y} = \\mathbf{A}^+ \\mathbf{b} $$');
    quiet('$$ \\mathbf{P} = \\mathbf{B}\\mathbf{B}^\\dagger $$');
  });

  it('transposes written with negative spaces, x^{\\!\\top\\!}, in a quadratic form and a Rayleigh quotient', () => {
    quiet('$$ \\mathbf{v} \\mapsto \\tfrac12 \\mathbf{v}^{\\!\\top\\!}\\mathbf{M}\\mathbf{v} + \\mathbf{c}^{\\!\\top\\!}\\mathbf{v} $$');
    quiet('$$ s(\\mathbf{v}) = \\Big(\\frac{\\mathbf{v}}{\\|\\mathbf{v}\\|}\\Big)^{\\!\\top\\!}\\mathbf{B}\\Big(\\frac{\\mathbf{v}}{\\|\\mathbf{v}\\|}\\Big) $$');
  });

  it('the Euclidean norm written \\|v\\|_2 in a function of a vector', () => {
    quiet('$$ \\mathbf{v} \\mapsto \\mathbf{a}^\\top \\mathbf{v} - \\frac{c}{2}\\|\\mathbf{v}\\|_2^2 $$');
  });

  it('a set listed in braces, \\{g(0), g(1), g(2)\\}', () => {
    quiet('$$ S(\\Omega) = \\{g(0), g(1), g(2)\\} = \\{0, 1, 4\\} $$');
  });

  it('a map the signature says is not R^n -> R^n: a function of two numbers, features of a point', () => {
    quiet('$$ h : \\mathbb{R}^2 \\to \\mathbb{R}, \\quad (u, v) \\mapsto h(u, v) $$');
    quiet('$$ \\psi: \\mathbb{R}^2 \\to \\mathbb{R}^3, \\quad \\mathbf{u} \\mapsto [1, u_1, u_2] $$');
  });

  it('a column with its entries left to dots, [\\sin s_1, \\vdots, \\sin s_K]', () => {
    quiet(md('$$', 'g(\\mathbf{s}) = \\begin{bmatrix} \\sin s_1 \\\\ \\vdots \\\\ \\sin s_K \\end{bmatrix}', '$$'));
  });

  it('a command as a subscript without braces (p_\\boldsymbol{\\theta}, which MathJax renders): an information at it, no error', () => {
    const r = analyzeNote('$$p_\\boldsymbol{\\theta}(u_1, u_2) = \\prod_{i=1}^2 p_\\boldsymbol{\\theta}(u_i)$$');
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.map((d) => d.severity), ['info']);
    assert.match(r.diagnostics[0].message, /write braces around it/);
  });

  it('a tuple of three for two variables without a signature is still said', () => {
    const r = analyzeNote('$$ (u, v) \\mapsto (u + v, u - v, u v) $$');
    assert.equal(r.diagnostics.length, 1);
  });
});
