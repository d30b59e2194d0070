/**
 * What the invertibility commands say: notification texts, the warning diagnostic of a
 * transform that is not invertible (its witness in the related information), log lines,
 * the points to mark in the preview. Plain data, no `vscode`: tested in Node.
 */
import { describeInvertibility, formatPoint, reasonDetail, reasonLine, signature, witnessLine } from '../../core/format';
import type { DiagnosticReport, TransformReport } from '../../core/report';

/** A checked transform and the document it comes from. */
export interface CheckedTransform {
  readonly uri: string;
  /** Workspace-relative path, for messages. */
  readonly fileName: string;
  readonly report: TransformReport;
}

export const NOT_INVERTIBLE = 'not-invertible';

/** Markdown, TypeScript and JavaScript files, as the CLI reads them. */
export const WORKSPACE_INCLUDE = '**/*.{md,markdown,mdx,qmd,rmd,Rmd,tex,ltx,ipynb,ts,tsx,mts,cts,js,jsx,mjs,cjs}';
export const WORKSPACE_EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';

const verdictWords = (t: TransformReport): string => {
  const inv = t.invertibility;
  switch (inv.verdict) {
    case 'invertible': return inv.certainty === 'proof' ? 'is invertible (proof)' : 'looks invertible (numerical evidence, no proof)';
    case 'not-invertible': return `is not invertible${inv.certainty === 'proof' ? '' : ' (numerical)'}`;
    default: return 'could not be decided';
  }
};

/** The warning for a transform that is not invertible, or null. */
export function invertibilityDiagnostic(t: TransformReport): DiagnosticReport | null {
  const inv = t.invertibility;
  if (inv.verdict !== 'not-invertible') return null;
  const related: Array<{ message: string; range: TransformReport['range'] }> = [];
  if (inv.witness) {
    related.push(
      { message: `witness a = ${formatPoint(inv.witness.a)}`, range: t.nameRange },
      { message: `witness b = ${formatPoint(inv.witness.b)}`, range: t.nameRange },
      { message: `f(a) = f(b) = ${formatPoint(inv.witness.image)}`, range: t.nameRange },
    );
  }
  if (inv.fold) related.push({ message: `det J changes sign at the fold near ${formatPoint(inv.fold)}`, range: t.nameRange });
  return {
    message: `${signature(t)} ${verdictWords(t)} on its domain: ${reasonLine(inv)}`,
    range: t.nameRange, severity: 'warning', code: NOT_INVERTIBLE, related,
  };
}

/** The notification for one transform. */
export function singleMessage(c: CheckedTransform): string {
  const t = c.report;
  const w = t.invertibility.witness;
  const witness = w ? ` Witness: ${witnessLine(w)}.` : '';
  const local = t.invertibility.locallyInvertible === null ? '' : ` Locally invertible: ${t.invertibility.locallyInvertible ? 'yes' : 'no'} (det J ${t.invertibility.locallyInvertible ? '!= 0 on the domain' : 'vanishes somewhere'}).`;
  const line = capitalize(reasonLine(t.invertibility));
  const more = reasonDetail(t.invertibility) ? ' (the full argument is in the log)' : '';
  return `${signature(t)} ${verdictWords(t)}. ${line}${/[.…]$/.test(line) ? '' : '.'}${more}${witness}${local}`;
}

export interface Tally {
  readonly transforms: number;
  readonly files: number;
  readonly proven: number;
  readonly numerical: number;
  readonly notInvertible: number;
  readonly unknown: number;
}

export function tally(cs: readonly CheckedTransform[]): Tally {
  const count = (p: (t: TransformReport) => boolean) => cs.filter((c) => p(c.report)).length;
  return {
    transforms: cs.length,
    files: new Set(cs.map((c) => c.uri)).size,
    proven: count((t) => t.invertibility.verdict === 'invertible' && t.invertibility.certainty === 'proof'),
    numerical: count((t) => t.invertibility.verdict === 'invertible' && t.invertibility.certainty === 'numerical'),
    notInvertible: count((t) => t.invertibility.verdict === 'not-invertible'),
    unknown: count((t) => t.invertibility.verdict === 'unknown'),
  };
}

/** The notification for a file or the workspace. */
export function summaryMessage(cs: readonly CheckedTransform[], scope: string, scanned?: number): string {
  const t = tally(cs);
  if (!t.transforms) return `No transforms in ${scope}${scanned !== undefined ? ` (${scanned} file${scanned === 1 ? '' : 's'} searched)` : ''}.`;
  const parts = [
    t.proven && `${t.proven} invertible (proof)`,
    t.numerical && `${t.numerical} invertible by numerical evidence only`,
    t.notInvertible && `${t.notInvertible} not invertible`,
    t.unknown && `${t.unknown} undecided`,
  ].filter(Boolean);
  const where = t.files > 1 ? ` in ${t.files} files` : '';
  const first = cs.find((c) => c.report.invertibility.verdict === 'not-invertible');
  const tail = first ? ` First: ${signature(first.report)} in ${first.fileName}.` : '';
  return `Invertibility in ${scope}: ${t.transforms} transform${t.transforms === 1 ? '' : 's'}${where}: ${parts.join(', ')}.${tail}`;
}

/** One line per transform for the output channel, then its full argument (and witness) when there is more to say. */
export function logLine(c: CheckedTransform): string {
  const r = c.report.nameRange.start;
  return [`${c.fileName}:${r.line + 1}:${r.character + 1} ${c.report.name}: ${describeInvertibility(c.report)}`, ...argumentLines(c.report).slice(1)].join('\n');
}

/** A verdict for the output channel: the one line, then the whole argument and the witness. */
export function argumentLines(t: TransformReport): string[] {
  const out = [`${signature(t)}: ${describeInvertibility(t)}`];
  const detail = reasonDetail(t.invertibility);
  if (detail) out.push(`  argument: ${detail}`);
  if (t.invertibility.witness) out.push(`  witness: ${witnessLine(t.invertibility.witness)}`);
  return out;
}

/** Points to mark in the preview: the witness pair (a and b, same image) and the fold. */
export function witnessMarks(t: TransformReport): Array<{ at: number[]; label: string }> {
  const inv = t.invertibility;
  const marks: Array<{ at: number[]; label: string }> = [];
  if (inv.witness) {
    marks.push({ at: [...inv.witness.a], label: `a: f(a) = ${formatPoint(inv.witness.image)}` }, { at: [...inv.witness.b], label: 'b: f(b) = f(a)' });
  }
  if (inv.fold) marks.push({ at: [...inv.fold], label: 'fold: det J = 0' });
  return marks;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
