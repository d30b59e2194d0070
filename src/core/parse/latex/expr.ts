/**
 * LaTeX math (a KaTeX parse tree, tree.ts) -> Expr.
 *
 * The tree is flattened into items (numbers, identifiers, function operators, operators,
 * delimiters, groups), which a small precedence parser reads:
 *
 *     sum      := ['+'|'-'] product (('+'|'-') product)*
 *     product  := implicit (('\cdot'|'\times'|'\odot'|'*'|'/'|'\div') implicit)*
 *     implicit := unary unary*            juxtaposition binds tighter than \cdot and /
 *     unary    := '-' unary | power
 *     power    := primary ('^' group)*
 *     primary  := number | name | name(args) | \fn arg | ( sum ) | |sum| | \frac | \sqrt | {sum}
 *
 * A function operator without parentheses takes the juxtaposed product that follows, up to
 * the next function operator: r\cos\theta\sin\phi = r cos(theta) sin(phi), \sin 2x = sin(2x).
 * \sin^2 x = (sin x)^2, \sin^{-1} x = asin x, \log_b x = log x / log b. \sigma(x) is the
 * sigmoid here, marked in `names.ops` (sigma.ts may make it σ times (x)); a name applied to parentheses is a call, which resolve.ts turns into a product
 * when the name is a variable or a parameter (x(y + 1)).
 *
 * Identifiers: z_1 -> z1, x_{10} -> x10, \theta -> theta, \mathbf{z}_A -> z_A, p_X -> p_X,
 * \hat{x} -> x_hat; what the user wrote is kept in `names.display` (for LaTeX output), and
 * names written as vectors (\mathbf, \boldsymbol, \bm, \vec) are listed in `names.vectors`.
 *
 * Errors carry the exact source span and a kind: 'syntax' (malformed) or 'unsupported'
 * (notation that is not a formula of a map: \sum, \int, \det, \partial, \mathbb{R}, ...).
 */
import { CONSTANTS, Expr, add, call, div, mul, neg, num, pow, sym, symbolsOf, ONE } from '../../math/expr';
import { FUNCTIONS, FUNCTION_ALIASES } from '../../math/functions';
import { ExprSyntaxError, callByName } from '../plainExpr';
import { KNode, Span, childNodes, spanOf, unwrapStyle } from './tree';
import { SIGMA_CALL } from './sigma';

export interface LatexNames {
  /** identifier -> LaTeX as the user wrote it (z1 -> z_1, theta -> \theta, z_A -> \mathbf{z}_A). */
  readonly display: Map<string, string>;
  /** Identifiers written as vectors: \mathbf{z}, \boldsymbol{z}, \bm{z}, \vec{z}. */
  readonly vectors: Set<string>;
  /** Operators seen ('odot': an elementwise product, so the names are vectors). */
  readonly ops: Set<string>;
}

export const newNames = (): LatexNames => ({ display: new Map(), vectors: new Set(), ops: new Set() });

/** syntax: a mistake; unsupported: a form not read; unreadable: a map whose parts the note does not give (said as information). */
export type LatexErrorKind = 'syntax' | 'unsupported' | 'unreadable';

export class LatexExprError extends Error {
  /** Vector notation (a transpose) the vector recognizer reads where it makes a map: elsewhere quiet in a tuple. */
  vectorNotation = false;
  constructor(message: string, readonly span: Span, readonly kind: LatexErrorKind = 'syntax') {
    super(message);
  }
}

export interface ExprContext {
  /** The string the tree was parsed from (spans are offsets into it). */
  readonly src: string;
  readonly names: LatexNames;
}

/** Suffix of primed names (z_1' -> "z1'"): only left-hand sides allow them. */
export const PRIME = "'";

/** Greek letters that name constants far more often than functions (φ, ψ, σ, μ, ξ name functions too). */
const CONSTANT_GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'eta', 'kappa', 'lambda', 'nu', 'omega', 'tau']);

/** Latin letters that name constants far more often than functions (the Lorenz system's a(y - x), k(x - x_0)). */
const CONSTANT_LATIN = new Set(['a', 'b', 'c', 'k']);

/** A superscript that transposes: T, \\top, \\intercal, \\mathsf{T}. */
const TRANSPOSED = /^\{?\s*(T|\\top|\\intercal|\\mathsf\s*\{?T\}?|\\mathrm\s*\{?T\}?)\s*\}?$/;

// ---------------------------------------------------------------------------------------
// Items

type Op = '+' | '-' | '*' | '/' | 'odot';

export type Item = ItemBody & {
  /** Where the search for this item's unlocated parts starts (the end of the item before). */
  readonly from?: number;
};

type ItemBody =
  | { readonly t: 'num'; readonly v: string; readonly s: Span }
  | { readonly t: 'id'; readonly name: string; readonly primes: number; readonly s: Span }
  | { readonly t: 'fn'; readonly fn: string; readonly label: string; readonly power: KNode | null; readonly base: KNode | null; readonly s: Span }
  | { readonly t: 'op'; readonly op: Op; readonly label: string; readonly s: Span }
  | { readonly t: 'open'; readonly d: string; readonly s: Span }
  | { readonly t: 'close'; readonly d: string; readonly s: Span }
  | { readonly t: 'bar'; readonly s: Span }
  /** ‖ (\|, \Vert, \lVert, \rVert): a norm's delimiter. */
  | { readonly t: 'dbar'; readonly s: Span }
  | { readonly t: 'group'; readonly kind: 'paren' | 'abs' | 'brace' | 'norm'; readonly left: string; readonly right: string; readonly body: readonly KNode[]; readonly s: Span }
  | { readonly t: 'frac'; readonly num: KNode; readonly den: KNode; readonly s: Span }
  | { readonly t: 'sqrt'; readonly body: KNode; readonly index: KNode | null; readonly s: Span }
  | { readonly t: 'sup'; readonly node: KNode; readonly s: Span }
  | { readonly t: 'punct'; readonly ch: string; readonly s: Span }
  | { readonly t: 'rel'; readonly rel: string; readonly s: Span }
  | { readonly t: 'text'; readonly text: string; readonly s: Span }
  /** A matrix or vector environment (pmatrix, bmatrix, \left( array \right)): rows of cells. */
  | { readonly t: 'matrix'; readonly cells: readonly (readonly (readonly KNode[])[])[]; readonly left: string; readonly s: Span }
  /** A system environment (aligned, gathered, cases, array): rows of cells (detect.ts joins a row's cells). */
  | { readonly t: 'system'; readonly rows: readonly (readonly (readonly KNode[])[])[]; readonly s: Span }
  | { readonly t: 'cr'; readonly s: Span }
  /** \quad or wider space (separates equations on one line; ignored inside formulas). */
  | { readonly t: 'gap'; readonly s: Span }
  /** `mod`: the word of \bmod, \pmod, \mod (a remainder, read only at the end of a value: `trailingModulus`). */
  | { readonly t: 'bad'; readonly msg: string; readonly kind: LatexErrorKind; readonly s: Span; readonly mod?: true };

const OPEN: Record<string, string> = { '(': '(', '[': '[', '\\{': '{', '\\lbrace': '{', '\\lbrack': '[', '\\lparen': '(' };
const CLOSE: Record<string, string> = { ')': ')', ']': ']', '\\}': '}', '\\rbrace': '}', '\\rbrack': ']', '\\rparen': ')' };
const BARS = new Set(['|', '\\vert', '\\lvert', '\\rvert', '\\mid']);
/** Norm delimiters: ‖v‖. */
const DBARS = new Set(['\\|', '\\Vert', '\\lVert', '\\rVert', '‖']);
const BIN: Record<string, Op> = {
  '+': '+', '-': '-', '\\cdot': '*', '\\times': '*', '*': '*', '\\ast': '*', '\\odot': 'odot', '\\div': '/', '/': '/', '\\bullet': '*',
  '−': '-', '×': '*', '·': '*', '⋅': '*', '∗': '*', '⊙': 'odot', '÷': '/',
};
/** Greek letters typed as Unicode: θ is \theta. */
const UNICODE_GREEK: Readonly<Record<string, string>> = Object.fromEntries(
  [...'αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ'].map((c, i) => [c, ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa',
    'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi',
    'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'][i]]));
