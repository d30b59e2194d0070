/**
 * What the editor features say, as plain strings built from a TransformReport: hover
 * Markdown, CodeLens titles, the status bar text, the LaTeX to insert, the forms of det J to
 * copy. No `vscode`: unit-tested in Node, and every language's reports go through the same
 * functions.
 */
import { pmatrixTex as pmatrix, chainOf, describeInvertibility, describeLayers, describePieces, domainNote, hiddenPieces, mainPieceLabel, shownPieces, whereRowsTex, formatMatrix, formatNumber, formatPoint, reasonDetail, shortDet, signature, whereLines } from '../../core/format';
import type { PointDet } from '../../core/pointEval';
import type { LayerReport, PieceReport, TransformReport } from '../../core/report';

export const PREVIEW_COMMAND = 'jacobianLens.preview';
export const CHECK_COMMAND = 'jacobianLens.checkInvertibility';
/** The full invertibility argument, shown in the output channel. */
export const ARGUMENT_COMMAND = 'jacobianLens.showInvertibilityArgument';
/** Write the assumed (default) domain into the definition, where the user can edit it. */
export const DOMAIN_COMMAND = 'jacobianLens.addDomain';

/** A report that may be piecewise: its pieces and which one the top level shows. */
type Pieced = { readonly pieces?: readonly PieceReport[]; readonly mainPiece?: number };

type Latex = Pick<TransformReport, 'latex' | 'detSymbolic' | 'where'> & { readonly pieces?: readonly PieceReport[] };


/** J and det J in the readable forms (shared parts named) when the report has them, else as they are. */
const readableLatex = (t: Latex): { jacobian: string[][]; det: string; where: Array<{ nameLatex: string; latex: string }> } => {
  const w = t.where;
  if (!w) return { jacobian: t.latex.jacobian, det: t.latex.det, where: [] };
  return { jacobian: w.latex.jacobian, det: w.latex.det ?? t.latex.det, where: w.defs };
};

/** J as TeX: `J = \begin{pmatrix} … \end{pmatrix}`. */
export const jacobianTex = (t: Latex): string => `J = ${pmatrix(t.latex.jacobian)}`;

/** det J as TeX; a numeric-only det J is said in words. */
export const detTex = (t: Latex): string => (t.detSymbolic ? `\\det J = ${t.latex.det}` : '\\det J \\text{: numeric only}');

/** Where a piece applies, as TeX: "where x < 0", or "otherwise" for the last piece's `true`. */
const whereTex = (p: PieceReport, last: boolean) =>
  (p.condition === 'true' ? (last ? '\\text{otherwise}' : '\\text{always}') : `\\text{where } ${p.conditionLatex}`);

/**
 * The TeX a hover typesets: J and det J, aligned at their equals signs; for a piecewise
 * map, each piece's condition with its J and det J.
 */
export const hoverTex = (t: Latex): string => {
  const det = (symbolic: boolean, tex: string) => (symbolic ? `\\det J &= ${tex}` : '\\det J &\\text{: numeric only}');
  if (!t.pieces?.length) {
    const r = readableLatex(t);
    const rows = [`J &= ${pmatrix(r.jacobian)}`, det(t.detSymbolic, r.det), ...whereRowsTex(r.where)];
    return `\\begin{aligned} ${rows.join(' \\\\[6pt] ')} \\end{aligned}`;
  }
  const n = t.pieces.length;
  const { shown, hidden } = shownPieces(t.pieces);
  const rows = shown.map(({ p, i }) => `&${whereTex(p, i === n - 1)}: \\\\ J &= ${pmatrix(p.latex.jacobian)}, \\\\ ${det(p.detSymbolic, p.detLatex)}`);
  if (hidden) rows.push(`&\\text{${hiddenPieces(hidden)}}`);
  return `\\begin{aligned} ${rows.join(' \\\\[10pt] ')} \\end{aligned}`;
};

/** det J in one line (a lens, the status bar): as a person writes it where the report has that form, cut at `max` characters. */
const lineDet = (t: Pick<TransformReport, 'det' | 'detText' | 'detSymbolic'>, max: number): string => shortDet(t.detText === undefined ? t : { ...t, det: t.detText }, max);

/**
 * The CodeLens above a transform: "Preview · det J = …", det J cut at `max` characters; a
 * composition's "Preview · 3 layers · log|det J| = …" (its det J when there is no log|det J|).
 */
