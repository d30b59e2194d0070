import * as assert from 'node:assert/strict';
import katex from 'katex';
import { analyzeDocument } from '../../../src/core/document';
import { CorpusCase, assertMatchesReference, loadCorpus, maxRelativeDifference } from '../helpers/corpus';

const corpus = loadCorpus();

/** x1 -> x_1, theta -> \theta: the variables as LaTeX. */
const texName = (v: string) => v.replace(/^([A-Za-z]+)(\d+)$/, '$1_$2').replace(/^(alpha|beta|gamma|theta|phi|psi|rho|sigma|tau|omega)$/, '\\$1');

/** The case written in LaTeX, as f(vars) = \left( … \right) in a $$ block, with its domain in the next block. */
function asLatexNote(c: CorpusCase, form: 'tuple' | 'pmatrix' | 'aligned'): string {
  const vars = c.variables.map(texName);
  const dom = vars.map((v, i) => `${v} \\in [${c.domain[i][0]}, ${c.domain[i][1]}]`).join(', \\quad ');
  let map: string;
  if (form === 'tuple') map = `f(${vars.join(', ')}) = \\left( ${c.components_latex.join(', ')} \\right)`;
  else if (form === 'pmatrix') map = `f(${vars.join(', ')}) = \\begin{pmatrix} ${c.components_latex.join(' \\\\ ')} \\end{pmatrix}`;
  else map = `\\begin{aligned}\n${c.components_latex.map((s, i) => `${vars[i]}' &= ${s}`).join(' \\\\\n')}\n\\end{aligned}`;
  return `# ${c.id}\n\n${c.description}\n\n$$\n${map}\n$$\n$$\n${dom}\n$$\n`;
}

describe('corpus: every transform written in LaTeX', () => {
  for (const form of ['tuple', 'pmatrix', 'aligned'] as const) {
    for (const c of corpus) {
      it(`${c.id} (${form}): det J equals the SymPy reference; J and det J render in KaTeX`, () => {
        const t = assertMatchesReference(analyzeDocument(asLatexNote(c, form), 'markdown', `${c.id}.md`), c);
        for (const tex of [t.detLatex, ...t.latex.jacobian.flat(), ...t.latex.components]) {
          katex.renderToString(tex, { throwOnError: true, trust: false, displayMode: true });
        }
        assert.deepEqual(t.latex.variables, c.variables.map(texName));
      });
    }
  }

  it('SymPy\'s own LaTeX for det J reads back as the same function', () => {
    // det_simplified_latex is printed by SymPy (\sin{\left(\theta \right)}, \tanh^{2}{\left(…\right)}, …)
    for (const c of corpus) {
      const vars = c.variables.map(texName);
      const note = `$$\nf(${vars.join(', ')}) = \\left( ${[`${c.det_simplified_latex}`, ...vars.slice(1)].join(', ')} \\right)\n$$\n`;
      const r = analyzeDocument(note, 'markdown', 'det.md');
      assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 0, `${c.id}: ${JSON.stringify(r.diagnostics)}`);
      if (c.det_simplified_latex.trim() === '0' || !/[a-z]/i.test(c.det_simplified_latex)) continue;
      assert.equal(r.transforms.length, 1, c.id);
      assert.ok(maxRelativeDifference(r.transforms[0].components[0], c.det_simplified_mathjs, c.variables, c.domain) < 1e-9, c.id);
    }
  });
});
