/**
 * Elaboration: a vector map written as `Expr` (typed.ts's vocabulary) + what the note says
 * about its names -> the typed tree, with every size unified.
 *
 * Shapes come from declarations (bold names, given entries, `x in R^n`) and are inferred
 * from use, as a reader does:
 *   - w^T, w' (a transposed name): w is a vector (a capital: a matrix);
 *   - a name added to a vector, or the one name without a shape in a product added to one
 *     (z + u tanh(…)): a vector of that size; a name inside ‖…‖: a vector;
 *   - a name right after a matrix or a row (W x, w^T z): a vector (a capital: a matrix);
 *     a capital right before a vector (H z): a matrix;
 *   - a map's variable whose formula is a vector: a vector of that size.
 * The passes repeat until nothing new is learnt (each only adds shapes, so this ends).
 * Sizes: a vector without given entries has a size variable; W x unifies W's columns with
 * x's entries, and a map's output with its input. Mismatches are errors in words.
 */
import { CONSTANTS, Expr } from '../expr';
import type { MatrixKind, VectorSpec } from '../../model';
import { FUNCTIONS, isKnownFunction } from '../functions';
import { Dim, Dims, SCALAR, Shape, dimsOf, matrixOf, rowOf, shapeText, transposeShape, vectorOf } from './shape';
import { T, tr } from './typed';

/** A declared shape; sizes are numbers, or names the note uses for them (n, D, M), or unknown. */
export type Declared =
  | { readonly k: 'scalar' }
  | { readonly k: 'vector'; readonly n?: number | string }
  | { readonly k: 'matrix'; readonly r?: number | string; readonly c?: number | string };

export interface MatrixFunction {
  readonly params: readonly string[];
  /** Entries in terms of the parameters (rows). */
  readonly rows: readonly (readonly Expr[])[];
}

export interface VectorEnv {
  /** Names written as vectors or matrices (bold, declared), sizes when known. */
  readonly declared?: ReadonlyMap<string, Declared>;
  /** Given entries: rows of a matrix; a vector is one column (n rows of one entry). */
  readonly values?: ReadonlyMap<string, readonly (readonly Expr[])[]>;
  /** Names known to be numbers (parameters with values, scalar variables). */
  readonly scalars?: ReadonlySet<string>;
  /** Matrix-valued functions the note defines, R(θ) = (…). */
  readonly matrixFunctions?: ReadonlyMap<string, MatrixFunction>;
  /** The identity's name when the note gives it no other meaning (default I). */
  readonly identity?: string;
  /**
   * A capital letter right before a map's own variable is a matrix (z' = H z): for
   * single-equation maps in notes, where capitals name matrices by convention.
   */
  readonly capitalsAreMatrices?: boolean;
  /** What kind of matrix a name is (a rotation, a permutation, unit lower triangular, …). */
  readonly kinds?: ReadonlyMap<string, MatrixKind>;
  /** A number added to a vector adds to every entry (formulas the engine builds: a + d_i). */
  readonly broadcast?: boolean;
  /** Return the tree even when nothing in it is a vector (re-reading a closed form). */
  readonly keepScalar?: boolean;
}

/** Shapes and sizes already known (re-reading a closed form of a map read before). */
export interface Known {
  readonly dims: Dims;
  readonly shapes: ReadonlyMap<string, Shape>;
}

export class ElaborationError extends Error {}

/** A Transform's VectorSpec (plain records, JSON-able) as the engine's maps. */
export function specEnv(spec: Omit<VectorSpec, 'size'>): VectorEnv {
  return {
    declared: new Map(Object.entries(spec.declared ?? {})),
    values: new Map(Object.entries(spec.values ?? {}).map(([k, v]) => [k, v.map((r) => [...r])])),
    scalars: new Set(spec.scalars ?? []),
    matrixFunctions: new Map(Object.entries(spec.matrixFunctions ?? {}).map(([k, v]) => [k, { params: [...v.params], rows: v.rows.map((r) => [...r]) }])),
    kinds: new Map(Object.entries(spec.kinds ?? {})),
    capitalsAreMatrices: spec.capitalsAreMatrices,
  };
}

