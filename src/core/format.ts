/** Plain-text formatting shared by the CLI and hovers. */
import { GREEK_LETTERS } from './greek';
import type { Invertibility, LayerReport, PieceReport, TransformReport, Witness } from './report';

/** A matrix with aligned columns, one row per line. */
export function formatMatrix(m: readonly (readonly string[])[]): string {
  const widths = m[0]?.map((_, j) => Math.max(...m.map((row) => row[j].length))) ?? [];
  return m.map((row) => `[ ${row.map((c, j) => c.padEnd(widths[j])).join('   ')} ]`).join('\n');
}

export const formatNumber = (v: number): string => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());
export const formatPoint = (p: readonly number[]): string => `(${p.map(formatNumber).join(', ')})`;

/** "polar(r, theta)" */
export const signature = (t: Pick<TransformReport, 'name' | 'variables'>): string => `${t.name}(${t.variables.join(', ')})`;
/** The signature with the variables named as the user writes them, for a line a person reads (f(z_{1:d}, z_{d+1:D})). */
export const shownSignature = (t: Pick<TransformReport, 'name' | 'variables' | 'names'>): string => `${t.name}(${t.variables.map((v) => shownName(t, v)).join(', ')})`;

/** "(r*cos(theta), r*sin(theta))"; a 1-D map's one component without parentheses. */
export const formatComponents = (t: Pick<TransformReport, 'components'>): string =>
  (t.components.length === 1 ? t.components[0] : `(${t.components.join(', ')})`);

type Pieced = { readonly pieces?: readonly Pick<PieceReport, 'share'>[]; readonly mainPiece?: number };

/**
 * Which piece of a piecewise map the top-level forms are: "piece 1 of 9 (on 4% of the
 * domain)"; null for a map of one piece. Every summary (CLI, hover, CodeLens, status bar)
 * says it, so that a piece is never shown as if it were the whole map.
 */
export function mainPieceLabel(t: Pieced): string | null {
  const ps = t.pieces;
  if (!ps || ps.length < 2) return null;
  const i = t.mainPiece ?? 0;
  const share = ps[i]?.share;
  return `piece ${i + 1} of ${ps.length}${share === null || share === undefined ? '' : ` ${onShare(share)}`}`;
}

/** The components in one line, "(…)"; a piecewise map's say so and which piece they are. */
export function summaryComponents(t: Pick<TransformReport, 'components'> & Pieced): string {
  const piece = mainPieceLabel(t);
  return piece ? `piecewise, ${t.pieces!.length} pieces; ${piece}: ${formatComponents(t)}` : formatComponents(t);
}

/** The one-line summary "f(x, y) = (…)", piecewise maps' as `summaryComponents` says. */
export const summaryLine = (t: Pick<TransformReport, 'name' | 'variables' | 'components'> & Pieced): string => `${signature(t)} = ${summaryComponents(t)}`;

/** About this long, a reason reads in one line (panel header, hover, CLI, notifications). */
export const REASON_LINE = 100;

/**
 * The reason in one line: the engine's `reason` as it is when short; else without its
 * explanatory asides (parentheses of several words; points and formulas stay), then its first
 * clause (up to "; " outside parentheses), then cut at a word, with "…" where something was
 * left for `reasonDetail`.
 */
export function reasonLine(inv: Pick<Invertibility, 'reason'>): string {
  const r = inv.reason.trim();
  const fits = (s: string) => s.length <= REASON_LINE + 10;
  if (fits(r)) return r;
  const stripped = withoutAsides(r);
  if (fits(stripped)) return `${stripped}…`;
  const first = firstClause(stripped);
  if (fits(first)) return `${first}…`;
  // points with fewer digits and at most three coordinates: the key fact (a sign at one point and
  // the other sign at another) stays whole in a space of many dimensions
  const brief = shortPoints(first);
  if (fits(brief)) return `${brief}…`;
  return `${brief.slice(0, REASON_LINE).replace(/\s+\S*$/, '')}…`;
}

/** A point (a parenthesised list of two or more numbers) as "(-1.46, 0.372, 1.22, …)". */
const POINT = /\((-?[\d.]+(?:e[+-]?\d+)?(?:, -?[\d.]+(?:e[+-]?\d+)?)+)\)/g;
function shortPoints(s: string): string {
  return s.replace(POINT, (_, list: string) => {
    const xs = list.split(', ');
    const shown = xs.slice(0, 3).map((x) => String(Number(Number(x).toPrecision(3))));
    return `(${shown.join(', ')}${xs.length > 3 ? ', …' : ''})`;
  });
}

