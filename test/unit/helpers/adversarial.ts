/**
 * Inputs that made reading slower than linear: each pattern repeated to n characters, with
 * what it defeated (a regular expression that backtracks, a search from every opener, a
 * statement re-read at every line), and a plain note of the same size to compare with.
 */
import type { LanguageKind } from '../../../src/core/document';

const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const block = (...lines: string[]): string => ['```transform', ...lines, '```', ''].join('\n');

/** A note as people write them: paragraphs of prose with inline and display formulas. */
export const plainNote = (n: number): string => fill(
  'The polar map sends a radius and an angle to the plane, and its Jacobian determinant is $r$. ' +
  'A circle of radius $r$ satisfies $x^2 + y^2 = r^2$, and so\n\n$$f(r, t) = (r \\cos t, r \\sin t)$$\n\n', n);

/** Parameters p0: number, p1: number, … to about n characters. */
function manyParameters(n: number): string {
  const out: string[] = [];
  for (let i = 0, len = 0; len < n; i++) { const p = `p${i}: number`; out.push(p); len += p.length + 2; }
  return out.join(', ');
}

export interface Adversarial { readonly name: string; readonly text: string; readonly kind: LanguageKind }

export function adversarialInputs(n: number): Adversarial[] {
  const md = (name: string, text: string): Adversarial => ({ name, text, kind: 'markdown' });
  return [
    md('code spans that never close', fill('``a', n) + '`'),
    md('unclosed wiki links', fill('[[', n)),
    md('unclosed HTML comments', fill('<!--', n)),
    md('inline $ that never closes', fill('$a ', n)),
    md('\\( that never closes', fill('\\(a ', n)),
    md('\\[ that never closes', fill('\\[a ', n)),
    md('$$ pairs', fill('$$a ', n)),
    md('a fence whose info string ends in a backtick', '```' + fill('a', n) + '`\n'),
    md('a formula of one long word', '$$f(x) = ' + fill('a', n) + '$$'),
    md('a space of matrices with a long power', '$$W \\in \\mathbb{R}^{' + fill(' ^', n) + '}$$ and $$v = W u$$'),
    md('equations on many source lines of one row', '$$' + fill('a_1 = b c\n', n) + '$$'),
    md('\\newcommand followed by spaces', '$$\\newcommand' + fill(' ', n) + 'x$$'),
    md('a prime followed by spaces in a formula that cannot be read', "$$f'" + fill(' ', n) + 'x = \\frac{$$'),
    md('a call followed by spaces in a formula that cannot be read', '$$f(x)' + fill(' ', n) + 'x = \\frac{$$'),
    md('a statement continued over many lines', block('f(x, y) = (x +', fill('x +\n', n) + 'y, y)')),
    md('a domain bound with a long run of spaces', block('f(x, y) = (x, y)', 'domain: x' + fill(' ', n) + 'y')),
    md('an indexed composition with a long index', block('F = f' + fill('1', n) + 'x ∘ … ∘ f_1')),
    md('empty lines', fill('\n', n)),
    // the LaTeX recognizers and decide: per formula, no pass over the whole section or note
    md('one composition repeated after its layers', '$$ c(x, y) = (x, y + x^2) $$\n$$ R(u, v) = (v, u) $$\n' + fill('$$ F = R \\circ c $$\n', n)),
    md('unprimed systems repeated in one section', fill('and $$ u = r\\cos t, \\quad v = r\\sin t $$\n', n)),
    md('single equations in consecutive blocks', fill('$$ u = p + q $$\n$$ v = p - q $$\n', n)),
    md('inline pairs in one paragraph', fill('the change $u = x + y$ and $v = x - y$. ', n)),
    md('systems with their domain in a sentence', fill('$$ u = a r\\cos\\theta, \\quad v = b r\\sin\\theta $$ for $r > 0$, $0 \\le \\theta < 2\\pi$.\n', n)),
    md('systems after a directive', fill('<!-- jacobian: inputs p, q -->\n$$ u = p + k q, \\quad v = m p - q $$\n', n)),
    md('primed systems that restate their outputs', fill("$$ x' = x + y, \\quad y' = y $$\n", n)),
    // a matrix of many rows, then a matrix-times-vector map: each entry's span is widened over the commands before it
    // code: a function of thousands of parameters (each was checked against all those after it),
    // written, or made by the parser of a run of backticks in a parameter list
    { name: 'a function of thousands of parameters', kind: 'typescript', text: `export const f = (${manyParameters(n)}): [number, number] => [p0, p1];\n` },
    { name: 'backticks in a parameter list', kind: 'typescript', text: `export const flip = (u: number, v: number${fill('`', n)}): [number, number] => [v, u];\n` },
    md('a tall matrix before a map', '$$\nT = \\begin{bmatrix}\n' + fill('1&2&3&4\\\\', n) + '\\end{bmatrix}\n$$\n\n$$\n\\begin{pmatrix} u \\\\ v \\end{pmatrix} = T \\begin{pmatrix} x \\\\ y \\end{pmatrix}\n$$\n'),
  ];
}
