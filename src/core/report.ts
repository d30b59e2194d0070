/**
 * The Report: plain JSON-able data, the only thing views read.
 * `jacobian-lens analyze FILE --json` prints FileReports (without `trees`).
 */
import type { Expr } from './math/expr';
import type { Condition } from './math/condition';
import type { StructureKind } from './math/structure';
import type { InputChoice, Notation, Range, Severity } from './model';

export type Verdict = 'invertible' | 'not-invertible' | 'unknown';

export interface Witness {
  /** Two distinct domain points with the same image (checked), and that image. */
  readonly a: number[];
  readonly b: number[];
  readonly image: number[];
}

export interface Invertibility {
  readonly verdict: Verdict;
  readonly certainty: 'proof' | 'numerical';
  /** One line, the key fact (views show it everywhere). */
  readonly reason: string;
  /** The full argument, when there is more to it than `reason` (views keep it one click away). */
  readonly reasonDetail?: string;
  /** det J != 0 on the whole domain (true), vanishes somewhere (false), or not known (null). */
  readonly locallyInvertible: boolean | null;
  readonly witness: Witness | null;
  /** Where det J changes sign (a point on the fold), when one was located. */
  readonly fold?: number[] | null;
}

/**
 * Readable forms: J, det J and the inverse with shared subexpressions named (the user's own
 * names where they match, else φ_1, φ_2, …), for views to show with "where" lines. Each form
 * here was checked to expand back to the full one beside it in the report.
 */
export interface Where {
  /** In order: each value uses only the names before it. */
  readonly defs: Array<{
    readonly name: string;
    readonly nameLatex: string;
    /** mathjs syntax, and LaTeX. */
    readonly value: string;
    readonly latex: string;
    /** 'user': a name from the definition (a local, a parameter in terms of the variables). */
    readonly origin: 'user' | 'generated';
  }>;
  readonly jacobian: string[][];
  readonly det: string | null;
  readonly inverse: string[] | null;
  readonly latex: { readonly jacobian: string[][]; readonly det: string | null; readonly inverse: string[] | null };
}

export interface ReportTrees {
  /** Validated expression trees, for numeric evaluation in views (closures, no eval). */
  readonly components: Expr[];
  readonly jacobian: Expr[][];
  /** null when det J is only available numerically. */
  readonly det: Expr | null;
  readonly inverse?: Expr[] | null;
  /** A piecewise map: every piece, in order (the first whose condition holds applies). */
  readonly pieces?: PieceTrees[];
  /** log|det J| as a tree, when the report has one. */
  readonly logDet?: Expr | null;
  /** A composition's layers in application order, each in its own variables (the panel steps through them). */
  readonly layers?: ReadonlyArray<LayerTrees>;
}

export interface LayerTrees {
  readonly variables: string[];
  readonly components: Expr[];
  readonly jacobian: Expr[][];
  readonly det: Expr | null;
  /** A piecewise layer (a leaky ReLU): its pieces, the first whose condition holds applies. */
  readonly pieces?: PieceTrees[];
}

export interface PieceTrees {
  readonly condition: Condition;
  readonly components: Expr[];
  readonly jacobian: Expr[][];
  readonly det: Expr | null;
}

/** One layer of a composition F = f_K ∘ … ∘ f_1 (TransformReport.layers, in application order). */
export interface LayerReport {
  /** The layer's name as the composition writes it. */
  readonly name: string;
  readonly variables: string[];
  readonly components: string[];
  /** det J of the layer in its own variables (mathjs syntax), checked like any det J. */
  readonly det: string;
  readonly detLatex: string;
  /** log|det J| of the layer in its own variables, when its det J keeps a sign on the box it is analysed on. */
  readonly logDet: string | null;
  readonly logDetLatex: string | null;
  /** The layer's input x_{k-1} as expressions of the composition's inputs (the first layer's is the inputs themselves). */
  readonly at: string[];
  /** The box the layer is analysed on: an enclosure of the image of the composition's domain under the layers before it. */
  readonly domain: Array<[number, number]>;
  /** Coordinates whose enclosure of the image is unbounded (their `domain` entry is then the layer's own interval, used for the numeric checks); absent when all are bounded. */
  readonly domainUnbounded?: boolean[];
  /** The layer's verdict on that box. */
  readonly invertibility: Invertibility;
  /** Where the layer is defined, when it is a map of the same document. */
  readonly range?: Range;
}