export interface Elaborated {
  readonly variables: ReadonlyArray<{ readonly name: string; readonly s: Shape }>;
  readonly components: readonly T[];
  /** Every non-scalar name and its shape (sizes resolved: numbers or size variables). */
  readonly shapes: ReadonlyMap<string, Shape>;
  readonly dims: Dims;
  /** Size variable -> its name in texts (n for the input, then m, k, …). */
  readonly dimNames: ReadonlyMap<string, string>;
  /** Names whose shape was inferred, with the reason (for the report's `assumed`). */
  readonly inferred: ReadonlyArray<{ readonly name: string; readonly why: string }>;
  readonly identity: string;
  readonly kinds: ReadonlyMap<string, MatrixKind>;
}

/** Superscripts that mean a transpose: w^T, w^\top, w^\intercal. */
const TRANSPOSE_MARKS = new Set(['T', 'top', 'intercal']);
const isCapital = (name: string) => /^[A-Z]/.test(name);

/**
 * Read a vector map. Returns null when nothing in it is a vector or a matrix (the scalar
 * engine reads it); throws ElaborationError on a size mismatch or a misuse.
 */
export function elaborate(variables: readonly string[], components: readonly Expr[], env: VectorEnv = {}, known?: Known): Elaborated | null {
  const dims = known?.dims ?? new Dims();
  const guesses = new Map<string, { s: Shape; why: string }>();
  const declared = new Map<string, Shape>(known?.shapes ?? []);
  // sizes named in the note: one size variable per name
  const named = new Map<string, string>();
  const sizeOf = (d: number | string | undefined): Dim => {
    if (typeof d === 'number') return d;
    if (d === undefined) return dims.fresh();
    let v = named.get(d);
    if (!v) { v = dims.fresh(); named.set(d, v); }
    return v;
  };
  const unsized: string[] = [];
  for (const name of env.kinds?.keys() ?? []) if (!env.declared?.has(name) && !env.values?.has(name)) declared.set(name, matrixOf(dims.fresh(), dims.fresh()));
  for (const name of env.kinds?.keys() ?? []) if (!env.declared?.has(name) && !env.values?.has(name)) unsized.push(name);
  for (const [name, d] of env.declared ?? []) {
    if (d.k === 'vector') declared.set(name, vectorOf(sizeOf(d.n)));
    else if (d.k === 'matrix') {
      declared.set(name, matrixOf(sizeOf(d.r), sizeOf(d.c)));
      if (d.r === undefined && d.c === undefined) unsized.push(name);
    }
  }
  for (const [name, rows] of env.values ?? []) {
    const r = rows.length, c = rows[0]?.length ?? 0;
    // a given column is a vector unless declared a matrix
    if (env.declared?.get(name)?.k !== 'matrix' && c === 1) declared.set(name, vectorOf(r));
    else declared.set(name, matrixOf(r, c));
  }
  let last: Pass | null = null;
  for (let round = 0; round < 12; round++) {
    const pass = new Pass(env, dims, declared, guesses, variables);
    pass.run(components);
    last = pass;
    if (!pass.learnt) break;
  }
  const pass = last!;
  if (pass.errors.length) throw new ElaborationError(pass.errors[0]);
  // a matrix written without its size is square (P L U x: each factor n×n)
  for (const name of [...unsized, ...[...guesses].filter(([, g]) => g.s.k === 'matrix').map(([k]) => k)]) {
    const sh = declared.get(name) ?? guesses.get(name)?.s;
    if (sh?.k === 'matrix') dims.unify(sh.r, sh.c);
  }
  const shapes = new Map<string, Shape>();
  for (const [k, s] of declared) shapes.set(k, dims.shape(s));
  for (const [k, g] of guesses) shapes.set(k, dims.shape(g.s));
  const vars = variables.map((name, i) => ({ name, s: dims.shape(pass.varShape(name, pass.typed[i])) }));
  if (!env.keepScalar && !vars.some((v) => v.s.k !== 'scalar') && !pass.typed.some((t) => usesNonScalar(t))) return null;
  for (const v of vars) {
    if (v.s.k !== 'vector' && v.s.k !== 'scalar') throw new ElaborationError(`${v.name} is ${shapeText(v.s)}: a map's variables are numbers or vectors`);
  }
  // size names: the input's first (n), then the others in order of appearance
  const dimNames = new Map<string, string>();
  for (const [name, v] of named) { const x = dims.resolve(v); if (typeof x === 'string' && !dimNames.has(x)) dimNames.set(x, name); }
  const letters = ['n', 'm', 'k', 'p', 'q', 'r'].filter((l) => ![...dimNames.values()].includes(l));
  let next = 0;
  const nameDim = (d: Dim) => {
    const x = dims.resolve(d);
    if (typeof x === 'string' && !dimNames.has(x)) dimNames.set(x, letters[next++] ?? `n${next}`);
  };
  for (const v of vars) if (v.s.k === 'vector') nameDim(v.s.n);
  for (const s of shapes.values()) for (const d of dimsOf(s)) nameDim(d);
  const inferred = [...guesses].map(([name, g]) => ({ name, why: g.why }));
  return {
    variables: vars, components: pass.typed.map((t) => resolveShapes(t, dims)), shapes, dims, dimNames, inferred,
    identity: env.identity ?? 'I', kinds: env.kinds ?? new Map(),
  };
}