/** Parenthesised asides of four or more words removed (a point "(0.5, 1)", "(∂/∂x = u > 0)" or a formula's parentheses stay). */
function withoutAsides(s: string): string {
  let out = '', depth = 0, group = '';
  for (const c of s) {
    if (c === '(') { if (depth++ === 0) { group = c; continue; } }
    if (depth > 0) {
      group += c;
      if (c === ')' && --depth === 0) {
        // a formula's parentheses are not an aside, whatever names it uses: cos(phi)*sqrt(2/(1 + cos(lam)))
        const words = group.match(/[A-Za-z]{2,}/g) ?? [];
        if (words.length < 4 || /[*^/=<>]/.test(group)) out += group; else out = out.replace(/\s+$/, '');
      }
      continue;
    }
    out += c;
  }
  return (out + (depth > 0 ? group : '')).replace(/\s+([,;:])/g, '$1');
}

/** Up to the first "; " outside parentheses. */
function firstClause(s: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && s.startsWith('; ', i)) return s.slice(0, i);
  }
  return s;
}

/** The full argument behind the one-line reason, or null when the line says it all. */
export function reasonDetail(inv: Pick<Invertibility, 'reason' | 'reasonDetail'>): string | null {
  if (inv.reasonDetail && inv.reasonDetail.trim() !== inv.reason.trim()) return inv.reasonDetail;
  return reasonLine(inv) === inv.reason.trim() ? null : inv.reason;
}

/** A verdict whose `reason` is one line, the whole argument (when longer) in `reasonDetail`. */
export function withReasonLine(inv: Invertibility): Invertibility {
  if (inv.reasonDetail) return inv;
  const line = reasonLine(inv);
  return line === inv.reason.trim() ? inv : { ...inv, reason: line, reasonDetail: inv.reason };
}

/** The report as the views and the JSON get it: every verdict's reason in one line (the map's and each layer's). */
export function oneLineReasons(t: TransformReport): TransformReport {
  const layers = t.layers?.map((l) => ({ ...l, invertibility: withReasonLine(l.invertibility) }));
  return { ...t, invertibility: withReasonLine(t.invertibility), ...(layers ? { layers } : {}) };
}

/** "f(a) = f(b) = image": the two points of a counterexample. */
export const witnessLine = (w: Witness): string => `f${formatPoint(w.a)} = f${formatPoint(w.b)} = ${formatPoint(w.image)}`;

/** One line about invertibility: verdict, certainty and the reason in one line. */
export function describeInvertibility(t: Pick<TransformReport, 'invertibility'>): string {
  const inv = t.invertibility;
  const v = inv.verdict === 'unknown' ? 'unknown' : `${inv.verdict} (${inv.certainty})`;
  return `${v}: ${reasonLine(inv)}`;
}

/**
 * When the domain was not given and the verdict or det J's values depend on it: what was
 * assumed instead, in words (null when the domain was given, or when nothing shown depends on it).
 */
export function domainNote(t: Pick<TransformReport, 'domainDefault' | 'variables' | 'domain' | 'domainMatters'>): string | null {
  const vs = t.domainDefault ?? [];
  const matters = t.domainMatters ?? { verdict: true, values: true };
  if (!vs.length || !(matters.verdict || matters.values)) return null;
  const boxes = new Map<string, string[]>();
  for (const v of vs) {
    const [a, b] = t.domain[t.variables.indexOf(v)];
    const k = `[${formatNumber(a)}, ${formatNumber(b)}]`;
    boxes.set(k, [...(boxes.get(k) ?? []), v]);
  }
  const what = [...boxes].map(([box, names]) => `${names.join(', ')} in ${box}`).join(', ');
  const about = matters.verdict && matters.values ? 'The verdict and the values at points are about this box.'
    : matters.verdict ? 'The verdict is about this box.' : 'The values at points are about this box (det J vanishes or changes sign in it).';
  return `No domain given: ${what} assumed. ${about}`;
}

/**
 * About how many characters wide a TeX formula shows: a command is one character, a binary
 * operator three (its spaces), a script character 0.6; braces, alignment and spacing none.
 */
