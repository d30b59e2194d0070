import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { hostMessageProblem, isPanelToHost } from '../../../src/protocol/messages';
import { contentSecurityPolicy, panelHtml } from '../../../src/extension/panel/html';
import { FormulaError, parseFormula, standInImpl } from '../../../webview/lib/standins';
import { buildModel } from '../../../webview/lib/model';
import { defaultOptions, reconcile, remember, sanitize, transformKey, MAX_REMEMBERED } from '../../../webview/lib/viewState';
import { SvgSurface, clipPolyline } from '../../../webview/lib/surface';
import { computeScene } from '../../../webview/lib/scene';
import { DEFAULT_OVERLAYS, Mark, layout, legendTicks, renderScene } from '../../../webview/lib/render';
import type { Palette } from '../../../webview/lib/colour';
import { volumeColour } from '../../../webview/lib/colour';

const report = (def: string) => analyzeDocument(`\`\`\`transform\n${def}\n\`\`\`\n`, 'markdown', 'a.md', createEngineOptions()).transforms[0];

describe('panel messages', () => {
  const subject = { uri: 'file:///a.md', fileName: 'a.md', report: report('f(x, y) = (2 x, y)') };

  it('accepts what the host sends, as a structured clone would deliver it', () => {
    for (const m of [
      { type: 'update', subject: structuredClone(subject) }, { type: 'empty', reason: 'none' }, { type: 'error', message: 'bad', where: 'a.md:3' },
      { type: 'mark', points: [{ at: [1, 2], label: 'a' }] }, { type: 'exported', format: 'png', path: 'x.png' },
    ]) assert.equal(hostMessageProblem(m), null, JSON.stringify(m).slice(0, 80));
  });

  it('update carries the host\'s grid density (jacobianLens.gridDensity) for new pictures', () => {
    assert.equal(hostMessageProblem({ type: 'update', subject: { ...structuredClone(subject), defaults: { lines: 20 } } }), null);
    assert.match(hostMessageProblem({ type: 'update', subject: { ...structuredClone(subject), defaults: { lines: 'many' } } })!, /defaults/);
    const r = subject.report;
    assert.equal(defaultOptions(r).lines, 12);
    assert.equal(defaultOptions(r, 20).lines, 20);
    assert.equal(defaultOptions(r, 500).lines, 48);
    assert.equal(defaultOptions(r, 1).lines, 2);
    assert.equal(defaultOptions(r, Number.NaN).lines, 12);
  });

  it('names what is wrong with a malformed message', () => {
    const broken = structuredClone(subject) as unknown as { report: { trees: { components: unknown[] }; domain: unknown } };
    broken.report.trees.components[0] = { k: 'mystery' };
    assert.match(hostMessageProblem({ type: 'update', subject: broken })!, /unknown kind "mystery"/);
    const badDomain = structuredClone(subject) as unknown as { report: { domain: unknown } };
    badDomain.report.domain = [[2, 1], [0, 1]];
    assert.match(hostMessageProblem({ type: 'update', subject: badDomain })!, /domain/);
    assert.match(hostMessageProblem(42)!, /not an object/);
    assert.match(hostMessageProblem({ type: 'dance' })!, /unknown message "dance"/);
    assert.match(hostMessageProblem({ type: 'mark', points: [{ at: ['x'], label: 'a' }] })!, /mark/);
    assert.match(hostMessageProblem({ type: 'update', subject: { uri: 'u', fileName: 'f', report: { name: 'f' } } })!, /variables/);
  });

  it('lets the host accept only well-formed panel messages', () => {
    assert.ok(isPanelToHost({ type: 'export', format: 'svg', data: '<svg/>', suggestedName: 'a.svg' }));
    assert.ok(!isPanelToHost({ type: 'export', format: 'gif', data: 'x', suggestedName: 'a.gif' }));
    assert.ok(!isPanelToHost({ type: 'export', format: 'png', data: '', suggestedName: 'a.png' }));
    assert.ok(!isPanelToHost({ type: 'log', level: 'debug', message: 'x' }));
    assert.ok(isPanelToHost({ type: 'ready' }));
  });
});

describe('the page and its policy', () => {
  it('allows only the page\'s own origin, its nonce, and blob workers', () => {
    const csp = contentSecurityPolicy('https://res.example', 'abc');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'(;|$)/);
    assert.match(csp, /worker-src blob:/);
    assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
    const html = panelHtml({ cspSource: 'https://res.example', nonce: 'abc', asset: (p) => `https://res.example/${p}` });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc" src="https:\/\/res.example\/panel.js"><\/script>/);
    assert.match(html, /data-worker="https:\/\/res.example\/worker.js"/);
    // KaTeX, script and stylesheet, is added by the page's script after its first picture: the page's head holds neither
    assert.match(html, /data-typeset="https:\/\/res.example\/typeset.js"/);
    assert.match(html, /data-katex-css="https:\/\/res.example\/katex\/katex.min.css"/);
    assert.deepEqual(html.match(/<link [^>]*>/g), ['<link rel="stylesheet" href="https://res.example/panel.css">'], 'only the page\'s own stylesheet in its head');
  });

  it('bundles no code generation and no mathjs into the page, its worker or its KaTeX; KaTeX is not in the page\'s own script', function () {
    const dir = path.resolve(__dirname, '../../../../dist/webview');
    if (!fs.existsSync(path.join(dir, 'panel.js'))) this.skip();
    const katex = /KaTeX parse error/;
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'panel.js'), 'utf8'), katex, 'the first picture does not wait for KaTeX to be parsed');
    assert.match(fs.readFileSync(path.join(dir, 'typeset.js'), 'utf8'), katex);
    for (const f of ['panel.js', 'worker.js', 'typeset.js']) {
      const js = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.doesNotMatch(js, /new Function\s*\(/, `${f} uses new Function`);
      assert.doesNotMatch(js, /\beval\s*\(/, `${f} calls eval`);
      assert.doesNotMatch(js, /mathjs|typed-function|complex\.js/i, `${f} contains mathjs`);
    }
  });
});

