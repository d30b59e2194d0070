/**
 * A map applied to a column on the left side, as linear algebra notes write it:
 * T \begin{pmatrix} x \\ y \end{pmatrix} = …, f\left(\begin{bmatrix} x \\ y \end{bmatrix}\right) = ….
 */
import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre } from '../../helpers/latex';

const col = (env: string, ...names: string[]) => `\\begin{${env}} ${names.join(' \\\\ ')} \\end{${env}}`;

describe('LaTeX: a map applied to a column of names', () => {
  it('S (u, v, w)^T written as a column, defined by a column of formulas', () => {
    const r = analyzeNote(`$$ S ${col('pmatrix', 'u', 'v', 'w')} = ${col('pmatrix', 'u + v w', 'v - w^3', '2 w')} $$`);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.equal(t.name, 'S');
    assert.deepEqual(t.variables, ['u', 'v', 'w']);
    componentsAre(t, ['u + v w', 'v - w^3', '2 w']);
  });

  it('a subscripted name before the column, the right side a matrix times the same column', () => {
    const r = analyzeNote(`$$ Q_\\beta ${col('bmatrix', 'p', 'q')} = \\begin{bmatrix} 1 & \\beta \\\\ 0 & 1 \\end{bmatrix} ${col('bmatrix', 'p', 'q')} $$`);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['p', 'q']);
    componentsAre(t, ['p + beta q', 'q'], { beta: 0.7 });
  });

  it('the column in parentheses after f: f\\left( column \\right)', () => {
    const r = analyzeNote(`$$ g\\left(${col('bmatrix', 'a', 'b')}\\right) = ${col('bmatrix', 'a e^{b}', 'b + a^2')} $$`);
    assert.equal(r.transforms.length, 1);
    componentsAre(r.transforms[0], ['a exp(b)', 'b + a^2']);
  });

  it('a number times a column (an eigenvalue equation) is no map and says nothing', () => {
    const r = analyzeNote(`$$ \\lambda ${col('pmatrix', 'x', 'y')} = \\begin{pmatrix} 2 & 1 \\\\ 1 & 2 \\end{pmatrix} ${col('pmatrix', 'x', 'y')} $$`);
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a matrix applied to a column of numbers is arithmetic, not a map', () => {
    const r = analyzeNote(`$$ A ${col('pmatrix', '1', '2')} = ${col('pmatrix', '3', '4')} $$`);
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });
});
