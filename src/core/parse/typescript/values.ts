/**
 * What the code reader computes with: symbolic values of JavaScript expressions. Numbers are
 * expression trees; arrays and objects are tuples; a branch that cannot be decided is a
 * conditional value `c ? a : b` (pushed into tuples component by component), which becomes
 * the pieces of a piecewise map at the end.
 */
import type * as TS from 'typescript';
import { Expr, exprKey, num, sym } from '../../math/expr';
import { Condition, FALSE, TRUE, and, cmp, conditionKey, not, or } from '../../math/condition';
import type { ModuleInfo } from './modules';

export type FunctionLike = TS.FunctionDeclaration | TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration;

export type Value =
  | { readonly t: 'num'; readonly e: Expr }
  | { readonly t: 'tuple'; readonly items: readonly Value[]; readonly keys?: readonly string[] }
  | { readonly t: 'fn'; readonly fn: FunctionLike; readonly name: string; readonly scope: Scope | null }
  /** A Math function as a value (`const abs = Math.abs`, or a bare import taken for one). */
  | { readonly t: 'math'; readonly name: string }
  /** The Math object itself (`const { cos, sin } = Math`). */
  | { readonly t: 'Math' }
  /**
   * A name whose value is not known (a factory's parameter, a field, an import that cannot
   * be read): a symbolic constant in arithmetic, an unknown function when called.
   */
  | { readonly t: 'free'; readonly name: string; readonly unread?: Unread }
  | { readonly t: 'bool'; readonly c: Condition }
  | { readonly t: 'cond'; readonly c: Condition; readonly a: Value; readonly b: Value }
  /**
   * No value: null, undefined, or `outside`: a way the reader does not follow (Math.floor of a
   * value past the sectors the code names), no part of the map, whatever it computes there.
   */
  | { readonly t: 'none'; readonly what: 'null' | 'undefined' | 'NaN' | 'outside' }
  /** A string a setting defaults to (`mode = 'lab'`): a label of an object of numbers, never a number. */
  | { readonly t: 'label'; readonly text: string }
  /** A module of the workspace imported as a namespace (`import * as m from './m'`). */
  | { readonly t: 'module'; readonly m: ModuleInfo };

/** Why a name from a module is not read, and the `assumed` line that says it is kept symbolic. */
export interface Unread { readonly from: string; readonly why: string; readonly said: string }

export const scalar = (e: Expr): Value => ({ t: 'num', e });

/** Lexical scope of a call being read: names -> values (reassignable), then the enclosing scope. */
export class Scope {
  names = new Map<string, Value>();
  /** Bumped by every set: a call read in this scope is the same only while nothing was set since. */
  version = 0;
  constructor(readonly parent: Scope | null, private readonly resolve?: (name: string) => Value | undefined) {}
  get(name: string): Value | undefined {
    const own = this.names.get(name);
    if (own) return own;
    const r = this.resolve?.(name);
    if (r) { this.names.set(name, r); return r; }
    return this.parent?.get(name);
  }
  /** Whether `name` is bound in this scope itself (not an enclosing one). */
  has(name: string): boolean { return this.names.has(name); }
  set(name: string, v: Value): void { this.version++; this.names.set(name, v); }
}

/** Counts the changes made to it (a write of the value already there is none): a call that made none may be reused. */
export class CountedMap<K, V> extends Map<K, V> {
  changes = 0;
  override set(k: K, v: V): this {
    if (!(this.has(k) && this.get(k) === v)) this.changes++;
    return super.set(k, v);
  }
  override delete(k: K): boolean { const had = super.delete(k); if (had) this.changes++; return had; }
}

/** The same for a set. */
export class CountedSet<T> extends Set<T> {
  changes = 0;
  override add(x: T): this { if (!this.has(x)) this.changes++; return super.add(x); }
  override delete(x: T): boolean { const had = super.delete(x); if (had) this.changes++; return had; }
}

const valueKeys = new WeakMap<Value, string>();
/** A key of a number, or of numbers under conditions (equal keys: the same value); null for anything else. */
export function numberKey(v: Value): string | null {
  let k = valueKeys.get(v);
  if (k !== undefined) return k;
  if (v.t === 'num') k = `n${exprKey(v.e)}`;
  else if (v.t === 'cond') {
    const a = numberKey(v.a), b = numberKey(v.b);
    if (a === null || b === null) return null;
    k = `c(${conditionKey(v.c)}?${a}:${b})`;
  } else return null;
  valueKeys.set(v, k);
  return k;
}

