/**
 * Messages between the extension host and the preview webview: one typed union each way,
 * keyed by `type`. Imported with `import type` on both sides, except for the two checkers
 * below, which each side runs on what it receives (plain code: no `vscode`, no DOM).
 */
import type { TransformReport } from '../core/report';

/** What the panel shows: a transform's report and where it comes from. */
export interface PanelSubject {
  readonly uri: string;
  readonly fileName: string;
  readonly report: TransformReport;
  /** The user's settings for new pictures (a transform's own choices, once made, win). */
  readonly defaults?: { readonly lines?: number };
}

/** A picture exported from the panel: PNG as base64, SVG as text. */
export interface ExportData {
  readonly format: 'png' | 'svg';
  /** PNG: base64 of the file's bytes; SVG: the document's text. */
  readonly data: string;
  /** A file name to suggest, without a folder. */
  readonly suggestedName: string;
}

export type HostToPanel =
  | { readonly type: 'update'; readonly subject: PanelSubject }
  | { readonly type: 'empty'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string; readonly where?: string }
  /** Mark points in the picture, e.g. two witness points with the same image. */
  | { readonly type: 'mark'; readonly points: ReadonlyArray<{ readonly at: number[]; readonly label: string }> }
  /** The outcome of an 'export' request: where the file went, or why not (cancelled: no path, no error). */
  | { readonly type: 'exported'; readonly format: 'png' | 'svg'; readonly path?: string; readonly error?: string };

export type PanelToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal' }
  /** Write the assumed (default) domain into the definition shown, for the user to edit. */
  | { readonly type: 'addDomain' }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string }
  /** Save a picture: the host asks where (save dialog) and writes the file. */
  | ({ readonly type: 'export' } & ExportData);

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Whether `m` is a well-formed message from the panel (the host drops anything else). */
export function isPanelToHost(m: unknown): m is PanelToHost {
  if (!isObject(m) || !isString(m.type)) return false;
  switch (m.type) {
    case 'ready': case 'reveal': case 'addDomain': return true;
    case 'log': return (m.level === 'info' || m.level === 'error') && isString(m.message);
    case 'export':
      return (m.format === 'png' || m.format === 'svg') && isString(m.data) && isString(m.suggestedName) && m.data.length > 0;
    default: return false;
  }
}

// ---------------------------------------------------------------------------------------
// What the panel receives: checked before it is drawn, so that a malformed message shows
// an error in place instead of a blank or half-drawn panel.

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

const MAX_TREE_DEPTH = 400;