export const codeLensTitle = (t: Pick<TransformReport, 'det' | 'detText' | 'detSymbolic'> & Pieced & { readonly layers?: readonly LayerReport[]; readonly logDet?: string | null; readonly logDetText?: string }, max = 40): string => {
  if (t.layers?.length) {
    const k = `${t.layers.length} layer${t.layers.length === 1 ? '' : 's'}`;
    const logDet = t.logDet && (t.logDetText ?? t.logDet);
    if (logDet) return `Preview · ${k} · log|det J| = ${logDet.length <= max ? logDet : `${logDet.slice(0, max - 1)}…`}`;
    return `Preview · ${k} · ${t.detSymbolic ? `det J = ${lineDet(t, max)}` : 'det J numeric only'}`;
  }
  const det = t.detSymbolic ? `det J = ${lineDet(t, max)}` : 'det J numeric only';
  // a piecewise map: the count first, and whose det J this is
  return t.pieces && t.pieces.length > 1 ? `Preview · ${t.pieces.length} pieces · ${det} on piece ${(t.mainPiece ?? 0) + 1}` : `Preview · ${det}`;
};

/** The status bar item for the transform at the cursor; a piecewise map's says whose det J it shows. */
export const statusText = (t: Pick<TransformReport, 'name' | 'det' | 'detText' | 'detSymbolic'> & Pieced, max = 32): string => {
  const det = t.detSymbolic ? `det J = ${lineDet(t, max)}` : 'det J numeric only';
  return `$(symbol-operator) ${t.name}: ${t.pieces && t.pieces.length > 1 ? `${t.pieces.length} pieces · ${det} on piece ${(t.mainPiece ?? 0) + 1}` : det}`;
};

export const statusTooltip = (t: Pick<TransformReport, 'name' | 'variables' | 'det' | 'detSymbolic'> & Pieced): string => {
  const piece = mainPieceLabel(t);
  return `${signature(t)}${piece ? `, piecewise: on ${piece}` : ''}: ${t.detSymbolic ? `det J = ${t.det}` : 'det J has no closed form (evaluated numerically)'}\nClick to preview.`;
};

/** det J to copy: LaTeX or plain (mathjs syntax). */
export const copyForm = (t: Pick<TransformReport, 'det' | 'latex'>, form: 'latex' | 'plain'): string => (form === 'latex' ? t.latex.det : t.det);

/**
 * "Insert J and det J as LaTeX": a display block for the line below the definition. In
 * Markdown, `$$ … $$`; in code, the same inside a block comment; in a LaTeX paper, an
 * `align*` block aligned at the equals signs (amsmath), or `equation*` when there is one line
 * to show (a map of one variable, or a det J with no closed form).
 */
export function latexBlock(t: Latex & Pick<TransformReport, 'name' | 'variables'>, kind: 'markdown' | 'code' | 'paper'): string {
  const J = `J_{${t.latex.name}}`;
  const r = readableLatex(t);
  const rows = [`${J} &= ${pmatrix(r.jacobian)}`, `\\det ${J} &= ${r.det}`, ...whereRowsTex(r.where)];
  const aligned = (env: string, xs: readonly string[]) => [`\\begin{${env}}`, ...xs.map((row, i) => `  ${row}${i < xs.length - 1 ? ', \\\\' : ''}`), `\\end{${env}}`];
  if (kind === 'paper') {
    if (t.detSymbolic && (t.variables.length > 1 || r.where.length)) {
      return [...aligned('align*', rows), ''].join('\n');
    }
    const one = t.detSymbolic ? `\\det ${J} = ${t.latex.det}` : `${J} = ${pmatrix(t.latex.jacobian)}`;
    return ['\\begin{equation*}', `  ${one}`, '\\end{equation*}', ''].join('\n');
  }
  // with names, aligned rows: J, det J, then "where φ_1 = …" one per line
  const body = r.where.length && t.detSymbolic
    ? aligned('aligned', rows)
    : [`${J} = ${pmatrix(t.latex.jacobian)}, \\qquad`, t.detSymbolic ? `\\det ${J} = ${t.latex.det}` : `\\det ${J} \\text{ has no closed form}`];
  return kind === 'markdown' ? ['$$', ...body, '$$', ''].join('\n') : ['/*', ' * $$', ...body.map((l) => ` * ${l}`), ' * $$', ' */', ''].join('\n');
}

/** Markdown-escape text that is not code. */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_{}[\]<>()#+\-.!|]/g, (c) => `\\${c}`);

const fence = (s: string) => { const ticks = '`'.repeat(Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1))); return `${ticks}text\n${s}\n${ticks}\n`; };

export interface HoverInput {
  readonly uri: string;
  /** The typeset J and det J (a data: URI of an SVG), or null: plain text only. */
  readonly image: string | null;
  /** Why there is no image although one was wanted (shown small), if known. */
  readonly imageNote?: string;
  readonly point: PointDet;
}

