/**
 * Stepping through a composition (a flow F = f_K ∘ … ∘ f_1) in the panel: the model of its
 * first k layers, applied one after the other numerically (each layer compiled in its own
 * variables from the report's trees.layers), with J by the chain rule (J_k(x_{k-1}) ⋯ J_1(x_0)),
 * det J as the product of the layers' det J at their inputs, and, for the colours, the last
 * applied layer's det J alone or the running total. The picture of step k is then the
 * ordinary picture of that model: the grid after k layers, the density pushed through them.
 */
import type { FlowSpec, Model, ModelSpec } from './model';
import type { Scene } from './scene';
import { buildModel, compilePiecewise, environmentOf, formulas } from './model';

/** The model of a spec: a flow's first layers when it names them, else the map itself. */
export const modelOf = (spec: ModelSpec): Model => (spec.flow ? buildFlowModel(spec, spec.flow) : buildModel(spec));

export function buildFlowModel(spec: ModelSpec, flow: FlowSpec): Model {
  const n = spec.variables.length;
  const K = Math.max(0, Math.min(Math.round(flow.upTo), flow.layers.length));
  // stand-ins for every layer, so that the list the user edits stays the same from step to step
  const { env, standIns, symbols } = environmentOf(spec, flow.layers.flatMap(formulas));
  const parts = flow.layers.slice(0, K).map((l) => compilePiecewise(l, l.variables, env));
  const xs = Array.from({ length: K + 1 }, () => new Float64Array(n));
  const Jk = new Float64Array(n * n), acc = new Float64Array(n * n), tmp = new Float64Array(n * n);
  /** x_0 = z, x_k = f_k(x_{k-1}), into xs. */
  const forward = (z: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) xs[0][i] = z[i];
    for (let k = 0; k < K; k++) parts[k].f(xs[k], xs[k + 1]);
  };
  const model: Model = {
    n,
    variables: spec.variables,
    f(z, out) { forward(z); for (let i = 0; i < n; i++) out[i] = xs[K][i]; },
    J(z, out) {
      forward(z);
      acc.fill(0);
      for (let i = 0; i < n; i++) acc[i * n + i] = 1;
      for (let k = 0; k < K; k++) {
        parts[k].J(xs[k], Jk);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = 0;
          for (let q = 0; q < n; q++) s += Jk[i * n + q] * acc[q * n + j];
          tmp[i * n + j] = s;
        }
        acc.set(tmp);
      }
      for (let i = 0; i < n * n; i++) out[i] = acc[i];
    },
    det(z) {
      forward(z);
      let d = 1;
      for (let k = 0; k < K; k++) d *= parts[k].det(xs[k]);
      return d;
    },
    detSource: parts.every((p) => p.closed) ? 'closed form' : 'LU of J',
    standIns,
    symbols,
    layerDets(z) {
      forward(z);
      return parts.map((p, k) => p.det(xs[k]));
    },
  };
  if (K === 0) return model;
  return { ...model, colourByLayer: flow.colour === 'layer', lastLayerDet: (z) => { forward(z); return parts[K - 1].det(xs[K - 1]); } };
}

/**
 * The read-out's flow lines at a point: each applied layer's log|det J| at its input and the
 * running total (which is log|det J| of the layers so far).
 */
export function describeFlowPoint(model: Model, z: readonly number[], names: readonly string[]): string[] {
  if (!model.layerDets) return [];
  const dets = model.layerDets(z);
  if (dets.length === 0) return ['no layer applied yet: the base density on the domain'];
  let total = 0;
  const cells = dets.map((d, k) => {
    const l = Math.log(Math.abs(d));
    total += l;
    return `${names[k] ?? `layer ${k + 1}`} ${fmt(l)}`;
  });
  return [`log|det J| per layer: ${cells.join(', ')} · running total ${fmt(total)}`];
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 5e-5 ? '0' : v.toFixed(4).replace(/\.?0+$/, '')) : v > 0 ? '∞' : v < 0 ? '-∞' : 'undefined');

/**
 * One line about a step of the flow: the applied layers, the range of the last layer's and the
 * running total's log|det J| on the cells, and the probability mass after the step (normalised
 * by the base density's mass on the domain: 1 within the quadrature error when det J agrees
 * with the areas the layers make).
 */
export function flowSummary(scene: Scene | null, layers: readonly string[], step: number): string {
  const parts: string[] = [];
  const logs = (r: readonly [number, number] | null | undefined) => {
    if (!r) return 'undefined';
    const [a, b] = [Math.log(Math.abs(r[0])), Math.log(Math.abs(r[1]))].sort((x, y) => x - y);
    const lo = r[0] <= 0 && r[1] >= 0 ? -Infinity : a;
    return Math.abs(b - lo) < 5e-5 ? fmt(b) : `${fmt(lo)} … ${fmt(b)}`;
  };
  if (step === 0) parts.push('no layer applied: the base density on the domain');
  else {
    parts.push(`${layers[step - 1]}: log|det J| ${logs(scene?.flowRanges?.layer)}`);
    parts.push(`running total (${layers.slice(0, step).join(' + ')}): ${logs(scene?.flowRanges?.total)}`);
  }
  const d = scene?.density;
  if (d && d.expected > 0) {
    const m = d.mass / d.expected, e = d.error / d.expected;
    const ok = Math.abs(m - 1) <= Math.max(3 * e, 1e-3);
    parts.push(`mass ${m.toFixed(5)} ${ok ? '= 1' : '≠ 1'} within the quadrature error ±${e.toExponential(1)}` +
      `${d.skipped ? ` (${d.skipped} of ${d.total} cells left out)` : ''}`);
  }
  return parts.join(' · ');
}
