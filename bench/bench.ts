/**
 * `npm run bench`: per corpus transform, the analysis time (parse, J, det, simplify) and, for
 * evaluating f, J and det J together, the time per point of the generated JavaScript relative
 * to two baselines run in the same process:
 *   - mathjs compile().evaluate on the same expressions;
 *   - direct JS: the corpus's own strings translated textually into a JS function (what a
 *     person would write by hand, without common subexpressions shared).
 * Then the full analysis (invertibility included) beside SymPy's reference times (speed.ts)
 * and det J's operation count beside SymPy's (opcount.ts).
 * Ratios, not pass/fail timings. Options: --points N (default 1e6), --only ID, --reps N (default 5), --speed (the speed table
 * alone).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile, parse, MathNode } from 'mathjs';
import { parseDocument } from '../src/core/document';
import { analyzeTransform } from '../src/core/analyze';
import { compileJS } from '../src/core/math/numeric';
import { parsePlainExpr } from '../src/core/parse/plainExpr';
import type { Expr } from '../src/core/math/expr';
import { opCountTable } from './opcount';
import { speedTable } from './speed';
import { blockOf } from './corpus';

interface Case { id: string; variables: string[]; components_mathjs: string[]; jacobian_mathjs: string[][]; det_mathjs: string; domain: Array<[number, number]> }

const argv = process.argv.slice(2);
const opt = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const POINTS = Number(opt('points') ?? 1e6);
const MATHJS_POINTS = Math.min(POINTS, 20000);
const only = opt('only');

function loadCorpus(): Case[] {
  for (const p of [process.env.JL_CORPUS, path.resolve(__dirname, '../../shared/corpus/public.json'), path.resolve(__dirname, '../test/fixtures/corpus/public.json')]) {
    if (p && fs.existsSync(p)) return JSON.parse(fs.readFileSync(p, 'utf8'));
  }
  throw new Error('corpus not found');
}

/** Points in the domain, laid out flat. */
function points(c: Case, count: number): Float64Array[] {
  const n = c.variables.length;
  const out: Float64Array[] = [];
  let seed = 12345;
  const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  for (let i = 0; i < Math.min(count, 4096); i++) {
    const x = new Float64Array(n);
    for (let k = 0; k < n; k++) x[k] = c.domain[k][0] + (c.domain[k][1] - c.domain[k][0]) * rand();
    out.push(x);
  }
  return out;
}

/** Seconds per point of `f` over `count` evaluations cycling through `pts`. */
function timePerPoint(f: (x: Float64Array) => number, pts: Float64Array[], count: number): number {
  let sink = 0;
  for (let i = 0; i < Math.min(count, 2000); i++) sink += f(pts[i % pts.length]);   // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += f(pts[i % pts.length]);
  const t1 = process.hrtime.bigint();
  if (sink === 42.4242) console.log('');   // keep the work observable
  return Number(t1 - t0) / 1e9 / count;
}

const MATH_NAMES = ['exp', 'log', 'sqrt', 'cbrt', 'abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'log1p', 'expm1', 'sign', 'hypot'];

/**
 * The corpus strings as one plain JS function, the way a person would write it by hand:
 * each expression printed as JS (Math.* calls, Math.pow), no shared subexpressions.
 */
function directJS(c: Case, exprs: string[]): (x: Float64Array, out: Float64Array) => Float64Array {
  const handler = (node: MathNode, options: object): string | undefined => {
    const n = node as MathNode & { op?: string; fn?: { name?: string }; args?: MathNode[]; name?: string };
    if (node.type === 'OperatorNode' && n.op === '^') {
      return `Math.pow(${n.args![0].toString({ handler, ...options })}, ${n.args![1].toString({ handler, ...options })})`;
    }
    if (node.type === 'FunctionNode' && n.fn?.name && MATH_NAMES.includes(n.fn.name)) {
      return `Math.${n.fn.name}(${n.args!.map((a) => a.toString({ handler, ...options })).join(', ')})`;
    }
    if (node.type === 'SymbolNode' && n.name === 'pi') return 'Math.PI';
    return undefined;
  };
  const body = exprs.map((e, i) => `out[${i}] = ${parse(e).toString({ handler, parenthesis: 'all' } as object)};`);
  const args = c.variables.map((v, i) => `const ${v} = p[${i}];`).join('\n');
  return new Function('p', 'out', `${args}\n${body.join('\n')}\nreturn out;`) as (x: Float64Array, out: Float64Array) => Float64Array;
}

function main(): void {
  const corpus = loadCorpus().filter((c) => !only || c.id === only);
  if (argv.includes('--speed')) {   // the speed table alone (the full analysis beside SymPy)
    console.log([`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`, ...speedTable(corpus, Number(opt('reps') ?? 5))].join('\n'));
    return;
  }
  const rows: string[][] = [['transform', 'analysis ms', 'generated ns/pt', 'vs mathjs', 'vs direct JS']];
  let totalAnalysis = 0, totalGen = 0, totalMathjs = 0, totalDirect = 0;
  for (const c of corpus) {
    // Analysis: parse + J + det + simplify (+ checks), through the same path as the extension.
    const a0 = performance.now();
    const t = parseDocument(blockOf(c), 'markdown').transforms[0];
    const report = analyzeTransform(t);
    const analysisMs = performance.now() - a0;

    // The same set of expressions for all three: f, J, det J (from the corpus strings).
    const strings = [...c.components_mathjs, ...c.jacobian_mathjs.flat(), c.det_mathjs];
    const trees: Expr[] = strings.map(parsePlainExpr);
    // Both JS versions fill an output vector; the harness sums it (the same work for both).
    const out = new Float64Array(trees.length);
    const summed = (v: (x: Float64Array, out: Float64Array) => Float64Array) => (x: Float64Array) => {
      v(x, out);
      let s = 0;
      for (let i = 0; i < out.length; i++) s += out[i];
      return s;
    };
    const genF = summed(compileJS(trees, c.variables));
    const compiled = strings.map((s) => compile(s));
    const mathjsF = (x: Float64Array) => {
      const scope: Record<string, number> = {};
      c.variables.forEach((v, i) => { scope[v] = x[i]; });
      let s = 0;
      for (const e of compiled) s += e.evaluate(scope) as number;
      return s;
    };
    const direct = summed(directJS(c, strings));
    const pts = points(c, POINTS);
    const g = timePerPoint(genF, pts, POINTS);
    const m = timePerPoint(mathjsF, pts, MATHJS_POINTS);
    const d = timePerPoint(direct, pts, POINTS);
    totalAnalysis += analysisMs; totalGen += g; totalMathjs += m; totalDirect += d;
    rows.push([c.id, analysisMs.toFixed(1), (g * 1e9).toFixed(1), `${(m / g).toFixed(1)}x faster`, `${(g / d).toFixed(2)}x`]);
    void report;
  }
  rows.push(['total', totalAnalysis.toFixed(1), (totalGen * 1e9).toFixed(1), `${(totalMathjs / totalGen).toFixed(1)}x faster`, `${(totalGen / totalDirect).toFixed(2)}x`]);
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const r of rows) console.log(r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  console.log(`\nf, J and det J evaluated together; generated and direct JS over ${POINTS} points, mathjs over ${MATHJS_POINTS} (time per point compared).`);
  console.log('"vs direct JS" is generated time / direct time: below 1 means the generated code is faster.');
  console.log(['', ...speedTable(corpus, Number(opt('reps') ?? 5))].join('\n'));
  console.log(['', ...opCountTable(corpus)].join('\n'));
}

main();
