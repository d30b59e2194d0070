/**
 * What the fuzzer (bench/fuzz.ts) checks of one input, shared with the unit test that replays
 * the regression folder (test/fuzz-regressions/): the analysis returns (no throw escapes),
 * the report follows the schema (no non-finite number anywhere, every field of its type),
 * and det J agrees with the determinant of a finite-difference Jacobian of the tool's own
 * numeric f at seeded points of the domain.
 */
import { analyzeDocument, LanguageKind, languageOfFile } from '../src/core/document';
import { createEngineOptions } from '../src/core/engine';
import { compileClosure, luDet, rng } from '../src/core/math/numeric';
import { num, rebuild, type Expr } from '../src/core/math/expr';
import { detAt } from '../src/core/pointEval';
import type { FileReport, TransformReport } from '../src/core/report';

export interface Verdict {
  /** A throw out of the core API (a bug whatever the input). */
  readonly escaped?: string;
  /** Schema and det J problems. */
  readonly problems: string[];
  /** det J disagreeing with finite differences of f beyond their error (a wrong answer, or a bug of the check to examine). */
  readonly detMismatches: string[];
  /** Processor time of parse and analysis (the checks after it not counted), ms. */
  readonly ms: number;
  /** Wall-clock time of the same, ms. */
  readonly wallMs: number;
  readonly maps: number;
}

/** The engine's budgets for fuzzing: the editor's defaults. */
export const FUZZ_OPTIONS = { budgetMs: 2000, invertibilityBudgetMs: 400 };

export function checkInput(text: string, file: string, seed = 1): Verdict {
  const kind: LanguageKind = languageOfFile(file) ?? 'markdown';
  const start = Date.now(), cpu = process.cpuUsage();
  const elapsed = () => { const used = process.cpuUsage(cpu); return { ms: Math.round((used.user + used.system) / 1000), wallMs: Date.now() - start }; };
  let report: FileReport;
  try {
    report = analyzeDocument(text, kind, file, createEngineOptions(FUZZ_OPTIONS));
  } catch (e) {
    return { escaped: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e), problems: [], detMismatches: [], ...elapsed(), maps: 0 };
  }
  const time = elapsed();
  return {
    problems: schemaProblems(report), detMismatches: report.transforms.flatMap((t) => detMismatches(t as TransformReport, seed)),
    ...time, maps: report.transforms.length,
  };
}

