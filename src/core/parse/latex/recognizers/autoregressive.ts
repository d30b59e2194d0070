/**
 * autoregressive: a family of maps written with an index, one equation for every coordinate,
 * whose coefficients depend on the coordinates on one side of the index.
 *
 *     x_i = z_i \exp(\alpha_i) + \mu_i, where \mu_i, \alpha_i are functions of x_{1:i-1}   (MAF)
 *     x_i = z_i \exp(\alpha(z_{1:i-1})) + \mu(z_{1:i-1})                                 (IAF)
 *     z_i = (x_i - \mu_i)\exp(-\alpha_i), \quad \mu_i = f_\mu(x_{1:i-1})                 (inverse)
 *     y_i = u_i e^{a_i} + b_i with a_i, b_i functions of u_{1:D} (all of u)             declined (info)
 *
 * The left side is a name with an index letter (x_i); the right side uses one other name with
 * that index, the input (z_i), and coefficients: names with the index whose dependence the note
 * states (a definition `\mu_i = f(x_{1:i-1})`, or a sentence next to the formula: "where
 * $\mu_i$ and $\alpha_i$ are functions of $x_{1:i-1}$"), or calls written inline with an index
 * range (`\alpha(z_{1:i-1})`). The ranges decide the structure: every coefficient on
 * coordinates strictly before i (`1:i-1`, `<i`), or every one strictly after (`i+1:D`, `>i`),
 * makes J triangular (math/autoregressive.ts); a coefficient on all coordinates, on i itself,
 * or the two sides mixed, does not, and the family is declined with an information.
 */
import { mapExpr, someExpr, sym, symbolsOf } from '../../../math/expr';
import { toLatex } from '../../../math/print';
import { diff } from '../../../math/diff';
import type { Coefficient } from '../../../math/autoregressive';
import { DEFINE, Statement } from '../detect';
import { Candidate, Finding, Recognizer, RecognizerExample, Slice, declined } from '../recognizer';
import { Formula, Reading, hasPrime } from '../reading';
import { PRIME } from '../expr';

const EXAMPLES: RecognizerExample[] = [
  { note: '$$ y_k = u_k e^{a(y_{1:k-1})} + b(y_{1:k-1}) $$', reads: { variables: ['u_k'], components: ['u_k * exp(a_k) + b_k'] } },
  { note: '$$ y_k = u_k e^{a(u_{1:n})} + b(u_{1:n}) $$', declines: 'order' },
];

/** Where a range lies relative to the index. */
type Side = 'before' | 'after' | 'all' | 'through';

/** What the note says a coefficient depends on: the base of the coordinates (LaTeX, normalised) and the side. */
interface Dependence { readonly base: string; readonly side: Side; readonly written: string }

/** Prose that says what coefficients depend on ("are functions of", "depend only on", "computed from"). */
const DEPENDS = /\b(?:functions?|depends?|depending|computed|conditioned|outputs?|parameteri[sz]ed)\b[^.;$]{0,40}?\b(?:of|on|from|by)\b/i;
/** Inline math in prose: $…$ without $ inside (linear). */
const INLINE = /\$([^$\n]{1,200})\$/g;

export const autoregressive: Recognizer = {
  name: 'autoregressive',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const f of slice.formulas) {
      for (const st of f.statements) yield* familyOf(slice, reading, f, st);
    }
  },
  examples: EXAMPLES,
};

