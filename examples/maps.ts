// Maps in code: Jacobian Lens reads these functions (it never runs them) and shows J and
// det J on hover, a CodeLens and the preview, as for the maps of a note. The other code
// (imports, the class with state, async work, callbacks) is left alone.
import { readFile } from 'node:fs/promises';

/** The networks of a coupling layer: unknown functions, so det J holds for any s and t. */
declare function s(u: number): number;
declare function t(u: number): number;

type Vec2 = [number, number];
interface Point { x: number; y: number }

const TWIST = 0.8;

/**
 * Polar coordinates.
 * @transform domain r in [0.1, 2], theta in [-pi, pi]
 */
export function polar(r: number, theta: number): Vec2 {
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

/** A swirl: rotation by an angle that grows with the radius (det J = 1). */
export const swirl = (x: number, y: number) => {
  const angle = TWIST * Math.hypot(x, y) ** 2;
  const c = Math.cos(angle), sn = Math.sin(angle);
  return { u: c * x - sn * y, v: sn * x + c * y };
};

/** A shear of points: one object parameter, an object return (det J = 1). */
export const shearPoint = ({ x, y }: Point): Point => ({ x: x + 0.5 * y, y });

/** A RealNVP affine coupling layer: det J = exp(s(z1)). */
export const coupling = ([z1, z2]: Vec2) => [z1, z2 * Math.exp(s(z1)) + t(z1)];

function softplus(u: number): number {
  return Math.log(1 + Math.exp(u));
}

/** Elementwise softplus after a shear: a same-file helper, inlined. */
export function softShear(x: number, y: number) {
  return [softplus(x + 0.5 * y), softplus(y)];
}

/**
 * One variable needs the tag.
 * @transform domain x in [-1, 1]
 */
export function cube(x: number): number {
  return x ** 3 + x;
}

export class Camera {
  private zoom = 1;
  /** Uses `this` (state): not a map of its parameters. */
  project(x: number, y: number): Vec2 {
    return [this.zoom * x, this.zoom * y];
  }
  /** A pure static method is a map. */
  static henon(x: number, y: number): Vec2 {
    return [1 - 1.4 * x ** 2 + y, 0.3 * x];
  }
}

/** Looks like a map, but the loop is not analysed: a diagnostic says so. */
export function iterate(x: number, y: number): Vec2 {
  let p: Vec2 = [x, y];
  for (let i = 0; i < 3; i++) p = Camera.henon(p[0], p[1]);
  return [p[0] + 0, p[1] * 1];
}

export async function loadPoints(file: string): Promise<Vec2[]> {
  return JSON.parse(await readFile(file, 'utf8')) as Vec2[];
}

export const doubled = [1, 2, 3].map((v, i) => [v * 2, i]);
