/**
 * The value a function returns -> the components of a map, or the pieces of a piecewise one.
 * Conditional values are split into their plain values with the path of conditions that
 * leads to each; a path that returns no numbers (null, undefined, a throw) is not part of the
 * map; a test that calls a function the reader cannot read is taken to hold when the other
 * way returns no numbers (and said so), and otherwise stops the reading.
 */
import { Expr, someExpr } from '../../math/expr';
import { Condition, and, conditionExprs, conditionKey, conditionToMathjs } from '../../math/condition';
import { isKnownFunction } from '../../math/functions';
import type { Piece } from '../../model';
import { Value, leaves } from './values';
import { MAX_BRANCHES, NotAMap, Translator } from './translate';

export type ReadPieces =
  | { readonly kind: 'map'; readonly components: Expr[]; readonly pieces?: Piece[]; readonly outputs?: readonly string[]; readonly assumed: string[] }
  | { readonly kind: 'arity'; readonly got: string; /** how many numbers it returns, when it returns an array */ readonly count?: number }
  /** The components' branches together make more pieces than are read. */
  | { readonly kind: 'too-many' }
  | { readonly kind: 'not-a-map' };

interface Leaf { readonly c: Condition; readonly items: readonly Value[]; readonly known: ReadonlyMap<string, boolean> }

/** The plain tuples under the conditionals of `v` (components split too), with their paths. */
function expand(v: Value, n: number): Leaf[] | null {
  const out: Leaf[] = [];
  for (const top of leaves(v)) {
    const t = top.v;
    if (t.t !== 'tuple') {
      // a way that returns nothing (`if (y0 > 2) return null;`) is no part of the map, whatever n is
      if (t.t === 'none') { out.push({ c: top.c, items: Array.from({ length: n }, () => t), known: top.known }); continue; }
      if (n !== 1 || (t.t !== 'num' && t.t !== 'free')) return null;
      out.push({ c: top.c, items: [t], known: top.known });
      continue;
    }
    let acc: Leaf[] = [{ c: top.c, items: [], known: top.known }];
    for (const item of t.items) {
      const next: Leaf[] = [];
      for (const a of acc) for (const l of leaves(item, a.c, a.known)) next.push({ c: l.c, items: [...a.items, l.v], known: l.known });
      acc = next;
      if (acc.length > MAX_BRANCHES) throw new NotAMap();
    }
    out.push(...acc);
  }
  return out;
}

const conjuncts = (c: Condition): readonly Condition[] => (c.k === 'and' ? c.args : c.k === 'bool' && c.v ? [] : [c]);

/** Does the condition call a function that is not known (not read)? */
const callsUnknown = (c: Condition): boolean =>
  conditionExprs(c).some((e) => someExpr(e, (x) => x.k === 'call' && (!!x.d || !isKnownFunction(x.fn))));

