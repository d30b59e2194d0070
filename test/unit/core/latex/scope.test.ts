import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

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

  it('an inline map whose sentence hands over to the next display ("with", "where", a colon) takes its matrices from it', () => {
    const r = analyzeNote(md(
      'The shift $v = Sw + c$ moves the grid, with',
      '',
      '$$ S = \\begin{pmatrix} 1 & 4 \\\\ 0 & 2 \\end{pmatrix}, \\quad c = \\begin{pmatrix} 0 \\\\ 5 \\end{pmatrix}. $$',
    ));
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    componentsAre(r.transforms[0], ['w1 + 4*w2', '2*w2 + 5']);
    detIs(r.transforms[0], () => 2, [[0.3, 0.4]]);
    // a display after a sentence that does not hand over (a full stop) is not the inline map's
    const apart = analyzeNote(md(
      'The shift $v = Sw + c$ moves the grid. Another matrix:',
      '',
      'Something else entirely is said here.',
      '',
      '$$ S = \\begin{pmatrix} 1 & 4 \\\\ 0 & 2 \\end{pmatrix} $$',
    ));
    assert.ok(!apart.transforms.some((t) => t.components.join() === 'w1 + 4*w2,2*w2'), JSON.stringify(apart.transforms.map((t) => t.components)));
  });

  it('a function given in the where-clause after the map is used; one of constant value after it ("suppose") is a special case', () => {
    const r = analyzeNote(md(
      '$$ g(x, y) = (x + q(x^2 + y^2), \\; y) $$',
      '',
      'with $q(s) = s/(1 + s)$.',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].unknownFunctions ?? [], []);
    const dq = (s: number) => 1 / (1 + s) ** 2;
    detIs(r.transforms[0], (x, y) => 1 + dq(x * x + y * y) * 2 * x, [[0.3, 0.4], [-0.5, 1.2]]);
    const special = analyzeNote(md(
      "$$ x' = x, \\quad y' = y e^{s(x)} + t(x) $$",
      '',
      'Suppose $s(x) = \\log 2$ and $t(x) = 3$.',
    ));
    assert.equal(special.transforms.length, 1);
    // still the coupling layer of any s and t
    assert.ok(/s\(x\)/.test(special.transforms[0].components[1]), special.transforms[0].components[1]);
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