function usesNonScalar(t: T): boolean {
  if (t.s.k !== 'scalar' || t.op === 'norm' || t.op === 'red') return true;
  switch (t.op) {
    case 'add': case 'mul': case 'had': case 'call': return t.args.some(usesNonScalar);
    case 'pow': return usesNonScalar(t.base) || usesNonScalar(t.exp);
    case 'neg': case 'tr': case 'diag': return usesNonScalar(t.a);
    default: return false;
  }
}

/** The same tree with every size resolved (numbers or class representatives). */
export function resolveShapes(t: T, dims: Dims): T {
  const s = dims.shape(t.s);
  const r = (x: T) => resolveShapes(x, dims);
  switch (t.op) {
    case 'num': case 'sym': case 'eye': return { ...t, s };
    case 'add': case 'mul': case 'had': return { ...t, args: t.args.map(r), s };
    case 'call': return { ...t, args: t.args.map(r), s };
    case 'pow': return { ...t, base: r(t.base), exp: r(t.exp), s };
    case 'neg': case 'tr': case 'norm': case 'diag': case 'red': return { ...t, a: r(t.a), s };
  }
}

class Pass {
  readonly errors: string[] = [];
  learnt = false;
  typed: T[] = [];
  private readonly varSet: ReadonlySet<string>;

  constructor(
    private readonly env: VectorEnv,
    private readonly dims: Dims,
    private readonly declared: ReadonlyMap<string, Shape>,
    private readonly guesses: Map<string, { s: Shape; why: string }>,
    private readonly variables: readonly string[],
  ) {
    this.varSet = new Set(variables);
  }

