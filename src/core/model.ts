/**
 * The model every front end produces: a Transform f: R^n -> R^n with its source range,
 * and Problems (diagnostics) with exact places. Plain data, no `vscode`.
 */
import type { Expr } from './math/expr';
import type { Condition } from './math/condition';
import type { AutoregressiveSpec } from './math/autoregressive';

/** 0-based, as in LSP. */
export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position }

export type Severity = 'error' | 'warning' | 'info';

/** See Transform.inputChoice. */
export interface InputChoice { readonly directive: string; readonly at: Position }

export interface Problem {
  readonly message: string;
  readonly range: Range;
  readonly severity: Severity;
  /** A stable code: 'parse', 'arity', 'domain', 'free-symbol', 'unsupported', 'not-invertible', ... */
  readonly code: string;
  readonly related?: ReadonlyArray<{ readonly message: string; readonly range: Range }>;
  /** In a notebook: the cell's index among all cells; `range` is then in that cell's lines. */
  readonly cell?: number;
  /**
   * A system whose inputs no rule settles (code 'inputs'): the comment that states the best
   * guess and where it goes (a line start), for a quick fix that writes it into the note.
   */
  readonly inputChoice?: InputChoice;
}

export interface FunctionDef {
  readonly params: readonly string[];
  readonly body: Expr;
}

export type Notation = 'transform' | 'latex' | 'typescript';

export interface Transform {
  /** The map's name as written ('polar', 'f'), or a generated one for anonymous maps. */
  readonly name: string;
  readonly variables: readonly string[];
  /** Components with parameters and helper functions already substituted. */
  readonly components: readonly Expr[];
  /** Parameters with known values, as written (for the report). */
  readonly parameters: Readonly<Record<string, Expr>>;
  /** Helper functions as written (already inlined into the components). */
  readonly helpers?: Readonly<Record<string, FunctionDef>>;
  /** Symbols that are neither variables, parameters nor constants: symbolic constants. */
  readonly freeSymbols: readonly string[];
  /** Functions that stayed symbolic (s, t): no definition was given. */
  readonly unknownFunctions: readonly string[];
  /** One [lo, hi] per variable. */
  readonly domain: ReadonlyArray<readonly [number, number]>;
  /** Which entries of `domain` the user gave (the rest are defaults). */
  readonly domainGiven: readonly boolean[];
  /** Open ends ((a, b], a < x): [lower, upper] per variable; absent = closed. */
  readonly domainOpen?: ReadonlyArray<readonly [boolean, boolean]>;
  /** The whole definition. */
  readonly range: Range;
  /** The name (or the first token) of the definition: where hovers and lenses anchor. */
  readonly nameRange: Range;
  readonly notation: Notation;
  /** identifier -> LaTeX as the user wrote it (z1 -> z_1, theta -> \theta). */
  readonly display?: Readonly<Record<string, string>>;
  /** Output names as written (u, v or z_1'), when the notation has them. */
  readonly outputs?: readonly string[];
  /**
   * Values the definition names on the way (a code function's `const c = Math.cos(angle)`), in
   * the order written, already in terms of the variables: names for the shown forms' parts.
   * (A note's or block's `r = sqrt(x^2 + y^2)` is in `parameters`.)
   */
  readonly locals?: ReadonlyArray<{ readonly name: string; readonly value: Expr }>;
  /** Set when some variables are vectors (z_A, z_B): see BlockSpec. */
  readonly block?: BlockSpec;
  /** Set for maps written with vectors and matrices (W x + b, planar flows): see VectorSpec. */
  readonly vector?: VectorSpec;
  /**
   * Set for a family written with an index (x_i = z_i exp(α_i) + μ_i, α_i and μ_i functions of
   * x_{1:i-1}): the family as written; `variables` and `components` are its instance at D = 3,
   * and the report gives det J for any D (math/autoregressive.ts).
   */
  readonly autoregressive?: AutoregressiveSpec;
  /** Set for vector fields dz/dt = f(z, t): the components are the field, not a map. */
  readonly field?: FieldSpec;
  /** Facts the note states about its symbols (s_i > 0, a \neq 0, w^T u >= -1): used by proofs. */
  readonly assumptions?: readonly Assumption[];
  /**
   * A piecewise map (`c ? A : B`, `if (c) return A;` in code, `\begin{cases}` in LaTeX): the
   * pieces in order, the first whose condition holds applies. `components` are then those
   * of one of the pieces (front ends give the first); the analysis reports J and det J per
   * piece, and the piece that holds on most of the domain at the top level.
   */
  readonly pieces?: readonly Piece[];
  /** What the reader chose for the user, in words ("cos is taken to be Math.cos: ./math.js cannot be read"). */
  readonly assumed?: readonly string[];
  /**
   * The reader chose the inputs among more names than outputs (LaTeX systems): the comment
   * that settles it in the note (`directive`) and where it goes (a line start), for a quick fix.
   */
  readonly inputChoice?: InputChoice;
  /** In a notebook: the cell's index among all cells; `range` and `nameRange` are then in that cell's lines. */
  readonly cell?: number;
  /** Set when the map is a composition of other maps (F = d ∘ R ∘ c): see Composition. */
  readonly composition?: Composition;
}

