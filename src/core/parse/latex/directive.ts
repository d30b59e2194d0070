/**
 * The note's own word on a formula: an HTML comment right before the math (only white space
 * between the comment and the formula), read as clauses separated by `;`:
 *
 *     <!-- jacobian: inputs \theta_1, \theta_2 -->              these are the map's variables
 *     <!-- jacobian: constants l_1, l_2 -->                      these are not
 *     <!-- jacobian: inputs x, y; constants a -->                both
 *     <!-- jacobian: not a map -->                               nothing in the formula is a map
 *
 * In a .tex paper the same clauses follow `%` on the line right before the formula
 * (`% jacobian: inputs x, y`), since LaTeX has no HTML comments.
 *
 * Names are written as in the formula (LaTeX, separated by commas). A directive that cannot
 * be read is a warning at the comment; the formula is then read as if it were not there.
 */
import type { Span } from './tree';
import { LatexSyntaxError, parseLatex } from './tree';
import { ItemReader, LatexExprError, LatexExprParser } from './expr';
import type { Formula, Reading } from './reading';

export interface Directive {
  /** The variables, in order, or null when the directive does not say them. */
  readonly inputs: readonly string[] | null;
  readonly constants: readonly string[];
  /** `not a map`: every statement of the formula is left alone. */
  readonly ignore: boolean;
}

export interface DirectiveProblem {
  readonly message: string;
  /** Document offsets of the comment. */
  readonly span: Span;
}

/** The keyword that opens a directive comment. */
export const DIRECTIVE_KEY = 'jacobian';

/** The directive written right before `f`, if any (and the problem, when it cannot be read). */
export function directiveBefore(reading: Reading, f: Formula): { directive: Directive | null; problem: DirectiveProblem | null } {
  const none = { directive: null, problem: null };
  // (a ```math fence's formula starts at its fence line: the comment stands before the fence)
  const text = reading.text.slice(Math.max(0, f.seg.outerStart - 2000), f.seg.outerStart).trimEnd();
  let open: number, body: string;
  if (reading.texComments) {
    // the last line: `% jacobian: …`
    open = text.lastIndexOf('\n') + 1;
    const line = /^[ \t]*%+([^\n]*)$/.exec(text.slice(open));
    if (!line) return none;
    body = line[1].trim();
  } else {
    if (!text.endsWith('-->')) return none;
    open = text.lastIndexOf('<!--');
    if (open < 0) return none;
    body = text.slice(open + 4, text.length - 3).trim();
  }
  const key = /^jacobian\s*:/i.exec(body);
  if (!key) return none;
  const base = Math.max(0, f.seg.outerStart - 2000) + open;
  const span: Span = [base, base + text.length - open];
  const inputs: string[] = [];
  const constants: string[] = [];
  let saysInputs = false, ignore = false;
  for (const raw of body.slice(key[0].length).split(';')) {
    const clause = raw.trim();
    if (!clause) continue;
    if (/^not\s+a\s+map$/i.test(clause) || /^ignore$/i.test(clause)) { ignore = true; continue; }
    const m = /^(inputs?|variables?|constants?|parameters?)\b\s*:?\s*/i.exec(clause);
    if (!m) return { directive: null, problem: { message: `${DIRECTIVE_KEY}: "${clause}" is not understood: write inputs …, constants … or not a map, separated by ;`, span } };
    const names = namesIn(f, clause.slice(m[0].length));
    if (typeof names === 'string') return { directive: null, problem: { message: `${DIRECTIVE_KEY}: ${names}`, span } };
    if (/^(input|variable)/i.test(m[1])) { saysInputs = true; inputs.push(...names); } else constants.push(...names);
  }
  const both = inputs.filter((x) => constants.includes(x));
  if (both.length) return { directive: null, problem: { message: `${DIRECTIVE_KEY}: ${both.join(', ')} both an input and a constant`, span } };
  return { directive: { inputs: saysInputs ? inputs : null, constants, ignore }, problem: null };
}

/** Names written in LaTeX, separated by commas, read with the formula's names (\theta_1 -> theta1); a message when one is not a name. */
export function namesIn(f: Formula, src: string): string[] | string {
  const out: string[] = [];
  for (const part of src.split(',')) {
    const s = part.trim();
    if (!s) return 'an empty name between commas';
    try {
      const ctx = { src: s, names: f.names };
      const items = new ItemReader(ctx).items(parseLatex(s, {}), 0);
      const e = new LatexExprParser(ctx, items, { primes: true }, [0, s.length]).parseAll();
      if (e.k !== 'sym') return `"${s}" is not a name`;
      out.push(e.name);
    } catch (e) {
      if (e instanceof LatexSyntaxError || e instanceof LatexExprError) return `"${s}" cannot be read (${e.message})`;
      throw e;
    }
  }
  return out;
}

/** The comment that says the inputs (and the constants) of a map, as the quick fix writes it. */
export function directiveText(inputs: readonly string[], constants: readonly string[], tex = false): string {
  const clauses = `${DIRECTIVE_KEY}: inputs ${inputs.join(', ')}${constants.length ? `; constants ${constants.join(', ')}` : ''}`;
  return tex ? `% ${clauses}` : `<!-- ${clauses} -->`;
}