export function readPieces(result: Value, n: number, translator: Translator, name: string): ReadPieces {
  // an object returned on every way (`res` of a switch, none where a way is not followed): its keys
  // (those of n entries: an object that lacks one on a way of measure zero, `if (c) res.h = …`, does not count)
  const returned = result.t === 'tuple' ? [result] : leaves(result).map((l) => l.v).filter((v): v is Extract<Value, { t: 'tuple' }> => v.t === 'tuple');
  const objects = returned.some((o) => o.items.length === n) ? returned.filter((o) => o.items.length === n) : returned;
  const keys = objects[0]?.keys && objects.every((o) => (o.keys ?? []).join() === objects[0].keys!.join()) ? objects[0].keys : undefined;
  let all: Leaf[] | null;
  try {
    all = expand(result, n);
  } catch (e) {
    if (e instanceof NotAMap) return { kind: 'too-many' };
    throw e;
  }
  if (!all) return result.t === 'num' || result.t === 'cond' ? { kind: 'arity', got: 'no array of numbers' } : { kind: 'not-a-map' };
  const numeric: Array<{ c: Condition; e: Expr[] }> = [];
  let undefinedSomewhere = false;
  for (const l of all) {
    // a way taken only where a number is exactly a value (`if (c) res.h = …` leaves h out where
    // c = 0) is a set of measure zero: no part of the map, whatever it returns
    if (l.items.length !== n && conjuncts(l.c).some((x) => x.k === 'cmp' && x.op === '==')) { undefinedSomewhere = true; continue; }
    if (l.items.length !== n) return { kind: 'arity', got: `${l.items.length} value${l.items.length === 1 ? '' : 's'}`, count: l.items.length };
    if (l.items.some((x) => x.t === 'none')) { undefinedSomewhere = true; continue; }
    const es: Expr[] = [];
    for (const x of l.items) {
      if (x.t === 'num') es.push(x.e);
      else if (x.t === 'free') es.push({ k: 'sym', name: x.name });
      else return { kind: 'not-a-map' };
    }
    numeric.push({ c: l.c, e: es });
  }
  if (!numeric.length) return { kind: 'not-a-map' };
  const text = (c: Condition) => translator.conditionText.get(conditionKey(c)) ?? conditionToMathjs(c);

  // Tests on functions that are not read: the same on every numeric path, and taken to hold.
  const assumed: string[] = [];
  const opaque = (c: Condition) => conjuncts(c).filter(callsUnknown);
  const first = opaque(numeric[0].c).map(conditionKey).sort().join('|');
  if (numeric.some((p) => opaque(p.c).map(conditionKey).sort().join('|') !== first)) {
    throw new OpaqueBranches(opaque(numeric.find((p) => opaque(p.c).length)!.c).map(text).join(' && '));
  }
  for (const o of opaque(numeric[0].c)) {
    // `isNone(h)` is the test `isNone(h) != 0`; its negation reads "isNone(h) is false"
    const negated = o.k === 'cmp' && o.op === '==' && o.b.k === 'num' && o.b.v === 0;
    const said = negated ? `${translator.conditionText.get(conditionKey({ ...o, op: '!=' })) ?? conditionToMathjs({ ...o, op: '!=' })} is taken to be false` : `${text(o)} is taken to be true`;
    assumed.push(`${said}${undefinedSomewhere ? ` (otherwise ${name} returns no numbers)` : ''}: its function is not read`);
  }
  const paths = numeric.map((p) => ({ ...p, c: and(...conjuncts(p.c).filter((x) => !callsUnknown(x))) }));
  if (paths.length === 1 && paths[0].c.k === 'bool') return { kind: 'map', components: paths[0].e, ...(keys ? { outputs: keys } : {}), assumed };
  const pieces: Piece[] = paths.map((p) => ({
    condition: p.c,
    written: writtenConjuncts(conjuncts(p.c), text) || 'true',
    components: p.e,
  }));
  return { kind: 'map', components: pieces[0].components.slice(), pieces, ...(keys ? { outputs: keys } : {}), assumed };
}

const LOWER: Readonly<Record<string, string>> = { '>=': '<=', '>': '<' };

/**
 * The conditions as the code writes them, joined by `&&`, a lower and an upper bound of the
 * same expression written as one range (`k >= 1 && k < 2` reads `1 <= k < 2`) when both
 * texts end in their bound.
 */
function writtenConjuncts(cs: readonly Condition[], text: (c: Condition) => string): string {
  const parts = cs.map(text);
  const split = (i: number): { lhs: string; op: string; v: string } | null => {
    const c = cs[i];
    if (c.k !== 'cmp' || c.b.k !== 'num' || c.a.k === 'num') return null;
    const m = /^(.*\S)\s*(<=|>=|<|>)\s*(-?[\d.]+(?:e[-+]?\d+)?)$/.exec(parts[i]);
    return m && m[2] === c.op ? { lhs: m[1], op: m[2], v: m[3] } : null;
  };
  const out: string[] = [];
  const used = new Set<number>();
  for (let i = 0; i < parts.length; i++) {
    if (used.has(i)) continue;
    const first = split(i);
    if (first) {
      const j = parts.findIndex((_, k) => k > i && !used.has(k) && split(k)?.lhs === first.lhs && !LOWER[split(k)!.op] !== !LOWER[first.op]);
      if (j > 0) {
        const [lo, hi] = LOWER[first.op] ? [first, split(j)!] : [split(j)!, first];
        used.add(j);
        out.push(`${lo.v} ${LOWER[lo.op]} ${lo.lhs} ${hi.op} ${hi.v}`);
        continue;
      }
    }
    out.push(parts[i]);
  }
  return out.join(' && ');
}

/** Branches on a test the reader cannot evaluate (a function it does not read) that lead to different numbers. */
export class OpaqueBranches extends Error {
  constructor(readonly test: string) { super(test); }
}
