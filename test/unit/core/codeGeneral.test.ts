/**
 * Code the way libraries write it, in whole files of our own (test/fixtures/code/general):
 * projections with factories and `.invert`, colour conversions, arms, warps, steps of a
 * simulation, and ordinary code that must stay quiet. For each file the truth is written
 * here: which functions are maps, their components (mathjs syntax, our own derivation), and
 * det J, computed here by central differences of those components (never from the report's J);
 * no other report, and only the info diagnostics listed, each naming what stops the reading.
 * The files are read as text, never run.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { workspaceFileReader } from '../../../src/node/workspaceFiles';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/code/general');

function analyzeFixture(file: string, domain: [number, number] = [-2, 2]): FileReport {
  const full = path.join(DIR, file);
  return analyzeDocument(fs.readFileSync(full, 'utf8'), languageOfFile(full)!, full, { ...createEngineOptions({ defaultDomain: domain }), readFile: workspaceFileReader(DIR) });
}

interface Truth {
  readonly variables: string[];
  /** The components on the piece the report shows (mathjs syntax). */
  readonly components: string[];
  /** Values of the symbolic parameters the report keeps (factory arguments, fields). */
  readonly symbols?: Record<string, number>;
  /** The top level is one piece of a piecewise map. */
  readonly piecewise?: boolean;
  /** Unknown functions of one argument the report keeps, standing in as 2 + sin(u) for both sides. */
  readonly unknown?: string[];
}

/** 2 + sin(u) and its derivatives (d lists the arguments differentiated by): the stand-in for an unknown function of one argument. */
const standIn = (args: readonly number[], d: readonly number[]) => {
  const k = d.length;
  return [Math.sin, Math.cos, (u: number) => -Math.sin(u), (u: number) => -Math.cos(u)][k % 4](args[0]) + (k === 0 ? 2 : 0);
};