/** Operators (as \name) that mark mathematics other than a formula of a map. */
/** \min and \max of values listed (parseExtremum). */
const EXTREMA: ReadonlySet<string> = new Set(['min', 'max']);
const PROSE_OPS = new Set([
  'det', 'sum', 'prod', 'int', 'iint', 'iiint', 'oint', 'lim', 'liminf', 'limsup', 'max', 'min', 'sup', 'inf', 'arg',
  'argmax', 'argmin', 'dim', 'ker', 'deg', 'gcd', 'Pr', 'hom', 'lg', 'coprod', 'bigcup', 'bigcap', 'bigoplus', 'bigotimes',
  'tr', 'Tr', 'diag', 'rank', 'span', 'Var', 'Cov', 'E', 'KL',
]);
const INVERSE: Record<string, string> = { sin: 'asin', cos: 'acos', tan: 'atan', sinh: 'asinh', cosh: 'acosh', tanh: 'atanh' };
const ACCENT_SUFFIX: Record<string, string> = {
  '\\hat': 'hat', '\\widehat': 'hat', '\\bar': 'bar', '\\overline': 'bar', '\\tilde': 'tilde', '\\widetilde': 'tilde',
  '\\dot': 'dot', '\\ddot': 'ddot', '\\check': 'check', '\\breve': 'breve', '\\acute': 'acute', '\\grave': 'grave',
};
const NAME_FONTS = new Set(['mathbf', 'boldsymbol', 'bm', 'mathrm', 'mathit', 'mathsf', 'mathtt', 'mathnormal', 'textbf', 'textrm', 'textit', 'text', 'mathbfit', 'mathsfit', 'pmb']);
const VECTOR_FONTS = new Set(['mathbf', 'boldsymbol', 'bm', 'textbf', 'mathbfit', 'pmb']);

/** Items that can begin the argument of a function (ln written as letters is ln only before one). */
const ARGUMENT: ReadonlySet<string> = new Set(['open', 'id', 'num', 'group', 'fn']);

/** Names written in notes for known functions, beyond functions.ts's aliases. */
const LATEX_ALIASES: Readonly<Record<string, string>> = { sgn: 'sign', signum: 'sign', expit: 'sigmoid', tg: 'tan', ctg: 'cot', arctg: 'atan' };

/** The longest name a known function is written with: a run of letters is searched no further for one. */
const LONGEST_FUNCTION_NAME = Math.max(...[FUNCTIONS, FUNCTION_ALIASES, LATEX_ALIASES].flatMap((r) => Object.keys(r).map((k) => k.length)));

/** A known function for a name as written (\ln -> log, arctan -> atan), or null. */
export function knownFunction(name: string): string | null {
  const n = FUNCTION_ALIASES[name] ?? LATEX_ALIASES[name] ?? name;
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, n) ? n : null;
}

/** The one relation symbol of a node drawn two ways (\neq: ≠), or null. */
function mathmlRelation(n: KNode): string | null {
  const m = n.mathml as KNode[] | undefined;
  const only = Array.isArray(m) && m.length === 1 ? m[0] : null;
  // \coloneqq (≔) and \coloneq (:−): :=
  if (only?.type === 'op' && /^(≔|:−)$/.test(lettersOf(only))) return ':=';
  const b = only?.type === 'mclass' && only.mclass === 'mrel' && Array.isArray(only.body) && only.body.length === 1 ? (only.body[0] as KNode) : null;
  return b && typeof b.text === 'string' && b.text.length === 1 ? b.text : null;
}

/** The letters of a subtree (`\\text{def}` -> def), bounded. */
function lettersOf(n: KNode, out: string[] = []): string {
  const stack: KNode[] = [n];
  while (stack.length && out.length < 16) {
    const x = stack.pop()!;
    if (typeof x.text === 'string') out.push(x.text);
    stack.push(...childNodes(x).reverse());
  }
  return out.join('');
}

/**
 * Relations that say "is defined as", read as := : \\coloneqq (≔), \\coloneq (KaTeX draws :−),
 * \\stackrel{\\text{def}}{=} and \\overset{\\mathrm{def}}{=} (also with Δ or \\triangle on top).
 */
function definedAs(n: KNode): string | null {
  const b = Array.isArray(n.body) && n.body.length === 1 ? (n.body[0] as KNode) : null;
  if (n.mclass !== 'mrel' || b?.type !== 'supsub' || !b.sup) return null;
  const base = b.base as KNode | undefined;
  if (base?.type !== 'op' || lettersOf(base) !== '=') return null;
  return /^(def|Δ|\\triangle|\\Delta|\\bigtriangleup)$/.test(lettersOf(b.sup as KNode)) ? ':=' : null;
}

/** White space or a typeset space (\, \: \; \> \quad), not the negative \!: what sets a letter apart from a parenthesis. */
const SPACE_BETWEEN = /\s|\\[,:;>]|\\(?:thinspace|medspace|thickspace|q?quad)\b/;
/** Letter-like symbols KaTeX gives as textord that notes use as names: a length \ell_1, ħ. */
const LETTERLIKE = new Set(['\\ell', '\\hbar', '\\hslash']);
/** Upright capital Greek letters, which KaTeX reads as textord. */
const UPPER_GREEK = /^\\(var)?(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)$/;
const isLetter = (t: string) => /^[A-Za-z]$/.test(t);
const isDigitOrDot = (t: string) => /^[0-9.]$/.test(t);
const text = (n: KNode): string => (typeof n.text === 'string' ? n.text : '');
const body = (n: KNode): KNode[] => (Array.isArray(n.body) ? (n.body as KNode[]) : n.body ? [n.body as KNode] : []);

interface Ident { name: string; display: string; vector: boolean; primes: number }

export class ItemReader {
  /** Inside \mathbf{…} of a formula (not a name): its names are bold. */
  private bold = 0;

  constructor(private readonly ctx: ExprContext) {}

  private span(n: KNode | readonly KNode[], fallback: Span): Span {
    return spanOf(n, this.ctx.src) ?? fallback;
  }

  private src(s: Span): string { return this.ctx.src.slice(s[0], s[1]).trim(); }

  /**
   * Flatten a node list into items. `at` is where the list's source starts: operators that
   * KaTeX gives no location (\exp, \bigl() are searched for from there on.
   */
  items(nodes: readonly KNode[], at = 0): Item[] {
    const out: Item[] = [];
    let cursor = at;
    for (const n of nodes) {
      const before = out.length;
      this.item(n, cursor, out);
      for (let i = before; i < out.length; i++) {
        if (out[i].from === undefined) {
          out[i] = { ...out[i], from: cursor, s: i === before ? widen(this.ctx.src, cursor, out[i].s) : out[i].s };
        }
        cursor = Math.max(cursor, out[i].s[1]);
      }
    }
    return this.increments(mergeItems(out, this.ctx.src));
  }

  /**
   * `\Delta x`, `\Delta t`, `\alpha\,\Delta\mathbf{z}`: an increment is one name (read as Δ times
   * x it would change J wherever x is an input). Only the capital: δ is as often a constant
   * (a damping δ before \dot x).
   */
  private increments(items: Item[]): Item[] {
    const out: Item[] = [];
    const names = this.ctx.names;
    for (let i = 0; i < items.length; i++) {
      const it = items[i], nx = items[i + 1];
      // (a primed one, \Delta T' = \Delta T / \gamma, relates intervals: left as a difference, no map)
      if (it.t === 'id' && it.name === 'Delta' && !it.primes && nx?.t === 'id' && nx.name !== 'Delta' && !nx.primes) {
        const name = `Delta_${nx.name}`;
        if (!names.display.has(name)) names.display.set(name, `\\Delta ${names.display.get(nx.name) ?? nx.name}`);
        if (names.vectors.has(nx.name)) names.vectors.add(name);
        out.push({ t: 'id', name, primes: 0, s: [it.s[0], nx.s[1]], from: it.from });
        i++;
        continue;
      }
      out.push(it);
    }
    return out;
  }

  /** Locate an operator without a span (\exp, \bigl() by searching for its text after `cursor`. */
  private locate(label: string, cursor: number): Span {
    const i = this.ctx.src.indexOf(label, cursor);
    return i >= 0 ? [i, i + label.length] : [cursor, cursor];
  }

