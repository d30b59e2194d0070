/**
 * helper: a function defined to explain a formula is a helper of it, not a map of the note.
 *
 *     \log|\det J| = \log|1 + \mathbf{u}^\top \psi(\mathbf{z})|
 *     where $\psi(\mathbf{z}) = h'(\mathbf{w}^\top\mathbf{z} + b)\,\mathbf{w}$        quiet: ψ is the formula's helper
 *     \mathbf{z}' = g(\mathbf{z})  where  $g(x, y) = (x + y, x - y)$                    the map itself: read (not here)
 *     F(x) = d(R(c(x)))  where  $c(x, y) = …$                                           a layer of a composition: read
 *
 * A definition `g(…) = …` (inline or display) in the where-clause of a formula (the prose right
 * after a display, or a display of its section after it; after an inline formula, its paragraph) is that formula's helper when the
 * formula uses g inside its arithmetic (`1 + u^T ψ(z)`, a term, a factor, under a known
 * function), or inside a side that is not read (`\sum_k \log|1 + u_k^\top \psi_k(z)|`): a map
 * R^n -> R^n only in form, and quiet (no map, no diagnostic). A formula whose side is g's call
 * (`z' = g(z)`) or that composes it (`d(R(c(x)))`) keeps g a map.
 */
import { Expr, children } from '../../../math/expr';
import { isKnownFunction } from '../../../math/functions';
import { Finding, Recognizer, Slice } from '../recognizer';
import { Formula, Reading } from '../reading';

export const helper: Recognizer = {
  name: 'helper',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const { f, st, lhs } of reading.definitions(slice.formulas)) {
      if (lhs?.k !== 'head' || !lhs.params.length) continue;
      const head = headTex(reading.written(f, st.sides[0].span));
      if (head && hostsOf(reading, f).some((host) => usesInside(reading, host, lhs.name, head))) yield { kind: 'not-a-map', form: 'helper', what: 'helper', statements: [st] };
    }
  },
  examples: [
    {
      note: '$$ \\log|\\det J| = \\log|1 + \\mathbf{u}^\\top \\psi(\\mathbf{z})| $$\n\nwhere $\\psi(\\mathbf{z}) = h\'(\\mathbf{w}^\\top\\mathbf{z} + b)\\,\\mathbf{w}$.',
      silences: 'helper',
    },
    { note: '$$ \\mathbf{z}\' = g(\\mathbf{z}) $$\n\nwhere $g(x, y) = (x + y, x - y)$.', ignores: true },
  ],
};

/**
 * The formulas whose where-clause `f` is in: the display right before it (f in the prose right
 * after it, or a display of its section), and the inline formulas before f in its paragraph.
 */
function hostsOf(reading: Reading, f: Formula): Formula[] {
  const all = reading.formulas;
  const out: Formula[] = [];
  let i = all.indexOf(f) - 1;
  // (the gaps between neighbours, at most 16 formulas back: linear in the note)
  for (; i >= 0 && !all[i].seg.display && out.length < 16; i--) {
    if (f.seg.display || /\n[ \t>]*(?:\n|#{1,6}[ \t])/.test(reading.text.slice(all[i].seg.outerEnd, all[i + 1].seg.outerStart))) break;
    out.push(all[i]);
  }
  while (i >= 0 && !all[i].seg.display) i--;
  if (i < 0) return out;
  const host = all[i];
  if (f.seg.display) return f.section >= 0 && f.section === host.section ? [host] : out;
  const { after } = reading.proseAround(host);
  return f.seg.outerStart >= after[0] && f.seg.outerEnd <= after[1] ? [host, ...out] : out;
}

/** `\psi(\mathbf{z})` -> `\psi`: the head's LaTeX before its parenthesis. */
function headTex(written: string): string | null {
  // (one scan to the first parenthesis: a lazy pattern before \s* would be quadratic on spaces)
  const open = written.indexOf('(');
  if (open < 0) return null;
  const head = written.slice(0, open).trimEnd().replace(/\\left$/, '').trim();
  return head || null;
}

/** Whether `host` uses g inside its arithmetic, or in a side it does not read (by its LaTeX `head` before a parenthesis). */
function usesInside(reading: Reading, host: Formula, g: string, head: string): boolean {
  for (const st of host.statements) {
    for (const side of st.sides) {
      const v = reading.value(host, side);
      if (v.k === 'expr' && inArithmetic(v.e, g)) return true;
      if (v.k === 'tuple' && v.items.some((x) => inArithmetic(x.e, g))) return true;
      if (v.k === 'error' && callWritten(reading.written(host, side.span), head)) return true;
    }
  }
  return false;
}

/** A call of g that is an operand of arithmetic or of a known function: not the whole expression, not a layer of other calls. */
function inArithmetic(e: Expr, g: string): boolean {
  const stack: Array<{ x: Expr; inside: boolean }> = [{ x: e, inside: false }];
  while (stack.length) {
    const { x, inside } = stack.pop()!;
    if (x.k === 'call' && x.fn === g) { if (inside) return true; continue; }
    const opaque = x.k === 'call' && !isKnownFunction(x.fn);
    for (const c of children(x)) stack.push({ x: c, inside: opaque ? false : inside || x.k !== 'call' || isKnownFunction(x.fn) });
  }
  return false;
}

/** `head` written before a parenthesis in `text` (`\psi(`, `\psi_k\left(`), not followed by more of a longer name. */
function callWritten(text: string, head: string): boolean {
  let at = text.indexOf(head);
  while (at >= 0) {
    const rest = text.slice(at + head.length, at + head.length + 8);
    if (/^\s*(?:\\left\s*)?\(/.test(rest)) return true;
    at = text.indexOf(head, at + head.length);
  }
  return false;
}
