import * as assert from 'node:assert/strict';
import { sampleCurve, pieces, Curve } from '../../../webview/lib/adaptive';
import { sampleLattice, zeroSegments } from '../../../webview/lib/contour';

const SCALE = 100; // pixels per unit

/** Consecutive finite points (a segment that would be drawn). */
function segments(p: Float64Array): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i + 3 < p.length; i += 2) {
    if ([p[i], p[i + 1], p[i + 2], p[i + 3]].every(Number.isFinite)) out.push([p[i], p[i + 1], p[i + 2], p[i + 3]]);
  }
  return out;
}

describe('adaptive curve sampling', () => {
  it('subdivides a circle to steps of a few pixels and turns of a few degrees', () => {
    const c: Curve = (t, o) => { o[0] = Math.cos(t); o[1] = Math.sin(t); };
    const { points } = sampleCurve(c, 0, 2 * Math.PI, { scale: SCALE, maxStepPx: 4, maxTurnDeg: 5 });
    assert.equal(pieces(points).length, 1);
    const segs = segments(points);
    for (const [ax, ay, bx, by] of segs) assert.ok(Math.hypot(bx - ax, by - ay) * SCALE <= 4 + 1e-9);
    for (let i = 1; i < segs.length; i++) {
      const [ax, ay, bx, by] = segs[i - 1], [, , cx, cy] = segs[i];
      const a1 = Math.atan2(by - ay, bx - ax), a2 = Math.atan2(cy - by, cx - bx);
      let d = Math.abs(a2 - a1);
      if (d > Math.PI) d = 2 * Math.PI - d;
      assert.ok(d <= (5 * Math.PI) / 180 + 1e-9, `turn ${(d * 180) / Math.PI}° at segment ${i}`);
    }
    // Every point is on the circle, and the polyline closes.
    for (let i = 0; i < points.length; i += 2) assert.ok(Math.abs(Math.hypot(points[i], points[i + 1]) - 1) < 1e-12);
    assert.ok(Math.hypot(points[0] - points[points.length - 2], points[1] - points[points.length - 1]) < 1e-12);
  });

  it('stops at the edge of where the curve is defined, without a chord into the gap', () => {
    const c: Curve = (t, o) => { o[0] = t; o[1] = Math.sqrt(t); };
    const { points } = sampleCurve(c, -1, 1, { scale: SCALE });
    const xs = Array.from(points).filter((_, i) => i % 2 === 0).filter(Number.isFinite);
    assert.ok(Math.min(...xs) >= 0);
    assert.ok(Math.min(...xs) < 1e-6, `the piece starts at the edge (x = ${Math.min(...xs)})`);
    assert.equal(pieces(points).length, 1);
  });

  it('breaks at a jump instead of drawing a chord across it', () => {
    const c: Curve = (t, o) => { o[0] = t; o[1] = t < 0.3 ? 0 : 1; };
    const { points } = sampleCurve(c, -1, 1, { scale: SCALE });
    assert.equal(pieces(points).length, 2);
    for (const [, ay, , by] of segments(points)) assert.equal(ay, by, 'no segment joins the two levels');
  });

  it('breaks at poles (1/t, tan t)', () => {
    const inv: Curve = (t, o) => { o[0] = t; o[1] = 1 / t; };
    const r1 = sampleCurve(inv, -1, 1, { scale: SCALE, clip: { x0: -2, x1: 2, y0: -3, y1: 3 } });
    assert.equal(pieces(r1.points).length, 2);
    for (const [ax, , bx] of segments(r1.points)) assert.ok(Math.sign(ax) === Math.sign(bx) || ax === 0 || bx === 0, 'no segment crosses t = 0');
    const tan: Curve = (t, o) => { o[0] = t; o[1] = Math.tan(t); };
    const r2 = sampleCurve(tan, -3, 3, { scale: SCALE, clip: { x0: -4, x1: 4, y0: -5, y1: 5 } });
    assert.equal(pieces(r2.points).length, 3, 'two poles, three pieces');
  });

  it('does not refine what lies outside the view', () => {
    const far: Curve = (t, o) => { o[0] = t; o[1] = 50 * Math.sin(t); };
    const clipped = sampleCurve(far, 0, 10, { scale: SCALE, clip: { x0: -1, x1: 1, y0: -1, y1: 1 } });
    const full = sampleCurve(far, 0, 10, { scale: SCALE });
    assert.ok(clipped.evaluations * 20 < full.evaluations, `${clipped.evaluations} vs ${full.evaluations}`);
  });

  it('draws a straight segment with steps of at most a few pixels', () => {
    const c: Curve = (t, o) => { o[0] = 2 * t; o[1] = 1; };
    const { points } = sampleCurve(c, 0, 1, { scale: SCALE, maxStepPx: 4 });
    const segs = segments(points);
    assert.ok(segs.length >= 50 && segs.length <= 64, `${segs.length} segments for 200 px`);
  });
});

describe('the fold contour', () => {
  it('finds det J = 2y = 0 on the line y = 0', () => {
    const g = (_u: number, v: number) => 2 * v;
    const segs = zeroSegments(sampleLattice(g, 40, 40, -2, 2, -2, 2), g);
    assert.ok(segs.length >= 4 * 40);
    for (let i = 1; i < segs.length; i += 2) assert.ok(Math.abs(segs[i]) < 1e-12);
    const xs = Array.from(segs).filter((_, i) => i % 2 === 0);
    assert.ok(Math.min(...xs) <= -1.99 && Math.max(...xs) >= 1.99);
  });

  it('finds a circle, and does not mistake a pole for a fold', () => {
    const g = (u: number, v: number) => u * u + v * v - 1;
    const segs = zeroSegments(sampleLattice(g, 60, 60, -2, 2, -2, 2), g);
    for (let i = 0; i < segs.length; i += 2) assert.ok(Math.abs(Math.hypot(segs[i], segs[i + 1]) - 1) < 0.01);
    const pole = (u: number) => 1 / u;
    assert.equal(zeroSegments(sampleLattice(pole, 41, 41, -2, 2, -2, 2), pole).length, 0);
  });
});