export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'num': return exprKey(a.e) === exprKey((b as typeof a).e);
    case 'tuple': {
      const y = b as typeof a;
      return a.items.length === y.items.length && a.items.every((v, i) => sameValue(v, y.items[i])) && (a.keys ?? []).join() === (y.keys ?? []).join();
    }
    case 'fn': return a.fn === (b as typeof a).fn && a.scope === (b as typeof a).scope;
    case 'math': case 'free': return a.name === (b as typeof a).name;
    case 'Math': return true;
    case 'bool': return conditionKey(a.c) === conditionKey((b as typeof a).c);
    case 'cond': {
      const y = b as typeof a;
      return conditionKey(a.c) === conditionKey(y.c) && sameValue(a.a, y.a) && sameValue(a.b, y.b);
    }
    case 'none': return a.what === (b as typeof a).what;
    case 'module': return a.m === (b as typeof a).m;
    case 'label': return a.text === (b as typeof a).text;
  }
}

/** `v` where `c` is known to hold (truth) or not: conditionals on c (or not c) take their branch. */
function assume(v: Value, key: string, negKey: string, truth: boolean): Value {
  if (v.t === 'tuple') {
    const items = v.items.map((x) => assume(x, key, negKey, truth));
    return items.every((x, i) => x === v.items[i]) ? v : { ...v, items };
  }
  if (v.t !== 'cond') return v;
  const k = conditionKey(v.c);
  if (k === key) return assume(truth ? v.a : v.b, key, negKey, truth);
  if (k === negKey) return assume(truth ? v.b : v.a, key, negKey, truth);
  const a = assume(v.a, key, negKey, truth), b = assume(v.b, key, negKey, truth);
  return a === v.a && b === v.b ? v : { ...v, a, b };
}

/** c ? a : b, folded: decided conditions, equal branches, tuples component by component. */
export function conditional(c: Condition, a: Value, b: Value): Value {
  if (c.k === 'bool') return c.v ? a : b;
  const key = conditionKey(c), negKey = conditionKey(not(c));
  a = assume(a, key, negKey, true);
  b = assume(b, key, negKey, false);
  if (sameValue(a, b)) return a;
  if (a.t === 'tuple' && b.t === 'tuple' && a.items.length === b.items.length && (a.keys ?? []).join() === (b.keys ?? []).join()) {
    return { t: 'tuple', items: a.items.map((x, i) => conditional(c, x, b.items[i])), ...(a.keys ? { keys: a.keys } : {}) };
  }
  return { t: 'cond', c, a, b };
}

/** Apply `f` to the plain values under the conditionals of `v`. */
export function lift(v: Value, f: (x: Value) => Value): Value {
  return v.t === 'cond' ? conditional(v.c, lift(v.a, f), lift(v.b, f)) : f(v);
}

/** Conditions decided on the way down (key -> truth), set and unset as the way goes. */
export type Decided = Map<string, boolean>;

/**
 * `lift` that remembers the conditions decided on the way: a conditional met again under a
 * test already taken (or its negation) takes that branch, so `f` (which may lift another value
 * under the same `known`) never builds a combination of branches that cannot happen. Two
 * values with the same k tests combine in 2^k steps instead of 4^k.
 */
export function liftUnder(v: Value, f: (x: Value) => Value, known: Decided): Value {
  let key = '', neg = '';
  while (v.t === 'cond') {
    key = conditionKey(v.c);
    neg = conditionKey(not(v.c));
    const k = known.get(key) ?? (known.has(neg) ? !known.get(neg) : undefined);
    if (k === undefined) break;
    v = k ? v.a : v.b;
  }
  if (v.t !== 'cond') return f(v);
  // (neither key known here: both are set for the branch and both go after it)
  const branch = (truth: boolean, w: Value): Value => {
    known.set(key, truth).set(neg, !truth);
    try {
      return liftUnder(w, f, known);
    } finally {
      known.delete(key);
      known.delete(neg);
    }
  };
  const a = branch(true, v.a);
  return conditional(v.c, a, branch(false, v.b));
}

