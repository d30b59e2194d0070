/**
 * Forms of colour and geometry libraries written in plain JavaScript, each with a small example
 * of our own: functions that work on text are quiet, objects of channels read by property are
 * maps of their fields, a point passed whole to a helper is inlined, a hue-sector switch is a
 * piecewise map, rest-parameter wrappers are read through their unpacking helper.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeLines, analyzeWorkspace, assertMap, byName } from '../helpers/code';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { GENEROUS } from '../helpers/maps';
import { parseTypeScript } from '../../../src/core/parse/typescript';
import { ReadBudget } from '../../../src/core/limits';
import { affineIn, namesABox } from '../../../src/core/parse/typescript/records';

const analyze = analyzeLines;

const ROOT = path.resolve('/virtual/libraries');

/** The document `main.js` of a workspace held in memory (file name -> lines), generous budgets. */
const inWorkspace = (files: Record<string, readonly string[]>, main = 'main.js') => analyzeWorkspace(files, main, GENEROUS, ROOT);

describe('library code: functions on text are quiet', () => {
  it('a parameter used as text (string methods, parseInt, .length of a name) makes no map and no diagnostic; a real map beside them is found', () => {
    const r = analyze([
      'export function fromHex(code) {',
      '  const digits = code.replace("#", "");',
      '  return [digits[0] / 15, code[1] / 15];',
      '}',
      'export function channels(hi, lo) { return [parseInt(hi, 16) / 255, parseInt(lo, 16) / 255]; }',
      'export function widths(word, k) { return [word.length * k, k * 2]; }',
      'export function pair(s) { const m = s.match(/(\\d+)/); return [s[0] * 2, s[1] * 2]; }',
      'export function label(x, y) { return [x * 2, String(y) * 1]; }',
      'export function shear(u, v) { return [u + 0.5 * v, v]; }',
    ]);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['shear']);
    assertMap(byName(r, 'shear'), ['u', 'v'], ['u + 0.5*v', 'v'], '1');
  });
});

