/**
 * Records of a box: layout code that turns one description of an axis-aligned rectangle into
 * another (`bbox(x, y, w, h)` -> `{ left, top, right, bottom }`, `inset(left, top, right, bottom)`,
 * `rectFromCenter(cx, cy, w, h)` -> `{ x, y, width, height }`). Such a function returns as many
 * numbers as it takes, and affinely, but its inputs are not the coordinates of one point: they
 * are a position and a size, or the edges of a box. A careful reader calls it bookkeeping, not a
 * change of coordinates, so it is no map (and gets no diagnostic).
 *
 * The rule reads the names the code gives and the formulas it computes, both:
 * - the variables or the outputs name the parts of a box: a width and a height (`w` and `h`
 *   together, or names ending in width / height), or at least two edges (left, top, right,
 *   bottom; west, south, east, north), or a least and a greatest bound (`minX` and `maxX`,
 *   `xmin` and `ymax`);
 * - every component is affine in the variables (J is constant): layout adds, subtracts and scales.
 * A single `w` is no width (the fourth homogeneous coordinate of `(x, y, z, w)`), and a map that
 * computes beyond the affine (`(lat, lon, height)` -> ECEF, `toPolar({ x, y })` -> `{ r, theta }`)
 * stays a map whatever its names.
 */
import { Expr, someExpr } from '../../math/expr';
import { diff } from '../../math/diff';

const EDGES = new Set(['left', 'top', 'right', 'bottom', 'west', 'south', 'east', 'north']);
const EXTENT = /(?:width|height)$/i;
const LEAST = /^(?:min_?[xyz]|[xyz]_?min)$/i;
const GREATEST = /^(?:max_?[xyz]|[xyz]_?max)$/i;

/** Whether these names are the parts of a box: a width and a height, two edges, or a least and a greatest bound. */
export function namesABox(names: readonly string[]): boolean {
  const lower = names.map((n) => n.toLowerCase());
  if (lower.includes('w') && lower.includes('h')) return true;
  if (names.some((n) => EXTENT.test(n))) return true;
  if (lower.filter((n) => EDGES.has(n)).length >= 2) return true;
  return names.some((n) => LEAST.test(n)) && names.some((n) => GREATEST.test(n));
}

/** Whether every component is affine in the variables: its derivatives contain none of them. */
export function affineIn(components: readonly Expr[], variables: readonly string[]): boolean {
  const vars = new Set(variables);
  const hasVariable = (e: Expr) => someExpr(e, (x) => x.k === 'sym' && vars.has(x.name));
  return components.every((c) => !hasVariable(c) || variables.every((v) => !hasVariable(diff(c, v))));
}

/**
 * A record of a box (see the module's comment): the variables or the outputs name its parts
 * and every component is affine. A piecewise function is read by its pieces together.
 */
export function boxRecord(variables: readonly string[], outputs: readonly string[] | undefined, components: readonly Expr[], pieces: ReadonlyArray<{ readonly components: readonly Expr[] }> = []): boolean {
  if (!namesABox(variables) && !(outputs && namesABox(outputs))) return false;
  return [components, ...pieces.map((p) => p.components)].every((cs) => affineIn(cs, variables));
}