  private item(n: KNode, cursor: number, out: Item[]): void {
    const s = (fallback?: Span): Span => this.span(n, fallback ?? [cursor, cursor]);
    // \neq, \ne (KaTeX builds them from \not=): the relation their MathML names
    const rel = n.type === 'htmlmathml' ? mathmlRelation(n) : n.type === 'mclass' ? definedAs(n) : null;
    if (rel) { out.push({ t: 'rel', rel, s: s() }); return; }
    // \bmod, \pmod, \mod (an upright "mod"): a wrap the extension does not compute, not m·o·d
    if ((n.type === 'mclass' || n.type === 'font') && n.font !== 'mathit' && lettersOf(n) === 'mod') {
      out.push({ t: 'bad', msg: 'mod (a remainder) is not computed in a map', kind: 'unsupported', s: s(), mod: true });
      return;
    }
    const inner = unwrapStyle(n);
    if (inner) {
      if (n.type === 'mclass' && inner.length === 0) return;
      const id = n.type === 'mclass' ? this.ident(n) : null;
      if (id) { out.push(this.idItem(id, s())); return; }
      // the braces after \color{red}, \scriptstyle, \large are the switch's argument, not a
      // group: `a \color{red}{\odot b}` is a ⊙ b, `\scriptstyle{\text{…}}` is a text column
      const flat = n.type === 'color' || n.type === 'styling' || n.type === 'sizing'
        ? inner.flatMap((c) => (c.type === 'ordgroup' ? body(c) : [c])) : inner;
      for (const c of flat) { this.item(c, cursor, out); cursor = Math.max(cursor, out[out.length - 1]?.s[1] ?? cursor); }
      return;
    }
    switch (n.type) {
      case 'kern': {
        // \quad and wider: a gap, which separates equations written on one line
        const d = n.dimension as { number?: number; unit?: string } | undefined;
        const em = (d?.number ?? 0) * (EM_PER[d?.unit ?? ''] ?? 0);
        if (em >= 1) out.push({ t: 'gap', s: [cursor, cursor] });
        return;
      }
      case 'spacing': case 'phantom': case 'hphantom': case 'vphantom': case 'mathchoice': case 'rule': case 'internal':
        return;
      case 'textord': case 'mathord': {
        const t = text(n);
        if (isDigitOrDot(t)) { out.push({ t: 'num', v: t, s: s() }); return; }
        if (BARS.has(t)) { out.push({ t: 'bar', s: s() }); return; }
        if (DBARS.has(t)) { out.push({ t: 'dbar', s: s() }); return; }
        if (t === '/') { out.push({ t: 'op', op: '/', label: '/', s: s() }); return; }
        if (t === '\\prime') { out.push({ t: 'bad', msg: 'a prime must follow a name, as in z_1\'', kind: 'syntax', s: s() }); return; }
        const id = this.ident(n);
        if (id) { out.push(this.idItem(id, s())); return; }
        out.push({ t: 'bad', msg: `${t} is not a value a map can compute with`, kind: 'unsupported', s: s() });
        return;
      }
      case 'atom': {
        const t = text(n);
        switch (n.family) {
          case 'bin': {
            const op = BIN[t];
            if (op === 'odot' || t === '\\times') this.ctx.names.ops.add(t === '\\times' ? 'times' : op);
            if (op) out.push({ t: 'op', op, label: t, s: s() });
            else out.push({ t: 'bad', msg: `the operator ${t} is not supported in a map (use + - \\cdot \\times \\odot / and functions)`, kind: 'unsupported', s: s() });
            return;
          }
          case 'rel': out.push({ t: 'rel', rel: t, s: s() }); return;
          case 'punct':
            if (BIN[t]) out.push({ t: 'op', op: BIN[t], label: t, s: s() }); // · is punctuation to KaTeX
            else out.push({ t: 'punct', ch: t, s: s() });
            return;
          case 'open':
            if (OPEN[t]) out.push({ t: 'open', d: OPEN[t], s: s() });
            else if (BARS.has(t)) out.push({ t: 'bar', s: s() });
            else if (DBARS.has(t)) out.push({ t: 'dbar', s: s() });
            else out.push({ t: 'bad', msg: `the delimiter ${t} is not supported in a map`, kind: 'unsupported', s: s() });
            return;
          case 'close':
            if (CLOSE[t]) out.push({ t: 'close', d: CLOSE[t], s: s() });
            else if (BARS.has(t)) out.push({ t: 'bar', s: s() });
            else if (DBARS.has(t)) out.push({ t: 'dbar', s: s() });
            else out.push({ t: 'bad', msg: `the delimiter ${t} is not supported in a map`, kind: 'unsupported', s: s() });
            return;
          default:
            out.push({ t: 'bad', msg: `${t} is not supported in a map`, kind: 'unsupported', s: s() });
            return;
        }
      }
      case 'delimsizing': {
        const d = String(n.delim);
        const sp = this.locate(d, cursor);
        const at: Span = [sp[0], sp[1]];
        if (OPEN[d] && n.mclass !== 'mclose') out.push({ t: 'open', d: OPEN[d], s: at });
        else if (CLOSE[d]) out.push({ t: 'close', d: CLOSE[d], s: at });
        else if (BARS.has(d)) out.push({ t: 'bar', s: at });
        else out.push({ t: 'bad', msg: `the delimiter ${d} is not supported in a map`, kind: 'unsupported', s: at });
        return;
      }
      case 'ordgroup': {
        const kids = body(n);
        const sub = this.items(kids, s()[0]);
        // {:} or {=} (what \colon and friends expand to): the relation itself
        // (and the word of \mod, \pmod, which KaTeX wraps in braces)
        if (sub.length === 1 && (sub[0].t === 'rel' || sub[0].t === 'punct' || (sub[0].t === 'bad' && sub[0].mod))) { out.push(sub[0]); return; }
        if (sub.length === 0) return;
        // \exp{(a) + b} shows as exp(a) + b: braces after a function that hold more than its
        // parenthesized argument only group, and are read as if they were not there
        if (out[out.length - 1]?.t === 'fn' && bracesOnlyGroup(sub)) { out.push(...sub); return; }
        out.push({ t: 'group', kind: 'brace', left: '{', right: '}', body: kids, s: s() });
        return;
      }
      case 'leftright': {
        const left = String(n.left), right = String(n.right);
        const kids = body(n);
        const arr = kids.length === 1 && kids[0].type === 'array' ? kids[0] : null;
        const sp = s();
        if (arr) {
          if (((left === '\\{' || left === '\\lbrace') && right === '.') || left === '.') out.push({ t: 'system', rows: arrayRows(arr), s: sp });
          else if (BARS.has(left) || left === '\\Vert' || left === '\\|') out.push({ t: 'bad', msg: 'a determinant (vmatrix) or norm is not a formula of a map', kind: 'unsupported', s: sp });
          else out.push({ t: 'matrix', cells: matrixCells(arr), left, s: sp });
          return;
        }
        if (BARS.has(left) && BARS.has(right)) { out.push({ t: 'group', kind: 'abs', left, right, body: kids, s: sp }); return; }
        if (DBARS.has(left) && DBARS.has(right)) { out.push({ t: 'group', kind: 'norm', left, right, body: kids, s: sp }); return; }
        if ((OPEN[left] || left === '.') && (CLOSE[right] || right === '.') && !(left === '.' && right === '.')) {
          out.push({ t: 'group', kind: 'paren', left: OPEN[left] ?? '.', right: CLOSE[right] ?? '.', body: kids, s: sp });
          return;
        }
        out.push({ t: 'bad', msg: `the delimiters \\left${left} … \\right${right} are not supported in a map`, kind: 'unsupported', s: sp });
        return;
      }
      case 'array': out.push({ t: 'system', rows: arrayRows(n), s: s() }); return;
      case 'cr': out.push({ t: 'cr', s: [cursor, cursor] }); return;
      case 'genfrac': {
        if (!n.hasBarLine || n.leftDelim || n.rightDelim) {
          out.push({ t: 'bad', msg: 'binomial coefficients are not supported in a map', kind: 'unsupported', s: s() });
          return;
        }
        out.push({ t: 'frac', num: n.numer as KNode, den: n.denom as KNode, s: s() });
        return;
      }
      case 'sqrt': out.push({ t: 'sqrt', body: n.body as KNode, index: (n.index as KNode | null) ?? null, s: s() }); return;
      case 'op': case 'operatorname': {
        const f = this.fnItem(n, null, null, cursor);
        out.push(f);
        return;
      }
      case 'supsub': { this.supsub(n, cursor, out); return; }
      case 'font': case 'accent': case 'overline': {
        const id = this.ident(n);
        if (id) { out.push(this.idItem(id, s())); return; }
        const font = String(n.font ?? '');
        if (font === 'mathbb' || font === 'mathcal' || font === 'mathfrak' || font === 'mathscr') {
          out.push({ t: 'bad', msg: `${this.src(s()) || 'this'} is a set or a special symbol, not a value`, kind: 'unsupported', s: s() });
          return;
        }
        if (n.type === 'font' && NAME_FONTS.has(font)) {
          // a styled formula (\mathrm{d}x, \mathbf{2}): its content; bold around a whole
          // equation (\mathbf{z = W x}) makes each name in it bold
          const bold = VECTOR_FONTS.has(font);
          if (bold) this.bold++;
          try {
            for (const c of body(n).flatMap((k) => (k.type === 'ordgroup' ? body(k) : [k]))) this.item(c, cursor, out);
          } finally {
            if (bold) this.bold--;
          }
          return;
        }
        out.push({ t: 'bad', msg: `${this.src(s()) || 'this accent'} is not supported in a map`, kind: 'unsupported', s: s() });
        return;
      }
      case 'text': {
        const t = textOf(n);
        const fn = knownFunction(t.trim());
        if (fn) { out.push({ t: 'fn', fn, label: t.trim(), power: null, base: null, s: s() }); return; }
        // \text{JS}(p), \text{ReLU}(x): a word right before a parenthesis names a function
        if (/^[A-Za-z][A-Za-z0-9]+$/.test(t) && /^\s*\}?\s*(?:\\left\s*)?\(/.test(this.ctx.src.slice(s()[1], s()[1] + 16))) {
          out.push(this.idItem({ name: t, display: `\\text{${t}}`, vector: false, primes: 0 }, s()));
          return;
        }
        out.push({ t: 'text', text: t, s: s() });
        return;
      }
      case 'horizBrace': out.push({ t: 'group', kind: 'brace', left: '{', right: '}', body: [n.base as KNode], s: s() }); return;
      case 'smash': case 'underline': case 'raisebox': case 'vcenter':
        for (const c of childNodes(n)) this.item(c, cursor, out);
        return;
      default:
        out.push({ t: 'bad', msg: `${this.src(s()) || n.type} is not supported in a map`, kind: 'unsupported', s: s() });
    }
  }