  run(components: readonly Expr[]): void {
    this.typed = components.map((c) => this.infer(c));
    // a variable and its formula have one shape (R^n -> R^n)
    this.variables.forEach((v, i) => {
      const c = this.typed[i];
      const vs = this.shapeOf(v);
      if (!vs) {
        if (c.s.k === 'vector') this.guess(v, vectorOf(c.s.n), `its formula is a vector`);
        return;
      }
      if (vs.k === 'vector' && c.s.k === 'scalar') {
        if (!this.upgrade(c, vs, `it is added to the vector ${v}`)) this.errors.push(`the formula for ${v} is a number, but ${v} is a vector`);
        return;
      }
      if (c.s.k === 'matrix') { this.errors.push(`the formula for ${v} is ${shapeText(c.s)}, not a vector`); return; }
      if (vs.k === 'vector' && c.s.k === 'vector' && !this.dims.unify(vs.n, c.s.n)) {
        this.errors.push(`${v} has ${this.dims.resolve(vs.n)} entries but its formula has ${this.dims.resolve(c.s.n)}: a map R^n -> R^n needs as many outputs as inputs`);
      }
    });
  }

  varShape(v: string, c: T): Shape {
    return this.shapeOf(v) ?? (c.s.k === 'vector' ? c.s : SCALAR);
  }

  /** The shape of a name that has one (declared, given or inferred), else undefined. */
  private shapeOf(name: string): Shape | undefined {
    return this.declared.get(name) ?? this.guesses.get(name)?.s;
  }

  private isScalarName(name: string): boolean {
    return !!this.env.scalars?.has(name) || name in CONSTANTS;
  }

  /** A name with no shape yet that may still become a vector or a matrix. */
  private free(t: T): t is Extract<T, { op: 'sym' }> {
    return t.op === 'sym' && t.s.k === 'scalar' && !this.isScalarName(t.name) && !this.shapeOf(t.name);
  }

  private guess(name: string, s: Shape, why: string): void {
    if (this.shapeOf(name) || this.isScalarName(name)) return;
    this.guesses.set(name, { s, why });
    this.learnt = true;
  }

  /** Make `t` (a number so far) take the shape `target` by giving one free name that shape. */
  private upgrade(t: T, target: Shape, why: string): boolean {
    if (target.k !== 'vector' && target.k !== 'matrix') return false;
    if (this.free(t)) {
      const s = target.k === 'vector' ? vectorOf(target.n) : target.k === 'matrix' ? matrixOf(target.r, target.c) : target;
      this.guess(t.name, s, why);
      return true;
    }
    switch (t.op) {
      case 'neg': return this.upgrade(t.a, target, why);
      case 'add': return t.args.map((a) => this.upgrade(a, target, why)).some(Boolean);
      case 'mul': {
        const free = t.args.filter((a) => this.free(a));
        if (free.length === 1 && t.args.every((a) => a.s.k === 'scalar')) return this.upgrade(free[0], target, why);
        return false;
      }
      default: return false;
    }
  }

  private symbol(name: string): T {
    const s = this.shapeOf(name);
    if (!s) return { op: 'sym', name, s: SCALAR };
    const identity = this.env.identity ?? 'I';
    if (name === identity && !this.declared.has(name) && s.k === 'matrix') return { op: 'eye', name, s };
    return { op: 'sym', name, s };
  }

  infer(e: Expr): T {
    switch (e.k) {
      case 'num': return { op: 'num', v: e.v, s: SCALAR };
      case 'sym': return this.symbol(e.name);
      case 'neg': { const a = this.infer(e.arg); return { op: 'neg', a, s: a.s }; }
      case 'add': return this.sum(e.args.map((a) => this.infer(a)));
      case 'mul': return this.product(e.args.map((a) => this.infer(a)));
      case 'pow': return this.power(e.base, e.exp);
      case 'call': return this.call(e);
    }
  }

  private sum(args: T[]): T {
    const target = args.find((a) => a.s.k !== 'scalar')?.s;
    if (!target) return { op: 'add', args, s: SCALAR };
    for (const a of args) {
      if (a.s.k === 'scalar') {
        if (!this.upgrade(a, target, `it is added to ${shapeText(target)}`) && !this.env.broadcast) this.errors.push(`a number is added to ${shapeText(this.dims.shape(target))} (write the vector, or ⊙ for an elementwise product)`);
        continue;
      }
      if (!this.same(a.s, target)) this.errors.push(`${shapeText(this.dims.shape(a.s))} is added to ${shapeText(this.dims.shape(target))}`);
    }
    return { op: 'add', args, s: target };
  }