/**
 * A map written with vectors and matrices: `components` and `variables` of the Transform are
 * its coordinates (x1 … xn) when the size is fixed by given entries, or its instance with
 * every vector of length 1 when the size is symbolic; this spec is the map as written, which
 * src/core/math/vector/ analyses for any n.
 */
export interface VectorSpec {
  /** The map's variables (vector names) and its components (one per variable), as written. */
  readonly variables: readonly string[];
  readonly components: readonly Expr[];
  /** Names written as vectors or matrices, with their sizes when stated. */
  readonly declared?: Readonly<Record<string, { readonly k: 'scalar' } | { readonly k: 'vector'; readonly n?: number | string } | { readonly k: 'matrix'; readonly r?: number | string; readonly c?: number | string }>>;
  /** Given entries: rows (a vector is one column). */
  readonly values?: Readonly<Record<string, ReadonlyArray<readonly Expr[]>>>;
  /** Matrix functions the note defines: R(θ) = (…). */
  readonly matrixFunctions?: Readonly<Record<string, { readonly params: readonly string[]; readonly rows: ReadonlyArray<readonly Expr[]> }>>;
  /** Names that are numbers (parameters, scalar variables). */
  readonly scalars?: readonly string[];
  /** What kind of matrix a name is, as the note says (a rotation, a permutation, …). */
  readonly kinds?: Readonly<Record<string, MatrixKind>>;
  /** A capital right before the variable is a matrix (z' = H z in a note). */
  readonly capitalsAreMatrices?: boolean;
  /** The input's size when fixed by given entries (the components are then coordinates). */
  readonly size: number | null;
}

/** Kinds of matrices whose determinant the structure gives. */
export type MatrixKind =
  | 'rotation' | 'reflection' | 'orthogonal' | 'permutation'
  | 'unit-lower' | 'unit-upper' | 'strict-lower' | 'strict-upper' | 'lower' | 'upper' | 'diagonal';

/** A vector field dz/dt = f(z, t): J is ∂f/∂z, tr J its divergence. */
export interface FieldSpec {
  /** The time variable, when the field names one (a parameter of the field). */
  readonly time?: string;
}

/** lhs rel rhs, as stated: s_i > 0 (about every entry of s), a != 0, w^T u >= -1. */
export interface Assumption {
  readonly lhs: Expr;
  readonly rel: '>' | '>=' | '<' | '<=' | '!=';
  readonly rhs: Expr;
  /** As written, for texts. */
  readonly text: string;
}

/**
 * A composition F = f_K ∘ … ∘ f_1: its layers in application order (f_1 first), each a map
 * of its own (its variables, components, domain as written). The composition's components
 * are the layers inlined; src/core/compose.ts builds it, the analysis reads J and det J per
 * layer and combines them by the chain rule.
 */
export interface Composition {
  readonly layers: readonly CompositionLayer[];
}

export interface CompositionLayer {
  /** The name as the composition writes it (c, R, f_1). */
  readonly name: string;
  readonly transform: Transform;
}

/** One piece of a piecewise map: where it applies, and its components there. */
export interface Piece {
  readonly condition: Condition;
  /** The condition as the user wrote it (source text or LaTeX), for display. */
  readonly written?: string;
  readonly components: readonly Expr[];
  /** Where the piece is written (its branch), when the front end knows. */
  readonly range?: Range;
}

/**
 * Block (vector-valued) variables, as in a coupling layer z_A' = z_A, z_B' = z_B ⊙ exp(s(z_A)) + t(z_A).
 * The listed variables stand for vectors of any length; `mul` between vectors is the
 * elementwise product ⊙, known functions act elementwise, unknown functions map vectors to
 * vectors. The components, read with every block of length 1, are the scalar instance that
 * J and the numeric checks use; src/core/math/block.ts gives det J and the inverse for any
 * lengths.
 */
export interface BlockSpec {
  readonly vectors: readonly string[];
}

export interface ParseResult {
  readonly transforms: Transform[];
  readonly problems: Problem[];
}

export const pos = (line: number, character: number): Position => ({ line, character });
export const range = (a: Position, b: Position): Range => ({ start: a, end: b });
/** A range as a key of a Map (equal ranges, equal keys). */
export const rangeKey = (r: Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

export function containsPosition(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export const DEFAULT_DOMAIN: readonly [number, number] = [-2, 2];
