import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfFile, languageOfId } from '../../../src/core/document';
import { markdownMath } from '../../../src/core/parse/markdownMath';
import { detAt } from '../helpers/maps';

const md = (...lines: string[]) => lines.join('\n');
const analyze = (text: string, file = 'note.md') => analyzeDocument(text, languageOfFile(file)!, file);


const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('Markdown flavours: Quarto, R Markdown, MDX, MyST', () => {
  it('are read as Markdown, by extension and by the language ids their extensions define', () => {
    for (const f of ['a.qmd', 'b.Rmd', 'c.rmd', 'd.mdx', 'e.md', 'f.markdown']) assert.equal(languageOfFile(f), 'markdown', f);
    for (const id of ['markdown', 'quarto', 'rmd', 'mdx']) assert.equal(languageOfId(id), 'markdown', id);
    assert.equal(languageOfId('plaintext'), null);
  });

  it('Quarto: code chunks are not math, $$ … $$ {#eq-label} is', () => {
    const text = md(
      '---', 'title: "Polar"', 'format: html', '---', '',
      '```{r}', 'f <- function(x, y) c(x + y, x - y)  # $$ g(x, y) = (x, y) $$', '```', '',
      '$$', 'P(r, \\theta) = (r \\cos\\theta, r \\sin\\theta)', '$$ {#eq-polar}', '',
      'As @eq-polar shows, with `r` inline code $r > 0$.',
    );
    const r = analyze(text, 'polar.qmd');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['P']);
    assert.equal(r.transforms[0].range.start.line, lineOf(text, 'P(r'));
    detAt(r.transforms[0], [2, 0.1], 2);
  });

  it('R Markdown: chunks and inline `r …` code are skipped; bare equation environments are math', () => {
    const text = md(
      '```{r setup, include=FALSE}', 'knitr::opts_chunk$set(echo = TRUE)', '```', '',
      'The value is `r 2 * 3` and $$ is not here.', '',
      '\\begin{equation}', '  S(x, y) = \\left( x + y^2, y \\right)', '\\end{equation}',
    );
    const r = analyze(text, 'notes.Rmd');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['S']);
    detAt(r.transforms[0], [1, 1], 1);
  });

  it('MDX: imports and JSX are prose; remark-math $$ is math', () => {
    const text = md(
      "import { Chart } from '../components/Chart'", '',
      '# Shear', '',
      '<Chart domain={[-2, 2]} label="$x$" />', '',
      '$$', 'H(x, y) = (x + 3y, y)', '$$', '',
      '{/* $$ K(x, y) = (y, x) $$ is commented out by MDX, and still reads as math here only if delimited */}',
    );
    const r = analyze(text, 'shear.mdx');
    assert.ok(r.transforms.some((t) => t.name === 'H'));
    detAt(r.transforms.find((t) => t.name === 'H')!, [0, 0], 1);
  });

  it('MyST: {math} directives with options, one equation per paragraph, colon fences, $$ (label) and the {math} role', () => {
    const text = md(
      '```{math}', ':label: polar', '', 'P(r, \\theta) = (r \\cos\\theta, r \\sin\\theta)', '', 'a = 2', '```', '',
      ':::{math}', 'Q(x, y) = (a x, y / a)', ':::', '',
      '$$ R(u, v) = (u + v, v) $$ (shear)', '',
      'Inline, the role {math}`T(x, y) = (y, x)` too.', '',
      '```{code-cell} python', '# $$ Z(x, y) = (x, x) $$', '```',
    );
    const r = analyze(text, 'flows.md');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['P', 'Q', 'R', 'T']);
    const [P, Q, R, T] = r.transforms;
    assert.equal(P.range.start.line, lineOf(text, 'P(r'));
    assert.equal(P.range.start.character, 0);
    // a = 2 from the {math} block's second equation
    assert.deepEqual(Q.parameters, { a: '2' });
    detAt(Q, [1, 1], 1);
    detAt(R, [0, 0], 1);
    detAt(T, [0, 0], -1);
    assert.equal(T.range.start.line, lineOf(text, '{math}`T'));
    assert.equal(text.split('\n')[T.range.start.line].slice(T.range.start.character, T.range.start.character + 7), 'T(x, y)');
  });

  it('GitHub ```math fences and bare align environments (Jupyter, MyST amsmath) are display math', () => {
    const text = md(
      '```math', 'A(x, y) = (2x, y)', '```', '',
      '\\begin{align}', "u' &= u + v^3 \\\\", "v' &= v", '\\end{align}', '',
      '$$', '\\begin{aligned} w &= 1 \\end{aligned}', '$$',
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['A', 'f']);
    detAt(r.transforms[0], [0, 0], 2);
    detAt(r.transforms[1], [0, 0], 1);
    // an aligned inside $$ is that formula's, not a second region
    assert.equal(markdownMath(text).filter((g) => g.content.includes('w &= 1')).length, 1);
  });

  it('a bare aligned outside $$ (which MathJax sets) is display math too', () => {
    const text = md('## Boost', '', '\\begin{aligned}', "p' & = k (p - w q) \\\\", "q' & = k (q - w p)", '\\end{aligned}', '', 'with $k = 2$ and $w = 0.5$.');
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['p', 'q']]);
    // det = k^2 (1 - w^2) = 3
    detAt(r.transforms[0], [0.3, 0.2], 3);
  });

  it('multline inside $$ (MathJax sets it, KaTeX has none) is one equation over its lines', () => {
    const text = md('A shear written long:', '', '$$', '\\begin{multline*}', 'S(p, q) = (p + c\\, q,', '\\\\ q)', '\\end{multline*}', '$$', '',
      'and a sum, not a map:', '', '$$\\begin{multline} E = a + b \\\\ + c \\end{multline}$$', '', 'with $c = 3$.');
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['p', 'q']]);
    detAt(r.transforms[0], [0.3, 0.2], 1);
    assert.equal(r.transforms[0].components[0].replace(/\s/g, ''), 'p+3*q');
  });

  it('an unclosed fence, colon fence or role reads nothing and hides nothing before it', () => {
    const text = md('$$ B(x, y) = (y, x) $$', '', ':::{math}', 'C(x, y) = (x, x + y)', '', '{math}`D(x, y) = (y, x)', '', '```math', 'E(x, y) = (x, y)');
    const r = analyze(text);
    assert.deepEqual(r.transforms.map((t) => t.name), ['B']);
  });
});