  /** Unify two shapes of one kind; false when they differ. */
  private same(a: Shape, b: Shape): boolean {
    if (a.k !== b.k) return false;
    if (a.k === 'scalar') return true;
    const [ar, ac] = dimsOf(a), [br, bc] = dimsOf(b);
    return this.dims.unify(ar, br) && this.dims.unify(ac, bc);
  }

  private product(raw: T[]): T {
    // names learn their shapes from their neighbours
    raw.forEach((a, i) => {
      if (!this.free(a)) return;
      const prev = raw[i - 1], next = raw[i + 1];
      const cap = isCapital(a.name);
      if (prev && (prev.s.k === 'matrix' || prev.s.k === 'row')) {
        const n = prev.s.k === 'matrix' ? prev.s.c : prev.s.n;
        this.guess(a.name, cap ? matrixOf(n, this.dims.fresh()) : vectorOf(n), `it stands right after ${shapeText(this.dims.shape(prev.s))}`);
        return;
      }
      if (cap && next && (next.s.k === 'vector' || next.s.k === 'matrix')) {
        this.guess(a.name, matrixOf(this.dims.fresh(), dimsOf(next.s)[0]), `a capital right before ${shapeText(this.dims.shape(next.s))}`);
        return;
      }
      if (cap && this.env.capitalsAreMatrices && next && this.free(next) && this.varSet.has(next.name)) {
        const n = this.dims.fresh();
        this.guess(a.name, matrixOf(this.dims.fresh(), n), `a capital right before the variable ${next.name}`);
        this.guess(next.name, vectorOf(n), `${a.name} (a matrix) multiplies it`);
      }
    });
    const scalars: T[] = [];
    const chain: T[] = [];
    for (const a of raw) {
      if (a.s.k === 'scalar') { scalars.push(a); continue; }
      const lastT = chain[chain.length - 1];
      if (a.s.k === 'vector') {
        // row M … M column: a number
        let j = chain.length - 1;
        while (j >= 0 && chain[j].s.k === 'matrix') j--;
        if (j >= 0 && chain[j].s.k === 'row') {
          const group = [...chain.splice(j), a];
          this.checkChain(group);
          scalars.push({ op: 'mul', args: group, s: SCALAR });
          continue;
        }
        if (lastT?.s.k === 'vector') {
          if (!this.same(lastT.s, a.s)) this.errors.push(`an elementwise product of ${shapeText(this.dims.shape(lastT.s))} and ${shapeText(this.dims.shape(a.s))}`);
          chain[chain.length - 1] = lastT.op === 'had' ? { op: 'had', args: [...lastT.args, a], s: lastT.s } : { op: 'had', args: [lastT, a], s: lastT.s };
          continue;
        }
      }
      if (lastT) this.checkChain([lastT, a]);
      chain.push(a);
    }
    if (chain.length === 0) return scalars.length === 1 ? scalars[0] : { op: 'mul', args: scalars, s: SCALAR };
    if (chain.length === 1 && scalars.length === 0) return chain[0];
    return { op: 'mul', args: [...scalars, ...chain], s: chainShape(chain) };
  }

  /** Adjacent factors of a product fit: columns of the left = rows of the right. */
  private checkChain(fs: readonly T[]): void {
    for (let i = 0; i + 1 < fs.length; i++) {
      const a = fs[i].s, b = fs[i + 1].s;
      if (a.k === 'vector' && b.k === 'row') continue; // outer product
      const c = dimsOf(a)[1], r = dimsOf(b)[0];
      if ((a.k === 'vector' && b.k === 'matrix') || (a.k === 'matrix' && b.k === 'row') || (a.k === 'row' && b.k === 'row')) {
        this.errors.push(`${shapeText(this.dims.shape(a))} times ${shapeText(this.dims.shape(b))} is not defined`);
        continue;
      }
      if (!this.dims.unify(c, r)) {
        this.errors.push(`${shapeText(this.dims.shape(a))} times ${shapeText(this.dims.shape(b))}: ${this.dims.resolve(c)} columns but ${this.dims.resolve(r)} rows`);
      }
    }
  }

