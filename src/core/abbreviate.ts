/**
 * Readable forms: long J entries, det J and inverses written with shared subexpressions
 * named, as a reader writes them ("where c = cos(angle)"). The user's own names come first
 * (a code function's locals, a note's or a block's `r = sqrt(x^2 + y^2)`), matched against
 * the shown forms as whole subtrees, as part of a sum or product (1 + x^2 + y^2 = 1 + r^2 … ),
 * negated, and for a root also its radicand (x^2 + y^2 = r^2); then subexpressions that
 * occur several times get φ_1, φ_2, …, the biggest saving first.
 *
 * Every abbreviated form is expanded back (the names substituted) and compared with the full
 * form, structurally or at random domain points; one that does not match drops them all.
 */
import { CheckContext, compareNumerically } from './math/check';
import { Expr, children, div, exprKey, neg, pow, rebuild, size, substitute, sym, symbolsOf, num, callsOf } from './math/expr';
import { symbolLatex, toLatex, toMathjs } from './math/print';
import type { Where } from './report';

/** A name the user gave to a value, in terms of the map's variables. */
export interface NamedValue { readonly name: string; readonly value: Expr }

interface Def { readonly name: string; value: Expr; readonly origin: 'user' | 'generated'; readonly targets?: readonly Target[] }

const MAX_GENERATED = 6;

/** Below this length nothing is abbreviated: a short form reads best as it is. */
const LONG = 48;

/** One target of a name: the value itself, its negation, a root's radicand (as name^q), a scaled value's rest (as name/k). */
interface Target { readonly e: Expr; readonly as: Expr }

/** Replace every occurrence of the targets in e (top-down; sums and products also by a subset of their terms). */
function replace(e: Expr, targets: readonly Target[]): Expr {
  const k = exprKey(e);
  for (const t of targets) if (exprKey(t.e) === k) return t.as;
  if ((e.k === 'add' || e.k === 'mul') && e.args.length > 1) {
    for (const t of targets) {
      if (t.e.k !== e.k || t.e.args.length >= e.args.length) continue;
      const rest = [...e.args];
      const found = t.e.args.every((a) => {
        const i = rest.findIndex((b) => exprKey(b) === exprKey(a));
        if (i < 0) return false;
        rest.splice(i, 1);
        return true;
      });
      if (found) return replace(rebuild(e, [t.as, ...rest]), targets);
    }
  }
  const kids = children(e);
  if (!kids.length) return e;
  const next = kids.map((c) => replace(c, targets));
  return next.every((c, i) => c === kids[i]) ? e : rebuild(e, next);
}

/** `canonical` writes -value as the shown forms do (-x^2 - y^2 for -(x^2 + y^2)). */
function targetsOf(name: string, value: Expr, canonical: (e: Expr) => Expr): Target[] {
  const s = sym(name);
  const out: Target[] = [{ e: value, as: s }, { e: canonical(neg(value)), as: neg(s) }];
  if (value.k === 'call' && !value.d && (value.fn === 'sqrt' || value.fn === 'cbrt')) {
    const q = value.fn === 'sqrt' ? 2 : 3;
    out.push({ e: value.args[0], as: pow(s, num(q)) }, { e: canonical(neg(value.args[0])), as: neg(pow(s, num(q))) });
  }
  // angle = 0.5 exp(-r2): where exp(-r2) stands alone (a derivative of angle), it is angle/0.5
  if (value.k === 'mul' && value.args.length === 2 && value.args[0].k === 'num' && value.args[0].v !== 0 && size(value.args[1]) >= 3) {
    const k = value.args[0], rest = value.args[1];
    out.push({ e: rest, as: canonical(div(s, k)) }, { e: canonical(neg(rest)), as: canonical(neg(div(s, k))) });
  }
  return out;
}

const uses = (e: Expr, name: string) => symbolsOf(e).has(name);

/**
 * The subtree that occurs more than once with the largest saving when named; never a whole
 * shown form (J = (φ_1 φ_2; …) would name the entries, not what they share).
 */
function bestRepeated(exprs: readonly Expr[], whole: ReadonlySet<string>): Expr | null {
  const seen = new Map<string, { e: Expr; n: number }>();
  const visit = (e: Expr) => {
    if (e.k === 'num' || e.k === 'sym') return;
    const k = exprKey(e);
    const hit = seen.get(k);
    if (hit) hit.n++; else seen.set(k, { e, n: 1 });
    for (const c of children(e)) visit(c);
  };
  exprs.forEach(visit);
  let best: Expr | null = null, gain = 6;
  for (const { e, n } of seen.values()) {
    const s = size(e);
    if (n < 2 || s < 5 || whole.has(exprKey(e))) continue;
    const g = (n - 1) * s - n - 2;
    if (g > gain) { best = e; gain = g; }
  }
  return best;
}