  private idItem(given: Ident, s: Span): Item {
    const id = this.bold > 0 && !given.vector && /^[A-Za-z]/.test(given.display) ? { ...given, vector: true, display: `\\mathbf{${given.display}}` } : given;
    const names = this.ctx.names;
    const had = names.display.get(id.name);
    if (had === undefined || (id.vector && !names.vectors.has(id.name))) names.display.set(id.name, id.display);
    if (id.vector) names.vectors.add(id.name);
    return { t: 'id', name: id.name, primes: id.primes, s };
  }

  private fnItem(n: KNode, power: KNode | null, base: KNode | null, cursor: number): Item {
    let name: string, label: string;
    if (n.type === 'operatorname') {
      name = plainName(body(n)) ?? '';
      label = `\\operatorname{${name}}`;
    } else {
      label = String(n.name ?? '');
      name = label.replace(/^\\/, '');
    }
    const sp = spanOf(n, this.ctx.src) ?? this.locate(label, cursor);
    const s: Span = [sp[0], Math.max(sp[1], spanOf([...(power ? [power] : []), ...(base ? [base] : [])], this.ctx.src)?.[1] ?? sp[1])];
    // \operatorname{diag}(s): the diagonal matrix of a vector (the vector reader knows it)
    if (name === 'diag') { this.ctx.names.display.set(name, '\\operatorname{diag}'); return { t: 'id', name, primes: 0, s }; }
    // \min(x, y), \max\{0, u\}: of the values listed (a bound below, \max_{i}, ranges over a set: prose)
    if (EXTREMA.has(name) && !power && !base) return { t: 'fn', fn: name, label, power, base, s };
    if (n.symbol || PROSE_OPS.has(name)) return { t: 'bad', msg: `${label} is not a formula a map can be computed from`, kind: 'unsupported', s };
    const fn = knownFunction(name);
    if (fn) return { t: 'fn', fn, label, power, base, s };
    if (n.type === 'operatorname' && /^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      // \operatorname{NN}: an unknown function, named as written
      this.ctx.names.display.set(name, `\\operatorname{${name}}`);
      if (power || base) return { t: 'bad', msg: `a power or subscript on ${label} is not supported`, kind: 'unsupported', s };
      return { t: 'id', name, primes: 0, s };
    }
    return { t: 'bad', msg: `${label || 'this operator'} is not a function this extension knows`, kind: 'unsupported', s };
  }

  private supsub(n: KNode, cursor: number, out: Item[]): void {
    const base = (n.base as KNode | null) ?? null;
    const sup = (n.sup as KNode | null) ?? null;
    const sub = (n.sub as KNode | null) ?? null;
    const baseCore = base ? unwrapSingle(base) : null;
    // \underbrace{…}_{label}, \overbrace{…}^{label}: the label is prose, the braced part a group
    if (baseCore?.type === 'horizBrace' && !(baseCore.isOver ? sub : sup)) { this.item(baseCore, cursor, out); return; }
    if (baseCore && (baseCore.type === 'op' || baseCore.type === 'operatorname')) {
      out.push(this.fnItem(baseCore, sup, sub, cursor));
      return;
    }
    const id = this.ident(n);
    if (id) {
      let sp = spanOf([...(base ? [base] : []), ...(sub ? [sub] : [])], this.ctx.src) ?? [cursor, cursor];
      if (id.primes) {
        // the primes have no location: take them from the source
        const m = /^\s*('+|\^\s*(?:\{\s*)?(\\prime\s*)+\}?)/.exec(this.ctx.src.slice(sp[1]));
        if (m) sp = [sp[0], sp[1] + m[0].length];
      }
      out.push(this.idItem(id, sp));
      if (sup && primeCount(sup) === 0) out.push({ t: 'sup', node: sup, s: this.span(sup, [sp[1], sp[1]]) });
      return;
    }
    // {}^{0}R_1, {}_{B}v: a prescript on nothing names the frame of what follows (robotics'
    // notation), which this extension does not compute
    if (base?.type === 'ordgroup' && !body(base).length) {
      out.push({ t: 'bad', msg: 'a prescript ({}^{A} before a name) names a frame: notation this extension does not compute', kind: 'unsupported', s: this.span(sup ?? sub!, [cursor, cursor]) });
      return;
    }
    if (base) this.item(base, cursor, out);
    const end = out[out.length - 1]?.s[1] ?? cursor;
    // \|x\|_2: the Euclidean norm, the one a bare \|x\| means
    const euclid = sub && out[out.length - 1]?.t === 'dbar' && /^\{?\s*2\s*\}?$/.test(this.src(this.span(sub, [end, end])).replace(/^_/, ''));
    if (sub && !euclid) {
      out.push({ t: 'bad', msg: `a subscript here (${this.src(this.span(sub, [end, end]))}) is not supported: subscripts belong to names, as in x_1`, kind: 'unsupported', s: this.span(sub, [end, end]) });
      return;
    }
    if (sup) {
      // (f^{-1}(x))': the derivative of what the parentheses hold, notation this extension does not compute
      if (primeCount(sup) > 0) {
        const group = base?.type === 'leftright' || (out.length > 0 && out[out.length - 1].t === 'close');
        out.push(group
          ? { t: 'bad', msg: 'a prime after parentheses (the derivative of an expression) is not computed: name the function, as in g\'(x)', kind: 'unsupported', s: this.span(sup, [end, end]) }
          : { t: 'bad', msg: 'a prime must follow a name, as in z_1\'', kind: 'syntax', s: this.span(sup, [end, end]) });
        return;
      }
      out.push({ t: 'sup', node: sup, s: this.span(sup, [end, end]) });
    }
  }

  /** An identifier: a letter or Greek letter, maybe styled, with a name-like subscript and primes. */
  ident(n: KNode): Ident | null {
    const src = this.ctx.src;
    switch (n.type) {
      case 'mathord': case 'textord': {
        const t = text(n);
        if (isLetter(t)) return { name: t, display: t, vector: false, primes: 0 };
        if (UNICODE_GREEK[t]) return { name: UNICODE_GREEK[t], display: t, vector: false, primes: 0 };
        if (/^\\[A-Za-z]+$/.test(t) && (n.type === 'mathord' || UPPER_GREEK.test(t) || LETTERLIKE.has(t))) return { name: t.slice(1), display: t, vector: false, primes: 0 };
        return null;
      }
      case 'mclass': {
        const b = body(n);
        return b.length === 1 ? this.ident(b[0]) : null;
      }
      case 'font': {
        const font = String(n.font);
        if (!NAME_FONTS.has(font)) return null;
        const name = plainName(body(n));
        if (!name) return null;
        return { name, display: this.fontDisplay(font, name), vector: VECTOR_FONTS.has(font), primes: 0 };
      }
      case 'accent': case 'overline': {
        const label = n.type === 'overline' ? '\\overline' : String(n.label);
        const b = n.type === 'overline' ? unwrapSingle(body(n)[0] ?? null) : unwrapSingle(n.base as KNode);
        const inner = b ? this.ident(b) : null;
        if (!inner || inner.primes) return null;
        if (label === '\\vec' || label === '\\overrightarrow') return { ...inner, display: `\\vec{${inner.display}}`, vector: true };
        const suffix = ACCENT_SUFFIX[label];
        if (!suffix) return null;
        return { name: `${inner.name}_${suffix}`, display: `${label}{${inner.display}}`, vector: inner.vector, primes: 0 };
      }
      case 'ordgroup': {
        const b = body(n);
        return b.length === 1 ? this.ident(b[0]) : null;
      }
      case 'supsub': {
        const base = n.base ? this.ident(unwrapSingle(n.base as KNode)!) : null;
        if (!base || base.primes) return null;
        let { name, display } = base;
        if (n.sub) {
          const sub = subscriptName(n.sub as KNode);
          if (sub === null) return null;
          name = /^\d+$/.test(sub) ? `${name}${sub}` : `${name}_${sub}`;
          const subSrc = spanOf(n.sub as KNode, src);
          const written = subSrc ? src.slice(subSrc[0], subSrc[1]).trim() : sub;
          display = `${display}_${written.length === 1 || /^\{.*\}$/.test(written) ? written : `{${written}}`}`;
        }
        const primes = n.sup ? primeCount(n.sup as KNode) : 0;
        if (n.sup && primes === 0 && !n.sub) return null;
        return { name, display, vector: base.vector || (!!n.sub && /^[^:]+:[^:]+$/.test(display.slice(base.display.length))), primes };
      }
      default: return null;
    }
  }

  private fontDisplay(font: string, name: string): string {
    const f = font === 'bm' ? 'boldsymbol' : font;
    return `\\${f}{${name}}`;
  }
}

/** How far before a span `widen` looks for the command that opens it (\sqrt[3]{, \begin{pmatrix}{ab}, \left\langle). */
const WIDEN_WINDOW = 256;

/**
 * KaTeX locates a styled name by its letters (the z of \mathbf{z}) and a group by its
 * content: widen a span over the commands that open the node (\mathbf{, \hat{, \frac{,
 * \sqrt[3]{, \left(, \begin{pmatrix}, \operatorname{) and over what closes them after it.
 */
function widen(src: string, cursor: number, span: Span): Span {
  const CMD_BRACE = /\\[A-Za-z]+\*?\s*(\[[^\]]*\])?\s*\{\s*$/; // \mathbf{ before the letters
  const CMD = /\\[A-Za-z]+\*?\s*(\[[^\]]*\])?\s*$/; // \mathrm before a {group}
  const LEFT = /\\left\s*(\\[A-Za-z]+|\\.|[^\sA-Za-z\\])\s*$/;
  const BEGIN = /\\begin\s*\{([A-Za-z]+\*?)\}(\s*\{[^{}]*\})?\s*$/;
  const BRACE = /\{\s*$/;
  let s = span[0];
  const closers: RegExp[] = [];
  for (let k = 0; k < 8 && s > cursor; k++) {
    // (the patterns end at s: only the text just before it is searched, so that a long formula's
    // spans, one per item, cost each a bounded search and not one over all the text before it)
    const prefix = src.slice(Math.max(cursor, s - WIDEN_WINDOW), s);
    let m: RegExpExecArray | null;
    if ((m = BEGIN.exec(prefix))) closers.push(new RegExp(`\\s*\\\\end\\s*\\{${m[1].replace('*', '\\*')}\\}`, 'y'));
    else if ((m = LEFT.exec(prefix))) closers.push(/\s*\\right\s*(\\[A-Za-z]+|\\.|[^\sA-Za-z\\])/y);
    else if ((m = CMD_BRACE.exec(prefix) ?? BRACE.exec(prefix))) closers.push(/\s*\}/y);
    else if (src[s] === '{' && (m = CMD.exec(prefix))) { /* the group's own braces are in the span */ }
    if (!m) break;
    s -= m[0].length;
  }
  let e = span[1];
  for (const c of closers) {
    c.lastIndex = e;
    const m = c.exec(src);
    if (!m) break;
    e += m[0].length;
  }
  return [s, e];
}

