import * as assert from 'node:assert/strict';
import { parseDocument, analyzeDocument } from '../../../src/core/document';
import { toMathjs } from '../../../src/core/math/print';
import * as plain from '../../../src/core/parse/plainExpr';

const md = (...lines: string[]) => lines.join('\n');

describe('```transform blocks', () => {
  it('reads a named map with a domain, comments and the map range', () => {
    const text = md('# Title', '', '```transform', '# polar coordinates', 'polar(r, theta) = (r cos(theta), r sin(theta))  # the map', 'domain: r in [0.1, 2], theta in [-pi, pi]', '```');
    const { transforms, problems } = parseDocument(text, 'markdown');
    assert.deepEqual(problems, []);
    assert.equal(transforms.length, 1);
    const t = transforms[0];
    assert.equal(t.name, 'polar');
    assert.deepEqual(t.variables, ['r', 'theta']);
    assert.deepEqual(t.components.map(toMathjs), ['r*cos(theta)', 'r*sin(theta)']);
    assert.deepEqual(t.domain[0], [0.1, 2]);
    assert.ok(Math.abs(t.domain[1][0] + Math.PI) < 1e-15 && Math.abs(t.domain[1][1] - Math.PI) < 1e-15);
    assert.deepEqual(t.range.start, { line: 4, character: 0 });
    assert.deepEqual(t.nameRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } });
  });

  it('reads domain and assume lines written without their colon', () => {
    const { transforms, problems } = parseDocument(md('```transform', 'k(x, y) = (s x, s y)', 'assume s > 0', 'domain x in [-1, 1], y in [0, 3]', '```'), 'markdown');
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(transforms[0].domain, [[-1, 1], [0, 3]]);
    // a parameter or helper named domain is still one
    const named = parseDocument(md('```transform', 'domain = 2', 'f(x, y) = (domain x, y)', '```'), 'markdown');
    assert.deepEqual(named.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(named.transforms[0].domain[0], [-2, 2]);
  });

  it('reads anonymous maps, with arrows -> and ↦', () => {
    for (const arrow of ['->', '↦']) {
      const { transforms, problems } = parseDocument(md('```transform', `(x, y) ${arrow} (x + y, x - y)`, '```'), 'markdown');
      assert.deepEqual(problems, []);
      assert.deepEqual(transforms[0].variables, ['x', 'y']);
      assert.deepEqual(transforms[0].components.map(toMathjs), ['x + y', 'x - y']);
    }
  });

  describe("primes: x' is a name in a map of coordinates, a transpose of a vector", () => {
    it("a primed system x' = …, y' = … is a map of (x, y) with a 2 x 2 J", () => {
      const r = analyzeDocument(md('```transform', "x' = x cos(a) - y sin(a)", "y' = x sin(a) + y cos(a)", 'a = pi / 6', 'domain: x in [0, 1]', '```'), 'markdown', 'p.md');
      assert.deepEqual(r.diagnostics, []);
      const t = r.transforms[0];
      assert.deepEqual([t.name, t.variables, t.jacobian.length, t.domain[0]], ['f', ['x', 'y'], 2, [0, 1]]);
      assert.ok(Math.abs(Number(t.det) - 1) < 1e-12 || t.det === '1', t.det);
    });
    it("an output given twice is an error at the second", () => {
      const p = parseDocument(md('```transform', "x' = y", "y' = x", "x' = 2 y", '```'), 'markdown').problems;
      assert.equal(p.length, 1);
      assert.match(p[0].message, /x' is given twice/);
      assert.equal(p[0].range.start.line, 3);
    });
    it("x' in a map of coordinates is a name (a symbolic constant, said so), not a transpose that makes x a vector", () => {
      const r = analyzeDocument(md('```transform', "nice(x, y) = (x', y + x^3)", '```'), 'markdown', 'p.md');
      const t = r.transforms[0];
      assert.deepEqual([t.variables, t.jacobian.map((row) => row.length), t.det, t.freeSymbols], [['x', 'y'], [2, 2], '0', ["x'"]]);
      assert.match(r.diagnostics[0].message, /x' has no value.*prime is part of a name.*x in R\^n/);
    });
    it("a transpose stays one of a declared or given vector, of a bracket, and in a vector layer", () => {
      const given = analyzeDocument(md('```transform', 'u = [1, 2]', "g(x, y) = (x + u' u, y)", '```'), 'markdown', 'p.md');
      assert.deepEqual([given.transforms[0].components, given.diagnostics], [['x + 5', 'y'], []]);
      const layer = analyzeDocument(md('```transform', 'z, u, w in R^n', "planar(z) = z + u tanh(w' z + 1)", '```'), 'markdown', 'p.md').transforms[0];
      assert.match(layer.det, /dot\(w, u\)/);
      const bracket = analyzeDocument(md('```transform', "g(x, y) = ((x y)', y)", '```'), 'markdown', 'p.md').transforms[0];
      assert.deepEqual(bracket.jacobian.map((row) => row.length), [2, 2]);
    });
  });

  it('reads n = 1 as f(x) = x^3, and uses the default domain', () => {
    const { transforms } = parseDocument(md('```transform', 'f(x) = x^3', '```'), 'markdown');
    assert.equal(transforms.length, 1);
    assert.deepEqual(transforms[0].variables, ['x']);
    assert.deepEqual(transforms[0].domain, [[-2, 2]]);
    assert.deepEqual(transforms[0].domainGiven, [false]);
  });

  it('uses helper functions and parameters defined before the map', () => {
    const text = md('```transform', 'a = 0.5', 'b = 2 a', 's(u) = tanh(a u)', 't(u) = u^2 - b', 'coupling(x, y) = (x, y exp(s(x)) + t(x))', '```');
    const r = analyzeDocument(text, 'markdown', 'x.md');
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.components, ['x', 'y*exp(tanh(0.5*x)) + x^2 - 1']);
    assert.equal(t.det, 'exp(tanh(0.5*x))');   // a = 0.5 was written as a decimal
    assert.deepEqual(t.parameters, { a: '0.5', b: '2*a' });
  });

  it('takes unused one-variable definitions for maps, used ones for helpers', () => {
    const text = md('```transform', 's(u) = tanh(u)', 'layer(x, y) = (x, y exp(s(x)))', 'logistic(x) = 3.7 x (1 - x)', 'domain: x in [0, 1]', 'cube(x) = x^3', '```');
    const { transforms, problems } = parseDocument(text, 'markdown');
    assert.deepEqual(problems, []);
    assert.deepEqual(transforms.map((t) => t.name), ['layer', 'logistic', 'cube']);
    assert.deepEqual(transforms[1].domain, [[0, 1]]);
    assert.deepEqual(transforms[2].domain, [[-2, 2]]);
  });

  it('applies a domain line to the map above it, or to the first map', () => {
    const text = md('```transform', 'domain: r in [0.5, 1]', 'p(r, t) = (r cos(t), r sin(t))', 'q(u, v) = (u, v)', 'domain: v in [0, 3]', '```');
    const { transforms, problems } = parseDocument(text, 'markdown');
    assert.deepEqual(problems, []);
    assert.deepEqual(transforms[0].domain, [[0.5, 1], [-2, 2]]);
    assert.deepEqual(transforms[1].domain, [[-2, 2], [0, 3]]);
  });

  it('a map line that cannot be read is the one error: its domain line below says nothing more', () => {
    const r = parseDocument(md('```transform', 'henon(x, y) = (1 - 1.4 x^2 + y, 0.3 x +)', 'domain: x in [-1, 1]', '```'), 'markdown');
    assert.equal(r.problems.filter((p) => p.severity === 'error').length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].range.start.line, 1);
    const orphan = parseDocument(md('```transform', 'domain: x in [-1, 1]', '```'), 'markdown');
    assert.match(orphan.problems[0].message, /no map to apply to/);
  });

  it('joins a definition split over lines while parentheses are open', () => {
    const { transforms, problems } = parseDocument(md('```transform', 'f(x, y) = (', '  x + y,', '  x - y', ')', '```'), 'markdown');
    assert.deepEqual(problems, []);
    assert.deepEqual(transforms[0].components.map(toMathjs), ['x + y', 'x - y']);
  });

  it('reads x(y + 1) as a product when x is a variable, and 0 < r < 2 as a domain', () => {
    const { transforms, problems } = parseDocument(md('```transform', 'g(x, y) = (x(y + 1), y)', 'domain: 0 < x < 2', '```'), 'markdown');
    assert.deepEqual(problems, []);
    assert.equal(toMathjs(transforms[0].components[0]), 'x*(y + 1)');
    assert.deepEqual(transforms[0].domain, [[0, 2], [-2, 2]]);
  });

  it('finds blocks indented inside list items', () => {
    const text = md('1. a map:', '', '   ```transform', '   f(x, y) = (2 x, y)', '   ```');
    const { transforms } = parseDocument(text, 'markdown');
    assert.equal(transforms.length, 1);
    assert.deepEqual(transforms[0].nameRange.start, { line: 3, character: 3 });
  });

  it('ignores other fences and front matter', () => {
    const text = md('---', 'title: f(x, y) = (x, y)', '---', '```python', 'f(x, y) = (x, y)', '```');
    assert.equal(parseDocument(text, 'markdown').transforms.length, 0);
  });

  describe('errors carry the exact line and column', () => {
    const one = (text: string) => {
      const { problems } = parseDocument(text, 'markdown');
      assert.ok(problems.length >= 1, 'expected a problem');
      return problems[0];
    };
    it('a syntax error inside a component', () => {
      const p = one(md('text', '```transform', 'f(x, y) = (x + * y, y)', '```'));
      assert.equal(p.severity, 'error');
      assert.equal(p.range.start.line, 2);
      assert.equal(p.range.start.character, 15);   // the '*'
    });
    it('a component count that does not match the variables', () => {
      const p = one(md('```transform', 'f(x, y) = (x, y, x + y)', '```'));
      assert.equal(p.code, 'arity');
      assert.match(p.message, /2 variables but 3 components/);
      assert.deepEqual(p.range.start, { line: 1, character: 10 });
    });
    it('a domain that names an unknown variable', () => {
      const p = one(md('```transform', 'f(x, y) = (x, y)', 'domain: z in [0, 1]', '```'));
      assert.equal(p.code, 'domain');
      assert.match(p.message, /z is not a variable/);
      assert.deepEqual(p.range.start, { line: 2, character: 8 });
    });
    it('an empty interval', () => {
      const p = one(md('```transform', 'f(x, y) = (x, y)', 'domain: x in [1, 0]', '```'));
      assert.match(p.message, /empty/);
    });
    it('a line that is not a definition', () => {
      const p = one(md('```transform', 'f(x, y) = (x, y)', 'this is prose', '```'));
      assert.deepEqual(p.range.start, { line: 2, character: 0 });
      assert.match(p.message, /expected a map/);
    });
    it('a block that is never closed', () => {
      const p = one(md('```transform', 'f(x, y) = (x, y)'));
      assert.match(p.message, /never closed/);
      assert.deepEqual(p.range.start, { line: 0, character: 0 });
    });
    it('an unbalanced parenthesis', () => {
      const p = one(md('```transform', 'f(x, y) = (sin(x, y)', '```'));
      assert.equal(p.severity, 'error');
      assert.equal(p.range.start.line, 1);
    });
    it('empty statements (;;;) after a definition leave it without a right-hand side', () => {
      const p = one(md('```transform', 'polar(r, theta) = ;;;', '```'));
      assert.match(p.message, /^polar\(r, theta\) = needs a right-hand side/);
      assert.equal(p.range.start.line, 1);
    });
    it('a parameter defined in terms of itself', () => {
      const p = one(md('```transform', 'a = 2 a', 'f(x, y) = (a x, y)', '```'));
      assert.match(p.message, /itself/);
    });
    it('a symbol with no value is a warning, and the map is still analysed', () => {
      const r = analyzeDocument(md('```transform', 'f(x, y) = (k x, y)', '```'), 'markdown', 'a.md');
      assert.equal(r.diagnostics[0].severity, 'warning');
      assert.equal(r.diagnostics[0].code, 'free-symbol');
      assert.equal(r.transforms[0].det, 'k');
      assert.equal(r.transforms[0].numeric.available, false);
    });
    it('one bad block does not stop the others', () => {
      const r = analyzeDocument(md('```transform', 'f(x, y) = (x +, y)', '```', '', '```transform', 'g(x, y) = (2 x, y)', '```'), 'markdown', 'a.md');
      assert.equal(r.transforms.length, 1);
      assert.equal(r.transforms[0].det, '2');
      assert.equal(r.diagnostics.length, 1);
    });
  });
});

describe('```transform domains: plain numbers', () => {
  it('a bound written as a plain number is read without the expression parser, to the same value; others are parsed', () => {
    const real = plain.parsePlainExpr;
    const parsed: string[] = [];
    (plain as { parsePlainExpr: typeof real }).parsePlainExpr = (s) => { parsed.push(s); return real(s); };
    let r;
    try {
      r = parseDocument(md('```transform', 'f(x, y, z) = (x, y, z)', 'domain: x in [-2, 2.5], y in [ .5 , 1e1], z in [-pi/2, 1e400]', '```'), 'markdown');
    } finally { (plain as { parsePlainExpr: typeof real }).parsePlainExpr = real; }
    // 1e400 is not a finite number: parsed, and refused with the parser's own message
    assert.deepEqual(parsed, ['-pi/2', '1e400']);
    assert.deepEqual(r.transforms[0].domain.slice(0, 2), [[-2, 2.5], [0.5, 10]]);
    assert.ok(r.problems.some((d) => /1e400/.test(d.message)), 'the huge bound is reported');
  });
});