describe('stand-ins', () => {
  it('parses formulas with implicit multiplication and known functions', () => {
    const f = (src: string, x: number) => standInImpl(parseFormula(src, ['u']), ['u'])([x], []);
    assert.equal(f('tanh(u)/2', 0.3), Math.tanh(0.3) / 2);
    assert.equal(f('0.5 tanh(u)', 0.3), 0.5 * Math.tanh(0.3));
    assert.equal(f('2u^2 - 3', 2), 5);
    assert.equal(f('-u^2', 3), -9);
    assert.equal(f('ln(e)', 0), 1);
  });

  it('reports errors with their place', () => {
    const err = (src: string) => { try { parseFormula(src, ['u']); return null; } catch (e) { return e as FormulaError; } };
    assert.equal(err('tanh(u')!.offset, 6);
    assert.match(err('foo(u)')!.message, /not a known function/);
    assert.match(err('u + v')!.message, /unknown name v/);
    assert.equal(err('u + v')!.offset, 4);
    assert.match(err('')!.message, /empty/);
  });

  it('gives exact derivatives of the stand-in to s\'(u) and ∂ s(u, v)', () => {
    const s = standInImpl(parseFormula('u^3', ['u']), ['u']);
    assert.equal(s([2], [0]), 12);
    assert.equal(s([2], [0, 0]), 12);
    const g = standInImpl(parseFormula('u1 u2^2', ['u1', 'u2']), ['u1', 'u2']);
    assert.equal(g([3, 2], [1]), 12);
    assert.equal(g([3, 2], [0, 1]), 4);
  });

  it('falls back to the default when the user\'s stand-in does not parse, and says why', () => {
    const r = report('coupling(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))');
    const m = buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols, standIns: { s: 'tanh(u', t: 'u/3' } });
    const s = m.standIns.find((x) => x.name === 's')!;
    assert.equal(s.formula, 'tanh(u)/2');
    assert.equal(s.rejected!.formula, 'tanh(u');
    assert.equal(m.standIns.find((x) => x.name === 't')!.formula, 'u/3');
  });

  it('gives free symbols a value the user can change', () => {
    const r = report('f(x, y) = (a x, y)');
    assert.deepEqual(r.freeSymbols, ['a']);
    const m = buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols, symbolValues: { a: 3 } });
    assert.equal(m.det([0.2, 0.1]), 3);
    assert.deepEqual(m.symbols, [{ name: 'a', value: 3 }]);
  });

  it('evaluates det J by LU when the report has no closed form', () => {
    const r = report('f(x, y) = (x + y^2, x y)');
    const m = buildModel({ variables: r.variables, trees: { ...r.trees, det: null }, freeSymbols: [] });
    assert.equal(m.detSource, 'LU of J');
    assert.ok(Math.abs(m.det([1.5, 0.5]) - (1.5 - 2 * 0.5 * 0.5)) < 1e-12);
  });
});

describe('view state', () => {
  const r = report('f(x, y) = (2 x, y)\ndomain: x in [-1, 1], y in [0, 3]');

  it('keeps the user\'s view through an edit, and drops it when the domain changes', () => {
    const o = { ...defaultOptions(r), output: { cx: 1, cy: 2, scale: 30 }, lines: 20 };
    assert.equal(reconcile(o, r), o);
    const moved = reconcile(o, { ...r, domain: [[-2, 2], [0, 3]] });
    assert.equal(moved.output, null);
    assert.equal(moved.lines, 20);
    assert.deepEqual(moved.reportDomain, [[-2, 2], [0, 3]]);
  });

  it('restores only well-formed state', () => {
    const good = { ...defaultOptions(r), mode: 'side', output: { cx: 1, cy: 2, scale: 30 } };
    assert.deepEqual(sanitize(JSON.parse(JSON.stringify(good)), r), good);
    const bad = sanitize({ mode: 'wild', lines: 1e6, output: { cx: 'x' }, vary: [0, 0], domain: [[1, 0], [0, 1]], overlays: { fold: 'yes', grid: false } }, r);
    assert.equal(bad.mode, 'overlay');
    assert.equal(bad.lines, defaultOptions(r).lines);
    assert.equal(bad.output, null);
    assert.deepEqual(bad.vary, [0, 1]);
    assert.equal(bad.domain, null);
    assert.equal(bad.overlays.fold, true);
    assert.equal(bad.overlays.grid, false);
    assert.deepEqual(sanitize(null, r), defaultOptions(r));
  });

  it('remembers the most recent transforms', () => {
    let views: Array<[string, ReturnType<typeof defaultOptions>]> = [];
    for (let i = 0; i < MAX_REMEMBERED + 3; i++) views = remember(views, `t${i}`, defaultOptions(r));
    views = remember(views, 't5', { ...defaultOptions(r), lines: 7 });
    assert.equal(views.length, MAX_REMEMBERED);
    assert.equal(views[views.length - 1][0], 't5');
    assert.ok(!views.some(([k]) => k === 't0'));
    assert.equal(transformKey(r), 'f(x,y)');
  });
});