/** φ, or the first letter of these that no symbol of the map starts with. */
function generatedLetter(reserved: ReadonlySet<string>): { mathjs: string; latex: string } {
  const letters = [['φ', 'phi', '\\varphi'], ['ψ', 'psi', '\\psi'], ['χ', 'chi', '\\chi'], ['ω', 'omega', '\\omega']];
  const taken = (l: string[]) => [...reserved].some((s) => s.startsWith(l[0]) || s.startsWith(l[1]));
  const [g, , tex] = letters.find((l) => !taken(l)) ?? ['φφ', '', '\\varphi\\varphi'];
  return { mathjs: g, latex: tex };
}

/**
 * The forms with names, or null when naming does not make them shorter. `canonical` puts a
 * user's value into the simplifier's canonical form (the form the shown trees use inside).
 */
export function abbreviate(forms: readonly Expr[], named: readonly NamedValue[], reserved: ReadonlySet<string>, canonical: (e: Expr) => Expr, start: readonly Expr[] = forms): { defs: Def[]; forms: Expr[] } | null {
  let out = [...start];
  const defs: Def[] = [];
  // the user's names, in the order they were defined (later ones may use earlier ones)
  for (const { name, value } of named) {
    if (reserved.has(name) || size(value) < 3) continue;
    // shown as written ((re + 1)^2 + im^2, not its expansion); matched in both forms
    let v = value;
    const raw = canonical(value);
    for (const d of defs) v = replace(v, d.targets ?? []);
    // the value as written too: an inverse built from the definition keeps its form (exp(-(x^2 + y^2)))
    const written = exprKey(value) === exprKey(raw) ? [] : [{ e: value, as: sym(name) }];
    const targets = [...targetsOf(name, raw, canonical), ...written].map((t) => ({ e: defs.reduce((x, d) => replace(x, d.targets ?? []), t.e), as: t.as }));
    const next = out.map((e) => replace(e, targets));
    for (const d of defs) d.value = replace(d.value, targets);
    defs.push({ name, value: v, origin: 'user', targets });
    out = next;
  }
  // keep the names that are used
  const prune = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (let i = defs.length - 1; i >= 0; i--) {
        const d = defs[i];
        if (out.some((e) => uses(e, d.name)) || defs.some((o) => o !== d && uses(o.value, d.name))) continue;
        defs.splice(i, 1);
        changed = true;
      }
    }
  };
  prune();
  // then what repeats
  const letter = generatedLetter(new Set([...reserved, ...defs.map((d) => d.name)]));
  for (let k = 1; k <= MAX_GENERATED; k++) {
    // a form shown twice (det J of a 1 x 1 or diagonal J is its entry) counts once: a part of it does not repeat
    const distinct = [...new Map(out.map((x) => [exprKey(x), x])).values()];
    const e = bestRepeated([...distinct, ...defs.map((d) => d.value)], new Set(out.map(exprKey)));
    if (!e) break;
    const name = `${letter.mathjs}_${k}`;
    const targets = [{ e, as: sym(name) }];
    out = out.map((x) => replace(x, targets));
    for (const d of defs) d.value = replace(d.value, targets);
    defs.push({ name, value: e, origin: 'generated' });
    // a generated name whose value became small (0.5 φ_2) reads worse than the value
    for (let i = defs.length - 1; i >= 0; i--) {
      const d = defs[i];
      if (d.origin !== 'generated' || size(d.value) > 4) continue;
      const inline = new Map([[d.name, d.value]]);
      defs.splice(i, 1);
      out = out.map((x) => substitute(x, inline));
      for (const o of defs) o.value = substitute(o.value, inline);
    }
  }
  // a form short in full reads best in full (det J = 2/sqrt(4 - y^2), not 2 φ_1 beside a long J)
  // (the user's own names stay: they read better than what they stand for)
  const generated = defs.filter((d) => d.origin === 'generated').map((d) => d.name);
  out = out.map((e, i) => (toMathjs(forms[i]).length < LONG && generated.some((g) => uses(e, g)) ? forms[i] : e));
  prune();
  if (!defs.length) return null;
  // generated names numbered 1, 2, … in the order the lines are read
  const final = ordered(defs);
  const rename = new Map<string, Expr>();
  final.filter((d) => d.origin === 'generated').forEach((d, i) => rename.set(d.name, sym(`${letter.mathjs}_${i + 1}`)));
  const renamed = (e: Expr) => substitute(e, rename);
  return {
    defs: final.map((d) => ({ ...d, name: (rename.get(d.name) as { name: string } | undefined)?.name ?? d.name, value: renamed(d.value) })),
    forms: out.map(renamed),
  };
}

/** Definitions in an order where each uses only names before it. */
function ordered(defs: readonly Def[]): Def[] {
  const out: Def[] = [];
  const visit = (d: Def, stack: Set<Def>) => {
    if (out.includes(d) || stack.has(d)) return;
    stack.add(d);
    for (const o of defs) if (o !== d && uses(d.value, o.name)) visit(o, stack);
    out.push(d);
  };
  for (const d of defs) visit(d, new Set());
  return out;
}