describe('library code: an object of channels read by property', () => {
  it('c => ({ x: …, y: …, z: … }) reading c.l, c.a, c.b: a map of the fields, named as the fields', () => {
    const r = analyze([
      'const cube = (t) => t * t * t;',
      'export const fromLab = (c) => ({',
      '  x: 0.9 * cube((c.l + 16) / 116 + c.a / 500),',
      '  y: cube((c.l + 16) / 116),',
      '  z: 1.1 * cube((c.l + 16) / 116 - c.b / 200),',
      '});',
    ]);
    const t = byName(r, 'fromLab');
    const fy = '(l + 16) / 116';
    assertMap(t, ['l', 'a', 'b'], [`0.9 * (${fy} + a/500)^3`, `(${fy})^3`, `1.1 * (${fy} - b/200)^3`],
      `0.9 * 1.1 * 3 * (${fy} + a/500)^2 / 500 * 3 * (${fy})^2 / 116 * (-3) * (${fy} - b/200)^2 / 200 * (-1)`);
    assert.deepEqual(r.diagnostics, []);
  });

  it('const { l, c: chroma, h } = c in the body: the destructured names; a label and an alpha passed through are no components', () => {
    const r = analyze([
      'export function polarToLab(c) {',
      '  const { l, c: chroma, h } = c;',
      '  const t = (h * Math.PI) / 180;',
      '  return { mode: "lab", l: l * 2, a: chroma * Math.cos(t), b: chroma * Math.sin(t), alpha: c.alpha };',
      '}',
    ]);
    const t = byName(r, 'polarToLab');
    assertMap(t, ['l', 'chroma', 'h'], ['2*l', 'chroma*cos(h*pi/180)', 'chroma*sin(h*pi/180)'], '2 * chroma * pi / 180');
    assert.ok(t.assumed?.some((a) => /alpha is carried through unchanged/.test(a)), `${t.assumed}`);
    assert.deepEqual(r.diagnostics, []);
  });

  it('ordinary records read by property stay quiet: more fields than results, fields read further, text, writes', () => {
    const r = analyze([
      'export function box(o) { return { width: o.w + o.pad * 2, height: o.h + o.pad * 2 }; }',
      'export function mean(s) { return { total: s.items.length, avg: s.sum / s.count }; }',
      'export function person(u) { return { name: u.first + " " + u.last, age: u.age + 1 }; }',
      'export function local(evt) { const r = evt.target.getBoundingClientRect(); return [evt.clientX - r.left, evt.clientY - r.top]; }',
      'export function tick(st) { st.count++; return { count: st.count * 2, n: st.n * 2 }; }',
      'export function span(r) { return { w: r.right - r.left, h: r.bottom - r.top }; }',
    ]);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('library code: records of a box are no maps', () => {
  it('a position and a size, edges, bounds in and out, affine: quiet, also when one calls the other', () => {
    const r = analyze([
      'export function bbox(x: number, y: number, w: number, h: number) { return { left: x, top: y, right: x + w, bottom: y + h }; }',
      'export const fromCenter = (cx: number, cy: number, w: number, h: number) => ({ x: cx - w / 2, y: cy - h / 2, width: w, height: h });',
      'export function inset(left: number, top: number, right: number, bottom: number, pad = 4) {',
      '  return { left: left + pad, top: top + pad, right: right - pad, bottom: bottom - pad };',
      '}',
      'export function grow([xmin, ymin, xmax, ymax]: number[]) { return [xmin - 1, ymin - 1, xmax + 1, ymax + 1]; }',
      'export function inner(width: number, height: number) { return { w: width - 20, h: height * 0.9 }; }',
      'export function padded(x: number, y: number, w: number, h: number) { const b = bbox(x, y, w, h); return inset(b.left, b.top, b.right, b.bottom); }',
    ], 'layout.ts');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });

  it('maps beside them stay: an object map that computes, a linear map of one point, homogeneous (x, y, z, w), a height with sines', () => {
    const r = analyze([
      'export function toPolar({ x, y }: { x: number; y: number }) { return { r: Math.hypot(x, y), theta: Math.atan2(y, x) }; }',
      'export function shear(x: number, y: number) { return { x: x + 0.5 * y, y }; }',
      'export function mix(x: number, y: number, z: number, w: number) { return [x + 2 * w, y - z, z + w, w - x]; }',
      'export function lift(lat: number, height: number) { return [(1 + height) * Math.cos(lat), (1 + height) * Math.sin(lat)]; }',
    ], 'maps.ts');
    assertMap(byName(r, 'toPolar'), ['x', 'y'], ['sqrt(x^2 + y^2)', 'atan2(y, x)'], '1 / sqrt(x^2 + y^2)');
    assertMap(byName(r, 'shear'), ['x', 'y'], ['x + 0.5 y', 'y'], '1');
    assertMap(byName(r, 'mix'), ['x', 'y', 'z', 'w'], ['x + 2 w', 'y - z', 'z + w', 'w - x'], '3');
    assertMap(byName(r, 'lift'), ['lat', 'height'], ['(1 + height) cos(lat)', '(1 + height) sin(lat)'], '-(1 + height)');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });

  it('the rule itself: names of a box (a width and a height, two edges, a least and a greatest bound), components affine', () => {
    assert.ok(namesABox(['x', 'y', 'w', 'h']) && namesABox(['innerWidth', 'k']) && namesABox(['west', 'north']) && namesABox(['minX', 'maxY']));
    assert.ok(!namesABox(['x', 'y', 'z', 'w']) && !namesABox(['left']) && !namesABox(['xmin', 'y']) && !namesABox(['r', 'theta']));
    assert.ok(affineIn([parsePlainExpr('2 x + k y - 3'), parsePlainExpr('y / 4')], ['x', 'y']));
    assert.ok(!affineIn([parsePlainExpr('x y')], ['x', 'y']) && !affineIn([parsePlainExpr('sin(x)')], ['x']));
  });
});

describe('library code: a point passed whole to helpers', () => {
  const CONVERSIONS = [
    'export function cubeEach(c) { return c.map((v) => v * v * v); }',
    'export function mix(rgb) {',
    '  const [r, g, b] = rgb;',
    '  return [r + 0.5 * g, g + 0.25 * b, 2 * b];',
    '}',
    'export const opponent = ({ x, y, z }) => ({ l: y, a: x - y, b: y - z });',
  ];

  it('rgb => mix(cubeEach(rgb)) and a destructured result passed on as an object: the one size at which the helpers read it', () => {
    const r = inWorkspace({
      'conv.js': CONVERSIONS,
      'main.js': [
        'import { cubeEach, mix, opponent } from "./conv.js";',
        'export function toMixed(rgb) { return mix(cubeEach(rgb)); }',
        'export function toOpponent(rgb) {',
        '  const [x, y, z] = mix(rgb);',
        '  return opponent({ x, y, z });',
        '}',
        'export const direct = (p) => mix(p);',
      ],
    });
    assertMap(byName(r, 'toMixed'), ['rgb0', 'rgb1', 'rgb2'], ['rgb0^3 + 0.5*rgb1^3', 'rgb1^3 + 0.25*rgb2^3', '2*rgb2^3'], '2 * 27 * rgb0^2 * rgb1^2 * rgb2^2');
    assertMap(byName(r, 'toOpponent'), ['rgb0', 'rgb1', 'rgb2'], ['rgb1 + 0.25*rgb2', 'rgb0 + 0.5*rgb1 - rgb1 - 0.25*rgb2', 'rgb1 + 0.25*rgb2 - 2*rgb2'], '2');
    assertMap(byName(r, 'direct'), ['p0', 'p1', 'p2'], ['p0 + 0.5*p1', 'p1 + 0.25*p2', '2*p2'], '2');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a value passed to a package helper, or to helpers that take any size, is no point of one size: quiet', () => {
    const r = inWorkspace({
      'conv.js': CONVERSIONS,
      'main.js': [
        'import * as d3 from "d3";',
        'import { cubeEach } from "./conv.js";',
        'export function onDrag(event) { const [x, y] = d3.pointer(event); return [x * 2, y * 2]; }',
        'export function cubes(v) { return cubeEach(v); }',
        'export function total(v) { return sum(v); }',
        'function sum(a) { return a.reduce((s, x) => s + x, 0); }',
        'export function handle(e) { return route(e); }',
        'function route(ev) { if (ev.type === "click") return [ev.x * 2, ev.y * 2]; return null; }',
      ],
    });
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('library code: rest-parameter wrappers', () => {
  it('(...args) => helper(args, "lab") and const [l, a, b] = unpack(args) with an unpacking helper that returns its array: read through the helper', () => {
    const r = analyze([
      'const unpack = (args) => args;',
      'const toOpponent = (channels, space) => {',
      '  const [x, y, z] = channels;',
      '  return space === "lab" ? [y, x - y, y - z] : [x, y, z];',
      '};',
      'export const wrapped = (...args) => toOpponent(args, "lab");',
      'export function unpacked(...args) {',
      '  const [l, a, b] = unpack(args);',
      '  return [l + a / 500, l * l, l - b / 200];',
      '}',
    ]);
    assertMap(byName(r, 'wrapped'), ['args0', 'args1', 'args2'], ['args1', 'args0 - args1', 'args1 - args2'], '1');
    assertMap(byName(r, 'unpacked'), ['l', 'a', 'b'], ['l + a/500', 'l^2', 'l - b/200'], '2 * l / 500 / 200');
    assert.deepEqual(r.diagnostics, []);
  });

  it('rest parameters that take any number of values, or an unpacking helper that cannot be read, stay quiet', () => {
    const r = analyze([
      'import { unpack } from "some-colour-package";',
      'export const doubled = (...xs) => xs.map((x) => x * 2);',
      'export function log(...messages) { console.log(...messages); }',
      'export const opaque = (...args) => { const [l, a, b] = unpack(args, "lab"); return [l + a, l - b, l * 2]; };',
    ]);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('library code: the time for reading imports', () => {
  it('a workspace whose imports take longer than the bound to read stops there (a fake clock), the rest kept symbolic and said', () => {
    let now = 0;
    const files = new Map(Array.from({ length: 8 }, (_, i) => [path.join(ROOT, `c${i}.js`), `export const k${i} = ${i + 2};\n`]));
    // each file read takes 400 ms of the fake clock: the fifth is past the 1.5 s for imports
    const readFile = (p: string) => { now += 400; return files.get(path.resolve(p)) ?? null; };
    const names = Array.from({ length: 8 }, (_, i) => `k${i}`);
    const text = [
      ...names.map((k, i) => `import { ${k} } from "./c${i}.js";`),
      `export function f(x, y) { return [(${names.join(' + ')}) * x, y + x]; }`,
    ].join('\n');
    const r = parseTypeScript(text, { fileName: path.join(ROOT, 'main.js'), readFile, budget: new ReadBudget({}, () => now) });
    const t = r.transforms.find((x) => x.name === 'f');
    assert.ok(t, r.problems.map((p) => p.message).join(' | '));
    assert.match(t.assumed!.join('\n'), /"\.\/c4\.js" is past the time for reading imports/);
    assert.deepEqual([...t.freeSymbols].sort(), ['k4', 'k5', 'k6', 'k7']);
    assert.equal(files.size, 8);
  });
});

describe('library code: hue sectors (switch over Math.floor)', () => {
  const HSV = [
    '/** @transform domain h in [0, 359], s in [0.1, 1], v in [0.1, 1] */',
    'export function hsvToRgb(h, s, v) {',
    '  const k = h / 60;',
    '  const i = Math.floor(k);',
    '  const f = k - i;',
    '  const p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));',
    '  let r, g, b;',
    '  switch (i % 6) {',
    '    case 0: r = v; g = t; b = p; break;',
    '    case 1: r = q; g = v; b = p; break;',
    '    case 2: r = p; g = v; b = t; break;',
    '    case 3: r = p; g = q; b = v; break;',
    '    case 4: r = t; g = p; b = v; break;',
    '    default: r = v; g = p; b = q;',
    '  }',
    '  return [r, g, b];',
    '}',
  ];
  /** The same conversion, run here (the test's own code, not the workspace's). */
  const reference = ([h, s, v]: readonly number[]): number[] => {
    const k = h / 60, i = Math.floor(k), f = k - i;
    const p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    return [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i % 6];
  };
  const fdDet = (x: readonly number[]): number => {
    const h = 1e-6;
    const col = (j: number) => { const a = [...x], b = [...x]; a[j] += h; b[j] -= h; const fa = reference(a), fb = reference(b); return fa.map((y, i) => (y - fb[i]) / (2 * h)); };
    const [c0, c1, c2] = [0, 1, 2].map(col);
    return c0[0] * (c1[1] * c2[2] - c1[2] * c2[1]) - c1[0] * (c0[1] * c2[2] - c0[2] * c2[1]) + c2[0] * (c0[1] * c1[2] - c0[2] * c1[1]);
  };

  it('a switch over the sector Math.floor(h / 60) % 6 is a piecewise map, one piece per sector, each right where it applies', () => {
    const r = analyze(HSV);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    const t = byName(r, 'hsvToRgb');
    assert.equal(t.pieces?.length, 6);
    assert.ok(t.assumed?.some((a) => /Math\.floor\(k\) is read for 0 ≤ k < 6/.test(a)), `${t.assumed}`);
    for (let j = 0; j < 6; j++) {
      const at = [60 * j + 23, 0.7, 0.6];
      // the piece whose condition holds at the point (its written test, on k = h / 60)
      const k = at[0] / 60;
      // (a lower and an upper bound read as one range: `1 <= k < 2`)
      const holds = (written: string) => written.split('&&').every((c) => {
        const range = /^\s*(-?\d+) <= k < (-?\d+)\s*$/.exec(c);
        if (range) return Number(range[1]) <= k && k < Number(range[2]);
        const m = /^\s*k (<|>=) (-?\d+)\s*$/.exec(c);
        assert.ok(m, `a test on k: ${c}`);
        return m[1] === '<' ? k < Number(m[2]) : k >= Number(m[2]);
      });
      const piece = t.pieces!.find((p) => holds(p.written ?? ''));
      assert.ok(piece, `a piece holds at h = ${at[0]}: ${t.pieces!.map((p) => p.written).join(' | ')}`);
      const want = reference(at);
      piece.components.forEach((c, i) => assert.ok(Math.abs(compileClosure(parsePlainExpr(c), t.variables)(at) - want[i]) < 1e-9, `sector ${j}, component ${i}: ${c}`));
      const det = compileClosure(parsePlainExpr(piece.det), t.variables)(at);
      assert.ok(Math.abs(det - fdDet(at)) < 1e-5, `sector ${j}: det J = ${piece.det} = ${det}, by differences ${fdDet(at)}`);
    }
  });

  it('an object of channels built per sector (res = { r, g, b } in each case), with a label and an alpha: a map of h, s, l', () => {
    const r = analyze([
      'export function hslToRgb({ h, s, l, alpha }) {',
      '  const hi = l + s * (1 - l), lo = 2 * l - hi;',
      '  let res;',
      '  switch (Math.floor(h / 120)) {',
      '    case 0: res = { r: hi, g: lo + (hi - lo) * h / 120, b: lo }; break;',
      '    case 1: res = { r: lo, g: hi, b: lo + (hi - lo) * (h - 120) / 120 }; break;',
      '    default: res = { r: lo + (hi - lo) * (h - 240) / 120, g: lo, b: hi };',
      '  }',
      '  res.mode = "rgb";',
      '  if (alpha !== undefined) res.alpha = alpha;',
      '  return res;',
      '}',
    ]);
    const t = byName(r, 'hslToRgb');
    assert.deepEqual(t.variables, ['h', 's', 'l']);
    assert.ok(t.assumed?.some((a) => /alpha is carried through unchanged/.test(a)), `${t.assumed}`);
    assert.ok(t.assumed?.some((a) => /Math\.floor\(h \/ 120\) is read for 0 ≤ h \/ 120 < 3/.test(a)), `${t.assumed}`);
    assert.equal(t.pieces?.length, 3);
    assert.deepEqual(r.diagnostics, []);
  });

  it('Math.floor that the code tests against no whole numbers stays one information naming it; a switch on a string setting is decided', () => {
    const r = analyze([
      'export function quantize(x, y) { const i = Math.floor(x * 4); return [i / 4 + y, y * 2]; }',
      'export function pick(x, y, mode = "wide") {',
      '  switch (mode) {',
      '    case "wide": return [x * 2, y];',
      '    case "tall": return [x, y * 2];',
      '  }',
      '  return [x, y];',
      '}',
    ]);
    assert.deepEqual(r.transforms.map((t) => t.name), ['pick']);
    assertMap(byName(r, 'pick'), ['x', 'y'], ['2*x', 'y'], '2');
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /^quantize\(x, y\) cannot be analysed .*Math\.floor is a step function.*tests its value against no whole numbers/);
  });
});

describe('library code: iterative solvers', () => {
  it('a Newton loop of a fixed number of steps is one information at the loop, naming the value it iterates (not read for minutes); a long sum over constants still reads', () => {
    const r = analyze([
      'export function pseudoInverse(x, y) {',
      '  let a = y;',
      '  for (let i = 0; i < 12; i++) {',
      '    a -= (2 * a + Math.sin(2 * a) - Math.PI * Math.sin(y)) / (2 + 2 * Math.cos(2 * a));',
      '  }',
      '  return [x * Math.cos(a), Math.sin(a)];',
      '}',
      'const W = [' + Array.from({ length: 300 }, (_, i) => (i % 7) / 10).join(', ') + '];',
      'export function weighted(x, y) {',
      '  let s = 0;',
      '  for (let i = 0; i < W.length; i++) s += W[i] * Math.sin(x + i * y);',
      '  return [s, y];',
      '}',
    ]);
    assert.deepEqual(r.transforms.map((t) => t.name), ['weighted']);
    assert.equal(r.diagnostics.length, 1, r.diagnostics.map((d) => d.message).join(' | '));
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'info');
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /this loop feeds a back into itself \(an iterative solver/);
  });
});