function* familyOf(slice: Slice, reading: Reading, f: Formula, st: Statement): Iterable<Finding> {
  if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) return;
  const left = reading.lhs(f, st.sides[0]);
  // z'_i = \tau(z_i; h_i): a primed output, the input its unprimed name (a base of its own)
  const primedOut = left?.k === 'primed' ? indexed(f, left.base) : null;
  const lhs = left?.k === 'name' ? left : primedOut && left?.k === 'primed' ? { k: 'name' as const, name: `${left.base}${PRIME}` } : null;
  if (!lhs) return;
  const out = primedOut ? { base: `${primedOut.base}${PRIME}`, index: primedOut.index } : indexed(f, lhs.name);
  if (!out) return;
  const v = reading.value(f, st.sides[1]);
  if (v.k !== 'expr' || hasPrime(v.e)) return;
  const { index } = out;
  // calls written with an index range: each is a coefficient of its own
  const inline = new Map<string, { name: string; tex: string; deps: Dependence[] }>();
  const display = (s: string) => f.names.display.get(s) ?? (primedOut && s === lhs.name && left?.k === 'primed' ? primedTex(f.names.display.get(left.base) ?? left.base) : s);
  let bad: Dependence | null = null;
  const written = symbolsOf(v.e);
  const component = mapExpr(v.e, (x) => {
    if (x.k !== 'call' || x.d || !x.args.length) return x;
    const deps = x.args.map((a) => (a.k === 'sym' ? rangeOf(display(a.name), index) : null));
    if (deps.some((d) => !d)) return x;
    const key = `${x.fn}(${x.args.map((a) => (a as { name: string }).name).join(',')})`;
    let c = inline.get(key);
    if (!c) {
      // \mu_i(x_{1:i-1}) is the coefficient mu_i (its own name where the formula does not use that as a symbol)
      const own = x.fn.endsWith(`_${index}`) && !written.has(x.fn) ? x.fn : null;
      let name = own ?? `${x.fn.replace(/_/g, '')}_${index}`;
      while ([...inline.values()].some((y) => y.name === name)) name = `${name.slice(0, -2)}${inline.size}_${index}`;
      c = { name, tex: toLatex(x, { names: Object.fromEntries(f.names.display) }), deps: deps as Dependence[] };
      inline.set(key, c);
    }
    return sym(c.name);
  });
  // the other names with the index: the input and the coefficients the note explains
  const inlineNames = new Set([...inline.values()].map((c) => c.name));
  const withIndex = [...symbolsOf(component)].filter((s) => s !== lhs.name && !inlineNames.has(s) && indexed(f, s)?.index === index);
  const stated = new Map<string, Dependence[]>();
  for (const c of inline.values()) stated.set(c.name, c.deps);
  // a sentence that names no coefficient ("the shift and scale depend on x_{<i}") is about all but the input
  let general: Dependence | null = null;
  const unnamed: string[] = [];
  // a conditional p(x_i \mid x_{1:i-1}) of the output stated in the note is about every coefficient
  const conditional = conditionalDependence(reading, display(lhs.name), index);
  for (const s of withIndex) {
    const defined = definedDependence(reading, s, index, lhs.name);
    const prose = defined ? null : proseDependence(reading, f, display(s), index) ?? (conditional && { deps: [conditional], named: false });
    if (defined || prose?.named) stated.set(s, defined ?? prose!.deps);
    else if (prose) { general = prose.deps[0]; unnamed.push(s); }
  }
  if (general && unnamed.length) {
    const g = general;
    const silent = withIndex.filter((s) => !stated.has(s) && !unnamed.includes(s));
    // the input: a name with no word said about it; else the one on the range's own coordinates (IAF, an inverse); else the one y_i is affine in with a slope
    let input = silent.length === 1 ? silent[0] : null;
    if (!input && !silent.length) {
      const own = unnamed.filter((s) => texBase(display(s)) === g.base && texBase(display(lhs.name)) !== g.base);
      const sloped = unnamed.filter((s) => { const d = diff(component, s); return d.k !== 'num' && !symbolsOf(d).has(s); });
      input = own.length === 1 ? own[0] : sloped.length === 1 ? sloped[0] : null;
    }
    for (const s of unnamed) if (s !== input) stated.set(s, [g]);
  }
  const inputs = withIndex.filter((s) => !stated.has(s));
  if (!stated.size) return; // y_i = a_i x_i + b_i: elementwise, ordinary math
  const at = { f, span: st.span };
  const said = `${reading.written(f, st.sides[0].span)} = …`;
  if (inputs.length !== 1) {
    if (inputs.length > 1) yield declined('autoregressive.input', `${said}: ${inputs.map(display).join(', ')} carry the index ${index} and the note does not say what they depend on, so the input is not clear`, at, 'info', st);
    return;
  }
  const input = inputs[0];
  const inBase = indexed(f, input)!.base, outBase = out.base;
  if (inBase === outBase) return;
  // every coefficient on the input's or the output's coordinates, on one side of i
  const coefficients: Coefficient[] = [];
  for (const [name, deps] of stated) {
    for (const d of deps) {
      const on = d.base === texBase(display(input)) ? 'input' : d.base === texBase(display(lhs.name)) ? 'output' : null;
      if (!on) { bad = bad ?? d; continue; }
      if (d.side !== 'before' && d.side !== 'after') { bad = bad ?? d; continue; }
      if (!coefficients.some((c) => c.name === name)) coefficients.push({ name, base: name.slice(0, name.lastIndexOf('_')), on, side: d.side });
      else if (coefficients.find((c) => c.name === name)!.side !== d.side) bad = bad ?? d;
    }
  }
  const sides = new Set(coefficients.map((c) => c.side));
  if (bad || sides.size > 1) {
    const why = bad
      ? `a coefficient depends on ${bad.written}, ${bad.side === 'all' ? 'every coordinate' : bad.side === 'through' ? `coordinate ${index} itself` : 'other names'}`
      : 'some coefficients depend on earlier coordinates and others on later ones';
    yield declined('autoregressive.order', `${said}: ${why}, so J is not triangular and det J is not read for every dimension`, at, 'info', st);
    return;
  }
  if (!someExpr(component, (x) => x.k === 'sym' && x.name === input)) return;
  // distinct bases for the instance's functions
  const bases = new Set<string>();
  const named = coefficients.map((c) => {
    let base = c.base;
    for (let k = 2; bases.has(base) || base === inBase || base === outBase; k++) base = `${c.base}${k}`;
    bases.add(base);
    return { ...c, base };
  });
  const texNames: Record<string, string> = {};
  for (const c of inline.values()) texNames[c.name] = c.tex;
  const candidate: Candidate = {
    kind: 'candidate', form: 'autoregressive', name: null, nameAt: { f, span: st.sides[0].span },
    variables: [input], raw: [component], outputs: [display(lhs.name)],
    parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
    autoregressive: {
      index, input, output: lhs.name, inputBase: inBase, outputBase: outBase, component, coefficients: named,
      display: { ...texNames, [input]: display(input), [lhs.name]: display(lhs.name) },
    },
  };
  yield candidate;
}

