/**
 * The zero set of a function on a rectangle (marching squares), for the fold curve
 * det J = 0. A sign change across a pole (det J jumping from +big to -big) is not a zero:
 * each crossing is confirmed by evaluating the function at the interpolated point.
 */

export interface Lattice {
  /** Values at (nu + 1) × (nv + 1) nodes, row by row: value(i, j) = values[j * (nu + 1) + i]. */
  readonly values: Float64Array;
  readonly nu: number;
  readonly nv: number;
  readonly u0: number; readonly u1: number;
  readonly v0: number; readonly v1: number;
}

export function sampleLattice(g: (u: number, v: number) => number, nu: number, nv: number, u0: number, u1: number, v0: number, v1: number): Lattice {
  const values = new Float64Array((nu + 1) * (nv + 1));
  for (let j = 0; j <= nv; j++) {
    const v = v0 + ((v1 - v0) * j) / nv;
    for (let i = 0; i <= nu; i++) values[j * (nu + 1) + i] = g(u0 + ((u1 - u0) * i) / nu, v);
  }
  return { values, nu, nv, u0, u1, v0, v1 };
}

/**
 * Segments of g = 0: (u, v, u', v') quadruples. `g` confirms crossings: at the interpolated
 * point |g| must be well below the values on either side.
 */
export function zeroSegments(L: Lattice, g: (u: number, v: number) => number): Float64Array {
  const { values, nu, nv, u0, u1, v0, v1 } = L;
  const du = (u1 - u0) / nu, dv = (v1 - v0) / nv;
  const out: number[] = [];
  const val = (i: number, j: number) => values[j * (nu + 1) + i];
  // A crossing on the edge between nodes (ua, va, a) and (ub, vb, b), or null.
  const cross = (ua: number, va: number, a: number, ub: number, vb: number, b: number): [number, number] | null => {
    if (!((a < 0 && b >= 0) || (a >= 0 && b < 0))) return null;
    if (a === 0 && b === 0) return null;
    const s = a / (a - b);
    const u = ua + s * (ub - ua), v = va + s * (vb - va);
    const m = g(u, v);
    if (!Number.isFinite(m) || Math.abs(m) > 0.5 * Math.max(Math.abs(a), Math.abs(b))) return null;
    return [u, v];
  };
  for (let j = 0; j < nv; j++) {
    const va = v0 + j * dv, vb = va + dv;
    for (let i = 0; i < nu; i++) {
      const ua = u0 + i * du, ub = ua + du;
      const a = val(i, j), b = val(i + 1, j), c = val(i + 1, j + 1), d = val(i, j + 1);
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const pts: Array<[number, number]> = [];
      const e0 = cross(ua, va, a, ub, va, b); // bottom
      const e1 = cross(ub, va, b, ub, vb, c); // right
      const e2 = cross(ub, vb, c, ua, vb, d); // top
      const e3 = cross(ua, vb, d, ua, va, a); // left
      for (const e of [e0, e1, e2, e3]) if (e) pts.push(e);
      if (pts.length === 2) out.push(pts[0][0], pts[0][1], pts[1][0], pts[1][1]);
      else if (pts.length === 4) {
        // Saddle: decide by the centre value which pairs belong together.
        const centre = g(ua + du / 2, va + dv / 2);
        const aSide = centre >= 0 === a >= 0;
        if (aSide) out.push(e0![0], e0![1], e1![0], e1![1], e2![0], e2![1], e3![0], e3![1]);
        else out.push(e0![0], e0![1], e3![0], e3![1], e1![0], e1![1], e2![0], e2![1]);
      }
    }
  }
  return Float64Array.from(out);
}
