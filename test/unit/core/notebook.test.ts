import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfFile, parseDocument } from '../../../src/core/document';
import { readNotebook } from '../../../src/core/parse/notebook';
import { detAt } from '../helpers/maps';
import { notebook } from '../helpers/notebook';

const analyze = (text: string) => analyzeDocument(text, 'notebook', 'flows.ipynb');


describe('Jupyter notebooks (.ipynb)', () => {
  it('are chosen by extension', () => assert.equal(languageOfFile('tutorial.ipynb'), 'notebook'));

  it('reads the markdown cells; ranges are lines of the cell, placed by its index among all cells', () => {
    const text = notebook(
      ['markdown', '# Polar coordinates\n\nThe map\n$$\nP(r, \\theta) = (r\\cos\\theta, r\\sin\\theta)\n$$'],
      ['code', 'import numpy as np\n# $$ Z(x, y) = (x, x) $$'],
      ['markdown', 'A block:\n\n```transform\nshear(x, y) = (x + 2 y, y)\n```\n'],
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => [t.name, t.cell, t.range.start.line, t.range.start.character]), [['P', 0, 4, 0], ['shear', 2, 3, 0]]);
    detAt(r.transforms[0], [1.5, 0.2], 1.5);
    detAt(r.transforms[1], [0, 0], 1);
  });

  it('a definition in one cell applies to the map in a later one; a primed system may go on in the next cell', () => {
    const text = notebook(
      ['markdown', 'Let $a = 3$ and $s(u) = \\tanh(u)$.'],
      ['code', 'a = 3'],
      ['markdown', '$$\nF(x, y) = (a x, y + s(x))\n$$'],
      ['markdown', "\\[ z_1' = z_1 \\]"],
      ['markdown', "\\[ z_2' = z_2 e^{z_1} \\]"],
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    const [F, C] = r.transforms;
    assert.equal(F.cell, 2);
    assert.deepEqual(F.parameters, { a: '3' });
    detAt(F, [0.5, 0], 3);
    assert.deepEqual(C.variables, ['z1', 'z2']);
    detAt(C, [0.7, 1], Math.exp(0.7));
    // the system belongs to the cell of its first equation; its range stays inside that cell
    assert.equal(C.cell, 3);
    assert.equal(C.range.start.line, 0);
    assert.equal(C.range.end.line, 0);
  });

  it('a place said in a message is a cell and a line of it, as the editor shows them', () => {
    const text = notebook(
      ['markdown', '# Flow\n\nA shift:\n$$\nT(x, y) = (x + a, y + b)\n$$'],
      ['code', 'a = 1'],
      ['markdown', '## Values\n\nLater, $a = 1$ and $b = 2$.'],
    );
    const [T] = analyze(text).transforms;
    const said = (T.assumed ?? []).join(' | ');
    // a and b are on the third line of the third cell (cell_3 in the CLI), not "line 10" of the cells joined
    assert.match(said, /a \(cell 3, line 3\), b \(cell 3, line 3\): given a value only later/);
    assert.doesNotMatch(said, /\(line \d+\)/);
  });

  it('an unclosed $$ or ``` in one cell does not reach into the next', () => {
    const text = notebook(
      ['markdown', 'Price: $$ 5 and\n```transform\nnever(x, y) = (x, y)'],
      ['markdown', '$$ G(x, y) = (y, x) $$'],
    );
    const r = analyze(text);
    // the unclosed block is read to the end of its cell (with an error there), no further
    assert.deepEqual(r.transforms.map((t) => [t.name, t.cell]), [['never', 0], ['G', 1]]);
    assert.deepEqual(r.diagnostics.map((d) => [d.cell, d.range.start.line, d.severity]), [[0, 1, 'error']], 'the unclosed block of cell 0 is said there');
  });

  it('takes sources as one string or a list of lines, and nbformat 3 worksheets', () => {
    const v3 = JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'heading', source: 'Maps' }, { cell_type: 'markdown', source: '$$ H(x, y) = (x, 2y) $$' }] }] });
    const r3 = analyze(v3);
    assert.deepEqual(r3.transforms.map((t) => [t.name, t.cell]), [['H', 1]]);
    const one = JSON.stringify({ cells: [{ cell_type: 'markdown', source: 'text\n\n$$ K(x, y) = (x, x + y) $$' }] });
    assert.deepEqual(analyze(one).transforms.map((t) => [t.name, t.cell, t.range.start.line]), [['K', 0, 2]]);
  });

  it('says where a file is not a notebook, and never throws', () => {
    const bad = analyze('{\n  "cells": [\n    { "cell_type": "markdown", "source": "x" },,\n  ]\n}');
    assert.equal(bad.transforms.length, 0);
    assert.equal(bad.diagnostics.length, 1);
    assert.equal(bad.diagnostics[0].severity, 'error');
    assert.match(bad.diagnostics[0].message, /not valid JSON/);
    assert.equal(bad.diagnostics[0].cell, undefined);
    const notNb = parseDocument('{"hello": 1}', 'notebook');
    assert.match(notNb.problems[0].message, /no notebook cells/);
    for (const text of ['', 'null', '[]', '{"cells": [null, 3, {"cell_type": "markdown", "source": 7}]}']) {
      const r = readNotebook(text);
      assert.ok('cells' in r || 'problem' in r);
    }
  });
});
