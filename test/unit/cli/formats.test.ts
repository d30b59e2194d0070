import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tempFiles } from '../helpers/cli';
import { notebook } from '../helpers/notebook';

describe('CLI on LaTeX papers, notebooks, Quarto, R Markdown and MDX', () => {
  const tmp = tempFiles('jl-cli-formats-');

  it('analyze reads a .tex paper with its macros', () => {
    const p = tmp.file('paper.tex', ['\\newcommand{\\e}{\\mathrm{e}}', '\\begin{document}', '\\begin{equation}', '  E(x, y) = \\left( \\e^{x} \\cos y, \\e^{x} \\sin y \\right)', '\\end{equation}', '\\end{document}', ''].join('\n'));
    const { code, out } = run(['analyze', p, '--json']);
    assert.equal(code, 0);
    const [r] = JSON.parse(out);
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].name, 'E');
    assert.equal(r.transforms[0].range.start.line, 3);
    assert.equal(r.transforms[0].cell, undefined);
  });

  it('analyze and check place what they find in a notebook as cell and line', () => {
    const p = tmp.file('tutorial.ipynb', notebook(
      ['markdown', '# Tutorial'],
      ['code', 'print(1)'],
      ['markdown', 'The fold:\n\n$$\nF(x, y) = (x^2, y)\n$$\n\n$$ G(x, y) = (x + y, y) $$'],
    ));
    const json = run(['analyze', p, '--json']);
    assert.equal(json.code, 0);
    const [r] = JSON.parse(json.out);
    assert.deepEqual(r.transforms.map((t: { name: string; cell: number; range: { start: { line: number } } }) => [t.name, t.cell, t.range.start.line]), [['F', 2, 3], ['G', 2, 6]]);
    const human = run(['analyze', p]);
    assert.match(human.out, new RegExp(`${p.replace(/[.\\]/g, '\\$&')}:cell_3:4:1  F\\(x, y\\)`));
    const check = run(['check', p]);
    assert.equal(check.code, 1, 'F folds: not invertible');
    assert.match(check.out, /tutorial\.ipynb:cell_3:4:1 F: not-invertible/);
    assert.match(check.out, /tutorial\.ipynb:cell_3:7:4 G: invertible \(/);
  });

  it('a notebook that is not JSON is an error at its place, and check fails', () => {
    const p = tmp.file('broken.ipynb', '{\n  "cells": [\n');
    const { code, out } = run(['check', p]);
    assert.equal(code, 1);
    assert.match(out, /broken\.ipynb:\d+:\d+ error: this notebook is not valid JSON/);
  });

  it('walks folders for every format it reads, and skips the rest', () => {
    const dir = path.join(tmp.dir(), 'repo');
    fs.mkdirSync(path.join(dir, 'paper'), { recursive: true });
    const map = (name: string) => `$$ ${name}(x, y) = (x + y, y) $$\n`;
    fs.writeFileSync(path.join(dir, 'paper', 'main.tex'), `\\begin{equation*} T(x, y) = (x + y, y) \\end{equation*}\n`);
    fs.writeFileSync(path.join(dir, 'q.qmd'), map('Q'));
    fs.writeFileSync(path.join(dir, 'r.Rmd'), map('R'));
    fs.writeFileSync(path.join(dir, 'm.mdx'), map('M'));
    fs.writeFileSync(path.join(dir, 'n.ipynb'), notebook(['markdown', map('N')]));
    fs.writeFileSync(path.join(dir, 'refs.bib'), map('B'));
    fs.writeFileSync(path.join(dir, 'main.pdf'), map('P'));
    const { code, out } = run(['check', dir]);
    assert.equal(code, 0, out);
    const names = out.trim().split('\n').map((l) => / (\w): /.exec(l)?.[1]);
    assert.deepEqual(names, ['M', 'N', 'T', 'Q', 'R']);
  });
});
