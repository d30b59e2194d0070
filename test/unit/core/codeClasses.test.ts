/** Maps that build or take objects of a point or vector class of the workspace (`new Vec2(…)`, `(p: Point) => …`), with examples of our own. */
import * as assert from 'node:assert/strict';
import { analyzeText, analyzeWorkspace, assertDet, byName } from '../helpers/code';

const names = (r: ReturnType<typeof analyzeText>) => r.transforms.map((t) => t.name).sort();

describe('code: point and vector classes', () => {
  it('returns new Vec2(…) of a class with parameter properties: the fields are the outputs', () => {
    const r = analyzeText([
      'export class Vec2 {',
      '  constructor(public x: number, public y: number) {}',
      '  length() { return Math.hypot(this.x, this.y); }',
      '}',
      'export function spiral(r: number, t: number, pitch = 0.25): Vec2 {',
      '  const a = t + pitch * r;',
      '  return new Vec2(r * Math.cos(a), r * Math.sin(a));',
      '}',
      'export function lens(u: number, v: number) {',
      '  const k = 1 + 0.1 * (u * u + v * v);',
      '  const out = new Vec2(u * k, v * k);',
      '  return out;',
      '}',
    ].join('\n'), 'shapes.ts');
    const s = byName(r, 'spiral');
    // (r cos(t + p r), r sin(t + p r)): det J = r
    assertDet(s, ['r', 't'], 'r', { components: ['r * cos(t + 0.25 * r)', 'r * sin(t + 0.25 * r)'] });
    const l = byName(r, 'lens');
    assertDet(l, ['u', 'v'], '(1 + 0.1 * (u^2 + v^2)) * (1 + 0.3 * (u^2 + v^2))', { components: ['u * (1 + 0.1 * (u^2 + v^2))', 'v * (1 + 0.1 * (u^2 + v^2))'] });
    assert.deepEqual(r.diagnostics, []);
  });

  it('a JavaScript class whose constructor assigns this.x = …, this.y = …, this.z = … (fields in that order, computed values too)', () => {
    const r = analyzeText([
      'class Point3 {',
      '  constructor(x, y, z = 0) {',
      '    this.x = x;',
      '    this.y = y;',
      '    this.z = z * 2;',
      '  }',
      '}',
      // z given: the constructor doubles it
      'export function cylinder(rho, phi, h) {',
      '  return new Point3(rho * Math.cos(phi), rho * Math.sin(phi), h);',
      '}',
      // z left out: its default 0, a constant component
      'export function flat(a, b, c) {',
      '  return new Point3(a + b * c, b);',
      '}',
    ].join('\n'));
    assertDet(byName(r, 'cylinder'), ['rho', 'phi', 'h'], '2 * rho', { components: ['rho * cos(phi)', 'rho * sin(phi)', '2 * h'] });
    const f = byName(r, 'flat');
    assertDet(f, ['a', 'b', 'c'], '0');
    assert.deepEqual(r.diagnostics, []);
  });

  it('declared fields come first, in their order, as JavaScript defines them', () => {
    const r = analyzeText([
      'class V {',
      '  y: number;',
      '  x: number;',
      '  constructor(x: number, y: number) { this.x = x; this.y = y; }',
      '}',
      'export const shear = (p: number, q: number) => new V(p + q * q, q);',
    ].join('\n'), 'v.ts');
    // the object is { y, x }: (q, p + q^2), det J = -1
    assertDet(byName(r, 'shear'), ['p', 'q'], '-1', { components: ['q', 'p + q^2'] });
  });

  it('a class imported from another file of the workspace', () => {
    const r = analyzeWorkspace({
      'vec.ts': 'export class Vec2 {\n  constructor(readonly x: number, readonly y: number) {}\n}\n',
      'main.ts': 'import { Vec2 } from "./vec";\nexport function squeeze(x: number, y: number) {\n  return new Vec2(2 * x, y / 2 + x * x);\n}\n',
    }, 'main.ts');
    assertDet(byName(r, 'squeeze'), ['x', 'y'], '1', { components: ['2 * x', 'y / 2 + x^2'] });
  });

  it('a parameter typed with a point class is read by its fields, as an interface', () => {
    const r = analyzeText([
      'export class Pt {',
      '  constructor(public x = 0, public y = 0) {}',
      '}',
      'export function bend(p: Pt): Pt {',
      '  return new Pt(p.x, p.y + Math.sin(p.x));',
      '}',
      'export function grow(p: Pt) {',
      '  return { x: p.x * Math.exp(p.y), y: p.y };',
      '}',
    ].join('\n'), 'pt.ts');
    assertDet(byName(r, 'bend'), ['x', 'y'], '1', { components: ['x', 'y + sin(x)'] });
    assertDet(byName(r, 'grow'), ['x', 'y'], 'exp(y)');
  });

  it('stays quiet: an object only packed, a class doing more than recording, and operations of two objects of the class', () => {
    const r = analyzeText([
      'export class P {',
      '  constructor(x, y) { this.x = x; this.y = y; }',
      '  plus(o) { return new P(this.x + o.x, this.y + o.y); }',
      '  minus(o) { return { x: this.x - o.x, y: this.y - o.y }; }',
      '  times(k) { return new P(this.x * k, this.y * k); }',
      '}',
      'export class Typed {',
      '  constructor(public x: number, public y: number) {}',
      '  cross(o: Typed) { return new Typed(this.x * o.y - this.y * o.x, this.x + o.x); }',
      '}',
      'export function pack(a, b) { return new P(a, b); }',
    ].join('\n'));
    assert.deepEqual(names(r), []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a matrix class applied to a point stays a map of the point (the matrix entries its parameters)', () => {
    const r = analyzeText([
      'export class P { constructor(x, y) { this.x = x; this.y = y; } }',
      'export class M2 {',
      '  constructor(a, b, c, d) { this.a = a; this.b = b; this.c = c; this.d = d; }',
      '  apply(v) { return new P(this.a * v.x + this.b * v.y, this.c * v.x + this.d * v.y); }',
      '}',
    ].join('\n'));
    const t = byName(r, 'apply');
    assertDet(t, ['x', 'y'], 'a * d - b * c', { symbols: { a: 1.5, b: 0.5, c: -0.25, d: 2 } });
  });

  it('new Vector3(…) of a package (named import or namespace member): the point { x, y, z } of its arguments, said in assumed', () => {
    const r = analyzeText([
      'import * as GL from "gl-kit";',
      'import { Vec2, Color } from "gl-kit";',
      'export function toCone(h: number, a: number, s: number) {',
      '  return new GL.Vector3(h * s * Math.cos(a), h * s * Math.sin(a), h);',
      '}',
      'export const squish = (u: number, v: number) => new Vec2(u + v * v * v, v);',
      // not a point's name, a wrong number of arguments, or inputs only packed: nothing
      'export const tint = (r: number, g: number, b: number) => new Color(r * 2, g * 2, b * 2);',
      'export const flat = (u: number, v: number) => new GL.Vector3(u * 2, v * 2);',
      'export const keep = (u: number, v: number) => new Vec2(u, v);',
    ].join('\n'), 'cone.ts');
    const t = byName(r, 'toCone');
    assertDet(t, ['h', 'a', 's'], '-h^2 * s', { components: ['h * s * cos(a)', 'h * s * sin(a)', 'h'] });
    assert.ok(t.assumed?.some((a) => /new GL\.Vector3\(…\) is taken to be the point \{ x, y, z \}.*"gl-kit" is a package/.test(a)), `assumed: ${t.assumed}`);
    assertDet(byName(r, 'squish'), ['u', 'v'], '1');
    assert.deepEqual(names(r), ['squish', 'toCone']);
  });

  it('a parameter typed with a package\'s point class (`p: Vector2`, `v: GL.Vec3`) is read by its fields x, y, z', () => {
    const r = analyzeText([
      'import * as GL from "gl-kit";',
      'import { Vector2 } from "gl-kit";',
      'export function twirl(p: Vector2) {',
      '  const k = 0.5 * p.x;',
      '  return { x: p.x + Math.sin(p.y), y: p.y * Math.exp(k) };',
      '}',
      'export function lift(v: GL.Vec3) {',
      '  return [v.x, v.y + v.x * v.z, v.z * 2];',
      '}',
      // a field a point does not have: no map
      'export function odd(p: Vector2) { return [p.x + p.q, p.q * 2]; }',
    ].join('\n'), 'twirl.ts');
    assertDet(byName(r, 'twirl'), ['x', 'y'], 'exp(0.5 * x) * (1 - 0.5 * y * cos(y))', { components: ['x + sin(y)', 'y * exp(0.5 * x)'] });
    assertDet(byName(r, 'lift'), ['x', 'y', 'z'], '2');
    assert.deepEqual(names(r), ['lift', 'twirl']);
  });

  it('a point parameter beside number parameters without defaults: a map of the point, the numbers symbolic parameters (said in assumed)', () => {
    const r = analyzeText([
      'import { Vector3 } from "gl-kit";',
      'interface Planar { u: number; v: number }',
      // reads z before y: the variables are still in the type's order x, y, z
      'export function swirl(q: Vector3, s: number): Vector3 {',
      '  return new Vector3(q.x + s * q.z * q.z, q.y * Math.exp(s * q.x), q.z + q.x);',
      '}',
      'export function shear({ u, v }: Planar, k: number, m: number) { return { u: u + k * v * v, v: m * v }; }',
      'export const spin = (p, w) => ({ x: p.x * Math.cos(w * p.y), y: p.y + p.x });',
      // not maps: one number out, a point and a point, a box moved by an offset (fields read beyond the point)
      'export function height(q: Vector3, s: number): number { return q.z * s + q.x; }',
      'export function mix(p: Planar, k: number) { return [p.u * k + p.v, p.v * k, k]; }',
      'export function moveBy(o, dt) { return { x: o.x + o.vx * dt, y: o.y + o.vy * dt }; }',
      // numbers only: f(x, y) stays a map of both
      'export function plain(x: number, y: number) { return [x * y, x + y * y]; }',
    ].join('\n'), 'wobble.ts');
    const sym = { s: 0.7, k: 1.3, m: 0.4, w: 0.9 };
    // J = [[1, 0, 2 s z], [s y e^(s x), e^(s x), 0], [1, 0, 1]]: det = e^(s x) (1 - 2 s z)
    const sw = byName(r, 'swirl');
    assertDet(sw, ['x', 'y', 'z'], 'exp(s * x) * (1 - 2 * s * z)', { components: ['x + s * z^2', 'y * exp(s * x)', 'z + x'], symbols: sym });
    assert.deepEqual(sw.freeSymbols, ['s']);
    assert.match(sw.assumed!.join('\n'), /swirl is read as a map of q; symbolic parameters: s/);
    assertDet(byName(r, 'shear'), ['u', 'v'], 'm', { symbols: sym });
    assert.match(byName(r, 'shear').assumed!.join('\n'), /symbolic parameters: k, m/);
    assertDet(byName(r, 'spin'), ['x', 'y'], 'cos(w * y) + w * x * sin(w * y)', { symbols: sym });
    assertDet(byName(r, 'plain'), ['x', 'y'], '2 * y * y - x');
    assert.deepEqual(names(r), ['plain', 'shear', 'spin', 'swirl']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('numbers before the point (`turn(angle, v)`, `unturn(s, c, p)`): a map of the point, the numbers symbolic parameters, quiet', () => {
    const r = analyzeText([
      'module.exports = {',
      '  turn: function (angle, v) { return [v[0] * Math.cos(angle) - v[1] * v[1] * Math.sin(angle), v[0] * Math.sin(angle) + v[1]]; },',
      '};',
      'export function unturn(s, c, p) { return [p[0] * c + p[1] * s, p[1] * c - p[0] * s]; }',
      'export function bend(k, { u, w }) { return { u: u + k * w * w, w: w * Math.exp(k * u) }; }',
      // not maps: one number out; numbers only stay a map of all of them
      'export function reach(k, p) { return Math.hypot(p[0], p[1]) * k; }',
      'export function plain(a, b) { return [a * b, a + b]; }',
    ].join('\n'), 'turns.js');
    const sym = { angle: 0.6, s: 0.3, c: 0.8, k: 0.7 };
    const t = byName(r, 'turn');
    // J = [[cos a, -2 v1 sin a], [sin a, 1]]
    assertDet(t, ['v0', 'v1'], 'cos(angle) + 2 * v1 * sin(angle)^2', { symbols: sym });
    assert.match(t.assumed!.join('\n'), /turn is read as a map of v; symbolic parameters: angle/);
    assertDet(byName(r, 'unturn'), ['p0', 'p1'], 'c^2 + s^2', { symbols: sym });
    // J = [[1, 2 k w], [k w e^(k u), e^(k u)]]
    assertDet(byName(r, 'bend'), ['u', 'w'], 'exp(k * u) * (1 - 2 * k^2 * w^2)', { symbols: sym });
    assertDet(byName(r, 'plain'), ['a', 'b'], 'b - a');
    assert.deepEqual(names(r), ['bend', 'plain', 'turn', 'unturn']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('an untyped object of settings before two or more numbers (`toCartesian(spheroid, phi, lam, h)`): a map of the numbers, the object\'s fields symbolic parameters; a state object returned with its fields stays the point', () => {
    const r = analyzeText([
      'const SPHEROID = { a: 6.4, e2: 0.0067 };',
      'function radius(s, phi) { return s.a / Math.sqrt(1 - s.e2 * Math.sin(phi) ** 2); }',
      'export function toCartesian(s, phi, lam, h) {',
      '  const n = radius(s, phi);',
      '  return [(n + h) * Math.cos(phi) * Math.cos(lam), (n + h) * Math.cos(phi) * Math.sin(lam), (n * (1 - s.e2) + h) * Math.sin(phi)];',
      '}',
      'export function advance(body, t, dt) {',
      '  const next = { pos: body.pos + dt * body.vel * Math.cos(t), vel: body.vel - dt * Math.sin(body.pos) };',
      '  return next;',
      '}',
      'console.log(toCartesian(SPHEROID, 0.1, 0.2, 0.3));',
    ].join('\n'), 'ellipsoid.js');
    const c = byName(r, 'toCartesian');
    assert.deepEqual(c.variables, ['phi', 'lam', 'h']);
    // with n = a / sqrt(1 - e2 sin^2 phi): det J = -(n + h) cos(phi) (n (1 - e2) / (1 - e2 sin^2 phi) + h)
    const n = 'a / sqrt(1 - e2 * sin(phi)^2)';
    assertDet(c, ['phi', 'lam', 'h'], `-(${n} + h) * cos(phi) * ((${n}) * (1 - e2) / (1 - e2 * sin(phi)^2) + h)`, { symbols: { s_a: 6.4, s_e2: 0.0067, a: 6.4, e2: 0.0067 } });
    assert.match(c.assumed!.join('\n'), /s holds settings/);
    const a = byName(r, 'advance');
    assert.deepEqual(a.variables, ['pos', 'vel']);
    assert.deepEqual(names(r), ['advance', 'toCartesian']);
    assert.deepEqual(r.diagnostics, []);
  });
});
