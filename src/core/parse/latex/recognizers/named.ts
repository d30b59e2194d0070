/**
 * named: a head `f(x, y)` and named outputs `u = …`, `v = …` in the same run of display blocks.
 *
 *     f(x, y):  u = x + y,\quad v = x - y              reads f with outputs u, v
 *     f(x, y) = (u, v) … u = x + y … v = x - y         outputs named in the head
 *     (u, v) = f(x, y) … u = x + y … v = x - y
 *     f(x, y): u = x + y                                declined: 2 variables, 1 output
 *
 * The head comes first (alone, with `:` or `=` before an environment, or naming its outputs);
 * equations before a head count only for a head that names them. Parameters are not outputs.
 */
import { Expr } from '../../../math/expr';
import { DEFINE, Statement } from '../detect';
import { Finding, Recognizer, Slice, declined } from '../recognizer';
import { arityNote } from './explicit';
import { Formula, Reading, errorSeverity, hasPrime } from '../reading';
import { Definitions } from '../definitions';
import { Span } from '../tree';

type Eq = { f: Formula; st: Statement; name: string };
type Head = { f: Formula; st: Statement; name: string; params: string[]; outputs: string[] | null; at: Span; eqs: Eq[] };

export const named: Recognizer = {
  name: 'named',
  scope: 'run',
  inline: false,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const heads: Head[] = [];
    const loose: Eq[] = [];
    for (const f of slice.formulas) {
      for (const st of f.statements) {
        const first = reading.lhs(f, st.sides[0]);
        const define = DEFINE.has(st.rels[0] ?? '') || st.rels[0] === ':';
        // f(x, y) alone, f(x, y): or f(x, y) = (before an environment)
        if (first?.k === 'head' && (st.sides.length === 1 || (define && reading.value(f, st.sides[1]).k === 'empty' && st.sides.length === 2))) {
          heads.push({ f, st, name: first.name, params: first.params, outputs: null, at: st.sides[0].span, eqs: [] });
          continue;
        }
        if (first?.k === 'head' && define && st.sides.length >= 2) {
          const v = reading.value(f, st.sides[1]);
          if (reading.isNamesTuple(v) && v.items.some((x) => !first.params.includes((x.e as { name: string }).name)) &&
            (st.sides.length === 2 || !reading.isNamesTuple(reading.value(f, st.sides[st.sides.length - 1])))) {
            if (st.sides.length === 2) heads.push({ f, st, name: first.name, params: first.params, outputs: v.items.map((x) => (x.e as { name: string }).name), at: st.sides[0].span, eqs: [] });
            continue;
          }
        }
        if (first?.k === 'names' && define && st.sides.length === 2) {
          const second = reading.lhs(f, st.sides[1]);
          if (second?.k === 'head') { heads.push({ f, st, name: second.name, params: second.params, outputs: first.names, at: st.sides[1].span, eqs: [] }); continue; }
        }
        if (first?.k === 'name' && DEFINE.has(st.rels[0] ?? '') && st.sides.length >= 2 && !defs.parameterNames.has(first.name)) {
          const eq = { f, st, name: first.name };
          if (heads.length) heads[heads.length - 1].eqs.push(eq); else loose.push(eq);
        }
      }
    }
    for (const h of heads) {
      const n = h.params.length;
      let eqs = h.eqs;
      if (h.outputs) {
        const wanted = h.outputs;
        eqs = wanted.map((w) => h.eqs.find((e) => e.name === w) ?? loose.find((e) => e.name === w)).filter((e): e is Eq => !!e);
        if (eqs.length !== wanted.length) continue; // the outputs are not defined here
      }
      eqs = eqs.filter((e) => !h.params.includes(e.name));
      if (!eqs.length) continue;
      if (eqs.length !== n) {
        yield declined('named.arity', arityNote(reading.written(h.f, h.at), n, eqs.length), { f: h.f, span: h.at }, 'info', h.st);
        continue;
      }
      const raw: Expr[] = [];
      let ok = true;
      for (const e of eqs) {
        const v = reading.value(e.f, e.st.sides[e.st.sides.length - 1]);
        if (v.k === 'error') { yield declined('named.syntax', `${e.name} = …: ${v.err.message}`, { f: e.f, span: v.err.span }, errorSeverity(v.err), e.st); ok = false; continue; }
        if (v.k !== 'expr' || hasPrime(v.e)) { ok = false; continue; }
        raw.push(v.e);
      }
      if (!ok) continue;
      yield {
        kind: 'candidate', form: 'named', name: h.name, nameAt: { f: h.f, span: h.at }, variables: h.params, raw,
        outputs: eqs.map((e) => e.f.names.display.get(e.name) ?? e.name),
        parts: [{ f: h.f, span: h.st.span }, ...eqs.map((e) => ({ f: e.f, span: e.st.span }))],
        claims: [h.st, ...eqs.map((e) => e.st)],
        formulas: [...new Set([h.f, ...eqs.map((e) => e.f)])], run: slice.run, lenient: false,
      };
    }
  },
  examples: [
    { note: '$$ g(p, q): \\quad m = p + q, \\quad n = p - q $$', reads: { variables: ['p', 'q'], components: ['p + q', 'p - q'] } },
    { note: '$$ g(p, q): \\quad m = p + q $$', declines: 'arity' },
  ],
};
