/**
 * What a recognizer is and what it may say. A recognizer reads one form (its `name`) in a
 * slice of the note and returns findings; it decides nothing: decide.ts turns all findings
 * and the note's definitions into transforms and problems.
 */
import type { Expr } from '../../math/expr';
import type { Condition } from '../../math/condition';
import type { FieldSpec, Severity } from '../../model';
import type { Reason } from './decide';
import type { Definitions } from './definitions';
import type { Statement } from './detect';
import type { Formula, Located, Reading } from './reading';
import type { Span } from './tree';
import type { VectorCandidateSpec } from './vectors';
import type { AutoregressiveSpec } from '../../math/autoregressive';

/**
 * What a recognizer is handed: a run of consecutive display blocks, or (for recognizers
 * that read inline math) the inline formulas of one paragraph.
 */
export interface Slice {
  /** Index of the run (inline paragraphs: negative, distinct per paragraph). */
  readonly run: number;
  readonly formulas: readonly Formula[];
  readonly inline: boolean;
}

/** A map as written, before names, parameters and helpers are applied. */
export interface Candidate {
  readonly kind: 'candidate';
  /** The recognizer that found it. */
  readonly form: string;
  /** The name as written, or null (decide names it f, f_1, …). */
  readonly name: string | null;
  readonly nameAt: Located;
  readonly variables: readonly string[];
  readonly raw: readonly Expr[];
  /** Output names as written (may be empty). */
  readonly outputs: readonly string[];
  /** Where it is written: its statements, for the range. */
  readonly parts: readonly Located[];
  /** The statements it claims (when two candidates claim one, the earlier recognizer wins). */
  readonly claims: readonly Statement[];
  readonly formulas: readonly Formula[];
  readonly run: number;
  /** Free symbols allowed (symbolic constants, with a warning). */
  readonly lenient: boolean;
  /** A map of vectors and matrices (the `vector` form): what the note says about its names. */
  readonly vector?: VectorCandidateSpec;
  /** A vector field dz/dt = f(z, t) (the `vectorfield` form): the components are the field. */
  readonly field?: FieldSpec;
  /** How the inputs were chosen, when the form had to choose (system.ts): said in `assumed`. */
  readonly choice?: { readonly inputs: readonly string[]; readonly constants: readonly string[]; readonly why: string };
  /** A family written with an index (autoregressive.ts): `raw` is its one generic component, `variables` its input; `display` has the inline coefficients' LaTeX. */
  readonly autoregressive?: AutoregressiveSpec & { readonly display: Readonly<Record<string, string>> };
  /** A piecewise map (cases.ts): the pieces in order; `raw` are the first piece's components. */
  readonly pieces?: ReadonlyArray<{ readonly condition: Condition; readonly written: string; readonly components: readonly Expr[] }>;
}

/** Kinds of mathematics that look like a map and are not one. */
export type NotAMapKind = 'density' | 'signature' | 'ode' | 'helper' | 'data' | 'trajectory';

/** Statements that are mathematics of another kind: kept quiet by decide. */
export interface NotAMap {
  readonly kind: 'not-a-map';
  readonly form: string;
  readonly what: NotAMapKind;
  readonly statements: readonly Statement[];
}

/** A near miss in a recognizer's own form: what was not understood, where. */
export interface Declined {
  readonly kind: 'declined';
  /** `<form>.<reason>`: decide maps it to a public Problem code (decide.ts, REASONS). */
  readonly reason: Reason;
  readonly message: string;
  /** Document offsets. */
  readonly span: Span;
  /** How serious the near miss is in its form: malformed (error), not computed (warning), incomplete (info). */
  readonly severity: Severity;
  readonly statement?: Statement;
  /** The statements a near miss over several is about: silent when other findings claim them all. */
  readonly statements?: readonly Statement[];
  /**
   * Undecided inputs (`system.inputs`): the best guess, written as in the note, and the document
   * offset of the formula the directive that states it goes before (a quick fix writes it).
   */
  readonly guess?: { readonly inputs: readonly string[]; readonly constants: readonly string[]; readonly at: number };
}

/**
 * A composition F = d ∘ R ∘ c as written (recognizers/composition.ts): its layers are named,
 * not read, so it becomes a map only once the note's maps are known (decide.ts, last step).
 */
export interface CompositionFinding {
  readonly kind: 'composition';
  readonly form: string;
  readonly name: string;
  readonly nameAt: Located;
  /** F's variables when written (F(x, y) = …), else null. */
  readonly params: readonly string[] | null;
  /** Outermost first, as written; '…' for an ellipsis. */
  readonly layers: ReadonlyArray<{ readonly name: string; readonly at: Located }>;
  /** `circ`: written with ∘; `call`: nested calls d(R(c(x))). */
  readonly op: 'circ' | 'call';
  readonly statement: Statement;
  readonly rhs: Located;
  readonly formula: Formula;
  readonly run: number;
}

export type Finding = Candidate | NotAMap | Declined | CompositionFinding;

/** One example of a form: a note that it reads (`reads`) or declines (`declines`). */
export interface RecognizerExample {
  readonly note: string;
  readonly reads?: { readonly variables: readonly string[]; readonly components: readonly string[] };
  readonly declines?: string;
  /** The note is mathematics of this kind, not a map (a not-a-map finding). */
  readonly silences?: NotAMapKind;
  /** Nothing in the note is this form: no finding at all. */
  readonly ignores?: boolean;
  /** A composition's layer names in application order, as written ('…' for an ellipsis). */
  readonly composes?: readonly string[];
}

export interface Recognizer {
  /** The form, equal to its file name in recognizers/. */
  readonly name: string;
  /** 'statement': reads statements one by one; 'run': statements of a run together. */
  readonly scope: 'statement' | 'run';
  /** Whether it reads inline math (a paragraph's inline formulas) too. */
  readonly inline: boolean;
  recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding>;
  /** The spec in examples: run by one shared test through this recognizer alone. */
  readonly examples: readonly RecognizerExample[];
}

/** A declined finding at a span inside a formula. */
export function declined(reason: Reason, message: string, at: Located, severity: Severity = 'error', statement?: Statement): Declined {
  const s = at.span;
  return { kind: 'declined', reason, message, span: [at.f.seg.start + s[0], at.f.seg.start + s[1]], severity, statement };
}
