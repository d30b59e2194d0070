/**
 * Whole files of our own in the styles people write (test/fixtures/own): a physics module with
 * coordinate conversions and an imported helper, colour conversions, map projections, easing and
 * warps, a normalizing flow in plain TypeScript, an integrator on Float64Array, app code that is
 * no map, a .tex paper and a notebook. Each file: exactly the maps a careful reader finds (by
 * name and variables, a few det J checked numerically), and no warning or error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport } from '../../../src/core/report';
import { GENEROUS } from '../helpers/maps';
import { assertDet as checkDet, byName } from '../helpers/code';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/own');

/** With generous budgets (every form finished), or the editor's defaults where only the maps found are asked. */
function analyzeOwn(file: string, budgets: 'generous' | 'default' = 'generous'): FileReport {
  const full = path.join(DIR, file);
  const readFile = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null);
  return analyzeDocument(fs.readFileSync(full, 'utf8'), languageOfFile(full)!, full, { ...createEngineOptions(budgets === 'generous' ? GENEROUS : {}), readFile });
}

/** Exactly these maps (name -> variables); no warning or error; the infos named by their function. */
function assertMaps(r: FileReport, maps: Record<string, string[]>, infos: string[] = []): void {
  assert.deepEqual(r.transforms.map((t) => t.name).sort(), Object.keys(maps).sort(), `maps of ${path.basename(r.file)}; diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  for (const t of r.transforms) assert.deepEqual(t.variables, maps[t.name], t.name);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
  assert.deepEqual(r.diagnostics.map((d) => /^([\w.]+)\(/.exec(d.message)?.[1]).sort(), infos.sort(), r.diagnostics.map((d) => d.message).join(' | '));
}

function assertDet(r: FileReport, name: string, det: string, symbols: Record<string, number> = {}): void {
  const t = byName(r, name);
  checkDet(t, t.variables, det, { symbols });
}

describe('files of our own: code', () => {
  it('coordinate conversions (Math aliases, hypot, atan2, tuples, objects, a class, an imported TAU); a clamp is no map', () => {
    const r = analyzeOwn('coords.ts');
    assertMaps(r, {
      sphericalToCartesian: ['r', 'theta', 'phi'], cartesianToSpherical: ['x', 'y', 'z'], cylindricalToCartesian: ['rho', 'phi', 'z'],
      cartesianToCylindrical: ['x', 'y', 'z'], polarToCartesian: ['r', 'angle'], toPolar: ['x', 'y'], wrappedPolar: ['x', 'y'],
      project: ['x', 'y', 'z'], orbit: ['azimuth', 'elevation', 'distance'],
    });
    assertDet(r, 'sphericalToCartesian', 'r^2 sin(theta)');
    assertDet(r, 'orbit', 'distance^2 cos(elevation)');
    assertDet(r, 'toPolar', '1 / sqrt(x^2 + y^2)');
  });

  it('colour conversions: matrices as nested arrays, sRGB companding, OKLab/OKLCh, hsv and hsl by sectors, rest-parameter wrappers with alpha', function () {
    this.timeout(60_000);
    // the editor's budgets: which maps are found does not depend on them (with generous ones the
    // eight-piece sRGB -> OKLab alone takes seconds of exact work on its cube roots of powers)
    const r = analyzeOwn('colour.js', 'default');
    const rgb = ['r', 'g', 'b'];
    assertMaps(r, {
      linearRgbToOklab: ['rgb0', 'rgb1', 'rgb2'], rgbToOklab: rgb, oklabToOklch: ['L', 'a', 'b'], oklchToOklab: ['L', 'C', 'h'],
      hslToRgb: ['h', 's', 'l'], hsvToRgb: ['h', 's', 'v'], rgba: ['args0', 'args1', 'args2'], withAlpha: ['args0', 'args1', 'args2'], rgbToHsl: rgb,
    });
    assertDet(r, 'oklchToOklab', 'C pi / 180');
    // sRGB -> OKLab (each channel decoded, two matrices, cube roots between): every piece's det J
    // in closed form and checked, within the editor's budget (the chain rule over the form)
    const oklab = byName(r, 'rgbToOklab');
    assert.ok(oklab.pieces!.every((p) => p.detSymbolic && p.detChecked), oklab.notes.join('\n'));
    assert.ok(!oklab.timings.overBudget, oklab.notes.join('\n'));
  });

  it('projections: raw forward and .invert, a factory, web mercator with a zoom setting; tile maths of 3 inputs is no map', () => {
    const r = analyzeOwn('proj.js');
    const lp = ['lambda', 'phi'];
    assertMaps(r, {
      mercatorRaw: lp, 'mercatorRaw.invert': ['x', 'y'], sinusoidalRaw: lp, 'sinusoidalRaw.invert': ['x', 'y'],
      azimuthalEqualAreaRaw: ['x', 'y'], millerRaw: lp, lambertConformalRaw: ['x', 'y'], webMercator: ['lon', 'lat'],
    });
    assertDet(r, 'mercatorRaw', '1 / cos(phi)');
    assertDet(r, 'sinusoidalRaw', 'cos(phi)');
  });

  it('easing and warps: one-dimensional easings stay quiet unless tagged; barrel and swirl with settings', () => {
    const r = analyzeOwn('easing.ts');
    assertMaps(r, { smoothstep: ['t'], barrel: ['u', 'v'], swirl: ['x', 'y'] });
    assertDet(r, 'swirl', '1');
  });

  it('a normalizing flow in plain TypeScript: coupling and its inverse through slices, actnorm sized by its default vectors, planar', () => {
    const r = analyzeOwn('flow.ts');
    const x = ['x0', 'x1', 'x2', 'x3'];
    assertMaps(r, { coupling: x, couplingInverse: ['y0', 'y1', 'y2', 'y3'], actnorm: x, planar: ['z1', 'z2'] });
    assertDet(r, 'coupling', 'exp(tanh(0.5 x0 - 0.2 x1) + tanh(0.1 + 0.1 x0 + 0.3 x1))');
    assertDet(r, 'couplingInverse', 'exp(-tanh(0.5 y0 - 0.2 y1) - tanh(0.1 + 0.1 y0 + 0.3 y1))');
    assertDet(r, 'actnorm', '1.5');
  });

  it('an integrator on Float64Array updated in place, leapfrog, a fixed rotation; a method that mutates its object is quiet', () => {
    const r = analyzeOwn('integrate.ts');
    assertMaps(r, { stepInPlace: ['state0', 'state1', 'state2', 'state3'], leapfrog: ['q', 'p'], rotate3: ['v0', 'v1', 'v2'], pendulumRhs: ['theta', 'omega'] });
    assertDet(r, 'leapfrog', '1');
  });

  it('a vector and matrix library with classes: chainable methods that change their object are quiet; the pure maps beside them are found', () => {
    const r = analyzeOwn('vecmath.ts');
    assertMaps(r, { tilt: ['x', 'y', 'z'], fromSpherical: ['radius', 'polar', 'azimuth'], toCylindrical: ['x', 'y', 'z'], twist: ['x', 'y', 'z'] });
    // TILT's determinant, by hand: 0.9 (0.99 + 0.04) - 0.1 (-0.11)
    assertDet(r, 'tilt', '0.9 * (0.9 * 1.1 + 0.2 * 0.2) + 0.1 * 0.1 * 1.1');
    assertDet(r, 'fromSpherical', 'radius^2 * sin(polar)');
    assertDet(r, 'toCylindrical', '1 / sqrt(x^2 + z^2)');
    assertDet(r, 'twist', '1');
  });

  it('d3-style projections made from config objects: factories, closures, a bound call, .invert; a projection object around an unknown raw; a clamp is no map', () => {
    const r = analyzeOwn('conic.js');
    const lp = ['lambda', 'phi'];
    assertMaps(r, {
      conicEqualAreaRaw: lp, 'conicEqualAreaRaw.invert': ['x', 'y'], plateCarree: lp, conicConformalRaw: lp, lambert: lp, albers: lp,
      projection: ['point0', 'point1'], degrees: lp,
    });
    assertDet(r, 'plateCarree', 'cos(parallel)', { parallel: 0.6 });
    assertDet(r, 'degrees', '(180 / pi)^2');
    // albers: n = (sin 0.3 + sin 0.9) / 2, c = 1 + sin 0.3 (2 n - sin 0.3); an equal-area map has det J = cos(phi)
    assertDet(r, 'albers', 'cos(phi)');
  });

  it('canvas geometry: rectangles, edges, insets and plot areas are no maps; data to device pixels and back, a log axis and a fisheye are', () => {
    const r = analyzeOwn('canvas.ts');
    assertMaps(r, { toDevice: ['u', 'v'], fromDevice: ['px', 'py'], logLinear: ['a', 'b'], fisheye: ['x', 'y'] });
    assertDet(r, 'toDevice', '-96 * 4 / 4 * 1');
    assertDet(r, 'fromDevice', '-1 / (2 * 6 * 2 * 4)');
  });

  it('a RealNVP-style flow on Float64Array: sizes from constants of constants, loops over halves, subarray; a reversal and sampling are no maps', () => {
    const r = analyzeOwn('realnvp.ts');
    const x = ['x0', 'x1', 'x2', 'x3'];
    assertMaps(r, { net: ['u0', 'u1'], forward: x, inverse: ['y0', 'y1', 'y2', 'y3'] });
    assertDet(r, 'forward', 'exp(0.8 * (tanh(0.1 + 0.4 x0 - 0.3 x1) + tanh(-0.2 + 0.2 x0 + 0.5 x1)))');
    assertDet(r, 'inverse', 'exp(-0.8 * (tanh(0.1 + 0.4 y0 - 0.3 y1) + tanh(-0.2 + 0.2 y0 + 0.5 y1)))');
  });

  it('app code (formatting, parsing, a reducer, handlers, an ordering, 2 -> 1 functions): only the one real map of two numbers', () => {
    const r = analyzeOwn('quiet.ts');
    assertMaps(r, { sumAndProduct: ['a', 'b'] }, ['divmod']);
  });
});

describe('files of our own: a paper and a notebook', () => {
  it('a .tex paper: macros, align with labels, a coupling layer, a spherical map in aligned, a bold affine map, a display map; prose maths is no map', () => {
    const r = analyzeOwn('warps.tex');
    const vars = Object.fromEntries(r.transforms.map((t) => [t.name, t.variables]));
    for (const v of [['r', 'theta'], ['z1', 'z2'], ['rho', 'phi', 'psi'], ['x', 'y']]) {
      assert.ok(Object.values(vars).some((x) => x.join() === v.join()), `a map of (${v.join(', ')}) among ${JSON.stringify(vars)}`);
    }
    // the commented-out map, the loss, the energy and the constraint are not maps
    assert.ok(!r.transforms.some((t) => t.components.some((c) => /\^2/.test(c)) && t.variables.join() === 'x,y' && t.components.join() === 'x^2,y^2'));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
  });

  it('a notebook: maps in markdown cells only; Python code cells, their outputs and a raw cell are never read', () => {
    const r = analyzeOwn('flows.ipynb');
    const cells = new Set(r.transforms.map((t) => t.cell));
    for (const code of [1, 3, 5]) assert.ok(!cells.has(code), `nothing from cell ${code}`);
    assert.ok(r.transforms.some((t) => t.cell === 0 && t.variables.join() === 'z1,z2'));
    assert.ok(r.transforms.some((t) => t.cell === 6 && t.variables.length === 3));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
  });
});
