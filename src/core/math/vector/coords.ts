/**
 * A vector map written out at its sizes: one coordinate per entry of each vector variable
 * (x1 … xn), given entries where the note gives them, one symbol per entry elsewhere
 * (u_1, W_1_2). With a symbolic size, the instance with every size 1 (each name its own
 * only entry): what the scalar engine and the preview evaluate.
 */
import { Expr, sym } from '../expr';
import type { Elaborated, MatrixFunction } from './elaborate';
import { Instance, instantiate } from './instance';
import { mainDim } from './verify';
import type { T } from './typed';

export interface Coordinates {
  /** The Transform's variables, and for each the vector variable it is an entry of. */
  readonly variables: string[];
  readonly owner: string[];
  /** LaTeX of coordinates and entries (x1 -> x_{1}, W_1_2 -> W_{12}). */
  readonly display: Record<string, string>;
  /** The input's size, or null when symbolic (the instance has every size 1). */
  readonly size: number | null;
  /** Any number or vector of the map, written out in these coordinates. */
  readonly expand: (t: T) => Expr[];
}

export function coordinates(
  el: Elaborated, values: ReadonlyMap<string, readonly (readonly Expr[])[]>, matrixFunctions: ReadonlyMap<string, MatrixFunction>,
  base: (name: string) => string = (n) => n,
): Coordinates {
  const dim = mainDim(el);
  const display: Record<string, string> = {};
  const plain = (name: string) => base(name).replace(/^\\(?:mathbf|boldsymbol|bm|vec|mathbfit|pmb)\{(.*)\}$/, '$1');
  const variables: string[] = [];
  const owner: string[] = [];
  let inst: Instance;
  if (typeof dim !== 'number') {
    for (const v of el.variables) { variables.push(v.name); owner.push(v.name); }
    inst = { size: () => 1, entries: (name) => [[sym(name)]], matrixFunctions };
  } else {
    const coords = new Map<string, Expr[][]>();
    for (const v of el.variables) {
      if (v.s.k !== 'vector') { variables.push(v.name); owner.push(v.name); continue; }
      const rows: Expr[][] = [];
      for (let i = 1; i <= dim; i++) {
        const c = `${v.name}${i}`;
        variables.push(c);
        owner.push(v.name);
        display[c] = `${plain(v.name)}_{${i}}`;
        rows.push([sym(c)]);
      }
      coords.set(v.name, rows);
    }
    const entries = (name: string, r: number, c: number): Expr[][] => {
      const hit = coords.get(name) ?? values.get(name);
      if (hit) return hit.map((row) => [...row]);
      return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => {
        const id = c === 1 ? `${name}_${i + 1}` : `${name}_${i + 1}_${j + 1}`;
        display[id] = c === 1 ? `${plain(name)}_{${i + 1}}` : `${plain(name)}_{${i + 1}${j + 1}}`;
        return sym(id);
      }));
    };
    inst = { size: (d) => { const x = el.dims.resolve(d); return typeof x === 'number' ? x : dim; }, entries, matrixFunctions };
  }
  const expand = (t: T): Expr[] => {
    const v = instantiate(t, inst);
    return v.k === 's' ? [v.e] : v.rows.map((r) => r[0]);
  };
  return { variables, owner, display, size: typeof dim === 'number' ? dim : null, expand };
}
