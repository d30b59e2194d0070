/**
 * Forms of colour and geometry libraries written in plain JavaScript, each with a small example
 * of our own: functions that work on text are quiet, objects of channels read by property are
 * maps of their fields, a point passed whole to a helper is inlined, a hue-sector switch is a
 * piecewise map, rest-parameter wrappers are read through their unpacking helper.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { maxRelativeDifference } from '../helpers/corpus';
import { GENEROUS } from '../helpers/maps';

function analyze(lines: readonly string[], file = 'lib.js'): FileReport {
  return analyzeDocument(lines.join('\n'), languageOfFile(file)!, file, createEngineOptions(GENEROUS));
}

function byName(r: FileReport, name: string): TransformReport {
  const t = r.transforms.find((x) => x.name === name);
  assert.ok(t, `${name} among ${r.transforms.map((x) => x.name).join(', ')}; diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  return t;
}

/** The map's variables, components and det J against forms derived by hand. */
function assertMap(t: TransformReport, variables: string[], components: string[], det: string): void {
  assert.deepEqual(t.variables, variables);
  assert.equal(t.components.length, components.length);
  const domain = t.domain.map(([a, b]): [number, number] => [a, b]);
  t.components.forEach((c, i) => assert.ok(maxRelativeDifference(c, components[i], variables, domain) < 1e-9, `component ${i} of ${t.name}: ${c}, expected ${components[i]}`));
  assert.ok(maxRelativeDifference(t.det, det, variables, domain) < 1e-9, `det J of ${t.name} = ${t.det}, expected ${det}`);
}

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