/** `z_i` -> `z'_i`: the LaTeX of a primed output. */
const primedTex = (tex: string): string => tex.replace(/(\s*_)/, "'$1");

/** `x_i` with a one-letter index (display `x_i`, `x_{i}`, `\mathbf{x}_i`): its base identifier and the index. */
function indexed(f: Formula, name: string): { base: string; index: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9]*?)_([a-z])$/.exec(name);
  if (!m) return null;
  const tex = (f.names.display.get(name) ?? name).replace(/\s+/g, '');
  return new RegExp(`_\\{?${m[2]}\\}?$`).test(tex) ? { base: m[1], index: m[2] } : null;
}

/** The LaTeX of a name without its subscript and font: \mathbf{x}_{1:i-1} -> x. */
function texBase(tex: string): string {
  const t = tex.replace(/\s+/g, '');
  const cut = t.lastIndexOf('_');
  return (cut > 0 ? t.slice(0, cut) : t).replace(/^\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit)\{(.*)\}$/, '$1').replace(/[{}]/g, '');
}

/**
 * A name with an index range, relative to the index `i`: x_{1:i-1}, x_{<i} (before),
 * x_{i+1:D}, x_{>i} (after), x_{1:i}, x_{\le i} (through i), x_{1:D} and an unindexed bold x (all).
 */
export function rangeOf(tex: string, i: string): Dependence | null {
  const t = tex.replace(/\s+/g, '').replace(/\\left|\\right/g, '');
  const bold = /^\\(?:mathbf|boldsymbol|bm|vec)\{([A-Za-z]|\\[A-Za-z]+)\}$/.exec(t);
  if (bold) return { base: bold[1], side: 'all', written: tex };
  // x_1, \ldots, x_{i-1}: the coordinates written out
  const listed = /^([A-Za-z]|\\[A-Za-z]+)_\{?1\}?,(?:\\[lc]?dots|\.\.\.),\1_\{(.+)\}$/.exec(t);
  if (listed) {
    const side = listed[2] === `${i}-1` ? 'before' : listed[2] === i ? 'through' : /^[A-Za-z0-9]+$/.test(listed[2]) ? 'all' : null;
    return side ? { base: listed[1], side, written: tex } : null;
  }
  const m = /^(.+?)_\{(.+)\}$/.exec(t);
  if (!m || m[1].includes('_')) return null;
  const base = texBase(`${m[1]}_`);
  const s = m[2].replace(/[()]/g, '');
  const side: Side | null =
    s === `1:${i}-1` || s === `<${i}` || s === `\\lt${i}` || s === `1,\\ldots,${i}-1` || s === `1,\\dots,${i}-1` ? 'before'
      : new RegExp(`^${i}\\+1:[A-Za-z0-9]+$`).test(s) || s === `>${i}` || s === `\\gt${i}` ? 'after'
        : s === `1:${i}` || s === `\\le${i}` || s === `\\leq${i}` ? 'through'
          : /^[01]:[A-Za-z0-9]+$/.test(s) && !s.includes(i) ? 'all'
            : null;
  return side ? { base, side, written: tex } : null;
}