export function lift2(a: Value, b: Value, f: (x: Value, y: Value) => Value): Value {
  const known: Decided = new Map();
  return liftUnder(a, (x) => liftUnder(b, (y) => f(x, y), known), known);
}

/**
 * Plain values under the conditionals of `v`, with the condition that leads to each. A test
 * met again on the way (the same condition, or its negation) takes the branch already taken.
 */
export function leaves(v: Value, path: Condition = TRUE, known: ReadonlyMap<string, boolean> = new Map(), out: Leaf[] = []): Leaf[] {
  if (path.k === 'bool' && !path.v) return out;
  if (v.t !== 'cond') { out.push({ c: path, v, known }); return out; }
  const key = conditionKey(v.c);
  const k = known.get(key);
  if (k !== undefined) return leaves(k ? v.a : v.b, path, known, out);
  const neg = conditionKey(not(v.c));
  const withTruth = (t: boolean) => new Map(known).set(key, t).set(neg, !t);
  leaves(v.a, and(path, v.c), withTruth(true), out);
  leaves(v.b, and(path, not(v.c)), withTruth(false), out);
  return out;
}

export interface Leaf { readonly c: Condition; readonly v: Value; readonly known: ReadonlyMap<string, boolean> }

/** The condition under which a test value (true/false, possibly conditional) is true. */
/** A number on every way through the branches (not a test, an array or a function). */
export const isNumber = (v: Value): boolean => v.t === 'num' || (v.t === 'cond' && isNumber(v.a) && isNumber(v.b));

export function truthOf(v: Value): Condition {
  switch (v.t) {
    case 'bool': return v.c;
    case 'cond': return or(and(v.c, truthOf(v.a)), and(not(v.c), truthOf(v.b)));
    case 'none': return FALSE;
    case 'num': return v.e.k === 'num' ? (v.e.v !== 0 && !Number.isNaN(v.e.v) ? TRUE : FALSE) : cmp('!=', v.e, num(0));
    case 'free': return cmp('!=', sym(v.name), num(0));
    default: return TRUE;
  }
}

/** test ? a : b for a test value that may itself be conditional: its plain conditions stay apart. */
export function choose(test: Value, a: Value, b: Value): Value {
  return test.t === 'cond' ? conditional(test.c, choose(test.a, a, b), choose(test.b, a, b)) : conditional(truthOf(test), a, b);
}

/** A way the reader does not follow (see `none`). */
export const OUTSIDE: Value = { t: 'none', what: 'outside' };
export const isOutside = (v: Value): boolean => v.t === 'none' && v.what === 'outside';

/**
 * A test split where it is `outside` (a way not followed): the test elsewhere (those ways false,
 * never taken), and `wrap`, which makes a result `outside` on those ways (under the test's own
 * conditions, so that the pieces keep them as written); null when the test has no such way.
 */
export function splitOutside(test: Value): { test: Value; wrap: (v: Value) => Value } | null {
  if (!leaves(test).some((l) => isOutside(l.v))) return null;
  return { test: lift(test, (x) => (isOutside(x) ? { t: 'bool', c: FALSE } : x)), wrap: (v) => lift(test, (x) => (isOutside(x) ? OUTSIDE : v)) };
}

/**
 * The number of ways through the conditionals of `v` (a tuple's components together: a test met
 * again in another component takes the branch already taken, so components that branch on the
 * same tests, as Math.floor's sectors, do not multiply), counted up to just past `limit`.
 */
export function branchCount(v: Value, limit = Infinity): number {
  const items: Value[] = [];
  const flat = (x: Value): void => { if (x.t === 'tuple') x.items.forEach(flat); else items.push(x); };
  flat(v);
  let paths: Array<{ c: Condition; known: ReadonlyMap<string, boolean> }> = [{ c: TRUE, known: new Map() }];
  for (const item of items) {
    if (item.t !== 'cond') continue;
    const next: typeof paths = [];
    for (const p of paths) {
      for (const l of leaves(item, p.c, p.known)) {
        next.push({ c: l.c, known: l.known });
        if (next.length > limit) return next.length;
      }
    }
    paths = next;
  }
  return paths.length;
}