/** det of a square matrix by Gaussian elimination with partial pivoting. */
function det(m: number[][]): number {
  const a = m.map((r) => [...r]);
  const n = a.length;
  let d = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (a[p][c] === 0) return 0;
    if (p !== c) { [a[p], a[c]] = [a[c], a[p]]; d = -d; }
    d *= a[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return d;
}

/** The report's components and det J against the truth at random points of its domain; det J of the truth by central differences. */
function assertTruth(t: TransformReport, truth: Truth): void {
  assert.deepEqual(t.variables, truth.variables, t.name);
  assert.equal(!!t.pieces && t.pieces.length > 1, !!truth.piecewise, `${t.name}: piecewise`);
  const symbols = truth.symbols ?? {};
  const opts = { symbols, unknown: Object.fromEntries((truth.unknown ?? []).map((f) => [f, standIn])) };
  const mine = truth.components.map((c) => compileClosure(parsePlainExpr(c), truth.variables, opts));
  // the report's own trees (a printed s'(u) is not plain syntax)
  const theirs = t.trees.components.map((c) => compileClosure(c, truth.variables, opts));
  assert.ok(t.detSymbolic, `${t.name}: det J has a closed form (${t.det})`);
  const detJ = compileClosure(t.trees.det!, truth.variables, opts);
  const rand = rng(7);
  let used = 0;
  for (let i = 0; i < 60 && used < 20; i++) {
    const x = randomPoint(t.domain, rand);
    const want = mine.map((f) => f(x));
    if (!want.every(Number.isFinite)) continue;
    used++;
    const got = theirs.map((f) => f(x));
    want.forEach((w, k) => assert.ok(Math.abs(got[k] - w) <= 1e-9 * Math.max(1, Math.abs(w)), `${t.name}: component ${k} at (${x.join(', ')}): ${got[k]} vs ${w} (${t.components[k]})`));
    const h = 1e-5;
    const J = mine.map((f) => x.map((_, j) => {
      const a = [...x], b = [...x];
      a[j] += h; b[j] -= h;
      return (f(a) - f(b)) / (2 * h);
    }));
    const want_ = det(J), got_ = detJ(x);
    assert.ok(Math.abs(got_ - want_) <= 1e-5 * Math.max(1, Math.abs(want_)), `${t.name}: det J at (${x.join(', ')}): ${got_} vs ${want_} (${t.det})`);
  }
  assert.ok(used >= 10, `${t.name}: too few points where the truth is defined`);
}

/** Exactly these maps, each right; exactly these diagnostics (information, at the construct named). */
function assertFile(r: FileReport, truths: Record<string, Truth>, infos: Array<[string, RegExp]> = []): void {
  assert.deepEqual(r.transforms.map((t) => t.name).sort(), Object.keys(truths).sort(), `maps of ${r.file}; diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  for (const t of r.transforms) assertTruth(t, truths[t.name]);
  assert.equal(r.diagnostics.length, infos.length, r.diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n'));
  for (const [name, construct] of infos) {
    const d = r.diagnostics.find((x) => x.message.startsWith(`${name}(`));
    assert.ok(d, `a diagnostic for ${name}: ${r.diagnostics.map((x) => x.message).join(' | ')}`);
    assert.equal(d.severity, 'info');
    assert.match(d.message, construct);
  }
}

const xy = ['x', 'y'];

describe('code in whole files of our own: projections (factories, .invert, imported helpers)', () => {
  it('azimuthal, orthographic, stereographic and conic equal-area projections and their inverses; an iteration gets one info', () => {
    const r = analyzeFixture('projections.js', [-0.7, 0.7]);
    const k = 'sqrt(2 / (1 + cos(x) cos(y)))';
    const z = 'sqrt(x^2 + y^2)';
    const c = `acos(cos(x) cos(y))`;
    // conic equal-area with standard parallels y0, y1 (symbolic: the factory's parameters)
    const n = '((sin(y0) + sin(y1)) / 2)', C = `(1 + sin(y0) (2 ${n} - sin(y0)))`, r0 = `(sqrt(${C}) / ${n})`;
    const rho = `(sqrt(${C} - 2 ${n} sin(y)) / ${n})`;
    const conic = { y0: 0.3, y1: 0.9 };
    assertFile(r, {
      // the factory read on its own: scale stays an unknown function (as in any note)
      azimuthalRaw: { variables: xy, unknown: ['scale'], components: ['scale(cos(x) cos(y)) cos(y) sin(x)', 'scale(cos(x) cos(y)) sin(y)'] },
      azimuthalEqualAreaRaw: { variables: xy, components: [`${k} cos(y) sin(x)`, `${k} sin(y)`] },
      'azimuthalEqualAreaRaw.invert': {
        variables: xy, piecewise: true,
        components: [`atan2(x sin(2 asin(${z} / 2)), ${z} cos(2 asin(${z} / 2)))`, `asin(y sin(2 asin(${z} / 2)) / ${z})`],
      },
      azimuthalEquidistantRaw: { variables: xy, piecewise: true, components: [`${c} / sin(${c}) * cos(y) * sin(x)`, `${c} / sin(${c}) * sin(y)`] },
      orthographicRaw: { variables: xy, components: ['cos(y) sin(x)', 'sin(y)'] },
      'orthographicRaw.invert': { variables: xy, piecewise: true, components: [`atan2(x ${z}, ${z} sqrt(1 - x^2 - y^2))`, `asin(y)`] },
      stereographicRaw: { variables: xy, components: ['cos(y) sin(x) / (1 + cos(x) cos(y))', 'sin(y) / (1 + cos(x) cos(y))'] },
      conicEqualAreaRaw: { variables: xy, symbols: conic, components: [`${rho} sin(${n} x)`, `${r0} - ${rho} cos(${n} x)`] },
      'conicEqualAreaRaw.invert': {
        variables: xy, symbols: conic, piecewise: true,
        components: [`atan2(x, abs(${r0} - y)) / ${n} * sign(${r0} - y)`, `asin((${C} - (x^2 + (${r0} - y)^2) ${n}^2) / (2 ${n}))`],
      },
    }, [['mollweideRaw', /loop with return, break or continue/]]);
    // the conic projection is equal-area: det J = cos(y) for any parallels
    const conicMap = r.transforms.find((t) => t.name === 'conicEqualAreaRaw')!;
    assert.deepEqual(conicMap.freeSymbols.sort(), ['y0', 'y1']);
  });
});

describe('code in whole files of our own: arms and integrator steps', () => {
  it('two- and three-link arms, a class whose fields stay symbolic (never another function\'s defaults), SCARA', () => {
    const r = analyzeFixture('kinematics.ts');
    const arm = (l1: string, l2: string) => [`${l1} cos(q1) + ${l2} cos(q1 + q2)`, `${l1} sin(q1) + ${l2} sin(q1 + q2)`];
    const fields = { l1: 1.3, l2: 0.6 };
    const d = '((x^2 + y^2 - l1^2 - l2^2) / (2 l1 l2))';
    assertFile(r, {
      twoLink: { variables: ['q1', 'q2'], components: arm('1', '0.75') },
      threeLink: {
        variables: ['a', 'b', 'c'],
        components: ['cos(a) + 0.8 cos(a + b) + 0.5 cos(a + b + c)', 'sin(a) + 0.8 sin(a + b) + 0.5 sin(a + b + c)', 'a + b + c'],
      },
      forward: { variables: ['q1', 'q2'], symbols: fields, components: arm('l1', 'l2') },
      inverse: {
        variables: ['x', 'y'], symbols: fields, piecewise: true,
        components: [`atan2(y, x) - atan2(l2 sin(acos(${d})), l1 + l2 cos(acos(${d})))`, `acos(${d})`],
      },
      scara: {
        variables: ['theta1', 'theta2', 'd3'],
        components: ['0.4 cos(theta1) + 0.3 cos(theta1 + theta2)', '0.4 sin(theta1) + 0.3 sin(theta1 + theta2)', '0.2 - d3'],
      },
    });
    const forward = r.transforms.find((t) => t.name === 'forward')!;
    assert.deepEqual(forward.freeSymbols.sort(), ['l1', 'l2'], 'this.l1, this.l2 are symbolic, not twoLink\'s defaults');
    assert.deepEqual(forward.parameters, {});
  });

  it('steps of integrators: a tuple-typed state with a time step, destructured; defaults as settings; an object state; async code is quiet', () => {
    const r = analyzeFixture('physics.ts');
    assertFile(r, {
      pendulumStep: {
        variables: ['theta', 'omega'], symbols: { dt: 0.05 },
        components: ['theta + (omega - 9.81 / 2 sin(theta) dt) dt', 'omega - 9.81 / 2 sin(theta) dt'],
      },
      leapfrog: { variables: ['q', 'p'], components: ['q + 0.1 (p - 0.2 q)', 'p - 0.2 q - 0.2 (q + 0.1 (p - 0.2 q))'] },
      springStep: { variables: ['x', 'v'], components: ['x + 0.01 v', 'v + 0.01 (-10 x - 0.5 v)'] },
    });
    assert.match(r.transforms.find((t) => t.name === 'pendulumStep')!.assumed!.join('\n'), /symbolic parameters: dt/);
  });
});

describe('code in whole files of our own: colour, warps, vector helpers, layers, quiet code', () => {
  it('sRGB companding, XYZ -> Lab with its piecewise f, Oklab through a matrix helper, OKLCh; HSL -> RGB, piecewise in h (its pieces checked in codeLeftovers)', () => {
    const all = analyzeFixture('colour.ts', [0.1, 0.9]);
    const hsl = all.transforms.find((t) => t.name === 'hslToRgb');
    assert.ok(hsl?.pieces && hsl.pieces.length > 6, `hslToRgb: ${hsl?.pieces?.length} pieces`);
    const r = { ...all, transforms: all.transforms.filter((t) => t !== hsl) };
    const lin = (c: string) => `((${c} + 0.055) / 1.055)^2.4`;
    const M = [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]];
    const L = [[0.4122214708, 0.5363325363, 0.0514459929], [0.2119034982, 0.6806995451, 0.1073969566], [0.0883024619, 0.2817188376, 0.6299787005]];
    const O = [[0.2104542553, 0.7936177850, -0.0040720468], [1.9779984951, -2.4285922050, 0.4505937099], [0.0259040371, 0.7827717662, -0.8086757660]];
    const times = (m: number[][], v: string[]) => m.map((row) => row.map((w, j) => `${w} * (${v[j]})`).join(' + '));
    const rgb = ['rgb0', 'rgb1', 'rgb2'];
    assertFile(r, {
      srgbToLinear: { variables: ['r', 'g', 'b'], piecewise: true, components: [lin('r'), lin('g'), lin('b')] },
      srgbToXyz: { variables: rgb, piecewise: true, components: times(M, rgb.map(lin)) },
      // on [0.1, 0.9]^3 every ratio is above 216/24389: the cube-root piece
      xyzToLab: {
        variables: ['x', 'y', 'z'], piecewise: true,
        components: ['116 cbrt(y) - 16', '500 (cbrt(x / 0.95047) - cbrt(y))', '200 (cbrt(y) - cbrt(z / 1.08883))'],
      },
      linearToOklab: { variables: rgb, components: times(O, times(L, rgb).map((c) => `cbrt(${c})`)) },
      oklabToOklch: { variables: ['L', 'a', 'b'], piecewise: true, components: ['L', 'sqrt(a^2 + b^2)', 'atan2(b, a) * 180 / pi'] },
    });
  });

  it('radial distortion with k1, k2 settings, a swirl (det J = 1), a fisheye with a guard; a pointer handler is quiet', () => {
    const r = analyzeFixture('warps.js', [-0.6, 0.6]);
    const r2 = '((u - 0.5)^2 + (v - 0.5)^2)';
    const rr = 'sqrt((p0 - 0.5)^2 + (p1 - 0.5)^2)';
    const th = `(atan2(p1 - 0.5, p0 - 0.5) + 2 exp(-${rr} / 0.5))`;
    const s = 'sqrt(x^2 + y^2)';
    assertFile(r, {
      radialDistort: { variables: ['u', 'v'], components: [`0.5 + (u - 0.5) (1 - 0.15 ${r2} + 0.02 ${r2}^2)`, `0.5 + (v - 0.5) (1 - 0.15 ${r2} + 0.02 ${r2}^2)`] },
      swirl: { variables: ['p0', 'p1'], components: [`0.5 + ${rr} cos(${th})`, `0.5 + ${rr} sin(${th})`] },
      fisheye: { variables: xy, piecewise: true, components: [`x * (${s} + 1 - sqrt(1 - x^2 - y^2)) / (2 ${s})`, `y * (${s} + 1 - sqrt(1 - x^2 - y^2)) / (2 ${s})`] },
    });
    assert.match(r.transforms.find((t) => t.name === 'radialDistort')!.assumed!.join('\n'), /k1 = -0\.15, k2 = 0\.02/);
  });

  it('a vector module written into `out` (a pass-through fromValues is not shown), maps with tuples, ** and an options default; a camera class', () => {
    const v = analyzeFixture('vec2.ts');
    assertFile(v, {
      scale: { variables: ['a0', 'a1'], symbols: { b: 1.7 }, components: ['a0 b', 'a1 b'] },
      rotate: {
        variables: ['a0', 'a1'], symbols: { origin0: 0.3, origin1: -0.2, rad: 0.7 },
        components: ['(a0 - origin0) cos(rad) - (a1 - origin1) sin(rad) + origin0', '(a0 - origin0) sin(rad) + (a1 - origin1) cos(rad) + origin1'],
      },
    });
    const r = analyzeFixture('shapes.ts', [0.2, 1.2]);
    assertFile(r, {
      polarToCartesian: { variables: ['r', 'theta'], components: ['r cos(theta)', 'r sin(theta)'] },
      toPolar: { variables: xy, components: ['sqrt(x^2 + y^2)', 'atan2(y, x)'] },
      easeBoth: { variables: ['t', 'u'], components: ['t^3', '1 - (1 - u)^3'] },
      squareToDisk: { variables: ['a', 'b'], components: ['a sqrt(1 - b^2 / 2)', 'b sqrt(1 - a^2 / 2)'] },
      project: { variables: ['x', 'y', 'z'], symbols: { focal: 1.4 }, components: ['focal x / z', 'focal y / z', '1 / z'] },
    });
    assert.match(r.transforms.find((t) => t.name === 'easeBoth')!.assumed!.join('\n'), /opts = \{\}/);
  });

  it('dense layers A g(B x): a matrix with a named constant, Math.sinh passed to map; fields as symbolic weights', () => {
    const r = analyzeFixture('layers.ts');
    const u = '(2 x0 + 0.5 x1)', w = '(x0 - x1)';
    assertFile(r, {
      denseLayer: { variables: ['x0', 'x1'], components: [`sinh(${u}) + 2 sinh(${w})`, `3 sinh(${u}) - sinh(${w})`] },
      apply: { variables: xy, symbols: { a: 0.4, c: -0.7 }, components: ['tanh(2 x + a y) + c tanh(x - y)', '3 tanh(2 x + a y) - tanh(x - y)'] },
    });
  });

  it('ordinary code stays quiet: reducers, handlers, async, strings, generators, a swap; a plain two-number computation is a map as documented', () => {
    const r = analyzeFixture('quiet.ts');
    assertFile(r, { pageRange: { variables: ['page', 'perPage'], components: ['page perPage', 'page perPage + perPage'] } });
  });
});

describe('code in whole files of our own: a DH-table arm, shader ports, ES5 prototypes, a TypeScript module with imports', () => {
  it('an arm from a Denavit-Hartenberg table through a 4×4 matMul filled by push: position and heading; a clamp, a sampler, a formatter stay quiet', () => {
    const r = analyzeFixture('dhArm.js');
    assertFile(r, {
      forwardKinematics: {
        variables: ['q0', 'q1', 'q2'],
        components: ['0.35 cos(q0) + 0.25 cos(q0 + q1) + 0.1 cos(q0 + q1 + q2)', '0.35 sin(q0) + 0.25 sin(q0 + q1) + 0.1 sin(q0 + q1 + q2)', 'q0 + q1 + q2'],
      },
    });
  });

  it('GLSL warps ported with vec2 objects and helpers (sub, add, scale, dot, length): barrel, twirl, ripple; smoothstep, a fixed-end mix and a resize handler stay quiet', () => {
    const r = analyzeFixture('shaderWarps.js', [-0.6, 0.6]);
    const r2 = '((x - 0.5)^2 + (y - 0.5)^2)', rr = `sqrt(${r2})`, a = `(atan2(y - 0.5, x - 0.5) + 0.8 * (1 - ${rr}))`;
    const k = '(1 + 0.05 * sin(10 * sqrt(x^2 + y^2) - 0.5))';
    assertFile(r, {
      barrel: { variables: xy, components: [`0.5 + (x - 0.5) * (1 + 0.8 * ${r2})`, `0.5 + (y - 0.5) * (1 + 0.8 * ${r2})`] },
      twirl: { variables: xy, components: [`0.5 + ${rr} * cos(${a})`, `0.5 + ${rr} * sin(${a})`] },
      ripple: { variables: xy, components: [`x * ${k}`, `y * ${k}`] },
    });
    assert.match(r.transforms.find((t) => t.name === 'ripple')!.assumed!.join('\n'), /time = 0\.5/);
  });

  it('ES5 prototypes with var: Mercator project and unproject with this.radius symbolic; a polar helper of an object; a counter, a hash and a box record stay quiet', () => {
    const r = analyzeFixture('prototypes.js', [0.1, 0.9]);
    const radius = { radius: 1.7 };
    assertFile(r, {
      'Mercator.prototype.project': { variables: ['lon', 'lat'], symbols: radius, components: ['radius lon', 'radius log(tan(pi / 4 + lat / 2))'] },
      'Mercator.prototype.unproject': { variables: xy, symbols: radius, components: ['x / radius', '2 atan(exp(y / radius)) - pi / 2'] },
      'Color.prototype.hsvToHsl': { variables: ['h', 's', 'v'], piecewise: true, components: ['h', '(v - v * (1 - s / 2)) / (v * (1 - s / 2))', 'v * (1 - s / 2)'] },
      polar: { variables: ['r', 't'], components: ['r cos(t)', 'r sin(t)'] },
    });
    assert.match(r.transforms.find((t) => t.name === 'Mercator.prototype.project')!.assumed!.join('\n'), /fields are symbolic parameters: radius/);
  });

  it('a TypeScript module: readonly tuples, a destructured Point with a default, exported arrows, an imported helper module; generics, a colour lerp of one t, bounds and a handler stay quiet', () => {
    const r = analyzeFixture('tsModule.ts', [0.2, 1.2]);
    assertFile(r, {
      toPolar: { variables: xy, components: ['sqrt(x^2 + y^2)', 'atan2(y, x)'] },
      fromPolar: { variables: ['r', 'theta'], components: ['r cos(theta)', 'r sin(theta)'] },
      shear: { variables: xy, components: ['x + 0.3 y', 'y'] },
      spiral: { variables: ['r', 't'], components: ['r cos(4 pi t)', 'r sin(4 pi t) + t^2'] },
    });
    assertFile(analyzeFixture('vecHelpers.ts'), {});
  });
});