/** The index ranges named in a piece of LaTeX (x_{1:i-1} … ), in order (linear: one pass of a bounded pattern). */
function rangesIn(tex: string, i: string): Dependence[] {
  const out: Dependence[] = [];
  const re = /(\\(?:mathbf|boldsymbol|bm)\{[A-Za-z]\}|\\[A-Za-z]+|[A-Za-z])\s*_\s*\{([^{}]{1,40})\}/g;
  for (const m of tex.matchAll(re)) {
    const d = rangeOf(`${m[1]}_{${m[2]}}`, i);
    if (d) out.push(d);
  }
  return out;
}

/**
 * A definition of `name` in the note, `\mu_i = f_\mu(x_{1:i-1})` (or `(\mu_i, \alpha_i) = f(…)`): the ranges its right side uses.
 * One that uses the output `out` itself (`z_i = (x_i - \mu_i(…)) / \sigma_i(…)` beside `x_i = z_i \sigma_i(…) + \mu_i(…)`)
 * is the inverse, not a coefficient's definition.
 */
function definedDependence(reading: Reading, name: string, i: string, out: string): Dependence[] | null {
  for (const { f, st, lhs } of reading.definitions(reading.formulas)) {
    const names = lhs?.k === 'name' ? [lhs.name] : lhs?.k === 'names' ? lhs.names : lhs?.k === 'head' ? [lhs.name] : [];
    if (!names.includes(name)) continue;
    if (st.sides.slice(1).some((p) => { const v = reading.value(f, p); return v.k === 'expr' && symbolsOf(v.e).has(out); })) continue;
    const deps = rangesIn(st.sides.slice(1).map((p) => reading.written(f, p.span)).join(' '), i);
    if (lhs?.k === 'head') deps.push(...rangesIn(reading.written(f, st.sides[0].span), i));
    if (deps.length) return deps;
  }
  return null;
}

/**
 * A conditional of the output written in the note's math, `x_i \sim p(x_i \mid x_{1:i-1})`,
 * `p(x_i | \mathbf{x}_{<i})`: the output depends on those coordinates, so its coefficients do.
 */
function conditionalDependence(reading: Reading, out: string, i: string): Dependence | null {
  const key = `${out} ${i}`;
  let memo = conditionals.get(reading);
  if (!memo) conditionals.set(reading, memo = new Map());
  if (memo.has(key)) return memo.get(key)!;
  const norm = (s: string) => s.replace(/[\s{}]/g, '');
  const me = norm(out), src = reading.text;
  let found: Dependence | null = null;
  // (the math of the note, inline or displayed, with or without a relation: one pass over the text)
  for (const bar of src.matchAll(/\\mid|\\vert|\|/g)) {
    // the conditioned name right before the bar, the condition after it up to the closing parenthesis
    if (!norm(src.slice(Math.max(0, bar.index - 24), bar.index)).endsWith(`(${me}`)) continue;
    const after = src.slice(bar.index + bar[0].length, bar.index + bar[0].length + 60);
    const cond = after.slice(0, after.search(/[),$]|$/));
    found = rangesIn(cond, i)[0] ?? rangeOf(cond.trim(), i);
    if (found) break;
  }
  memo.set(key, found);
  return found;
}

/** The conditionals found per note and output (a note's families share one pass each). */
const conditionals = new WeakMap<Reading, Map<string, Dependence | null>>();

/**
 * A sentence next to the formula (the paragraph after it, or the one before) that says what
 * the coefficient depends on: "where $\mu_i$ and $\alpha_i$ are functions of $x_{1:i-1}$".
 * `named`: the sentence names this coefficient; one that names none ("the shift and scale depend
 * on $x_{<i}$") is about every coefficient, and the caller tells the input apart.
 */
function proseDependence(reading: Reading, f: Formula, tex: string, i: string): { deps: Dependence[]; named: boolean } | null {
  const around = reading.proseAround(f);
  const windows = [around.after, around.before].map(([a, b]) => reading.text.slice(a, b));
  const norm = (s: string) => s.replace(/[\s{}]/g, '');
  const me = norm(tex);
  for (const window of windows) {
    for (const sentence of window.split(/[.;!?](?=\s|$)/)) {
      const m = DEPENDS.exec(sentence);
      if (!m) continue;
      const head = sentence.slice(0, m.index), tail = sentence.slice(m.index + m[0].length);
      const ranges = [...tail.matchAll(INLINE)].flatMap((x) => rangesIn(x[1], i).concat(rangeOf(x[1], i) ?? []));
      if (!ranges.length) continue;
      const named = [...head.matchAll(INLINE)].map((x) => norm(x[1]));
      const mentioned = named.some((s) => s.split(',').includes(me) || s === me);
      if (mentioned) return { deps: [ranges[0]], named: true };
      if (!named.some((s) => /_[a-z]$/.test(s))) return { deps: [ranges[0]], named: false };
    }
  }
  return null;
}
