import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/** A function defined in the where-clause of a formula that uses it is that formula's helper. */
describe('LaTeX: helpers defined in a where-clause', () => {
  it('ψ(z) = h\'(w^T z + b) w after a formula that uses ψ is quiet (was a map of z); the planar flow is read', () => {
    const r = analyzeNote(md(
      'The planar flow is',
      '',
      '$$f(\\mathbf{z}) = \\mathbf{z} + \\mathbf{u}\\, h(\\mathbf{w}^\\top \\mathbf{z} + b)$$',
      '',
      'and its log-determinant is',
      '',
      '$$\\log\\left|\\det \\frac{\\partial f}{\\partial \\mathbf{z}}\\right| = \\log|1 + \\mathbf{u}^\\top \\psi(\\mathbf{z})|$$',
      '',
      "where $\\psi(\\mathbf{z}) = h'(\\mathbf{w}^\\top \\mathbf{z} + b)\\, \\mathbf{w}$.",
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['f']);
  });

  it('plain names, the helper used inside a sum the extension does not read: quiet', () => {
    const r = analyzeNote(md(
      'For K planar layers,',
      '',
      '$$\\log p_K(z_K) = \\log p_0(z_0) - \\sum_{k=1}^K \\log|1 + u_k^T \\psi_k(z_{k-1})|$$',
      '',
      "where $\\psi_k(z) = h'(w_k^T z + b_k) w_k$.",
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms, []);
  });

  it('a map named in the formula before its definition (z\' = g(z) where g(x, y) = …) stays a map', () => {
    const r = analyzeNote(md(
      "$$\\mathbf{z}' = g(\\mathbf{z})$$",
      '',
      'where $g(x, y) = (x + y, x - y)$.',
    ));
    assert.deepEqual(r.transforms.map((t) => t.name), ['g']);
  });
});

describe('LaTeX: a helper explained in the sentence of an inline formula', () => {
  it('"$\\det J = 1 + u^T \\psi(z)$, where $\\psi(z) = …$" in one paragraph is quiet', () => {
    const r = analyzeNote("with $\\det J = 1 + \\mathbf{u}^\\top \\psi(\\mathbf{z})$, where $\\psi(\\mathbf{z}) = h'(\\mathbf{w}^\\top\\mathbf{z} + b)\\mathbf{w}$.");
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });
});