/** Why `e` is not an expression tree (see src/core/math/expr.ts), or null when it is one. */
export function exprProblem(e: unknown, depth = 0): string | null {
  if (depth > MAX_TREE_DEPTH) return 'an expression tree is nested too deeply';
  if (!isObject(e)) return 'an expression tree node is not an object';
  switch (e.k) {
    case 'num': return typeof e.v === 'number' ? null : 'a number node has no numeric value';
    case 'sym': return isString(e.name) && e.name.length > 0 ? null : 'a symbol node has no name';
    case 'neg': return exprProblem(e.arg, depth + 1);
    case 'pow': return exprProblem(e.base, depth + 1) ?? exprProblem(e.exp, depth + 1);
    case 'add': case 'mul': case 'call': {
      if (e.k === 'call' && !(isString(e.fn) && e.fn.length > 0)) return 'a call node has no function name';
      if (e.k === 'call' && e.d !== undefined && !(Array.isArray(e.d) && e.d.every((i) => Number.isInteger(i) && i >= 0))) return 'a call node has malformed derivative indices';
      if (!Array.isArray(e.args) || (e.k !== 'call' && e.args.length === 0)) return `an ${e.k} node has no arguments`;
      for (const a of e.args) { const p = exprProblem(a, depth + 1); if (p) return p; }
      return null;
    }
    default: return `an expression tree node has the unknown kind ${JSON.stringify(e.k)}`;
  }
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

/** Why `c` is not a condition of a piece (src/core/math/condition.ts), or null when it is one. */
export function conditionProblem(c: unknown, depth = 0): string | null {
  if (depth > MAX_TREE_DEPTH) return 'a condition is nested too deeply';
  if (!isObject(c)) return 'a condition is not an object';
  switch (c.k) {
    case 'bool': return typeof c.v === 'boolean' ? null : 'a constant condition is not true or false';
    case 'cmp': return !isString(c.op) || !COMPARISONS.has(c.op) ? 'a comparison has no operator' : exprProblem(c.a, depth + 1) ?? exprProblem(c.b, depth + 1);
    case 'not': return conditionProblem(c.arg, depth + 1);
    case 'and': case 'or':
      if (!Array.isArray(c.args) || c.args.length === 0) return `an ${c.k} condition has no parts`;
      for (const a of c.args) { const p = conditionProblem(a, depth + 1); if (p) return p; }
      return null;
    default: return `a condition has the unknown kind ${JSON.stringify(c.k)}`;
  }
}

/** Why `r` cannot be drawn as a transform report, or null when it can. */
export function reportProblem(r: unknown): string | null {
  if (!isObject(r)) return 'the report is missing';
  if (!isString(r.name)) return 'the report has no name';
  if (!isStringArray(r.variables) || r.variables.length === 0) return 'the report has no variables';
  const n = r.variables.length;
  if (!isStringArray(r.components) || r.components.length !== n) return `the report has ${Array.isArray(r.components) ? r.components.length : 'no'} components for ${n} variables`;
  if (!Array.isArray(r.domain) || r.domain.length !== n || !r.domain.every((d) => Array.isArray(d) && d.length === 2 && isFiniteNumber(d[0]) && isFiniteNumber(d[1]) && d[0] < d[1])) {
    return 'the report\'s domain is not one finite interval [lo, hi] with lo < hi per variable';
  }
  if (!isObject(r.latex) || !isStringArray(r.latex.components) || !isStringArray(r.latex.variables) || !isString(r.latex.det) || !isString(r.latex.name)) return 'the report has no LaTeX';
  if (!Array.isArray(r.latex.jacobian) || !r.latex.jacobian.every(isStringArray)) return 'the report has no LaTeX Jacobian';
  if (!isObject(r.invertibility) || !isString(r.invertibility.verdict) || !isString(r.invertibility.reason)) return 'the report has no invertibility verdict';
  if (!isObject(r.numeric) || typeof r.numeric.available !== 'boolean') return 'the report does not say whether it can be evaluated';
  if (!isStringArray(r.unknownFunctions) || !isStringArray(r.freeSymbols) || !isStringArray(r.notes)) return 'the report lacks its lists of unknown functions, free symbols or notes';
  if (!isObject(r.range) || !isObject(r.nameRange)) return 'the report has no source range';
  const t = r.trees;
  if (!isObject(t)) return 'the report has no expression trees';
  if (!Array.isArray(t.components) || t.components.length !== n) return 'the report\'s trees do not match its variables';
  if (!Array.isArray(t.jacobian) || t.jacobian.length !== n || !t.jacobian.every((row) => Array.isArray(row) && row.length === n)) return 'the report\'s Jacobian tree is not n × n';
  for (const e of [...t.components, ...t.jacobian.flat(), ...(t.det === null ? [] : [t.det])]) {
    const p = exprProblem(e);
    if (p) return p;
  }
  if (t.pieces !== undefined) {
    if (!Array.isArray(t.pieces)) return 'the report\'s pieces are not a list';
    for (const piece of t.pieces as unknown[]) {
      if (!isObject(piece) || !Array.isArray(piece.components) || piece.components.length !== n) return 'a piece does not have one component per variable';
      if (!Array.isArray(piece.jacobian) || piece.jacobian.length !== n || !piece.jacobian.every((row) => Array.isArray(row) && row.length === n)) return 'a piece\'s Jacobian tree is not n × n';
      const p = conditionProblem(piece.condition);
      if (p) return p;
      for (const e of [...piece.components, ...piece.jacobian.flat(), ...(piece.det === null ? [] : [piece.det])]) {
        const q = exprProblem(e);
        if (q) return q;
      }
    }
  }
  return layersProblem(r, t, n);
}

/** A composition's layers (report.layers and trees.layers), when it has them: one name and one map of R^n per layer. */
function layersProblem(r: Record<string, unknown>, t: Record<string, unknown>, n: number): string | null {
  if (t.layers === undefined && r.layers === undefined) return null;
  if (!Array.isArray(t.layers) || !Array.isArray(r.layers) || t.layers.length !== r.layers.length) return 'the report\'s layers do not match their trees';
  if (!r.layers.every((l) => isObject(l) && isString(l.name))) return 'a layer has no name';
  for (const l of t.layers as unknown[]) {
    if (!isObject(l) || !isStringArray(l.variables) || l.variables.length !== n || !Array.isArray(l.components) || l.components.length !== n) return 'a layer does not map R^n to R^n';
    if (!Array.isArray(l.jacobian) || l.jacobian.length !== n || !l.jacobian.every((row) => Array.isArray(row) && row.length === n)) return 'a layer\'s Jacobian tree is not n × n';
    for (const e of [...l.components, ...l.jacobian.flat(), ...(l.det === null ? [] : [l.det])]) {
      const p = exprProblem(e);
      if (p) return p;
    }
  }
  return null;
}

/** Why `m` is not a message the panel can act on, or null when it is one. */
export function hostMessageProblem(m: unknown): string | null {
  if (!isObject(m)) return 'a message that is not an object reached the panel';
  if (!isString(m.type)) return 'a message without a type reached the panel';
  switch (m.type) {
    case 'update': {
      const s = m.subject;
      if (!isObject(s) || !isString(s.uri) || !isString(s.fileName)) return 'an update without a subject reached the panel';
      if (s.defaults !== undefined && !(isObject(s.defaults) && (s.defaults.lines === undefined || isFiniteNumber(s.defaults.lines)))) return 'an update with malformed defaults reached the panel';
      const p = reportProblem(s.report);
      return p ? `an update with a malformed report reached the panel: ${p}` : null;
    }
    case 'empty': return isString(m.reason) ? null : 'an "empty" message without a reason reached the panel';
    case 'error': return isString(m.message) && (m.where === undefined || isString(m.where)) ? null : 'an "error" message without a message reached the panel';
    case 'mark':
      return Array.isArray(m.points) && m.points.every((p) => isObject(p) && Array.isArray(p.at) && p.at.every(isFiniteNumber) && isString(p.label))
        ? null : 'a "mark" message with malformed points reached the panel';
    case 'exported':
      return (m.format === 'png' || m.format === 'svg') && (m.path === undefined || isString(m.path)) && (m.error === undefined || isString(m.error))
        ? null : 'a malformed "exported" message reached the panel';
    default: return `an unknown message "${m.type}" reached the panel`;
  }
}