describe('drawing', () => {
  const palette: Palette = {
    background: [255, 255, 255], foreground: [59, 59, 59], line: [97, 97, 97], contraction: [26, 133, 255], expansion: [209, 134, 22],
    fold: [101, 45, 144], ellipse: [56, 138, 52], mark: [229, 20, 0], muted: [113, 113, 113], highContrast: false, dark: false,
  };

  it('colours contraction and expansion in their two hues, det J = 1 as the background', () => {
    assert.deepEqual(volumeColour(palette, 0, Math.log(2)), palette.background);
    const c = volumeColour(palette, -Math.log(2), Math.log(2)), e = volumeColour(palette, Math.log(2), Math.log(2));
    assert.ok(c[2] > c[0] + 50, 'contraction is blue');
    assert.ok(e[0] > e[2] + 50, 'expansion is orange');
    assert.deepEqual(legendTicks(Math.log(8)).map((x) => Math.round(Math.exp(x) * 100) / 100), [0.13, 0.33, 1, 3, 8]);
    assert.deepEqual(legendTicks(Math.log(4)).map((x) => Math.round(Math.exp(x) * 100) / 100), [0.25, 0.5, 1, 2, 4], "the middle tick keeps clear of the ends");
  });

  it('clips polylines to the view and keeps their breaks', () => {
    const out = clipPolyline([-10, 0, 10, 0, NaN, NaN, 0, -10, 0, 10], -1, -1, 1, 1);
    assert.deepEqual(Array.from(out), [-1, 0, 1, 0, NaN, NaN, 0, -1, 0, 1]);
    assert.equal(clipPolyline([5, 5, 6, 6], 0, 0, 1, 1).length, 0);
  });

  /** The volume picture of a 2-D map (a 12 x 12 cell grid, 6 lines), drawn into an SVG document of 300 x 358. */
  const svgOf = (def: string, cy: number, marks: readonly Mark[]): string => {
    const r = report(def);
    const m = buildModel({ variables: r.variables, trees: r.trees, freeSymbols: [] });
    const pane = { cx: 0, cy, scale: 50, width: 300, height: 300 };
    const scene = computeScene(m, { domain: r.domain, vary: [0, 1], base: [0, 0], projection: [[1, 0], [0, 1]], lines: 6, cells: 12, ellipses: 3, input: pane, output: pane, density: false, fit: true });
    const svg = new SvgSurface(300, 358, () => 'data:image/png;base64,AA==');
    renderScene(svg, scene, {
      mode: 'overlay', picture: 'volume', overlays: DEFAULT_OVERLAYS, input: scene.input, output: scene.output, palette,
      inputAxes: ['x', 'y'], outputAxes: ['f1', 'f2'], marks,
    }, layout(300, 358, 'overlay', 2));
    return svg.toString();
  };

  it('draws the same picture into an SVG document', () => {
    const text = svgOf('f(x, y) = (x, y^2)', 1, [{ label: 'a', input: [1, 1], output: [1, 1] }]);
    assert.match(text, /^<\?xml[^]*<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="300" height="358"/);
    assert.equal((text.match(/<g/g) ?? []).length, (text.match(/<\/g>/g) ?? []).length, 'groups are balanced');
    assert.ok(text.includes('stroke="rgb(101, 45, 144)"'), 'the fold is drawn');
    assert.ok((text.match(/<path /g) ?? []).length > 12 * 12, 'cells, lines, fold and ellipses are paths');
    assert.ok(text.includes('url(#h'), 'flipped cells are hatched');
    assert.doesNotMatch(text, /NaN|Infinity/);
  });

  it('a map that flips orientation everywhere is not hatched cell by cell; the legend says it once, in one column when narrow', () => {
    const text = svgOf('f(x, y) = (y, x)', 0, []);
    assert.equal((text.match(/url\(#h/g) ?? []).length, 1, 'only the legend icon is hatched');
    assert.ok(text.includes('det J &lt; 0 everywhere') || text.includes('det J < 0 everywhere'), 'the legend says it');
    const labels = [...text.matchAll(/<text x="([\d.]+)"[^>]*>(fold: det J = 0|image of a small circle)<\/text>/g)].map((x) => Number(x[1]));
    assert.equal(new Set(labels).size, 1, `one column: ${labels}`);
  });
});