  private power(baseE: Expr, expE: Expr): T {
    if (expE.k === 'sym' && TRANSPOSE_MARKS.has(expE.name) && !this.isScalarName(expE.name)) return this.transposed(this.infer(baseE));
    const base = this.infer(baseE), exp = this.infer(expE);
    if (exp.s.k !== 'scalar') { this.errors.push(`an exponent is ${shapeText(this.dims.shape(exp.s))}`); return base; }
    if (base.s.k === 'matrix') {
      if (!(exp.op === 'num' && Number.isInteger(exp.v))) this.errors.push('a matrix power needs a whole exponent');
      if (!this.dims.unify(base.s.r, base.s.c)) this.errors.push(`a power of ${shapeText(this.dims.shape(base.s))}, which is not square`);
    }
    if (base.s.k === 'row') this.errors.push('a power of a row vector');
    return { op: 'pow', base, exp, s: base.s };
  }

  /** `b` transposed (a free name becomes a vector, or a matrix if a capital). */
  private transposed(b: T): T {
    if (this.free(b)) {
      this.guess(b.name, isCapital(b.name) ? matrixOf(this.dims.fresh(), this.dims.fresh()) : vectorOf(this.dims.fresh()), 'it is transposed');
      return b;
    }
    return tr(b, transposeShape(b.s));
  }

  private vectorArg(t: T, fn: string): T {
    if (this.free(t)) {
      const s = vectorOf(this.dims.fresh());
      this.guess(t.name, s, `it is inside ${fn}`);
      return { op: 'sym', name: t.name, s };
    }
    if (t.s.k === 'scalar' && this.upgrade(t, vectorOf(this.dims.fresh()), `it is inside ${fn}`)) return t;
    if (t.s.k !== 'vector') this.errors.push(`${fn} needs a vector, not ${shapeText(this.dims.shape(t.s))}`);
    return t;
  }

  private squareArg(t: T, fn: string): T {
    if (this.free(t)) {
      const n = this.dims.fresh();
      this.guess(t.name, matrixOf(n, n), `it is inside ${fn}`);
      return { op: 'sym', name: t.name, s: matrixOf(n, n) };
    }
    if (t.s.k !== 'matrix' || !this.dims.unify(t.s.r, t.s.c)) this.errors.push(`${fn} needs a square matrix, not ${shapeText(this.dims.shape(t.s))}`);
    return t;
  }