/** det J at a point, in words. */
export function pointLine(p: PointDet): string {
  switch (p.kind) {
    case 'value': return p.source === 'text'
      ? `det J at ${formatPoint(p.point)} = ${formatNumber(p.det)}`
      : `det J at the centre of the domain ${formatPoint(p.point)} = ${formatNumber(p.det)}`;
    case 'outside': return `${formatPoint(p.point)} is outside the domain: det J is not evaluated there`;
    case 'unavailable': return `det J at a point: ${p.reason}`;
  }
}

/**
 * The hover over a transform, what matters first: typeset J and det J (with "where" lines),
 * the verdict in one line (the full argument a click away), det J at a point, what was
 * assumed for a missing domain (with a link that adds one), the command links; then one
 * block of plain formulas to copy, pieces, assumptions and notes.
 */
export function hoverMarkdown(t: TransformReport, h: HoverInput): string {
  const parts: string[] = [];
  const piece = mainPieceLabel(t);
  parts.push(`**Jacobian Lens** · \`${signature(t)}\` · ${piece ? `piecewise, ${t.pieces!.length} pieces · ${escapeMarkdown(piece)}: ` : ''}${t.structure}\n\n`);
  if (h.image) parts.push(`![J and det J](${h.image})\n\n`);
  else if (h.imageNote) parts.push(`_${escapeMarkdown(h.imageNote)}_\n\n`);
  const args = encodeURIComponent(JSON.stringify([h.uri, t.nameRange.start.line, t.nameRange.start.character]));
  const full = reasonDetail(t.invertibility) ? ` · [full argument](command:${ARGUMENT_COMMAND}?${args} "Show the whole argument in the output channel")` : '';
  parts.push(`**Invertibility:** ${escapeMarkdown(describeInvertibility(t))}${full}\n\n`);
  parts.push(`${escapeMarkdown(pointLine(h.point))}\n\n`);
  const domain = domainNote(t);
  if (domain) parts.push(`_${escapeMarkdown(domain)}_ [Add a domain](command:${DOMAIN_COMMAND}?${args} "Write the assumed domain into the definition, to edit")\n\n`);
  parts.push(`[Preview](command:${PREVIEW_COMMAND}?${args} "Open the preview panel for this transform") · [Check Invertibility](command:${CHECK_COMMAND}?${args} "Check whether ${signature(t)} is invertible on its domain")\n\n`);
  // A composition: its layers, compactly, before the formulas of the whole.
  if (t.layers?.length) parts.push(`${t.layers.length} layers, ${escapeMarkdown(`${t.name} = ${chainOf(t.layers)}`)} (the chain rule gives det J and log|det J| below):\n${fence(describeLayers(t.layers, { max: 36 }).join('\n'))}`);
  // The plain formulas, all in one block (to copy).
  parts.push(fence(plainForms(t).join('\n')));
  if (t.pieces?.length) parts.push(`Pieces (the first whose condition holds applies): \n${fence(describePieces(t).join('\n'))}`);
  for (const a of t.assumed ?? []) parts.push(`_Assumed: ${escapeMarkdown(a)}_\n\n`);
  if (t.unknownFunctions.length) {
    const one = t.unknownFunctions.length === 1;
    parts.push(`${escapeMarkdown(t.unknownFunctions.join(', '))} ${one ? 'is an unknown function' : 'are unknown functions'}: the result holds for any of ${one ? 'it' : 'them'}.\n\n`);
  }
  for (const n of t.notes) parts.push(`_${escapeMarkdown(n)}_\n\n`);
  return parts.join('').trimEnd();
}

/**
 * det J, log|det J|, J and the "where" lines as plain text (mathjs syntax), in the readable
 * forms when the report has them: the hover's one block to copy.
 */
export function plainForms(t: TransformReport): string[] {
  const w = t.where;
  const det = w?.det ?? t.det;
  const out = [`det J = ${det}`];
  // log|det J| when it says more than log(det J) of a det J that is not a constant
  if (t.logDet && t.logDet !== `log(${t.det})` && !/^-?[\d./]+$/.test(t.det)) out.push(`log|det J| = ${t.logDet}`);
  const J = formatMatrix(w?.jacobian ?? t.jacobian).split('\n');
  out.push(...J.map((row, i) => `${i === 0 ? 'J = ' : '    '}${row}`));
  out.push(...whereLines(t));
  return out;
}

/** The short hover over a call with numbers in the text, `polar(1, 0.5)`. */
export function pointHoverMarkdown(t: TransformReport, h: Pick<HoverInput, 'uri' | 'point'>): string {
  const args = encodeURIComponent(JSON.stringify([h.uri, t.nameRange.start.line, t.nameRange.start.character]));
  return `**Jacobian Lens** · \`${signature(t)}\`\n\n${escapeMarkdown(pointLine(h.point))}\n\ndet J = \n${fence(t.det)}[Preview](command:${PREVIEW_COMMAND}?${args} "Open the preview panel for this transform")`;
}