export function schemaProblems(r: FileReport): string[] {
  const out: string[] = [];
  // numbers: finite everywhere (JSON would turn Infinity and NaN into null)
  const walk = (v: unknown, at: string, depth: number): void => {
    if (depth > 200 || out.length > 5) return;
    if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${at} is ${v}`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, depth + 1));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'trees') walk(x, `${at}.${k}`, depth + 1);
  };
  walk(r, 'report', 0);
  for (const t of r.transforms as TransformReport[]) {
    const n = t.variables.length;
    if (typeof t.name !== 'string' || !t.name) out.push('a transform without a name');
    if (t.components.length !== n) out.push(`${t.name}: ${t.components.length} components for ${n} variables`);
    if (t.jacobian.length !== n || t.jacobian.some((row) => row.length !== n || row.some((e) => typeof e !== 'string'))) out.push(`${t.name}: J is not ${n} x ${n} strings`);
    if (typeof t.det !== 'string' || !t.det) out.push(`${t.name}: det J is not a string`);
    if (t.domain.length !== n || t.domain.some(([a, b]) => !(a < b))) out.push(`${t.name}: the domain is not n intervals`);
    for (const s of [t.det, ...t.jacobian.flat()]) if (/\$shift|\bundefined\b|\bNaN\b|\[object /.test(s)) out.push(`${t.name}: "${s.slice(0, 80)}" leaks an internal`);
  }
  for (const d of r.diagnostics) {
    if (typeof d.message !== 'string' || !d.message) out.push('a diagnostic without a message');
    // (a command the user wrote, such as \NaN, is quoted, not leaked)
    else if (/(?<!\\)\b(null|undefined|NaN|Infinity) is not\b|is not finite|\$shift|\bat \S+ \(.*:\d+:\d+\)/.test(d.message)) out.push(`a diagnostic leaks an internal: ${d.message.slice(0, 120)}`);
    const { start, end } = d.range;
    if (![start.line, start.character, end.line, end.character].every((x) => Number.isInteger(x) && x >= 0)) out.push('a diagnostic range is not positions');
  }
  return out;
}

/** A seeded generator of numbers in [0, 1) (the engine's own). */
export const random = rng;

// ---------------------------------------------------------------------------------------
// det J against finite differences

/**
 * How much evaluating f wobbles near z along variable j: the rounding of its intermediate
 * quantities, which can be far above eps |f| (cos(u) with u about 400 is off by about
 * 400 eps; log(cos(x^4)) for small x moves in steps of eps, the spacing of cos near 1).
 * The larger of two estimates: fourth differences of f on a grid of tiny steps, where the
 * smooth part of f contributes nothing measurable (as Moré and Wild do; where f takes too few
 * distinct values on the grid the grid is widened), and a running error bound of f's tree
 * (`roundingBound`), which sees rounding that moves f in regular steps.
 */
function evaluationNoise(f: ReadonlyArray<(z: readonly number[]) => number>, bounds: ReadonlyArray<(z: readonly number[]) => number>, z: readonly number[], j: number): number[] {
  const noise = f.map(() => NaN);
  for (let step = 1e-9 * Math.max(1, Math.abs(z[j])), tries = 0; tries < 6 && noise.some(Number.isNaN); step *= 10, tries++) {
    const values = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => { const p = [...z]; p[j] += m * step; return f.map((fi) => fi(p)); });
    f.forEach((_, i) => {
      if (!Number.isNaN(noise[i])) return;
      const v = values.map((row) => row[i]);
      if (new Set(v).size < 6 && tries < 5) return;
      let worst = 0;
      for (let m = 0; m + 4 < v.length; m++) worst = Math.max(worst, Math.abs(v[m] - 4 * v[m + 1] + 6 * v[m + 2] - 4 * v[m + 3] + v[m + 4]) / 4);
      noise[i] = Math.max(worst, bounds[i](z)) + 2.2e-16 * Math.abs(v[0]);
    });
  }
  return noise;
}

/**
 * A first-order bound on the rounding error of evaluating `e` at z: each operation adds
 * eps times its result, and a function passes on its argument's error as it moves its
 * value (measured by evaluating it at the argument plus and minus the error).
 */
function roundingBound(e: Expr, vars: readonly string[]): (z: readonly number[]) => number {
  const EPS = 2.2e-16;
  const walk = (x: Expr): ((z: readonly number[]) => { v: number; err: number }) => {
    switch (x.k) {
      case 'num': return () => ({ v: x.v, err: EPS * Math.abs(x.v) });
      case 'sym': {
        const i = vars.indexOf(x.name);
        const c = compileClosure(x, vars);
        return i >= 0 ? (z) => ({ v: z[i], err: 0 }) : (z) => { const v = c(z); return { v, err: EPS * Math.abs(v) }; };
      }
      case 'neg': { const a = walk(x.arg); return (z) => { const r = a(z); return { v: -r.v, err: r.err }; }; }
      case 'add': case 'mul': {
        const parts = x.args.map(walk);
        return (z) => {
          let v = x.k === 'add' ? 0 : 1, err = 0;
          for (const p of parts) {
            const r = p(z);
            if (x.k === 'add') { v += r.v; err += r.err + EPS * Math.abs(v); } else { err = Math.abs(v) * r.err + Math.abs(r.v) * err + EPS * Math.abs(v * r.v); v *= r.v; }
          }
          return { v, err };
        };
      }
      default: {
        // pow and calls: the value's own rounding, plus how far the arguments' errors move it
        const args = (x.k === 'pow' ? [x.base, x.exp] : x.args).map(walk);
        // (an argument that is not finite, sqrt(x y) at x y < 0 under log, has no bound: NaN, then 0 below)
        const at = (vals: number[]) => (vals.every(Number.isFinite) ? compileClosure(rebuild(x, vals.map(num)), vars)([]) : NaN);
        return (z) => {
          const rs = args.map((a) => a(z));
          const v = at(rs.map((r) => r.v));
          let err = EPS * Math.abs(v);
          rs.forEach((r, k) => {
            if (!(r.err > 0)) return;
            for (const sgn of [1, -1]) {
              const moved = at(rs.map((q, m) => (m === k ? q.v + sgn * r.err : q.v)));
              if (Number.isFinite(moved)) err += Math.abs(moved - v) / 2;
            }
          });
          return { v, err };
        };
      }
    }
  };
  const f = walk(e);
  return (z) => { const r = f(z); return Number.isFinite(r.err) ? r.err : 0; };
}

/**
 * The central difference of each component along variable j at z, by Ridders-style
 * extrapolation over a ladder of steps: at each step h the central difference D(h) and its
 * Richardson extrapolation with D(h/4); the step kept per component is the one whose
 * error bound is smallest. The bound adds the truncation estimate (how far the extrapolated
 * value moves from D(h/4) and from the next step's extrapolation) and the rounding of the
 * differences (the evaluation noise over h: cancellation against a huge constant such as
 * x^2 - 4^32 makes every step's difference noise, and the bound says so).
 */
function derivativeColumn(f: ReadonlyArray<(z: readonly number[]) => number>, bounds: ReadonlyArray<(z: readonly number[]) => number>, z: readonly number[], j: number, hMax: number): { d: number[]; err: number[]; step: number[] } | null {
  const LEVELS = 16, RATIO = 4;
  const noise = evaluationNoise(f, bounds, z, j);
  const central: number[][] = [], steps: number[] = [];
  for (let k = 0, h = hMax; k < LEVELS; k++, h /= RATIO) {
    const up = [...z], down = [...z];
    up[j] += h; down[j] -= h;
    const hh = up[j] - down[j]; // the step as represented
    if (!(hh > 0)) break;
    central.push(f.map((fi) => (fi(up) - fi(down)) / hh));
    steps.push(hh);
  }
  if (central.length < 3) return null;
  const d: number[] = [], err: number[] = [], step: number[] = [];
  for (let i = 0; i < f.length; i++) {
    let best = Infinity, value = NaN, used = NaN;
    const R = (k: number) => (RATIO ** 2 * central[k + 1][i] - central[k][i]) / (RATIO ** 2 - 1);
    const rounding = (m: number) => 4 * noise[i] * (1 / steps[m] + 1 / steps[m + 1]);
    // Richardson's model holds at level k only if the differences converge as it says from k
    // down to the finest step (each change a sixteenth of the one before; a quarter allowed,
    // plus rounding): a map that oscillates faster than the step (cos(u^4) with u near 80)
    // has differences that agree by chance at coarse steps, far from the derivative
    const converges: boolean[] = new Array<boolean>(central.length).fill(true);
    for (let k = central.length - 3; k >= 0; k--) {
      const change = Math.abs(central[k][i] - central[k + 1][i]), next = Math.abs(central[k + 1][i] - central[k + 2][i]);
      converges[k] = converges[k + 1] && next <= change / 4 + rounding(k + 1);
    }
    for (let k = 0; k + 2 < central.length; k++) {
      const r = R(k);
      if (!converges[k]) continue;
      const e = Math.max(Math.abs(r - central[k + 1][i]), Math.abs(r - R(k + 1))) + rounding(k);
      if (Number.isFinite(r) && e < best) { best = e; value = r; used = steps[k]; }
    }
    if (!Number.isFinite(best)) return null;
    d.push(value); err.push(best); step.push(used);
  }
  return { d, err, step };
}

/**
 * How far the analytic J entry moves over the step its difference used, beyond a straight line:
 * the largest |J(z + t h) - J(z) - t (J(z + h) - J(z - h))/2| at nine points t in [-1, 1]. A
 * smooth entry moves by about h^2 J'' there; one that oscillates faster than any step resolves
 * (cos(y^32) at y = 1.7, frequency 1e8) moves by its whole amplitude, and its differences,
 * however well they seemed to converge, say nothing of J. Infinite where J is not finite there.
 */
function unresolved(entry: (z: readonly number[]) => number, z: readonly number[], j: number, h: number): number {
  const at = (t: number) => { const p = [...z]; p[j] += t * h; return entry(p); };
  const mid = at(0), slope = (at(1) - at(-1)) / 2;
  let worst = 0;
  for (let m = -4; m <= 4; m++) {
    const v = at(m / 4);
    if (!Number.isFinite(v)) return Infinity;
    worst = Math.max(worst, Math.abs(v - mid - (m / 4) * slope));
  }
  return Number.isFinite(slope) ? worst : Infinity;
}

/** The cofactors of a square matrix (minors by LU; the matrices here are small). */
function cofactors(m: number[][]): number[][] {
  const n = m.length;
  if (n === 1) return [[1]];
  return m.map((_, i) => m[0].map((_, j) => {
    const minor = m.filter((_, r) => r !== i).map((row) => row.filter((_, c) => c !== j));
    return ((i + j) % 2 ? -1 : 1) * luDet(minor);
  }));
}

/**
 * det J at seeded points of the domain against the determinant of the finite-difference
 * Jacobian of the report's own numeric f. A point is judged only when the comparison can be
 * made: the allowed gap is the first-order effect of the differences' error bounds on the
 * determinant (sum of |cofactor| times the entry's bound), plus the rounding of det J
 * itself (how much it moves when z moves by a few units in the last place, and a small part
 * of the Hadamard bound, the product of the rows' lengths). A point where that gap is more
 * than a tenth of det J is not judged, nor one where the analytic J moves over the steps used
 * (beyond a straight line) by as much: f oscillates faster than the differences resolve.
 * Ill-conditioned but right maps thus pass; a det J that is wrong by more than the
 * differences' error is flagged.
 */
export function detMismatches(t: TransformReport, seed: number): string[] {
  if (t.kind === 'field' || !t.numeric?.available || t.trees.pieces || !t.trees.components?.length) return [];
  const vars = t.variables, n = vars.length;
  let f: Array<(z: readonly number[]) => number>, Ja: Array<Array<(z: readonly number[]) => number>>, bounds: Array<(z: readonly number[]) => number>;
  try {
    f = t.trees.components.map((c) => compileClosure(c, vars));
    bounds = t.trees.components.map((c) => roundingBound(c, vars));
    Ja = t.trees.jacobian.map((row) => row.map((e) => compileClosure(e, vars)));
  } catch { return []; }
  // the closed form's own rounding (a form right as algebra can cancel in doubles: (3x + 14)(1 - sech(y^3)^2) at y^3 near 1e-5)
  let detRounding: ((z: readonly number[]) => number) | null = null;
  try { detRounding = t.trees.det ? roundingBound(t.trees.det, vars) : null; } catch { detRounding = null; }
  const rnd = random(seed);
  for (let k = 0; k < 3; k++) {
    // inside the domain, away from its ends
    const box = t.domain.map(([a, b]) => [Math.max(a, -1e3), Math.min(b, 1e3)] as const);
    const z = box.map(([lo, hi]) => lo + (hi - lo) * (0.1 + 0.8 * rnd()));
    const det = detAt(t, z);
    if (det === null || !Number.isFinite(det)) continue;
    const J = Ja.map((row) => row.map((e) => e(z)));
    if (!J.flat().every(Number.isFinite)) continue;
    const fd: number[][] = vars.map(() => new Array<number>(n).fill(0)), err: number[][] = vars.map(() => new Array<number>(n).fill(0)), step: number[][] = vars.map(() => new Array<number>(n).fill(0));
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      // the largest step stays inside the domain
      const hMax = Math.min(0.1 * Math.max(1, Math.abs(z[j])), 0.5 * (z[j] - box[j][0]), 0.5 * (box[j][1] - z[j]));
      const col = hMax > 0 ? derivativeColumn(f, bounds, z, j, hMax) : null;
      if (!col) { ok = false; break; }
      for (let i = 0; i < n; i++) { fd[i][j] = col.d[i]; err[i][j] = col.err[i]; step[i][j] = col.step[i]; }
    }
    if (!ok) continue;
    const fdDet = luDet(fd);
    if (!Number.isFinite(fdDet)) continue;
    // nor where both are near the end of the doubles' range (under 2^-968, about 1e-291): there
    // doubles lose their relative precision, and det J's intermediates overflow ((x - 7.8e153)^3)
    if (Math.max(Math.abs(det), Math.abs(fdDet)) < 2 ** -968) continue;
    // cofactors of both Jacobians: where the differences are noise, theirs are large and the point is not judged
    const C = cofactors(J), Cfd = cofactors(fd);
    let allowed = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) allowed += Math.max(Math.abs(C[i][j]), Math.abs(Cfd[i][j])) * err[i][j];
    const nudged = detAt(t, z.map((x) => x * (1 + 8 * 2.2e-16)));
    const hadamard = J.reduce((p, row) => p * Math.hypot(...row), 1);
    const ownRounding = detRounding ? detRounding(z) : 0;
    allowed = 4 * allowed + (nudged !== null && Number.isFinite(nudged) ? 4 * Math.abs(nudged - det) : 0) + 1e-9 * Math.max(hadamard, Math.abs(det)) +
      (Number.isFinite(ownRounding) ? 4 * ownRounding : 0);
    // not judged where the differences do not pin det J down to a tenth of its size
    if (!Number.isFinite(allowed) || allowed > 0.1 * Math.max(Math.abs(det), Math.abs(fdDet))) continue;
    // nor where J itself moves over the steps used more than that: f oscillates faster than the
    // differences resolve, and their agreement across the ladder was chance
    let moves = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (C[i][j] !== 0) moves += Math.abs(C[i][j]) * unresolved(Ja[i][j], z, j, step[i][j]);
    if (!(moves <= 0.1 * Math.max(Math.abs(det), Math.abs(fdDet)))) continue;
    if (Math.abs(fdDet - det) > allowed) return [`${t.name}: det J = ${det} at (${z.map((x) => x.toPrecision(4)).join(', ')}), finite differences give ${fdDet} (allowed gap ${allowed.toPrecision(2)})`];
  }
  return [];
}
