import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** A map uses only the definitions in its scope: above it, or in its own section or where-clause. */
describe('LaTeX: the scope of a definition', () => {
  it('a matrix given in a later section is not the map\'s: p\' = Mp stays a map of any M, and says so', () => {
    const r = analyzeNote(md(
      '# Dynamics',
      '',
      'One step of the linear system is',
      '',
      "$$p' = Mp$$",
      '',
      'for some matrix.',
      '',
      '# An example',
      '',
      'Here we fix',
      '',
      '$$M = \\begin{pmatrix} 1 & 2 \\\\ 0 & 1 \\end{pmatrix}$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['p']);
    assert.ok(t.assumed?.some((a) => /^M \(line 13\): given a value only later/.test(a)), JSON.stringify(t.assumed));
  });

  it('in a .tex paper, \\section closes a section: a later section\'s system does not give the map its parameter', () => {
    const r = analyzeDocument([
      '\\documentclass{article}', '\\begin{document}', '\\section{Boosts}', 'A boost with speed $v$ is',
      '\\begin{align}', "t' &= \\gamma (t - v x), \\\\", "x' &= \\gamma (x - v t),", '\\end{align}',
      'with $\\gamma = 1/\\sqrt{1 - v^2}$.', '\\section{Rotations}', 'A rotation by $\\alpha$:',
      '\\begin{equation}', '\\begin{split}', 'u &= x \\cos\\alpha - y \\sin\\alpha, \\\\', 'v &= x \\sin\\alpha + y \\cos\\alpha.',
      '\\end{split}', '\\end{equation}', '\\end{document}',
    ].join('\n'), 'latex', 'paper.tex');
    const boost = r.transforms.find((t) => t.variables.join() === 't,x');
    assert.ok(boost, JSON.stringify(r.transforms.map((t) => t.variables)));
    // v stays the boost's speed (a symbolic constant), not the later rotation's v = x sin α + y cos α
    assert.ok(boost.assumed?.some((a) => /^v\b.*symbolic/.test(a)), JSON.stringify(boost.assumed));
    assert.ok(!/alpha/.test(boost.components.join()), boost.components.join());
  });

  it('a matrix given in the where-clause right after the map is its', () => {
    const r = analyzeNote(md(
      "$$p' = Mp$$",
      '',
      'where',
      '',
      '$$M = \\begin{pmatrix} 1 & 2 \\\\ 0 & 3 \\end{pmatrix}$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].variables.length, 2);
    detIs(r.transforms[0], () => 3, [[0.2, 0.5]]);
  });

  it('a parameter given in a later section is not used; one in the prose right after is', () => {
    const later = analyzeNote(md(
      '# Shear',
      '',
      "$$x' = x + a y, \\quad y' = y$$",
      '',
      '# Numbers',
      '',
      'In the experiments $a = 2$.',
    ));
    assert.equal(later.transforms.length, 1);
    const t = later.transforms[0];
    assert.deepEqual(t.freeSymbols, ['a']);
    assert.ok(t.assumed?.some((a) => /^a \(line 7\): given a value only later/.test(a)), JSON.stringify(t.assumed));
    const near = analyzeNote(md(
      "$$x' = x + a y^2, \\quad y' = a y$$",
      '',
      'where $a = 2$.',
    ));
    assert.equal(near.transforms.length, 1);
    assert.deepEqual(near.transforms[0].freeSymbols, []);
    detIs(near.transforms[0], () => 2, [[0.3, 0.4]]);
  });

  it('a value above the map, in any section, is in scope', () => {
    const r = analyzeNote(md(
      '# Constants',
      '',
      'Take $a = 2$.',
      '',
      '# The map',
      '',
      "$$x' = x + a y^2, \\quad y' = a y$$",
    ));
    assert.deepEqual(r.transforms[0].freeSymbols, []);
    detIs(r.transforms[0], () => 2, [[0.3, 0.4]]);
  });
});
