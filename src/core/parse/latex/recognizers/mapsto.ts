/**
 * mapsto: `(x, y) \mapsto (…, …)`, optionally named `f\colon (x, y) \mapsto (…, …)`.
 *
 *     T\colon (u, v) \mapsto (u + v, u - v)     reads T with variables u, v
 *     f_k : [a, b) \to \mathbb{R}, \; x \mapsto x^3    named by the signature before it
 *     (u, v) \mapsto (u + v, u - v, u v)        declined: 2 variables, 3 components
 *     f\colon \mathbf{x} \mapsto \mathbf{y}       not a map: a signature (no formula)
 *
 * Free symbols are allowed (symbolic constants, with a warning).
 */
import { Finding, Recognizer, Slice, declined } from '../recognizer';
import { arityNote } from './explicit';
import { Formula, Reading } from '../reading';
import { PRIME } from '../expr';
import { DEFINE, Part } from '../detect';

/** Arrows of a signature f: X \\to Y. */
const ARROWS = new Set(['\\to', '\\rightarrow', '\\longrightarrow']);

export const mapsto: Recognizer = {
  name: 'mapsto',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const f of slice.formulas) {
      for (const [i, st] of f.statements.entries()) {
        const m = st.rels.indexOf('\\mapsto');
        // a definition f(x, y) = … is explicit's, whatever follows
        if (m < 0 || (DEFINE.has(st.rels[0] ?? '') && st.sides.length >= 2)) continue;
        const left = reading.value(f, st.sides[m]);
        const right = reading.value(f, st.sides[m + 1]);
        const vars = reading.isNamesTuple(left) ? left.items.map((x) => (x.e as { name: string }).name)
          : left.k === 'expr' && left.e.k === 'sym' && !left.e.name.endsWith(PRIME) ? [left.e.name] : null;
        if (!vars || new Set(vars).size !== vars.length) continue;
        // \mathbf{x} \mapsto \tfrac12 \mathbf{x}^\top \Sigma^{-1} \mathbf{x}: vector notation the vector recognizer did not make a map of: quiet
        if (right.k === 'error' && right.err.vectorNotation) continue;
        if (right.k === 'error') { yield declined('mapsto.syntax', `… \\mapsto …: ${right.err.message}`, { f, span: right.err.span }, 'error', st); continue; }
        const comps = right.k === 'tuple' ? right.items.map((x) => x.e) : right.k === 'expr' ? [right.e] : null;
        if (!comps) continue;
        // f: \mathbf{x} \mapsto \mathbf{y}, (x, y) \mapsto (u, v): which names go where, not a formula
        if (comps.every((c) => c.k === 'sym' && !vars.includes(c.name))) {
          yield { kind: 'not-a-map', form: 'mapsto', what: 'signature', statements: [st] };
          continue;
        }
        if (comps.length !== vars.length) {
          // f: \mathbb{R}^2 \to \mathbb{R}, (x, y) \mapsto …: a map the note itself says is not R^n -> R^n (a function, features): quiet
          if (otherDimensions(f.seg.content)) continue;
          yield declined('mapsto.arity', arityNote(reading.written(f, st.sides[m].span), vars.length, comps.length, ' ↦ (…)'), { f, span: st.sides[m + 1].span }, 'info', st);
          continue;
        }
        let name: string | null = null;
        let nameAt = st.sides[m].span;
        const claims = [st];
        const parts = [{ f, span: st.span }];
        if (m >= 1 && st.rels[m - 1] === ':') {
          const l = reading.lhs(f, st.sides[m - 1]);
          if (l?.k === 'name') { name = l.name; nameAt = st.sides[m - 1].span; }
        } else if (m === 0 && i > 0) {
          // f_k : [a, b) \to \mathbb{R}, \; x \mapsto …: the signature before names the map
          const sig = f.statements[i - 1];
          const named = sig.rels[0] === ':' && sig.rels.slice(1).some((r) => ARROWS.has(r)) ? signatureName(reading, f, sig.sides[0]) : null;
          if (named) { name = named; nameAt = sig.sides[0].span; claims.unshift(sig); parts.unshift({ f, span: sig.span }); }
        }
        yield {
          kind: 'candidate', form: 'mapsto', name, nameAt: { f, span: nameAt }, variables: vars, raw: comps,
          outputs: [], parts, claims, formulas: [f], run: slice.run, lenient: true,
        };
      }
    }
  },
  examples: [
    { note: '$$ T\\colon (u, v) \\mapsto (u + v, u - v) $$', reads: { variables: ['u', 'v'], components: ['u + v', 'u - v'] } },
    { note: '$$ (u, v) \\mapsto (u + v, u - v, u v) $$', declines: 'arity' },
  ],
};

/** A signature in the formula between spaces of different dimensions: \mathbb{R}^2 \to \mathbb{R}, \mathbb{R}^n \to \mathbb{R}^m. */
function otherDimensions(src: string): boolean {
  const m = /\\mathbb\s*\{?R\}?\s*(?:\^\s*\{?\s*([A-Za-z0-9]+)\s*\}?)?\s*\\(?:to|rightarrow|longrightarrow)\s*\\mathbb\s*\{?R\}?\s*(?:\^\s*\{?\s*([A-Za-z0-9]+)\s*\}?)?/.exec(src);
  return !!m && (m[1] ?? '1') !== (m[2] ?? '1');
}

/** The name a signature gives: f_k, or f_k^{-1} (an inverse: f_k_inv, shown as written). */
function signatureName(reading: Reading, f: Formula, side: Part): string | null {
  const l = reading.lhs(f, side);
  if (l?.k === 'name') return l.name;
  const v = reading.value(f, side);
  if (v.k !== 'expr' || v.e.k !== 'pow' || v.e.base.k !== 'sym' || v.e.exp.k !== 'num' || v.e.exp.v !== -1) return null;
  const name = `${v.e.base.name}_inv`;
  f.names.display.set(name, reading.written(f, side.span));
  return name;
}