/**
 * Merge digits into numbers; a letter written right before digits is a name (x1); letters
 * written together that spell a function's name are that function (sin x = \sin x); a lone
 * '.' is punctuation.
 */
/** Items that open with ( … ) and go on after it: `(a) + b`, not `(a + b)`. */
function bracesOnlyGroup(items: readonly Item[]): boolean {
  if (items[0]?.t !== 'open' || items[0].d !== '(') return false;
  let depth = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.t === 'open') depth++;
    else if (it.t === 'close' && --depth === 0) return i < items.length - 1;
  }
  return false;
}

function mergeItems(items: Item[], src: string): Item[] {
  const out: Item[] = [];
  const touching = (a: Item, b: Item) => a.s[1] === b.s[0];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const last = out[out.length - 1];
    if (it.t === 'num' && last?.t === 'num' && /^\s*$/.test(src.slice(last.s[1], it.s[0]))) {
      out[out.length - 1] = { t: 'num', v: last.v + it.v, s: [last.s[0], it.s[1]] };
      continue;
    }
    if (it.t === 'num' && /^\d+$/.test(it.v) && last?.t === 'id' && !last.primes && /^[A-Za-z]$/.test(last.name) && touching(last, it) &&
      items[i + 1]?.t !== 'num') {
      out[out.length - 1] = { t: 'id', name: last.name + it.v, primes: 0, s: [last.s[0], it.s[1]] };
      continue;
    }
    if (it.t === 'id' && /^[A-Za-z]$/.test(it.name) && !it.primes) {
      let word = it.name, j = i;
      const run: string[] = [word];
      // (no further than the longest function name: a long word is read in linear time)
      while (j + 1 < items.length && word.length < LONGEST_FUNCTION_NAME) {
        const nx = items[j + 1];
        if (nx.t !== 'id' || !/^[A-Za-z]$/.test(nx.name) || nx.primes || !touching(items[j], nx)) break;
        word += nx.name;
        run.push(word);
        j++;
      }
      // (ln written without a backslash, before what it applies to: nobody means l·n(u))
      const hit = run.map((w, k) => ({ w, k })).reverse().find(({ w, k }) => (w.length >= 3 || (w === 'ln' && ARGUMENT.has(items[i + k + 1]?.t ?? ''))) && knownFunction(w));
      if (hit) {
        out.push({ t: 'fn', fn: knownFunction(hit.w)!, label: hit.w, power: null, base: null, s: [it.s[0], items[i + hit.k].s[1]] });
        i += hit.k;
        continue;
      }
    }
    out.push(it);
  }
  return out.map((it) => (it.t === 'num' && it.v === '.' ? { t: 'punct', ch: '.', s: it.s, from: it.from } : it));
}

function unwrapSingle(n: KNode | null): KNode | null {
  let x = n;
  for (let i = 0; x && i < 8; i++) {
    const inner = x.type === 'ordgroup' || x.type === 'mclass' ? body(x) : null;
    if (!inner || inner.length !== 1) break;
    x = inner[0];
  }
  return x;
}

/** Letters and digits of a name written as a node list (\operatorname{atan_2}, \mathrm{softplus}). */
function plainName(nodes: readonly KNode[]): string | null {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'mathord' || n.type === 'textord') {
      const t = text(n);
      if (!/^[A-Za-z0-9]$/.test(t)) return null;
      s += t;
    } else if (n.type === 'supsub' && !n.sup && n.base && n.sub) {
      const b = plainName([n.base as KNode]);
      const sub = subscriptName(n.sub as KNode);
      if (!b || !sub) return null;
      s += /^\d+$/.test(sub) ? b + sub : `${b}_${sub}`;
    } else if (n.type === 'ordgroup') {
      const b = plainName(body(n));
      if (b === null) return null;
      s += b;
    } else if (n.type === 'spacing' && text(n) === ' ') {
      continue;
    } else return null;
  }
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(s) ? s : null;
}

/** A subscript usable in an identifier: digits, letters, Greek, \text{...}. */
function subscriptName(n: KNode): string | null {
  const parts: string[] = [];
  let dangling = false; // after + or -, an operand must follow
  const visit = (x: KNode): boolean => {
    const ok = visitOne(x);
    if (ok && x.type !== 'atom' && x.type !== 'ordgroup' && x.type !== 'spacing') dangling = false;
    return ok;
  };
  const visitOne = (x: KNode): boolean => {
    switch (x.type) {
      case 'ordgroup': case 'font': case 'mclass': case 'styling': return body(x).every(visit);
      case 'text': { const t = textOf(x).trim(); if (!/^[A-Za-z0-9]+$/.test(t)) return false; parts.push(t); return true; }
      case 'mathord': case 'textord': {
        const t = text(x);
        if (/^[A-Za-z0-9]$/.test(t)) { parts.push(t); return true; }
        if (/^\\[A-Za-z]+$/.test(t) && x.type === 'mathord') { parts.push(`${parts.length ? '_' : ''}${t.slice(1)}`); return true; }
        return false;
      }
      case 'spacing': return text(x) === ' ';
      // x_{k+1} -> x_k1, x_{i-1} -> x_im1: an index expression names a coordinate;
      // x_{1:d} -> x_1tod: an index range names a block (a vector)
      case 'atom': {
        const t = text(x);
        if (t === ':' && x.family === 'rel' && parts.length && !dangling) { parts.push('to'); dangling = true; return true; }
        if (x.family !== 'bin' || !parts.length || dangling || (t !== '+' && t !== '-')) return false;
        if (t === '-') parts.push('m');
        dangling = true;
        return true;
      }
      // F_{\theta_3}: a subscripted name in a subscript
      case 'supsub': {
        if (x.sup || !x.base || !x.sub || !visit(x.base as KNode)) return false;
        const inner = subscriptName(x.sub as KNode);
        if (inner === null) return false;
        parts.push(inner);
        return true;
      }
      default: return false;
    }
  };
  if (!visit(n) || !parts.length || dangling) return null;
  return parts.join('');
}

