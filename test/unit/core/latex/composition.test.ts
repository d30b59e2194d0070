import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLatexMarkdown } from '../../../../src/core/parse/latex';
import { RECOGNIZERS } from '../../../../src/core/parse/latex/recognizers';
import { analyzeDocument } from '../../../../src/core/document';
import { createEngineOptions } from '../../../../src/core/engine';
import { md } from '../../helpers/latex';
import { assertChainRule, assertInverse, named } from '../../helpers/flows';
import { assertWitness, mapFromStrings } from '../../helpers/maps';

const engine = createEngineOptions();
const analyzeNote = (text: string) => analyzeDocument(text, 'markdown', 'note.md', engine);

/** Three layers of a small flow written as a note writes them. */
const LAYERS = [
  'A coupling layer',
  '$$ c(x, y) = \\left(x, \\; y\\, e^{\\tanh(x)/2} + \\frac{x^2}{4}\\right) $$',
  'then a rotation by $\\theta = 0.3$',
  '$$ R(x, y) = (x \\cos\\theta - y \\sin\\theta, \\; x \\sin\\theta + y \\cos\\theta) $$',
  'and a shear',
  '$$ d(u, v) = \\left(u + \\tfrac12 \\sin v, \\; v\\right) $$',
];

describe('LaTeX compositions: F = d ∘ R ∘ c, f_K ∘ … ∘ f_1 and F(x) = d(R(c(x)))', () => {
  it('F = d \\circ R \\circ c: the layers in application order, det J and log|det J| of each and of F by the chain rule', () => {
    const r = analyzeNote(md(...LAYERS, 'The flow is', '$$ F = d \\circ R \\circ c $$'));
    const F = named(r, 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assert.deepEqual(F.variables, ['x', 'y']);
    assertChainRule(F);
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.equal(F.invertibility.certainty, 'proof');
    assertInverse(F);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('F(x) = d(R(c(x))) and F(x, y) = d \\circ R \\circ c(x, y) are the same flow, not a map of one variable', () => {
    const r = analyzeNote(md(...LAYERS, '$$ F := d \\circ R \\circ c $$', '$$ G(x) = d(R(c(x))) $$', '$$ H(a, b) = d \\circ R \\circ c(a, b) $$'));
    const [F, G, H] = ['F', 'G', 'H'].map((n) => named(r, n));
    assert.equal(r.transforms.filter((t) => t.name === 'G').length, 1);
    assert.deepEqual(G.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assert.deepEqual(G.variables, ['x', 'y']);
    assert.deepEqual(H.variables, ['a', 'b']);
    const f = mapFromStrings(F.components, F.variables), g = mapFromStrings(G.components, G.variables), h = mapFromStrings(H.components, H.variables);
    for (const x of [[0.3, -1.2], [1.5, 0.7]]) {
      g(x).forEach((v, i) => assert.ok(Math.abs(v - f(x)[i]) < 1e-12));
      h(x).forEach((v, i) => assert.ok(Math.abs(v - f(x)[i]) < 1e-12));
    }
    assertChainRule(G);
    assertChainRule(H);
  });

  it('F = f_K \\circ \\dots \\circ f_1 with the layers f_1, f_2, f_3 of the note: K as a parameter, or the last layer defined', () => {
    const layers = [
      '$$ f_1(x, y) = (x, y + x^2/2) $$',
      '$$ f_2(x, y) = (y, x) $$',
      '$$ f_3(x, y) = (x e^{y/4}, y) $$',
    ];
    for (const note of [md(...layers, 'with $K = 3$ layers, $F = f_K \\circ \\dots \\circ f_1$.'), md(...layers, '$$ F = f_K \\circ \\cdots \\circ f_1 $$'), md(...layers, '$$ F = f_3 \\circ \\dots \\circ f_1 $$')]) {
      const F = named(analyzeNote(note), 'F');
      assert.deepEqual(F.layers!.map((l) => l.name), ['f1', 'f2', 'f3'], note);
      assertChainRule(F);
      assertInverse(F);
    }
    const two = named(analyzeNote(md(...layers, 'The first two: $K = 2$ and $$ F = f_K \\circ \\dots \\circ f_1 $$')), 'F');
    assert.deepEqual(two.layers!.map((l) => l.name), ['f1', 'f2']);
  });

  it('a non-invertible middle layer is named, its witness a valid pair of F', () => {
    const r = analyzeNote(md(
      '$$ h(x, y) = (x/2 + 1/2, y) $$', '$$ q(x, y) = (x^2, y) $$', '$$ N = h \\circ q \\circ h $$',
    ));
    const N = named(r, 'N');
    assert.equal(N.invertibility.verdict, 'not-invertible');
    assert.match(N.invertibility.reason, /^q is not injective on the image of h/);
    assertWitness(N.invertibility.witness!, mapFromStrings(N.components, N.variables), N.domain, 'N');
  });

  it('flows in general (z_K = f_K ∘ … ∘ f_1(z_0), layers nobody defines) are mathematics: no map, no diagnostic', () => {
    const r = analyzeNote(md(
      'A flow pushes $z_0$ through $K$ layers,', '$$ z_K = f_K \\circ \\cdots \\circ f_2 \\circ f_1(z_0), $$',
      'so that $$ F = f_K \\circ \\dots \\circ f_1 $$ and $T = g \\circ h$.',
    ));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a layer the note does not define, beside ones it does, is a warning at its name; a stray ellipsis too', () => {
    const text = md('$$ c(x, y) = (x, y + x) $$', '$$ G = c \\circ g \\circ c $$', '$$ P = f_3 \\circ \\dots $$');
    const r = analyzeNote(text);
    const lines = text.split('\n');
    const g = r.diagnostics.find((d) => d.range.start.line === 1);
    assert.ok(g, JSON.stringify(r.diagnostics));
    assert.equal(g.severity, 'warning');
    assert.match(g.message, /^g is not a map defined in this note/);
    assert.equal(lines[1].slice(g.range.start.character, g.range.end.character), 'g');
    const dots = r.diagnostics.find((d) => d.range.start.line === 2);
    assert.ok(dots && dots.code === 'compose', JSON.stringify(r.diagnostics));
    assert.deepEqual(r.transforms.map((t) => t.name), ['c']);
  });

  it('layers of different dimensions are an error at the chain', () => {
    const r = analyzeNote(md('$$ c(x, y) = (x, y + x) $$', '$$ g(x, y, z) = (x, y, z + x) $$', '$$ F = g \\circ c $$'));
    const e = r.diagnostics.find((d) => d.code === 'compose');
    assert.ok(e && e.severity === 'error', JSON.stringify(r.diagnostics));
    assert.match(e.message, /g takes 3 variables, but c gives 2 components/);
  });
});

describe('flows in the project\'s notes', () => {
  const root = path.join(__dirname, '..', '..', '..', '..', '..');
  it('the seed note reads exactly as without the composition form', () => {
    const text = fs.readFileSync(path.join(root, 'examples', 'geometric-interpretation.md'), 'utf8');
    const without = RECOGNIZERS.filter((r) => r.name !== 'composition');
    assert.deepEqual(parseLatexMarkdown(text), parseLatexMarkdown(text, { recognizers: without }));
    assert.ok(parseLatexMarkdown(text).transforms.length > 0);
  });

  it('examples/realnvp-flow.md: coupling layers and the swap z ↦ (z_2, z_1) (det -1, |det| 1) as a flow, proven for any networks', () => {
    const r = analyzeNote(fs.readFileSync(path.join(root, 'examples', 'realnvp-flow.md'), 'utf8'));
    for (const name of ['f', 'g']) {
      const t = named(r, name);
      assert.deepEqual(t.layers!.map((l) => l.name), ['c1', 'P', 'c2'], name);
      assert.deepEqual(t.layers!.map((l) => l.det), ['exp(s(z1))', '-1', 'exp(a(z1))']);
      assert.deepEqual(t.layers!.map((l) => l.logDet), ['s(z1)', '0', 'a(z1)']);
      assert.equal(t.invertibility.certainty, 'proof');
      assert.equal(t.detChecked, true);
      assert.match(t.det, /^-exp\(/);
    }
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });
});
