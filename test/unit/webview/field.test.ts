/**
 * The panel's picture of a vector field (webview/lib/field.ts): arrows along f on a lattice,
 * coloured by tr J; computed from a report of kind "field" as the page does, drawn as SVG.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import type { TransformReport } from '../../../src/core/report';
import { buildModel } from '../../../webview/lib/model';
import { computeField, divergenceColour, niceAbove, renderField } from '../../../webview/lib/field';
import { DEFAULT_OVERLAYS, RenderInput, layout } from '../../../webview/lib/render';
import { SvgSurface } from '../../../webview/lib/surface';
import type { Palette } from '../../../webview/lib/colour';
import { formulaList } from '../../../webview/lib/formulas';

const field = (block: string): TransformReport => {
  const t = analyzeDocument(['```transform', block, '```'].join('\n'), 'markdown', 'field.md').transforms[0];
  assert.equal(t.kind, 'field');
  return t;
};
const model = (r: TransformReport) => buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols });
const pane = { cx: 0, cy: 0, scale: 50, width: 400, height: 300 };
const PALETTE: Palette = {
  background: [255, 255, 255], foreground: [30, 30, 30], line: [0, 0, 0], contraction: [0, 90, 200], expansion: [220, 120, 0],
  fold: [200, 0, 0], ellipse: [0, 120, 0], mark: [200, 0, 200], muted: [128, 128, 128], highContrast: false, dark: false,
};

describe('the panel\'s picture of a vector field', () => {
  it('arrows point along f at their points, with tr J there (a field with divergence 1 + x)', () => {
    const r = field('dx/dt = -y + x\ndy/dt = x + x y');
    const s = computeField(model(r), { domain: r.domain, vary: [0, 1], base: [0, 0], arrows: 10, pane, fit: true });
    const count = s.divergence.length;
    assert.ok(count >= 50, `${count} arrows`);
    for (let m = 0; m < count; m++) {
      const x = s.arrows[4 * m], y = s.arrows[4 * m + 1];
      assert.ok(Math.abs(s.arrows[4 * m + 2] - (-y + x)) < 1e-12);
      assert.ok(Math.abs(s.arrows[4 * m + 3] - (x + x * y)) < 1e-12);
      assert.ok(Math.abs(s.divergence[m] - (1 + x)) < 1e-9);
    }
    assert.ok(s.divRange![0] < 0 && s.divRange![1] > 0);
    assert.ok(s.divScale >= Math.max(-s.divRange![0], s.divRange![1]));
  });

  it('a rotation field keeps volume: tr J = 0 at every arrow, drawn in the neutral colour', () => {
    const r = field('A = [[0, -1], [1, 0]]\ndz/dt = A z');
    const s = computeField(model(r), { domain: r.domain, vary: [0, 1], base: [0, 0], arrows: 8, pane, fit: true });
    assert.deepEqual(s.divRange, [0, 0]);
    assert.deepEqual(divergenceColour(PALETTE, 0, s.divScale), PALETTE.foreground);
    const svg = new SvgSurface(400, 360, () => '', 'sans-serif');
    const ri: RenderInput = {
      mode: 'overlay', picture: 'volume', overlays: DEFAULT_OVERLAYS, input: s.input, output: s.output, palette: PALETTE,
      inputAxes: ['z1', 'z2'], outputAxes: ['', ''], marks: [],
    };
    renderField(svg, s, ri, layout(400, 360, 'overlay', 2));
    const text = svg.toString();
    assert.match(text, /keeps volume/);
    assert.ok((text.match(/<path/g) ?? []).length >= s.divergence.length, 'one path per arrow');
  });

  it('the formulas of a field: dz/dt, J and tr J with d log p/dt, no det J', () => {
    const r = field('dx/dt = -y + x\ndy/dt = x + x y');
    const labels = formulaList(r).map((x) => x.label);
    assert.deepEqual(labels, ['field', 'Jacobian', 'tr J']);
    assert.match(formulaList(r)[2].tex, /\\frac\{d \\log p\}\{dt\}/);
    assert.ok(!r.notes.some((n) => /det J/.test(n)), JSON.stringify(r.notes));
  });

  it('colours: contraction and expansion hues at the ends of the scale; nice scale values', () => {
    assert.deepEqual(divergenceColour(PALETTE, -2, 2), PALETTE.contraction);
    assert.deepEqual(divergenceColour(PALETTE, 5, 2), PALETTE.expansion);
    assert.equal(niceAbove(0.35), 0.4);
    assert.equal(niceAbove(3), 3);
    assert.equal(niceAbove(5.5), 6);
    assert.equal(niceAbove(10), 10);
  });
});
