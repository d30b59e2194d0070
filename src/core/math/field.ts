/**
 * Vector fields dz/dt = f(z, t) (model.ts, FieldSpec): not maps, so what matters is the
 * divergence tr J = Σ ∂f_i/∂z_i (simplified and checked against the raw sum), the change of
 * log density along the flow d log p/dt = -tr J, and whether the flow preserves volume
 * (tr J = 0: Hamiltonian fields, rotations).
 */
import { Expr, add, isNum, neg } from './expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import { compareNumerically } from './check';
import { toLatex, toMathjs } from './print';
import type { Transform } from '../model';
import type { TransformReport } from '../report';

export function applyField(t: Transform, r: TransformReport): TransformReport {
  if (!t.field) return r;
  const names = t.display ?? {};
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: 20260101 };
  const raw = add(...r.trees.jacobian.map((row, i) => row[i]));
  let trace: Expr = raw;
  try {
    const alg = new Algebra({ variables: t.variables, budget: Budget.ms(500) });
    const s = alg.best(alg.fromExpr(raw));
    if (compareNumerically(s, raw, ctx) !== 'different') trace = s;
  } catch (e) {
    if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
  }
  // a vector field of symbolic size: its trace for any n (math/vector/apply.ts) is the one to show
  const vectorTrace = t.vector?.size === null ? r.trace : undefined;
  const traceStr = vectorTrace ?? toMathjs(trace);
  const traceLatex = vectorTrace ? r.traceLatex ?? traceStr : toLatex(trace, { names });
  const zero = vectorTrace ? vectorTrace === '0' : isNum(trace, 0);
  const dLog = vectorTrace ? (zero ? '0' : `-(${vectorTrace})`) : toMathjs(neg(trace));
  const dLogLatex = vectorTrace ? (zero ? '0' : `-\\left(${traceLatex}\\right)`) : toLatex(neg(trace), { names });
  const time = t.field.time ? ` (${t.field.time} is the time)` : '';
  return {
    ...r,
    kind: 'field',
    trace: traceStr,
    traceLatex,
    dLogDensity: dLog,
    dLogDensityLatex: dLogLatex,
    volumePreserving: zero,
    invertibility: {
      verdict: 'unknown', certainty: 'proof', locallyInvertible: null, witness: null,
      reason: `a vector field${time}, not a map: its flow over a time is invertible where solutions exist (run it backwards); ` +
        (zero ? 'tr J = 0, so the flow preserves volume' : `log density changes at the rate -tr J = ${dLog}`),
    },
    // what the map analysis says of det J (signs, folds) is not about a field
    notes: [...r.notes.filter((n) => !/det J/.test(n)), zero ? 'A vector field whose divergence tr J is 0: its flow preserves volume (and density along paths).' : `A vector field: d log p/dt = -tr J along its flow (instantaneous change of variables).`],
  };
}