  private call(e: Extract<Expr, { k: 'call' }>): T {
    const args = e.args.map((a) => this.infer(a));
    const one = (k: number) => { if (args.length !== k) this.errors.push(`${e.fn} takes ${k} argument${k === 1 ? '' : 's'}`); };
    if (!e.d) {
      switch (e.fn) {
        // (its argument inferred once: inferring it again at each level took 2^depth)
        case 'transpose': one(1); return args.length ? this.transposed(args[0]) : { op: 'num', v: 0, s: SCALAR };
        case 'dot': {
          one(2);
          const [a, b] = [this.vectorArg(args[0], 'a dot product'), this.vectorArg(args[1], 'a dot product')];
          if (a.s.k === 'vector' && b.s.k === 'vector' && !this.dims.unify(a.s.n, b.s.n)) this.errors.push(`a dot product of vectors with ${this.dims.resolve(a.s.n)} and ${this.dims.resolve(b.s.n)} entries`);
          return { op: 'mul', args: [tr(a, transposeShape(a.s)), b], s: SCALAR };
        }
        case 'outer': {
          one(2);
          const [a, b] = [this.vectorArg(args[0], 'an outer product'), this.vectorArg(args[1], 'an outer product')];
          return { op: 'mul', args: [a, tr(b, transposeShape(b.s))], s: matrixOf(dimsOf(a.s)[0], dimsOf(b.s)[0]) };
        }
        case 'norm': one(1); return { op: 'norm', a: this.vectorArg(args[0], '‖…‖'), s: SCALAR };
        case 'diag': { one(1); const a = this.vectorArg(args[0], 'diag'); const n = dimsOf(a.s)[0]; return { op: 'diag', a, s: matrixOf(n, n) }; }
        case 'sum': case 'prod': case 'dim':
          if (args.length === 1 && (args[0].s.k !== 'scalar' || this.free(args[0]))) return { op: 'red', fn: e.fn, a: this.vectorArg(args[0], e.fn), s: SCALAR };
          break;
        case 'rows': case 'cols': one(1); return { op: 'red', fn: e.fn, a: args[0], s: SCALAR };
        case 'det': case 'trace': one(1); return { op: 'red', fn: e.fn, a: this.squareArg(args[0], e.fn === 'det' ? 'a determinant' : 'a trace'), s: SCALAR };
        case 'inv': { one(1); const a = this.squareArg(args[0], 'an inverse'); return { op: 'pow', base: a, exp: { op: 'num', v: -1, s: SCALAR }, s: a.s }; }
      }
      const mf = this.env.matrixFunctions?.get(e.fn);
      if (mf) {
        if (args.length !== mf.params.length) this.errors.push(`${e.fn} takes ${mf.params.length} argument${mf.params.length === 1 ? '' : 's'}`);
        if (args.some((a) => a.s.k !== 'scalar')) this.errors.push(`${e.fn}(…) takes numbers`);
        const cols = mf.rows[0]?.length ?? 0;
        return { op: 'call', fn: e.fn, args, s: cols === 1 ? vectorOf(mf.rows.length) : matrixOf(mf.rows.length, cols) };
      }
    }
    const shaped = args.filter((a) => a.s.k !== 'scalar');
    if (!shaped.length) return { op: 'call', fn: e.fn, args, ...(e.d ? { d: e.d } : {}), s: SCALAR };
    if (!e.d && isKnownFunction(e.fn)) {
      // elementwise on vectors (all vector arguments of one size)
      if (FUNCTIONS[e.fn].arity !== args.length) this.errors.push(`${e.fn} takes ${FUNCTIONS[e.fn].arity} argument${FUNCTIONS[e.fn].arity === 1 ? '' : 's'}`);
      const s = shaped[0].s;
      for (const a of args) if (a.s.k !== 'scalar' && !this.same(a.s, s)) this.errors.push(`${e.fn} of ${shapeText(this.dims.shape(a.s))} and ${shapeText(this.dims.shape(s))}`);
      if (s.k !== 'vector') this.errors.push(`${e.fn} of ${shapeText(this.dims.shape(s))}`);
      return { op: 'call', fn: e.fn, args, s };
    }
    // L(U + diag(s)) with a matrix inside: a matrix L times it, or a function of matrices; not a layer we read
    if (shaped.some((a) => a.s.k === 'matrix')) this.errors.push(`${e.fn}(…) of a matrix`);
    // an unknown function of a vector: a vector (its size from where it is used)
    return { op: 'call', fn: e.fn, args, ...(e.d ? { d: e.d } : {}), s: vectorOf(this.dims.fresh()) };
  }
}

function chainShape(chain: readonly T[]): Shape {
  const first = chain[0].s, lastS = chain[chain.length - 1].s;
  const r: Dim = dimsOf(first)[0], c: Dim = dimsOf(lastS)[1];
  if (lastS.k === 'vector') return first.k === 'row' ? SCALAR : vectorOf(r);
  if (first.k === 'row') return rowOf(c);
  return matrixOf(r, c);
}
