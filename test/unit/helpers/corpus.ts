/** The reference corpus (SymPy answers) and numeric comparison helpers for tests. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { FileReport, TransformReport } from '../../../src/core/report';

export interface CorpusCase {
  id: string; category: string; description: string; n: number; variables: string[];
  components_mathjs: string[]; components_latex: string[]; domain: Array<[number, number]>;
  jacobian_mathjs: string[][]; det_mathjs: string; det_simplified_mathjs: string; det_simplified_latex: string;
  det_simplified_count_ops: number;
  samples: Array<{ point: number[]; f: number[]; jacobian: number[][]; det: number }>;
  invertibility: { verdict: string; locallyInvertible: boolean; reason: string; witness: { a: number[]; b: number[]; image: number[] } | null };
}

/** $JL_CORPUS, or ../shared/corpus/public.json beside the checkout, or the copy in test/fixtures. */
export function loadCorpus(): CorpusCase[] {
  const candidates = [
    process.env.JL_CORPUS,
    path.resolve(__dirname, '../../../../../shared/corpus/public.json'),
    path.resolve(__dirname, '../../../../test/fixtures/corpus/public.json'),
  ].filter((p): p is string => !!p);
  for (const p of candidates) if (fs.existsSync(p)) return JSON.parse(fs.readFileSync(p, 'utf8'));
  throw new Error(`corpus not found in ${candidates.join(', ')}`);
}

/** The case as a ```transform block. */
export function asTransformBlock(c: CorpusCase): string {
  const name = c.id.replace(/[^A-Za-z0-9_]/g, '_');
  const dom = c.variables.map((v, i) => `${v} in [${c.domain[i][0]}, ${c.domain[i][1]}]`).join(', ');
  return ['```transform', `${name}(${c.variables.join(', ')}) = (${c.components_mathjs.join(', ')})`, `domain: ${dom}`, '```', ''].join('\n');
}

/** Relative difference of two mathjs-syntax expressions at random domain points (max over points). */
export function maxRelativeDifference(a: string, b: string, variables: string[], domain: ReadonlyArray<readonly [number, number]>, symbols: Record<string, number> = {}, points = 25): number {
  const fa = compileClosure(parsePlainExpr(a), variables, { symbols });
  const fb = compileClosure(parsePlainExpr(b), variables, { symbols });
  const rand = rng(4242);
  let worst = 0, used = 0;
  for (let i = 0; i < points * 4 && used < points; i++) {
    const x = randomPoint(domain, rand);
    const va = fa(x), vb = fb(x);
    if (!Number.isFinite(vb)) continue;
    used++;
    worst = Math.max(worst, Math.abs(va - vb) / Math.max(1, Math.abs(vb)));
  }
  if (used < points / 2) throw new Error(`too few points where ${b} is defined`);
  return worst;
}

/** A file's report has exactly the case's transform, with its variables, domain and det J (numerically). */
export function assertMatchesReference(r: FileReport, c: CorpusCase): TransformReport {
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.transforms.length, 1);
  const t = r.transforms[0];
  assert.deepEqual(t.variables, c.variables);
  assert.deepEqual(t.domain, c.domain);
  assert.ok(t.detSymbolic && t.detChecked, `det J should be symbolic and checked: ${t.det}`);
  assert.ok(maxRelativeDifference(t.det, c.det_simplified_mathjs, c.variables, c.domain) < 1e-9, `${t.det} vs ${c.det_simplified_mathjs}`);
  return t;
}
