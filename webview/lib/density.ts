/**
 * Small numeric pieces of the density view: filling a triangle of a raster with a density
 * value, and the standard normal's mass of a box.
 */
import { erf } from '../../src/core/math/functions';

/**
 * Add `value` × (covered fraction) to each pixel of `data` (W × H, row by row) that the
 * triangle (ax, ay), (bx, by), (cx, cy) overlaps, in pixel coordinates. The fraction is
 * exact (the triangle clipped to the pixel's square), so thin or tiny triangles leave no
 * holes and lose no mass. Returns the triangle's area in pixels.
 */
export function rasterizeTriangle(data: Float32Array, W: number, H: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number, value: number): number {
  const area = Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / 2;
  if (!(area > 0)) return 0;
  const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx))), maxX = Math.min(W - 1, Math.floor(Math.max(ax, bx, cx)));
  const minY = Math.max(0, Math.floor(Math.min(ay, by, cy))), maxY = Math.min(H - 1, Math.floor(Math.max(ay, by, cy)));
  if (minX > maxX || minY > maxY) return area;
  const tri = [ax, ay, bx, by, cx, cy];
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const a = clippedArea(tri, x, y, x + 1, y + 1);
      if (a > 0) data[y * W + x] += value * a;
    }
  }
  return area;
}

/** Area of the polygon `poly` (x, y pairs) clipped to the box [x0, x1] × [y0, y1] (Sutherland–Hodgman). */
export function clippedArea(poly: readonly number[], x0: number, y0: number, x1: number, y1: number): number {
  let pts = poly;
  const clip = (inside: (x: number, y: number) => boolean, cut: (ax: number, ay: number, bx: number, by: number) => [number, number]) => {
    const out: number[] = [];
    const m = pts.length / 2;
    for (let i = 0; i < m; i++) {
      const ax = pts[2 * i], ay = pts[2 * i + 1];
      const j = (i + 1) % m;
      const bx = pts[2 * j], by = pts[2 * j + 1];
      const ia = inside(ax, ay), ib = inside(bx, by);
      if (ia) out.push(ax, ay);
      if (ia !== ib) out.push(...cut(ax, ay, bx, by));
    }
    pts = out;
  };
  const atX = (X: number) => (ax: number, ay: number, bx: number, by: number): [number, number] => [X, ay + ((by - ay) * (X - ax)) / (bx - ax)];
  const atY = (Y: number) => (ax: number, ay: number, bx: number, by: number): [number, number] => [ax + ((bx - ax) * (Y - ay)) / (by - ay), Y];
  clip((x) => x >= x0, atX(x0));
  if (pts.length < 6) return 0;
  clip((x) => x <= x1, atX(x1));
  if (pts.length < 6) return 0;
  clip((_, y) => y >= y0, atY(y0));
  if (pts.length < 6) return 0;
  clip((_, y) => y <= y1, atY(y1));
  if (pts.length < 6) return 0;
  let a = 0;
  const m = pts.length / 2;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    a += pts[2 * i] * pts[2 * j + 1] - pts[2 * j] * pts[2 * i + 1];
  }
  return Math.abs(a) / 2;
}

/** Φ, the standard normal's distribution function. */
export const normalCdf = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));

/** The N(0, I) mass of a box ∏ [lo_i, hi_i]. */
export function normalMassOfBox(box: ReadonlyArray<readonly [number, number]>): number {
  let m = 1;
  for (const [lo, hi] of box) m *= normalCdf(hi) - normalCdf(lo);
  return m;
}

/** The standard normal density in one dimension. */
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
