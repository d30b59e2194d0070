/**
 * The prose of a report (the one-line reason, its detail, the notes) names things as the user
 * wrote them: a block z_{1:d} is not the internal `z_1tod`, θ is not `theta`; the formulas keep
 * the names they can be pasted back with.
 */
import * as assert from 'node:assert/strict';
import { readableName } from '../../../src/core/format';
import { checkNote, md } from '../helpers/latex';

const prose = (t: { invertibility: { reason: string; reasonDetail?: string }; notes: readonly string[] }) =>
  [t.invertibility.reason, t.invertibility.reasonDetail ?? '', ...t.notes].join('\n');

describe('prose in the user\'s names', () => {
  it('a LaTeX name reads as plain text, a subscript range or expression keeping its braces', () => {
    assert.equal(readableName('\\mathbf{z}_{d+1:D}'), 'z_{d+1:D}');
    assert.equal(readableName('\\mathbf{z}_{1:d}'), 'z_{1:d}');
    assert.equal(readableName('x_{k+1}'), 'x_{k+1}');
    assert.equal(readableName('\\theta_{1}'), 'θ1');
    assert.equal(readableName('\\theta_2'), 'θ2');
    assert.equal(readableName('\\mathbf{z}_A'), 'z_A');
  });

  it('a coupling layer over index ranges says z_{1:d} in its reason and notes, never the internal name', () => {
    const r = checkNote(md(
      '$$ \\mathbf{y}_{1:d} = \\mathbf{z}_{1:d}, \\qquad \\mathbf{y}_{d+1:D} = \\mathbf{z}_{d+1:D} \\odot \\exp(s(\\mathbf{z}_{1:d})) + t(\\mathbf{z}_{1:d}) $$',
    ));
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.equal(t.invertibility.verdict, 'invertible');
    const said = prose(t);
    assert.match(said, /z_\{1:d\} is kept/);
    assert.match(said, /z_\{d\+1:D\}/);
    assert.doesNotMatch(said, /1tod|d1toD/);
    // the formulas keep names that can be pasted back
    assert.ok(t.variables.every((v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)));
  });

  it('Greek names read as letters in prose written in LaTeX, and stay as typed in a transform block', () => {
    const latex = checkNote('$$ x = r\\cos\\theta, \\quad y = r\\sin\\theta, \\qquad r > 0,\\ 0 \\le \\theta < 2\\pi $$').transforms[0];
    assert.match(prose(latex), /θ/);
    assert.doesNotMatch(prose(latex), /theta/);
    const block = checkNote(md('```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in (0, 2], theta in [0, 6)', '```')).transforms[0];
    assert.match(prose(block), /theta/);
    assert.doesNotMatch(prose(block), /θ/);
  });
});