export function texWidth(tex: string): number {
  const s = tex.replace(/\\(?:left|right|[,;:! ]|quad|qquad)/g, '').replace(/\\[A-Za-z]+/g, 'x');
  // one entry per open brace: does it open a script?
  const braces: boolean[] = [];
  let w = 0, script = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '^' || c === '_') {
      if (s[i + 1] === '{') { braces.push(true); script++; i++; } else if (i + 1 < s.length) { w += 0.6; i++; }
      continue;
    }
    if (c === '{') { braces.push(false); continue; }
    if (c === '}') { if (braces.pop()) script--; continue; }
    if (c === '&' || /\s/.test(c)) continue;
    w += script ? 0.6 : c === '+' || c === '-' || c === '=' ? 3 : 1;
  }
  return w;
}

/** Rows of TeX entries as a pmatrix. */
export const pmatrixTex = (rows: readonly (readonly string[])[]): string => `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;

/**
 * A matrix as TeX that fits a narrow column: the matrix itself when its widest row fits
 * `maxWidth`, else a matrix of entry names (J_{11} …) with each entry on its own line below it
 * (short entries such as 0 or 1 stay in place).
 */
export function matrixTexFit(name: string, rows: readonly (readonly string[])[], maxWidth = 60): string {
  const { matrix, lines } = matrixTexParts(name, rows, maxWidth);
  return lines.length ? `\\begin{aligned} ${name} &= ${matrix} \\\\ ${lines.map((l) => `${l.name} &= ${l.tex}`).join(' \\\\ ')} \\end{aligned}` : `${name} = ${matrix}`;
}

/**
 * The parts of `matrixTexFit`: the matrix (of entry names where the matrix is too wide) and the
 * entries that go on lines of their own (none when the matrix fits).
 */
export function matrixTexParts(name: string, rows: readonly (readonly string[])[], maxWidth = 60): { matrix: string; lines: Array<{ name: string; tex: string }> } {
  const widest = Math.max(0, ...rows.map((r) => r.reduce((w, e) => w + texWidth(e) + 3, 0)));
  if (widest <= maxWidth) return { matrix: pmatrixTex(rows), lines: [] };
  const sep = rows.length > 9 ? ',' : '';
  const entry = (i: number, j: number) => `${name}_{${i + 1}${sep}${j + 1}}`;
  const inPlace = (e: string) => texWidth(e) <= 3;
  const lines = rows.flatMap((r, i) => r.flatMap((e, j) => (inPlace(e) ? [] : [{ name: entry(i, j), tex: e }])));
  return { matrix: pmatrixTex(rows.map((r, i) => r.map((e, j) => (inPlace(e) ? e : entry(i, j))))), lines };
}

/** The smallest font scale (percent) a formula is shrunk to so that it fits its column. */
export const WRAP_SCALE_FLOOR = 70;

/**
 * A formula for a column `maxWidth` wide (texWidth units), as inline math that the browser may
 * break: `\allowbreak` between top-level factors (a long product of brackets breaks like a sum
 * does after + and -), and the font scale (percent, at least WRAP_SCALE_FLOOR) at which its
 * widest unbreakable piece fits; 100 when it fits as it is. One pass, linear.
 */
export function wrappingTex(tex: string, maxWidth = 60): { tex: string; scale: number } {
  let out = '', depth = 0, piece = '', widest = 0;
  const scripts: boolean[] = [];   // per open brace: does it open a superscript or subscript?
  const factorNext = (k: number) => {
    while (tex[k] === ' ') k++;
    return tex[k] !== undefined && !'^_+-=&)'.includes(tex[k]) && !tex.startsWith('\\right', k);
  };
  const endPiece = () => { widest = Math.max(widest, texWidth(piece)); piece = ''; };
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') {
      const m = /^\\(?:[A-Za-z]+|.)/.exec(tex.slice(i, i + 24));
      const word = m ? m[0] : c;
      if (word === '\\left') depth++;
      const closes = word === '\\right';
      if (closes) depth--;
      let chunk = word;
      if (closes && i + word.length < tex.length) chunk += tex[i + word.length];   // the delimiter
      out += chunk; piece += chunk; i += chunk.length - 1;
      if (closes && depth === 0 && factorNext(i + 1)) { out += ' \\allowbreak'; endPiece(); }
      continue;
    }
    if (c === '{') { depth++; scripts.push(tex[i - 1] === '^' || tex[i - 1] === '_'); }
    const closedScript = c === '}' && scripts.pop() === true;
    if (c === '}') depth--;
    out += c; piece += c;
    // after a power of a bracket at the top level: (y + 1)^{2} (y - 1) may break between the two
    if (closedScript && depth === 0 && factorNext(i + 1)) { out += ' \\allowbreak'; endPiece(); continue; }
    if (depth === 0 && (c === '+' || c === '-' || c === '=')) endPiece();
  }
  endPiece();
  return { tex: out, scale: widest <= maxWidth ? 100 : Math.max(WRAP_SCALE_FLOOR, Math.floor((100 * maxWidth) / widest)) };
}

/** "where" rows of the readable forms for an aligned TeX block: `\\text{where } \\varphi_{1} &= …`. */
export const whereRowsTex = (defs: ReadonlyArray<{ readonly nameLatex: string; readonly latex: string }>): string[] =>
  defs.map((d, i) => `${i === 0 ? '\\text{where } ' : ''}${d.nameLatex} &= ${d.latex}`);

/** "where" lines of the readable forms, plain: "where φ_1 = exp(-x^2 - y^2)". */
export const whereLines = (t: Pick<TransformReport, 'where'>): string[] =>
  (t.where?.defs ?? []).map((d, i) => `${i === 0 ? 'where' : '     '} ${d.name} = ${d.value}`);

/** Short det J for lenses and status bars. */
export function shortDet(t: Pick<TransformReport, 'det' | 'detSymbolic'>, max = 48): string {
  if (!t.detSymbolic) return 'numeric only';
  return t.det.length <= max ? t.det : `${t.det.slice(0, max - 1)}…`;
}

/** Where a piece applies, in words: "where x < 0 (on 40% of the domain)". */
export function pieceWhere(p: Pick<PieceReport, 'condition' | 'share'>, isLast: boolean): string {
  const where = p.condition === 'true' ? (isLast ? 'otherwise' : 'always') : `where ${p.condition}`;
  return p.share === null ? where : `${where} ${onShare(p.share)}`;
}

/** "(on 40% of the domain)", "(on none of the domain)". */
const onShare = (share: number) => `(on ${share === 0 ? 'none' : `${Math.max(1, Math.round(share * 100))}%`} of the domain)`;

/**
 * The pieces worth showing: those that apply somewhere on the domain (all when the shares
 * are not known), with their indices, and how many others there are.
 */
export function shownPieces<P extends Pick<PieceReport, 'share'>>(pieces: readonly P[]): { shown: Array<{ p: P; i: number }>; hidden: number } {
  const all = pieces.map((p, i) => ({ p, i }));
  const shown = all.filter(({ p }) => p.share === null || p.share > 0);
  return shown.length ? { shown, hidden: pieces.length - shown.length } : { shown: all, hidden: 0 };
}

/** A sentence for the pieces left out of a view because they apply nowhere on the domain. */
export const hiddenPieces = (n: number): string => (n ? `${n} more piece${n === 1 ? '' : 's'} of the code appl${n === 1 ? 'ies' : 'y'} nowhere on this domain.` : '');

/** A piecewise map's pieces as plain-text lines: condition, components, J, det J per piece. */
export function describePieces(t: Pick<TransformReport, 'pieces' | 'mainPiece'>): string[] {
  const ps = t.pieces ?? [];
  const { shown, hidden } = shownPieces(ps);
  const out: string[] = [];
  for (const { p, i } of shown) {
    out.push(`piece ${i + 1} of ${ps.length}${i === t.mainPiece ? ' (shown above)' : ''}: ${pieceWhere(p, i === ps.length - 1)}`);
    out.push(`  f     = ${formatComponents(p)}`);
    out.push(`  J     = [${p.jacobian.map((row) => `[${row.join(', ')}]`).join(', ')}]`);
    out.push(`  det J = ${p.det}${p.detSymbolic && !p.detChecked ? '   (not checked numerically)' : ''}`);
  }
  if (hidden) out.push(hiddenPieces(hidden));
  return out;
}

/**
 * A composition's layers as aligned plain-text lines, in application order: "1  c(x, y)
 * det J = …  log|det J| = …  invertible (proof)"; `at` adds each layer's input.
 */
export function describeLayers(layers: readonly LayerReport[], opts: { at?: boolean; max?: number } = {}): string[] {
  const cut = (s: string) => (opts.max && s.length > opts.max ? `${s.slice(0, opts.max - 1)}…` : s);
  const rows = layers.map((l, k) => [
    `${k + 1}`, signature(l), `det J = ${cut(l.det)}`, l.logDet ? `log|det J| = ${cut(l.logDet)}` : 'log|det J|: none (det J changes sign)',
    l.invertibility.verdict === 'unknown' ? 'unknown' : `${l.invertibility.verdict} (${l.invertibility.certainty})`,
    ...(opts.at ? [`at (${l.at.join(', ')})`] : []),
  ]);
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((r) => r[j].length))) ?? [];
  return rows.map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]))).join('  '));
}

/** "d ∘ R ∘ c": a composition's layers as it is written (the last applied first). */
export const chainOf = (layers: readonly Pick<LayerReport, 'name'>[]): string => layers.map((l) => l.name).reverse().join(' ∘ ');

/**
 * A name's LaTeX as plain text for prose: \theta_1 -> θ1, \mathbf{z}_A -> z_A, \hat{x} -> x̂;
 * a subscript range or expression keeps its braces: \mathbf{z}_{d+1:D} -> z_{d+1:D}.
 */
export function readableName(latex: string): string {
  const plain = latex
    .replace(/\\(?:mathbf|boldsymbol|bm|mathrm|mathit|operatorname|vec|mathsf)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\(hat|tilde|bar)\s*\{([^{}]*)\}/g, (_, a: string, x: string) => x + ({ hat: '\u0302', tilde: '\u0303', bar: '\u0304' } as Record<string, string>)[a])
    .replace(/\\(?:left|right)(?![A-Za-z])\s*/g, '')
    .replace(/\\([A-Za-z]+)/g, (m, g: string) => GREEK_LETTERS[g] ?? g)
    .replace(/_(?:\{(\d+)\}|(\d+))/g, '$1$2');
  // braces and spaces go, except around a subscript that is more than a name (1:d, k+1)
  return plain.split(/(_\{[^{}]*[^\p{L}\p{N}{}\s][^{}]*\})/u)
    .map((part, k) => (k % 2 ? `_{${part.slice(2, -1).replace(/\s/g, '')}}` : part.replace(/[{}\s]/g, ''))).join('');
}

/** The names the user writes otherwise than their ids (z_1tod -> z_{1:d}), from the note's LaTeX of each. */
function userNames(report: { readonly variables: readonly string[]; readonly freeSymbols: readonly string[]; readonly unknownFunctions: readonly string[] }, display: Readonly<Record<string, string>>): Map<string, string> {
  const shown = new Map<string, string>();
  for (const id of [...report.variables, ...report.freeSymbols, ...report.unknownFunctions]) {
    const latex = Object.prototype.hasOwnProperty.call(display, id) ? display[id] : undefined;
    const r = latex === undefined ? id : readableName(latex);
    if (r && r !== id) shown.set(id, r);
  }
  return shown;
}

/**
 * A name in a line beside the formulas (the CLI's header and domain line): as the user writes it
 * where the id had to flatten a subscript (z_1tod for z_{1:d}, x_k1 for x_{k+1}), else the id
 * itself (theta for θ reads as well in plain text, and matches the formulas next to it).
 */
export const shownName = (t: { readonly names?: Readonly<Record<string, string>> }, id: string): string => {
  const user = t.names && Object.prototype.hasOwnProperty.call(t.names, id) ? t.names[id] : undefined;
  return user !== undefined && user.includes('_{') ? user : id;
};

/**
 * The map's prose (the invertibility reason and its detail, the notes) with its names as the
 * user writes them: `z_1tod is kept` -> `z_{1:d} is kept`, `theta` -> `θ`. The formulas
 * (components, J, det J) keep the names they can be pasted back with.
 */
export function proseInUserNames<R extends { readonly variables: readonly string[]; readonly freeSymbols: readonly string[]; readonly unknownFunctions: readonly string[]; readonly notes: readonly string[]; readonly invertibility: { readonly reason: string; readonly reasonDetail?: string } }>(
  report: R, display: Readonly<Record<string, string>>,
): R & { readonly names?: Readonly<Record<string, string>> } {
  const shown = userNames(report, display);
  if (!shown.size) return report;
  const ids = [...shown.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const names = new RegExp(`(?<![\\w'\\\\])(?:${ids.join('|')})(?!\\w)`, 'g');
  const say = (s: string) => s.replace(names, (m) => shown.get(m) ?? m);
  const inv = report.invertibility;
  return {
    ...report,
    names: Object.fromEntries(shown),
    notes: report.notes.map(say),
    invertibility: { ...inv, reason: say(inv.reason), ...(inv.reasonDetail === undefined ? {} : { reasonDetail: say(inv.reasonDetail) }) },
  };
}
