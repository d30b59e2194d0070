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
import { detAt } from '../src/core/pointEval';
import type { FileReport, TransformReport } from '../src/core/report';

export interface Verdict {
  /** A throw out of the core API (a bug whatever the input). */
  readonly escaped?: string;
  /** Schema and det J problems. */
  readonly problems: string[];
  readonly ms: number;
  readonly maps: number;
}

/** The engine's budgets for fuzzing: the editor's defaults. */
export const FUZZ_OPTIONS = { budgetMs: 2000, invertibilityBudgetMs: 400 };

export function checkInput(text: string, file: string, seed = 1): Verdict {
  const kind: LanguageKind = languageOfFile(file) ?? 'markdown';
  const start = Date.now();
  let report: FileReport;
  try {
    report = analyzeDocument(text, kind, file, createEngineOptions(FUZZ_OPTIONS));
  } catch (e) {
    return { escaped: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e), problems: [], ms: Date.now() - start, maps: 0 };
  }
  const ms = Date.now() - start;
  const problems = [...schemaProblems(report), ...report.transforms.flatMap((t) => detProblems(t as TransformReport, seed))];
  return { problems, ms, maps: report.transforms.length };
}

function schemaProblems(r: FileReport): string[] {
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
    else if (/\b(null|undefined|NaN|Infinity) is not\b|is not finite|\$shift|\bat \S+ \(.*:\d+:\d+\)/.test(d.message)) out.push(`a diagnostic leaks an internal: ${d.message.slice(0, 120)}`);
    const { start, end } = d.range;
    if (![start.line, start.character, end.line, end.character].every((x) => Number.isInteger(x) && x >= 0)) out.push('a diagnostic range is not positions');
  }
  return out;
}

/** A seeded generator of numbers in [0, 1) (the engine's own). */
export const random = rng;

/** det J at a few points of the domain against det of central differences of f (the report's own numeric f). */
function detProblems(t: TransformReport, seed: number): string[] {
  if (t.kind === 'field' || !t.numeric?.available || t.trees.pieces || !t.trees.components?.length) return [];
  const vars = t.variables;
  let f: Array<(z: readonly number[]) => number>;
  try { f = t.trees.components.map((c) => compileClosure(c, vars)); } catch { return []; }
  const rnd = random(seed);
  for (let k = 0; k < 3; k++) {
    // inside the domain, away from its ends
    const z = t.domain.map(([a, b]) => { const lo = Math.max(a, -1e3), hi = Math.min(b, 1e3); return lo + (hi - lo) * (0.1 + 0.8 * rnd()); });
    const det = detAt(t, z);
    if (det === null || !Number.isFinite(det)) continue;
    const J: number[][] = vars.map(() => vars.map(() => 0));
    let ok = true;
    for (let j = 0; j < vars.length && ok; j++) {
      const h = 1e-5 * Math.max(1, Math.abs(z[j]));
      const up = [...z], down = [...z];
      up[j] += h; down[j] -= h;
      for (let i = 0; i < vars.length; i++) {
        const d = (f[i](up) - f[i](down)) / (2 * h);
        if (!Number.isFinite(d)) { ok = false; break; }
        J[i][j] = d;
      }
    }
    if (!ok) continue;
    const fd = luDet(J);
    if (!Number.isFinite(fd)) continue;
    const scale = Math.max(1, Math.abs(fd), Math.abs(det), ...J.flat().map(Math.abs)) ** vars.length;
    if (Math.abs(fd - det) > 1e-4 * scale) return [`${t.name}: det J = ${det} at (${z.map((x) => x.toPrecision(4)).join(', ')}), finite differences give ${fd}`];
  }
  return [];
}