/** The forms with every name substituted back. */
export function expand(forms: readonly Expr[], defs: readonly { name: string; value: Expr }[]): Expr[] {
  const full = new Map<string, Expr>();
  for (const d of defs) full.set(d.name, substitute(d.value, full));
  return forms.map((e) => substitute(e, full));
}

export interface ShownForms {
  readonly jacobian: readonly (readonly Expr[])[];
  readonly det: Expr | null;
  readonly inverse: readonly Expr[] | null;
}

/** The shown forms in one list, in the order `where` keeps them: J's entries row by row, det J, the inverse. */
export const shownForms = (shown: ShownForms): Expr[] => [...shown.jacobian.flat(), ...(shown.det ? [shown.det] : []), ...(shown.inverse ?? [])];

/**
 * The report's `where`: the shown J, det J and inverse with names, when some form is long and
 * the names make the whole shorter; each form checked to expand back to the full one.
 */
export function whereOf(shown: ShownForms, named: readonly NamedValue[], ctx: CheckContext, names: Readonly<Record<string, string>>, canonical: (e: Expr) => Expr, start?: readonly Expr[]): Where | null {
  const n = shown.jacobian.length;
  const forms = shownForms(shown);
  const lengths = forms.map((e) => toMathjs(e).length);
  // the user's own names are worth using on shorter forms than generated ones (y^2/r^3 for y^2/(x^2 + y^2)^(3/2))
  if (!forms.length || Math.max(...lengths) < (named.length ? LONG / 2 : LONG)) return null;
  const reserved = new Set<string>([...ctx.variables, ...(ctx.freeSymbols ?? [])]);
  for (const e of forms) { symbolsOf(e, reserved); callsOf(e, reserved); }
  // `start`: the forms already written in some of the user's names (inNames.ts), checked below like the rest
  const a = abbreviate(forms, named, reserved, canonical, start);
  if (!a) return null;
  const total = (xs: readonly Expr[]) => xs.reduce((s, e) => s + toMathjs(e).length, 0);
  const before = total(forms), after = total(a.forms) + total(a.defs.map((d) => d.value));
  if (after > 0.85 * before && Math.max(...a.forms.map((e) => toMathjs(e).length)) > 0.7 * Math.max(...lengths)) return null;
  // every abbreviated form expands back to the full one
  const back = expand(a.forms, a.defs);
  for (let i = 0; i < forms.length; i++) {
    if (exprKey(back[i]) === exprKey(forms[i])) continue;
    if (compareNumerically(back[i], forms[i], ctx) !== 'equal') return null;
  }
  const letters: Record<string, string> = { 'φ': '\\varphi', 'ψ': '\\psi', 'χ': '\\chi', 'ω': '\\omega' };
  const nameLatex = (d: Def) => {
    if (d.origin === 'user') return names[d.name] ?? symbolLatex(d.name);
    const [l, k] = d.name.split('_');
    return `${letters[l] ?? l}_{${k}}`;
  };
  const all: Record<string, string> = { ...names };
  for (const d of a.defs) all[d.name] = nameLatex(d);
  const lx = (e: Expr) => toLatex(e, { names: all });
  const J = Array.from({ length: n }, (_, i) => a.forms.slice(i * n, i * n + n));
  const det = shown.det ? a.forms[n * n] : null;
  const inverse = shown.inverse ? a.forms.slice(n * n + (shown.det ? 1 : 0)) : null;
  return {
    defs: a.defs.map((d) => ({ name: d.name, value: toMathjs(d.value), nameLatex: nameLatex(d), latex: lx(d.value), origin: d.origin })),
    jacobian: J.map((row) => row.map(toMathjs)),
    det: det ? toMathjs(det) : null,
    inverse: inverse ? inverse.map(toMathjs) : null,
    latex: { jacobian: J.map((row) => row.map(lx)), det: det ? lx(det) : null, inverse: inverse ? inverse.map(lx) : null },
  };
}

/** The named parts that `forms` use, directly or through later ones (each uses only names before it). */
function usedBy<D extends { readonly name: string; readonly value: string }>(defs: readonly D[], forms: readonly string[]): D[] {
  const text = [...forms];
  const keep: D[] = [];
  for (const d of [...defs].reverse()) {
    const word = new RegExp(`(^|[^\\w])${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w'])`);
    if (text.some((t) => word.test(t))) { keep.unshift(d); text.push(d.value); }
  }
  return keep;
}

/**
 * The where lines of J alone, for a report whose det J and inverse were replaced by forms that hold
 * for any size (vectors or blocks of any length, an autoregressive family): the names J's entries
 * use, with no det J or inverse, which would be the instance's (none when J uses none). Spread
 * into the report after its other fields: it replaces the instance's where lines.
 */
export function jacobianWhere(where: Where | undefined): { where: Where | undefined } {
  const defs = where ? usedBy(where.defs, where.jacobian.flat()) : [];
  return { where: where && defs.length ? { ...where, defs, det: null, inverse: null, latex: { ...where.latex, det: null, inverse: null } } : undefined };
}