/** Does det J keep a sign on the domain? `at`: a point where it vanishes between opposite signs. */
export interface DetSign {
  readonly sign: 'positive' | 'negative' | 'nonnegative' | 'nonpositive' | 'changes' | 'unknown';
  /** proof: interval arithmetic (or signs certified at two points); numerical: samples only. */
  readonly certainty: 'proof' | 'numerical';
  readonly at?: number[];
  /** The sign changes through a pole at `at` (det J = -2π/u at u = 0), not through a zero. */
  readonly pole?: boolean;
}

/** One piece of a piecewise map: its condition, J and det J there. */
export interface PieceReport {
  /** The condition in mathjs syntax (`abs(x) <= 1 and y > 0`; `true` for "otherwise"). */
  readonly condition: string;
  readonly conditionLatex: string;
  /** The condition as written in the source (code, LaTeX), when the front end kept it. */
  readonly written?: string;
  readonly range?: Range;
  readonly components: string[];
  readonly jacobian: string[][];
  readonly det: string;
  readonly detLatex: string;
  readonly detChecked: boolean;
  readonly detSymbolic: boolean;
  readonly structure: StructureKind;
  /** The fraction of random domain points where this piece applies; null when the conditions cannot be evaluated. */
  readonly share: number | null;
  readonly latex: { readonly components: string[]; readonly jacobian: string[][] };
}

export interface TransformReport {
  readonly name: string;
  readonly range: Range;
  readonly nameRange: Range;
  /** In a notebook: the cell's index among all cells (0-based); the ranges are in that cell. */
  readonly cell?: number;
  readonly notation: Notation;
  readonly variables: string[];
  /** Components in mathjs syntax, parameters and helpers substituted. */
  readonly components: string[];
  readonly parameters: Record<string, string>;
  readonly domain: Array<[number, number]>;
  /** Open ends of the domain as written ((0, 2], 0 < r), [lower, upper] per variable; absent when all are closed. */
  readonly domainOpen?: Array<[boolean, boolean]>;
  /** Variables for which no domain was given: their interval is the default, so the verdict and values are about a box nobody chose. */
  readonly domainDefault?: string[];
  /**
   * With domainDefault: whether the verdict and det J's values shown could differ on another
   * domain (core/domainMatters.ts); the views mention the assumed box only where one does.
   * Absent: not decided (the views mention it).
   */
  readonly domainMatters?: { readonly verdict: boolean; readonly values: boolean };
  readonly jacobian: string[][];
  /** det J in mathjs syntax: simplified and checked, or the checked raw form, or det([[...]]) when only numeric. */
  readonly det: string;
  /**
   * The same det J as a person writes it in plain text (r² sin(θ), 4(x² + y²)), for one-line
   * views (CodeLens, status bar); `det` is the form to copy. Absent when det J is numeric only.
   */
  readonly detText?: string;
  readonly detLatex: string;
  readonly structure: StructureKind;
  readonly invertibility: Invertibility;