function textOf(n: KNode): string {
  let s = '';
  for (const c of body(n)) {
    if (c.type === 'textord' || c.type === 'mathord') s += text(c);
    else if (c.type === 'spacing') s += ' ';
    else if (Array.isArray(c.body)) s += textOf(c);
  }
  return s;
}

/** Number of primes when a superscript is only primes (x', x'', x^{\prime}), else 0. */
export function primeCount(n: KNode): number {
  const kids = n.type === 'ordgroup' ? body(n) : [n];
  if (!kids.length) return 0;
  return kids.every((k) => k.type === 'textord' && k.text === '\\prime') ? kids.length : 0;
}

/** Rows of an array environment: each row its non-empty cells' contents. */
export function arrayRows(n: KNode): KNode[][][] {
  const rows = Array.isArray(n.body) ? (n.body as KNode[][]) : [];
  return rows.map((row) => row.map((cell) => cellBody(cell)).filter((c) => c.length > 0))
    .filter((r) => r.length > 0);
}

export function cellBody(cell: KNode): KNode[] {
  const inner = unwrapStyle(cell);
  if (inner) return inner.flatMap((c) => (c.type === 'ordgroup' ? body(c) : [c]));
  return cell.type === 'ordgroup' ? body(cell) : [cell];
}

/** Matrix cells: rows x columns of node lists. */
export function matrixCells(arr: KNode): KNode[][][] {
  const rows = Array.isArray(arr.body) ? (arr.body as KNode[][]) : [];
  return rows.map((row) => row.map(cellBody)).filter((r) => r.some((c) => c.length > 0));
}

// ---------------------------------------------------------------------------------------
// The parser

export interface ParseOptions {
  /** Allow primed names (left-hand sides): z_1' becomes the symbol "z1'". */
  readonly primes?: boolean;
  /**
   * Vector maps: a matrix or column written inside a formula (T \begin{pmatrix} x \\ y \\ 1
   * \end{pmatrix}, a list (1, 0, -1) as a row) is a value with given entries: the callback names it.
   */
  readonly literal?: (rows: Expr[][], span: Span) => Expr;
}

export class LatexExprParser {
  private i = 0;
  private absDepth = 0;
  private normDepth = 0;
  private readonly reader: ItemReader;
  private readonly items: readonly Item[];

  constructor(private readonly ctx: ExprContext, items: readonly Item[], private readonly opts: ParseOptions = {}, private readonly whole: Span = [0, 0]) {
    this.reader = new ItemReader(ctx);
    // inside a formula, \quad and line breaks (\left( a, \\ b \right)) are layout
    this.items = items.filter((it) => it.t !== 'gap' && it.t !== 'cr');
  }

  /** `at`: where the nodes' source starts (the end of what comes before them). */
  static fromNodes(ctx: ExprContext, nodes: readonly KNode[], at: number, opts: ParseOptions = {}): LatexExprParser {
    const reader = new ItemReader(ctx);
    const sp = spanOf(nodes, ctx.src);
    const whole: Span = sp ? [Math.min(at, sp[0]), sp[1]] : [at, at];
    return new LatexExprParser(ctx, reader.items(nodes, whole[0]), opts, whole);
  }

  private sub(items: readonly Item[], whole: Span): LatexExprParser {
    const p = new LatexExprParser(this.ctx, items, this.opts, whole);
    return p;
  }

  /** A parser for the nodes inside `owner` (a group, fraction, root, superscript). */
  private nodesParser(nodes: readonly KNode[], owner: Item): LatexExprParser {
    const at = owner.from ?? owner.s[0];
    const sp = spanOf(nodes, this.ctx.src);
    const whole: Span = sp ? [Math.min(at, sp[0]), sp[1]] : [at, owner.s[1]];
    return this.sub(this.reader.items(nodes, whole[0]), whole);
  }

  private peek(): Item | undefined { return this.items[this.i]; }
  private next(): Item { return this.items[this.i++]; }
  /** Where a formula that ends too early is reported: its last item (a dangling operator). */
  private endSpan(): Span {
    const last = this.items[this.items.length - 1];
    return last ? last.s : [this.whole[1], this.whole[1]];
  }

  private fail(msg: string, s: Span, kind: LatexErrorKind = 'syntax'): never {
    throw new LatexExprError(msg, s, kind);
  }

  /** One expression, all items consumed. */
  parseAll(): Expr {
    if (!this.items.length) this.fail('expected a formula here', this.whole);
    const mod = this.trailingModulus();
    if (mod) return call('rem', this.sub(mod.head, this.whole).parseAll(), mod.m);
    const e = this.parseSum();
    this.expectEnd();
    return e;
  }

  /**
   * A value reduced modulo a constant at its end, `\theta + p \pmod{2\pi}`, `2x + y \bmod 1`,
   * `x \mod 1` (a wrap onto a circle or a torus): the remainder, whose derivative is the value's
   * wherever it is smooth. Only a modulus of numbers and π, e: a remainder by a variable is not
   * computed (the old message stays). `head`: the items before it (a tuple there is reduced
   * componentwise by the reader of sides, `Reading.value`).
   */
  trailingModulus(): { head: readonly Item[]; m: Expr } | null {
    const items = this.items;
    let k = -1;
    for (let i = 0; i < items.length; i++) { const it = items[i]; if (it.t === 'bad' && it.mod) { k = i; break; } }
    if (k <= 0) return null;
    // \pmod{m}: ( mod m ) at the end
    const paren = items[k - 1].t === 'open' && items[items.length - 1].t === 'close';
    const at = paren ? k - 1 : k;
    const rest = items.slice(k + 1, paren ? items.length - 1 : items.length);
    if (!rest.length || rest.some((it) => it.t === 'bad' || it.t === 'rel' || it.t === 'punct' || it.t === 'open' || it.t === 'close' || it.t === 'gap') || at === 0) return null;
    let m: Expr;
    try { m = this.sub(rest, [rest[0].s[0], rest[rest.length - 1].s[1]]).parseAll(); } catch { return null; }
    return [...symbolsOf(m)].every((x) => x in CONSTANTS) ? { head: items.slice(0, at), m } : null;
  }

  /** Comma-separated expressions (arguments, tuples), all items consumed. */
  parseList(): Expr[] {
    return this.parseSeparated((it) => it.t === 'punct' && it.ch === ',');
  }

  /**
   * A call's arguments: separated by commas, and by a semicolon before the parameters
   * (`\tau(z; \theta)`, `p(x; \mu, \sigma)`: arguments all the same to the map).
   */
  private parseArgs(): Expr[] {
    return this.parseSeparated((it) => it.t === 'punct' && (it.ch === ',' || it.ch === ';'));
  }

  /**
   * What brackets opened by `open` hold: a value or a list. A semicolon there is the parameter
   * list of a function we do not know how to apply (`g^{-1}(u; \theta)`), and braces around a
   * condition are a set (`\{A v : v \in V\}`, `\{x \mid x > 0\}`): not formulas we compute.
   */
  private parseGrouped(open: string): Expr[] {
    const semi = this.items.find((it) => it.t === 'punct' && it.ch === ';');
    if (semi) this.fail('(…; …): arguments with parameters of a function that is not applied here', semi.s, 'unsupported');
    const such = open === '{' && this.items.find((it) => it.t === 'rel' && (it.rel === ':' || it.rel === '\\mid' || it.rel === '\\vert' || it.rel === '|'));
    if (such) this.fail('{… : …}: a set, not a formula of a map', such.s, 'unsupported');
    return this.parseList();
  }

  private parseSeparated(isSep: (it: Item) => boolean): Expr[] {
    const out: Expr[] = [];
    for (const part of splitItems(this.items, isSep)) {
      const s: Span = part.length ? [part[0].s[0], part[part.length - 1].s[1]] : this.endSpan();
      if (!part.length) this.fail('an empty item between commas', s);
      out.push(this.sub(part, s).parseAll());
    }
    return out;
  }

  private expectEnd(): void {
    const it = this.peek();
    if (!it) return;
    // q(z \mid x): a condition (probability notation)
    if (it.t === 'rel' && it.rel === '\\mid') this.fail(CONDITION, it.s, 'unsupported');
    this.fail(unexpected(it, this.ctx.src), it.s, it.t === 'bad' ? it.kind : 'syntax');
  }

