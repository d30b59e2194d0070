/**
 * Structure from the Jacobian's zero pattern: a perfect matching of components to
 * variables, then strongly connected components give the diagonal blocks of a block
 * triangular form. det J = sign(matching) * product of the blocks' determinants.
 */

export type StructureKind = 'linear' | 'diagonal' | 'triangular' | 'coupling' | 'general';

export interface Block {
  /** Component (row) indices and, in corresponding order, the variable (column) indices. */
  readonly rows: readonly number[];
  readonly cols: readonly number[];
}

export interface BlockForm {
  /** null when no perfect matching exists: det J = 0 identically (structurally singular). */
  readonly blocks: readonly Block[] | null;
  /** Sign of the matching permutation (rows -> cols). */
  readonly sign: 1 | -1;
}

/** Maximum bipartite matching rows -> cols (Kuhn's augmenting paths). */
function perfectMatching(nz: readonly (readonly boolean[])[]): number[] | null {
  const n = nz.length;
  const colOf = new Array<number>(n).fill(-1);
  const rowOf = new Array<number>(n).fill(-1);
  const tryRow = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < n; j++) {
      if (!nz[i][j] || seen[j]) continue;
      seen[j] = true;
      if (rowOf[j] < 0 || tryRow(rowOf[j], seen)) { rowOf[j] = i; colOf[i] = j; return true; }
    }
    return false;
  };
  // Prefer the diagonal, so that an already triangular map keeps its own order.
  for (let i = 0; i < n; i++) if (nz[i][i]) { colOf[i] = i; rowOf[i] = i; }
  for (let i = 0; i < n; i++) {
    if (colOf[i] >= 0) continue;
    if (!tryRow(i, new Array<boolean>(n).fill(false))) return null;
  }
  return colOf;
}

function permutationSign(p: readonly number[]): 1 | -1 {
  const seen = new Array<boolean>(p.length).fill(false);
  let sign = 1;
  for (let i = 0; i < p.length; i++) {
    if (seen[i]) continue;
    let len = 0;
    for (let j = i; !seen[j]; j = p[j]) { seen[j] = true; len++; }
    if (len % 2 === 0) sign = -sign;
  }
  return sign as 1 | -1;
}

/** Tarjan's SCCs; returned in topological order (a block only depends on earlier blocks). */
function stronglyConnected(adj: readonly number[][]): number[][] {
  const n = adj.length;
  const index = new Array<number>(n).fill(-1), low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false), stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v); onStack[v] = true;
    for (const w of adj[v]) {
      if (index[w] < 0) { visit(w); low[v] = Math.min(low[v], low[w]); }
      else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do { w = stack.pop()!; onStack[w] = false; comp.push(w); } while (w !== v);
      out.push(comp.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < n; v++) if (index[v] < 0) visit(v);
  // Tarjan emits sink components first; with edges "row depends on row", sinks come first,
  // which is already an order in which each block depends only on earlier ones.
  return out;
}

export function blockForm(nz: readonly (readonly boolean[])[]): BlockForm {
  const sigma = perfectMatching(nz);
  if (!sigma) return { blocks: null, sign: 1 };
  const n = nz.length;
  // Row i depends on row k when it uses the variable matched to row k.
  const adj = Array.from({ length: n }, (_, i) => {
    const out: number[] = [];
    for (let k = 0; k < n; k++) if (k !== i && nz[i][sigma[k]]) out.push(k);
    return out;
  });
  const blocks = stronglyConnected(adj).map((rows) => ({ rows, cols: rows.map((r) => sigma[r]) }));
  return { blocks, sign: permutationSign(sigma) };
}

export interface StructureInput {
  /** nz[i][j]: J[i][j] is not identically zero. */
  readonly nz: readonly (readonly boolean[])[];
  /** deps[i][j]: the variables (indices) that J[i][j] depends on. */
  readonly deps: readonly (readonly (readonly number[])[])[];
  /** identity[i]: component i is exactly variable i. */
  readonly identity: readonly boolean[];
}

/**
 * linear: J constant. diagonal: J diagonal. coupling: some components pass their variable
 * through unchanged (z_A) and each other component is affine in its own variable with a
 * slope and offset that depend on z_A only. triangular: block form with 1x1 blocks only.
 */
export function classify(s: StructureInput, form: BlockForm): StructureKind {
  const n = s.nz.length;
  const all = (f: (i: number, j: number) => boolean) => s.nz.every((row, i) => row.every((_, j) => f(i, j)));
  if (all((i, j) => !s.nz[i][j] || s.deps[i][j].length === 0)) return 'linear';
  if (all((i, j) => i === j || !s.nz[i][j])) return 'diagonal';
  const A = [...Array(n).keys()].filter((i) => s.identity[i]);
  if (A.length > 0 && A.length < n) {
    const B = [...Array(n).keys()].filter((i) => !s.identity[i]);
    const inB = new Set(B);
    const ok = B.every((i) => B.every((j) => (j === i ? s.nz[i][i] && s.deps[i][i].every((v) => !inB.has(v)) : !s.nz[i][j])));
    if (ok) return 'coupling';
  }
  if (form.blocks && form.blocks.every((b) => b.rows.length === 1)) return 'triangular';
  return 'general';
}