  /** The shown det J passed the numeric check against LU of J at random domain points. */
  readonly detChecked: boolean;
  /** false when no closed form is shown (too large or over budget): numeric det only. */
  readonly detSymbolic: boolean;
  /** log|det J|, simplified and checked, when det J keeps a sign on the domain (or is a product of exponentials). */
  readonly logDet: string | null;
  readonly logDetLatex: string | null;
  /** log|det J| as a person writes it in plain text (detText's twin); absent when there is none. */
  readonly logDetText?: string;
  /** Whether det J keeps a sign on the domain, and where it changes. */
  readonly detSign?: DetSign;
  /** A composition's layers in application order; `det` and `logDet` above are their chain rule. */
  readonly layers?: LayerReport[];
  readonly inverse: { components: string[]; latex: string[] } | null;
  /** The same J, det J and inverse with long shared parts named; absent when they read well as they are. */
  readonly where?: Where;
  /** Diagonal blocks of the block triangular form: component and variable indices. */
  readonly blocks: Array<{ rows: number[]; cols: number[] }> | null;
  readonly freeSymbols: string[];
  readonly unknownFunctions: string[];
  /** Whether f, J and det J can be evaluated at points (no unknown functions or free symbols). */
  readonly numeric: { available: boolean; reason: string | null };
  readonly latex: {
    readonly name: string;
    readonly variables: string[];
    readonly components: string[];
    readonly jacobian: string[][];
    readonly det: string;
  };
  /** Things the user should know (budget fallbacks, symbolic constants, ...). */
  readonly notes: string[];
  /** Names the user writes otherwise than their ids, id -> the user's (z_1tod -> z_{1:d}), for lines a person reads; absent when none. */
  readonly names?: Readonly<Record<string, string>>;
  /** Block maps (vector variables, model.ts BlockSpec): D_i with ∂f_i/∂x_i = diag(D_i), see math/block.ts. */
  readonly block?: { readonly vectors: string[]; readonly diagonal: string[] };
  /**
   * A family written with an index (x_i = z_i exp(α_i) + μ_i for every i): the equation as
   * written, the index, D_i = ∂y_i/∂u_i, what the coefficients depend on, and the sizes D at
   * which det J was checked against LU; components and J are its instance, det J holds for any D.
   */
  readonly autoregressive?: { readonly index: string; readonly family: string; readonly inverse?: string; readonly diagonal: string; readonly dependsOn: string; readonly sizesChecked: number[] };
  /**
   * A piecewise map: J and det J per piece, in order. The top-level components, J and det J
   * are those of the piece `mainPiece` (the one that holds on most of the domain).
   */
  readonly pieces?: PieceReport[];
  readonly mainPiece?: number;
  /** What the reader chose for the user, in words (a Math function taken for an unread import, ...). */
  readonly assumed?: string[];
  /** The inputs were chosen by the reader: the comment that says them in the note, and where (model.ts). */
  readonly inputChoice?: InputChoice;
  /**
   * Milliseconds per step. invertibilityLimitMs: the time the invertibility check was given,
   * what was left of the map's budget and at least INVERTIBILITY_FLOOR_MS (analyze.ts); past it
   * the check gives its numeric answer. overBudget: the symbolic time budget ran out (a form is
   * then shown unsimplified or numerically, said in `notes`).
   */
  readonly timings: { jacobianMs: number; detMs: number; simplifyMs: number; invertibilityMs: number; totalMs: number; invertibilityLimitMs?: number; overBudget?: boolean };
  readonly trees: ReportTrees;

  /** 'field' for vector fields dz/dt = f(z, t): J is ∂f/∂z and `trace`, `dLogDensity` are what matter; absent for maps. */
  readonly kind?: 'map' | 'field';
  /** tr J (a field's divergence), simplified and checked; for vector maps too, when it has a closed form. */
  readonly trace?: string;
  readonly traceLatex?: string;
  /** d log p / dt = -tr J along a field's flow (the instantaneous change of variables). */
  readonly dLogDensity?: string;
  readonly dLogDensityLatex?: string;
  /** tr J = 0 everywhere: the field's flow preserves volume. */
  readonly volumePreserving?: boolean;
  /** Maps written with vectors and matrices: the map for any size (math/vector/). */
  readonly vector?: VectorReport;
}

/** A vector map as written (W x + b, z + u tanh(w^T z + b)): J, det J, tr J for any n. */
export interface VectorReport {
  /** The input's size: a number when given entries fix it, else its name (n). */
  readonly dimension: string;
  /** Vectors and matrices by name: 'vector of n entries', 'n×n matrix'. */
  readonly shapes: Record<string, string>;
  /** The Jacobian's structure ('rank-one update', 'diagonal', 'linear', 'product', 'low-rank product', …) and how det J follows from it. */
  readonly form: string;
  readonly rule: string;
  /** J in matrix notation (I + h'(w^T z + b) u w^T). */
  readonly jacobian: string | null;
  readonly jacobianLatex: string | null;
  readonly det: string | null;
  readonly detLatex: string | null;
  readonly logDet: string | null;
  readonly logDetLatex: string | null;
  readonly trace: string | null;
  readonly traceLatex: string | null;
  /** Sizes at which det J (and tr J) matched LU of the map written out with random entries. */
  readonly checkedAt: number[];
  /** Shapes the reader inferred, with the reason (w is a vector: it is transposed). */
  readonly inferred: string[];
  /** What invertibility needs when it depends on values (w^T u ≥ -1). */
  readonly condition?: string;
}

export interface DiagnosticReport {
  readonly message: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: string;
  readonly related?: ReadonlyArray<{ readonly message: string; readonly range: Range }>;
  /** In a notebook: the cell's index among all cells (0-based); the range is in that cell. */
  readonly cell?: number;
  /** See Problem.inputChoice: the directive a quick fix writes for undecided inputs. */
  readonly inputChoice?: InputChoice;
}

export interface FileReport {
  readonly file: string;
  readonly transforms: TransformReport[];
  readonly diagnostics: DiagnosticReport[];
}

/** The report without the trees: what the CLI prints. */
export function publicReport(r: FileReport): unknown {
  return { ...r, transforms: r.transforms.map(({ trees: _trees, ...rest }) => rest) };
}