  private parseSum(): Expr {
    const terms: Expr[] = [];
    const signs = (): number => {
      let sign = 1;
      for (let it = this.peek(); it?.t === 'op' && (it.op === '+' || it.op === '-'); it = this.peek()) {
        if (it.op === '-') sign = -sign;
        this.i++;
      }
      return sign;
    };
    let sign = signs();
    for (;;) {
      const t = this.parseProduct();
      terms.push(sign < 0 ? neg(t) : t);
      const nx = this.peek();
      if (!(nx?.t === 'op' && (nx.op === '+' || nx.op === '-'))) break;
      sign = signs();
    }
    return terms.length === 1 ? terms[0] : add(...terms);
  }

  private parseProduct(): Expr {
    let left = this.parseImplicit(false);
    for (;;) {
      const it = this.peek();
      if (it?.t !== 'op' || it.op === '+' || it.op === '-') return left;
      this.i++;
      const right = this.parseImplicit(false);
      left = it.op === '/' ? div(left, right) : mul(left, right);
    }
  }

  private startsFactor(it: Item | undefined): boolean {
    if (!it) return false;
    switch (it.t) {
      case 'num': case 'id': case 'fn': case 'group': case 'frac': case 'sqrt': case 'bad': case 'matrix': return true;
      case 'open': return true;
      case 'bar': return this.absDepth === 0;
      case 'dbar': return this.normDepth === 0;
      default: return false;
    }
  }

  /** Juxtaposed factors; `stopAtFn` ends the run before a function operator (a bare function argument). */
  private parseImplicit(stopAtFn: boolean): Expr {
    const factors = [this.parseUnary()];
    while (this.startsFactor(this.peek()) && !(stopAtFn && this.peek()!.t === 'fn')) factors.push(this.parsePower());
    return factors.length === 1 ? factors[0] : mul(...factors);
  }

  private parseUnary(): Expr {
    const it = this.peek();
    if (it?.t === 'op' && it.op === '-') { this.i++; return neg(this.parseUnary()); }
    if (it?.t === 'op' && it.op === '+') { this.i++; return this.parseUnary(); }
    return this.parsePower();
  }

  private parsePower(): Expr {
    let base = this.parsePrimary();
    while (this.peek()?.t === 'sup') {
      const sup = this.next() as Extract<Item, { t: 'sup' }>;
      // w^T z, w^\top z, x^{\!\top\!}: a transpose, a product of vectors, not a power (a vector map reads it)
      const raised = this.ctx.src.slice(sup.s[0], sup.s[1]).replace(/^\s*\^/, '').replace(/\\[!,;:]/g, '').trim();
      // A^+, A^\dagger, z^*: a pseudoinverse, an adjoint or a conjugate, notation this extension does not compute
      if (/^\{?\s*(?:\+|\\dagger|\*|\\ast)\s*\}?$/.test(raised)) this.fail(`^${raised}: a pseudoinverse, an adjoint or a conjugate is not computed`, sup.s, 'unsupported');
      if (TRANSPOSED.test(raised)) {
        if (this.opts.literal) { base = call('transpose', base); continue; }
        const e = new LatexExprError(`^${this.ctx.src.slice(sup.s[0], sup.s[1]).trim()}: a transpose is a vector or matrix operation, not a power`, sup.s, 'unsupported');
        e.vectorNotation = true;
        throw e;
      }
      const exponent = this.supExpr(sup.node, sup);
      // e^{u} is exp(u) (and prints as e^{u} again)
      base = base.k === 'sym' && base.name === 'e' ? call('exp', exponent) : pow(base, exponent);
    }
    return base;
  }

  private supExpr(n: KNode, owner: Item): Expr {
    return this.nodesParser(n.type === 'ordgroup' ? body(n) : [n], owner).parseAll();
  }

  private parsePrimary(): Expr {
    const it = this.peek();
    if (!it) return this.fail('the formula ends where a value is expected', this.endSpan());
    switch (it.t) {
      case 'num': {
        this.i++;
        const v = Number(it.v);
        if (!Number.isFinite(v) || !/^(\d+\.?\d*|\.\d+)$/.test(it.v)) this.fail(`${it.v} is not a number`, it.s);
        return num(v);
      }
      case 'id': {
        this.i++;
        // \gamma (x - v t), \beta(\alpha + r), a(y - x): a constant-like letter before a sum is a
        // factor; so is any one letter set apart from the sum by a space, typed or typeset
        // (u (x - y), u\,(x - y), u\;(x - y)), as written
        const letter = it.name.replace(/(_.*|\d+)$/, '');
        const spaced = /^[A-Za-z]$/.test(letter) && SPACE_BETWEEN.test(this.ctx.src.slice(it.s[1], this.peek()?.s[0] ?? it.s[1]));
        const factor = !it.primes && (CONSTANT_GREEK.has(letter) || CONSTANT_LATIN.has(letter) || spaced) && this.sumInParens();
        const args = factor ? null : this.callArgs();
        if (args) {
          // the sigmoid, marked: decide.ts may read it as the constant σ times the parenthesis (sigma.ts)
          const sigmoid = it.name === 'sigma' && it.primes === 0 && args.length === 1;
          if (sigmoid) this.ctx.names.ops.add(SIGMA_CALL);
          const name = it.name === 'sigma' && it.primes === 0 ? 'sigmoid' : it.name;
          if (it.primes) return { k: 'call', fn: name, args, d: new Array<number>(it.primes).fill(0) };
          return this.callKnown(name, args, it.s);
        }
        if (it.primes) {
          if (!this.opts.primes) this.fail(`${this.ctx.src.slice(it.s[0], it.s[1]).trim()}${PRIME.repeat(it.primes)}: a primed name (an output) cannot be used in a formula`, it.s);
          return sym(it.name + PRIME.repeat(it.primes));
        }
        return sym(it.name);
      }
      case 'fn': { this.i++; return this.parseFunction(it); }
      case 'group': {
        this.i++;
        const inner = this.nodesParser(it.body, it);
        if (it.kind === 'abs') return call('abs', inner.parseAll());
        if (it.kind === 'norm') return call('norm', inner.parseAll());
        if (it.kind === 'paren' && (it.left !== '(' && it.left !== '[' && it.left !== '{' || !matches(it.left, it.right))) {
          this.fail(`\\left${it.left} … \\right${it.right}: mismatched delimiters`, it.s);
        }
        const list = inner.parseGrouped(it.kind === 'paren' ? it.left : '(');
        if (list.length !== 1 && this.opts.literal) return this.opts.literal([list], it.s);
        if (list.length !== 1) this.fail('a list (a, b) where one value is expected', it.s);
        return list[0];
      }
      case 'open': {
        this.i++;
        const close = this.findClose(this.i - 1);
        const inner = this.sub(this.items.slice(this.i, close), [it.s[1], this.items[close]?.s[0] ?? it.s[1]]);
        const c = this.items[close];
        if (!c) this.fail(`this ${it.d} is never closed`, it.s);
        if (c.t === 'close' && !matches(it.d, c.d)) this.fail(`${it.d} is closed by ${c.t === 'close' ? c.d : '?'}`, c.s);
        this.i = close + 1;
        const list = inner.parseGrouped(it.d);
        if (list.length !== 1 && this.opts.literal) return this.opts.literal([list], [it.s[0], c.s[1]]);
        if (list.length !== 1) this.fail('a list (a, b) where one value is expected', [it.s[0], c.s[1]]);
        return list[0];
      }
      case 'bar': {
        // ||v||: a norm written with two bars
        const second = this.items[this.i + 1];
        if (this.absDepth === 0 && second?.t === 'bar' && second.s[0] === it.s[1]) {
          this.i += 2;
          this.absDepth++;
          const e = this.parseSum();
          this.absDepth--;
          const c1 = this.peek(), c2 = this.items[this.i + 1];
          if (c1?.t !== 'bar' || c2?.t !== 'bar') this.fail('this || is never closed', [it.s[0], second.s[1]]);
          this.i += 2;
          return call('norm', e);
        }
        this.i++;
        this.absDepth++;
        const e = this.parseSum();
        this.absDepth--;
        const c = this.peek();
        // p(a | b), q(z \mid x): a bar after an operand, left open in its parentheses, is a
        // condition (probability notation), not an absolute value
        if (c?.t !== 'bar' && this.items.indexOf(it) > 0) this.fail(CONDITION, it.s, 'unsupported');
        if (c?.t !== 'bar') this.fail('this | is never closed', it.s);
        this.i++;
        return call('abs', e);
      }
      case 'dbar': {
        this.i++;
        this.normDepth++;
        const e = this.parseSum();
        this.normDepth--;
        // D(p \| q): a ‖ after an operand, left open in its parentheses, separates two
        // distributions (a divergence), not a norm
        if (this.peek()?.t !== 'dbar' && this.items.indexOf(it) > 0) this.fail(DIVERGENCE, it.s, 'unsupported');
        if (this.peek()?.t !== 'dbar') this.fail('this ‖ is never closed', it.s);
        this.i++;
        return call('norm', e);
      }
      case 'frac': {
        this.i++;
        const n = this.nodesParser(it.num.type === 'ordgroup' ? body(it.num) : [it.num], it).parseAll();
        const d = this.nodesParser(it.den.type === 'ordgroup' ? body(it.den) : [it.den], it).parseAll();
        return div(n, d);
      }
      case 'sqrt': {
        this.i++;
        const b = this.nodesParser(it.body.type === 'ordgroup' ? body(it.body) : [it.body], it).parseAll();
        if (!it.index) return call('sqrt', b);
        const k = this.nodesParser(it.index.type === 'ordgroup' ? body(it.index) : [it.index], it).parseAll();
        if (k.k === 'num' && k.v === 2) return call('sqrt', b);
        if (k.k === 'num' && k.v === 3) return call('cbrt', b);
        return pow(b, div(ONE, k));
      }
      case 'bad': return this.fail(it.msg, it.s, it.kind);
      case 'matrix': {
        if (!this.opts.literal) return this.fail('a matrix or vector where one value is expected', it.s, 'unsupported');
        this.i++;
        return this.opts.literal(it.cells.map((row) => row.map((cell) => this.nodesParser(cell, it).parseAll())), it.s);
      }
      default: return this.fail(unexpected(it, this.ctx.src), it.s, 'syntax');
    }
  }

