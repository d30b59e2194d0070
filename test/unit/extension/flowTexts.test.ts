import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { codeLensTitle, hoverMarkdown } from '../../../src/extension/views/texts';

const note = [
  '```transform',
  'c(x, y) = (x, y exp(tanh(x)) + x^2/4)',
  'R(u, v) = (v, u)',
  'd(p, q) = (p, q + sin(p))',
  'F = d ∘ R ∘ c',
  '```', '',
].join('\n');

describe('editor views of a composition: the CodeLens counts layers, the hover shows the layer table', () => {
  const ts = analyzeDocument(note, 'markdown', 'flow.md', createEngineOptions()).transforms;
  const F = ts.find((t) => t.name === 'F')!;
  const c = ts.find((t) => t.name === 'c')!;

  it('CodeLens: "Preview · 3 layers · log|det J| = …" for the composition, det J for a layer', () => {
    assert.equal(codeLensTitle(F), 'Preview · 3 layers · log|det J| = tanh(x)');
    assert.equal(codeLensTitle({ ...F, logDet: null }), 'Preview · 3 layers · det J = −exp(tanh(x))');
    assert.equal(codeLensTitle(c), 'Preview · det J = exp(tanh(x))');
  });

  it('hover: the chain and one aligned line per layer, in application order, before the formulas of the whole', () => {
    const md = hoverMarkdown(F, { uri: 'file:///w/flow.md', image: null, point: { kind: 'unavailable', reason: 'x' } });
    const m = /3 layers, F = d ∘ R ∘ c \(the chain rule gives det J and log\|det J\| below\):\n```text\n([^`]*)```/.exec(md);
    assert.ok(m, md);
    const lines = m[1].trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^1 {2}c\(x, y\) {2}det J = exp\(tanh\(x\)\) {2}log\|det J\| = tanh\(x\) {2}invertible \(proof\)$/);
    assert.match(lines[1], /^2 {2}R\(u, v\) {2}det J = -1 +log\|det J\| = 0 +invertible \(proof\)$/);
    assert.match(lines[2], /^3 {2}d\(p, q\)/);
    // columns aligned: each line's "log|det J|" starts at the same place
    assert.equal(new Set(lines.map((l) => l.indexOf('log|det J|'))).size, 1);
    assert.ok(md.indexOf('3 layers') < md.indexOf('```text\ndet J = -exp(tanh(x))'), md);
  });
});