  /** Index of the close item matching the open item at `open`. */
  private findClose(open: number): number {
    let depth = 0;
    for (let j = open; j < this.items.length; j++) {
      const it = this.items[j];
      if (it.t === 'open') depth++;
      else if (it.t === 'close') { depth--; if (depth === 0) return j; }
    }
    return this.items.length;
  }

  /** The next item is a parenthesis holding a sum or difference at its top level. */
  private sumInParens(): boolean {
    const it = this.peek();
    let inner: readonly Item[];
    if (it?.t === 'group' && it.kind === 'paren' && it.left === '(') inner = this.reader.items(it.body, it.s[0]);
    else if (it?.t === 'open' && it.d === '(') inner = this.items.slice(this.i + 1, this.findClose(this.i));
    else return false;
    let depth = 0;
    for (const x of inner) {
      if (x.t === 'open') depth++;
      else if (x.t === 'close') depth--;
      else if (depth === 0 && x.t === 'op' && (x.op === '-' || x.op === '+')) return true;
    }
    return false;
  }

  /** Parenthesized arguments right after a name or function operator: (a, b), \left( … \right), {(a)}. */
  private callArgs(): Expr[] | null {
    const it = this.peek();
    if (!it) return null;
    if (it.t === 'group' && it.kind === 'paren' && it.left === '(') { this.i++; return this.nodesParser(it.body, it).parseArgs(); }
    if (it.t === 'group' && it.kind === 'brace') {
      const inner = this.reader.items(it.body, it.s[0]);
      if (inner.length === 1 && inner[0].t === 'group' && inner[0].kind === 'paren' && inner[0].left === '(') {
        this.i++;
        return this.nodesParser(inner[0].body, inner[0]).parseArgs();
      }
      return null;
    }
    if (it.t === 'open' && it.d === '(') {
      const close = this.findClose(this.i);
      const c = this.items[close];
      if (!c) this.fail('this ( is never closed', it.s);
      if (c.t === 'close' && c.d !== ')') this.fail(`( is closed by ${c.d}`, c.s);
      const inner = this.sub(this.items.slice(this.i + 1, close), [it.s[1], c.s[0]]);
      this.i = close + 1;
      return inner.parseArgs();
    }
    return null;
  }

  private callKnown(name: string, args: Expr[], s: Span): Expr {
    try {
      return callByName(name, args);
    } catch (e) {
      if (e instanceof ExprSyntaxError) this.fail(e.message, s);
      throw e;
    }
  }

  /**
   * \min(a, b, …), \max\{a, b\}: the values listed, folded in pairs through the absolute value,
   * max(a, b) = (a + b + |a - b|) / 2, min(a, b) = (a + b - |a - b|) / 2 (J is the piece's wherever
   * the values differ, as for |x|). One value or none listed (\max over a set) is not computed.
   */
  private parseExtremum(f: Extract<Item, { t: 'fn' }>): Expr {
    let args = this.callArgs();
    const it = this.peek();
    if (!args && it?.t === 'open' && it.d === '{') {
      const close = this.findClose(this.i);
      const c = this.items[close];
      if (c?.t === 'close' && c.d === '}') {
        args = this.sub(this.items.slice(this.i + 1, close), [it.s[1], c.s[0]]).parseArgs();
        this.i = close + 1;
      }
    }
    if (!args || args.length < 2) this.fail(`${f.label} needs the values it compares listed, as in ${f.label}(x, y)`, f.s, 'unsupported');
    const gap = (a: Expr, b: Expr) => call('abs', add(a, neg(b)));
    return args.slice(1).reduce((a, b) => div(add(a, b, f.fn === 'max' ? gap(a, b) : neg(gap(a, b))), num(2)), args[0]);
  }

  private parseFunction(f: Extract<Item, { t: 'fn' }>): Expr {
    if (EXTREMA.has(f.fn)) return this.parseExtremum(f);
    let args = this.callArgs();
    if (!args) {
      if (!this.startsFactor(this.peek()) && !(this.peek()?.t === 'op' && (this.peek() as { op: Op }).op === '-')) {
        this.fail(`${f.label} needs an argument`, f.s);
      }
      args = [this.parseImplicit(true)];
    }
    let fn = f.fn;
    let power: Expr | null = f.power ? this.supExpr(f.power, f) : null;
    if (power && power.k === 'num' && power.v === -1 && INVERSE[fn]) { fn = INVERSE[fn]; power = null; }
    let e = this.callKnown(fn, args, f.s);
    if (f.base) {
      const b = this.supExpr(f.base, f);
      if (fn !== 'log') this.fail(`a subscript on ${f.label} is not supported`, f.s, 'unsupported');
      e = b.k === 'num' && b.v === 10 ? call('log10', args[0]) : b.k === 'num' && b.v === 2 ? call('log2', args[0]) : div(e, call('log', b));
    }
    return power ? pow(e, power) : e;
  }
}

const matches = (open: string, close: string) => ({ '(': ')', '[': ']', '{': '}' } as Record<string, string>)[open] === close;

/** Split items at top-level separators (items are already grouped; open/close pairs are tracked). */
export function splitItems(items: readonly Item[], isSep: (it: Item) => boolean): Item[][] {
  const out: Item[][] = [[]];
  let depth = 0;
  for (const it of items) {
    if (it.t === 'open') depth++;
    else if (it.t === 'close') depth = Math.max(0, depth - 1);
    if (depth === 0 && isSep(it)) { out.push([]); continue; }
    out[out.length - 1].push(it);
  }
  return out;
}

/** Ems per unit of a space (\quad is 1em, \hspace{1cm} about 2.8em; 10pt type). */
const EM_PER: Readonly<Record<string, number>> = { em: 1, mu: 1 / 18, ex: 0.43, pt: 0.1, bp: 0.1, dd: 0.107, pc: 1.2, mm: 0.285, cm: 2.85, in: 7.23 };

/** A double bar between two distributions, D(p ‖ q). */
const DIVERGENCE = 'a divergence D(p ‖ q) between distributions is not a formula of a map';
/** A bar that is a condition, p(a | b). */
const CONDITION = 'a condition | (probability notation) is not a formula of a map';

function unexpected(it: Item, src: string): string {
  const s = src.slice(it.s[0], it.s[1]).trim();
  switch (it.t) {
    case 'rel': return `unexpected ${s || it.rel}: one formula per side of an equation`;
    case 'punct': return `unexpected ${s || it.ch}: to list components, put them in parentheses (a, b)`;
    case 'close': return `${s || it.d} closes nothing`;
    case 'bar': return 'this | closes nothing';
    case 'dbar': return 'this ‖ closes nothing';
    case 'text': return `text (${it.text.trim()}) inside a formula`;
    case 'op': return `the operator ${s || it.label} needs a value on both sides`;
    case 'sup': return 'a superscript needs something to raise';
    case 'system': return 'an aligned system inside a formula';
    case 'cr': return 'a line break \\\\ inside a formula';
    case 'bad': return it.msg;
    default: return `unexpected ${s || it.t}`;
  }
}

/** Parse a node list into one expression. */
export function latexToExpr(ctx: ExprContext, nodes: readonly KNode[], at = 0, opts: ParseOptions = {}): Expr {
  return LatexExprParser.fromNodes(ctx, nodes, at, opts).parseAll();
}
