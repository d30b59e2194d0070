/**
 * The user's choices for one transform's picture (mode, overlays, domain, slice,
 * projection, stand-ins, zoom and pan), with defaults, and what survives an edit.
 *
 * Choices are kept per transform, keyed by name and variables: an edit that keeps both
 * (a changed coefficient, a new term) keeps the view; the panel remembers the last few
 * transforms, so moving between them keeps each one's view too.
 */
import type { TransformReport } from '../../src/core/report';
import type { Model } from './model';
import { DEFAULT_OVERLAYS, Mode, Overlays, PictureKind } from './render';
import type { View } from './view';
import type { BaseDensity } from './scene';

export type Projection =
  | { readonly kind: 'orbit'; readonly yaw: number; readonly pitch: number }
  | { readonly kind: 'axes'; readonly axes: readonly [number, number] };

export interface ViewOptions {
  readonly mode: Mode;
  readonly picture: PictureKind;
  readonly overlays: Overlays;
  /** Grid intervals per axis. */
  readonly lines: number;
  /** The user's domain, or null for the report's. */
  readonly domain: ReadonlyArray<readonly [number, number]> | null;
  /** The report's domain the user's choices were made on: when it changes, they are dropped. */
  readonly reportDomain: ReadonlyArray<readonly [number, number]>;
  readonly vary: readonly [number, number];
  /** Values of the fixed coordinates (n > 2), one per variable (varying ones ignored). */
  readonly base: readonly number[];
  readonly projection: Projection;
  readonly standIns: Readonly<Record<string, string>>;
  readonly symbols: Readonly<Record<string, number>>;
  /** null: fit automatically (until the user pans or zooms). */
  readonly input: View | null;
  readonly output: View | null;
  readonly aspect: number | null;
  readonly linkScales: boolean;
  /** The density pushed through f: N(0, I) or uniform on the domain. */
  readonly baseDensity: BaseDensity;
  /** A composition: how many of its layers are applied (null: all of them). */
  readonly step: number | null;
  /** A composition's colours: the last applied layer's log|det J| or the running total. */
  readonly colourBy: 'layer' | 'total';
}

export const MIN_LINES = 2, MAX_LINES = 48, DEFAULT_LINES = 12;

export const transformKey = (r: Pick<TransformReport, 'name' | 'variables'>): string => `${r.name}(${r.variables.join(',')})`;

const mid = ([a, b]: readonly [number, number]) => (a + b) / 2;
const sameDomain = (a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>) =>
  a.length === b.length && a.every((d, i) => d[0] === b[i][0] && d[1] === b[i][1]);

/** The grid density to start from: the host's setting (jacobianLens.gridDensity) when it is in range. */
export const clampLines = (lines: number | undefined): number =>
  (typeof lines === 'number' && Number.isFinite(lines) ? Math.min(MAX_LINES, Math.max(MIN_LINES, Math.round(lines))) : DEFAULT_LINES);

export function defaultOptions(r: Pick<TransformReport, 'variables' | 'domain'>, lines?: number): ViewOptions {
  const n = r.variables.length;
  return {
    // For n > 2 the input grid embedded in the output space says little: off unless asked for.
    mode: 'overlay', picture: 'volume', overlays: { ...DEFAULT_OVERLAYS, inputGrid: n <= 2 }, lines: clampLines(lines),
    domain: null, reportDomain: r.domain.map((d) => [d[0], d[1]] as [number, number]),
    vary: n >= 2 ? [0, 1] : [0, 0],
    base: r.domain.map(mid),
    projection: n === 3 ? { kind: 'orbit', yaw: -55, pitch: 20 } : { kind: 'axes', axes: [0, Math.min(1, n - 1)] },
    standIns: {}, symbols: {},
    input: null, output: null, aspect: null,
    linkScales: true,
    baseDensity: 'normal', step: null, colourBy: 'total',
  };
}

/** The choices carried over to a new report of the same transform. */
export function reconcile(o: ViewOptions, r: Pick<TransformReport, 'variables' | 'domain'>): ViewOptions {
  if (o.base.length !== r.variables.length) return defaultOptions(r);
  if (sameDomain(o.reportDomain, r.domain)) return o;
  // The definition's domain changed: follow it, and fit again.
  return { ...o, domain: null, reportDomain: r.domain.map((d) => [d[0], d[1]] as [number, number]), base: r.domain.map(mid), input: null, output: null, aspect: null };
}

export const effectiveDomain = (o: ViewOptions): ReadonlyArray<readonly [number, number]> => o.domain ?? o.reportDomain;

/** The 2 × n matrix taking an output point to the screen plane. */
export function projectionMatrix(p: Projection, n: number): number[][] {
  if (n < 2) return [[1], [0]];
  if (p.kind === 'orbit' && n === 3) {
    const y = (p.yaw * Math.PI) / 180, t = (p.pitch * Math.PI) / 180;
    return [[-Math.sin(y), Math.cos(y), 0], [-Math.sin(t) * Math.cos(y), -Math.sin(t) * Math.sin(y), Math.cos(t)]];
  }
  const [a, b] = p.kind === 'axes' ? p.axes : [0, 1];
  return [0, 1].map((row) => Array.from({ length: n }, (_, k) => (k === (row === 0 ? a : b) ? 1 : 0)));
}

/**
 * An orbit that looks at the slice's image face-on, tilted a little so that it reads as
 * 3-D: the average normal of the image surface (J's two varying columns, crossed), sampled
 * on the slice.
 */
export function orientTowardsSlice(model: Model, domain: ReadonlyArray<readonly [number, number]>, vary: readonly [number, number], base: readonly number[]): Projection {
  if (model.n !== 3) return { kind: 'axes', axes: [0, 1] };
  const z = Float64Array.from(base), J = new Float64Array(9);
  const N = [0, 0, 0];
  let ref: number[] | null = null;
  const [iu, iv] = vary;
  for (let a = 1; a <= 5; a++) for (let b = 1; b <= 5; b++) {
    z[iu] = domain[iu][0] + ((domain[iu][1] - domain[iu][0]) * a) / 6;
    z[iv] = domain[iv][0] + ((domain[iv][1] - domain[iv][0]) * b) / 6;
    model.J(z, J);
    const cu = [J[iu], J[3 + iu], J[6 + iu]], cv = [J[iv], J[3 + iv], J[6 + iv]];
    const c = [cu[1] * cv[2] - cu[2] * cv[1], cu[2] * cv[0] - cu[0] * cv[2], cu[0] * cv[1] - cu[1] * cv[0]];
    const len = Math.hypot(c[0], c[1], c[2]);
    if (!(len > 0) || !Number.isFinite(len)) continue;
    for (let k = 0; k < 3; k++) c[k] /= len;
    if (!ref) ref = c;
    const s = c[0] * ref[0] + c[1] * ref[1] + c[2] * ref[2] < 0 ? -1 : 1;
    for (let k = 0; k < 3; k++) N[k] += s * c[k];
  }
  const len = Math.hypot(N[0], N[1], N[2]);
  if (!(len > 0)) return { kind: 'orbit', yaw: -55, pitch: 20 };
  // Of the two sides of the surface, look from above the horizon, and then from the side
  // where the first output axis points to the right.
  const candidates = [1, -1].map((sg) => {
    const [x, y, zz] = N.map((v) => (sg * v) / len);
    let pitch = (Math.asin(Math.max(-1, Math.min(1, zz))) * 180) / Math.PI;
    let yaw = (Math.atan2(y, x) * 180) / Math.PI;
    // Tilt a little so that depth shows; keep the pitch in (-75, 75) for a readable up.
    pitch = Math.max(-75, Math.min(75, pitch + (pitch > 45 ? -25 : 20)));
    yaw += 20;
    const p: Projection = { kind: 'orbit', yaw: Math.round(yaw), pitch: Math.round(pitch) };
    return { p, zz, right: projectionMatrix(p, 3)[0][0] };
  });
  candidates.sort((a, b) => (Math.abs(a.zz - b.zz) > 1e-6 ? b.zz - a.zz : b.right - a.right));
  return candidates[0].p;
}

/** What the page keeps across a reload (webview state). */
export interface PersistedState {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly current?: string;
  readonly views?: ReadonlyArray<readonly [string, ViewOptions]>;
  readonly formulasOpen?: boolean;
  readonly optionsOpen?: boolean;
}

export const MAX_REMEMBERED = 16;

/** Keep `key`'s options, most recent last, at most MAX_REMEMBERED. */
export function remember(views: ReadonlyArray<readonly [string, ViewOptions]>, key: string, o: ViewOptions): Array<[string, ViewOptions]> {
  const out = views.filter(([k]) => k !== key).map(([k, v]) => [k, v] as [string, ViewOptions]);
  out.push([key, o]);
  return out.slice(-MAX_REMEMBERED);
}

/** Options restored from state: anything malformed falls back to the defaults. */
export function sanitize(o: unknown, r: Pick<TransformReport, 'variables' | 'domain'>): ViewOptions {
  const d = defaultOptions(r);
  if (typeof o !== 'object' || o === null) return d;
  const x = o as Partial<ViewOptions>;
  const n = r.variables.length;
  const isView = (v: unknown): v is View => typeof v === 'object' && v !== null && ['cx', 'cy', 'scale'].every((k) => Number.isFinite((v as Record<string, unknown>)[k])) && (v as View).scale > 0;
  const isDomain = (v: unknown): v is Array<[number, number]> => Array.isArray(v) && v.length === n && v.every((p) => Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && p[0] < p[1]);
  const vary = Array.isArray(x.vary) && x.vary.length === 2 && x.vary.every((i) => Number.isInteger(i) && i >= 0 && i < n) && (n === 1 || x.vary[0] !== x.vary[1]) ? x.vary as [number, number] : d.vary;
  const proj = x.projection;
  const projection: Projection = proj && proj.kind === 'orbit' && n === 3 && Number.isFinite(proj.yaw) && Number.isFinite(proj.pitch) ? proj
    : proj && proj.kind === 'axes' && Array.isArray(proj.axes) && proj.axes.length === 2 && proj.axes.every((i) => Number.isInteger(i) && i >= 0 && i < n) ? proj : d.projection;
  const out: ViewOptions = {
    mode: x.mode === 'side' ? 'side' : 'overlay',
    picture: x.picture === 'density' ? 'density' : 'volume',
    overlays: { ...d.overlays, ...(typeof x.overlays === 'object' && x.overlays ? Object.fromEntries(Object.entries(x.overlays).filter(([k, v]) => k in d.overlays && typeof v === 'boolean')) : {}) },
    lines: Number.isInteger(x.lines) && x.lines! >= MIN_LINES && x.lines! <= MAX_LINES ? x.lines! : d.lines,
    domain: isDomain(x.domain) ? x.domain : null,
    reportDomain: isDomain(x.reportDomain) ? x.reportDomain : d.reportDomain,
    vary,
    base: Array.isArray(x.base) && x.base.length === n && x.base.every(Number.isFinite) ? x.base : d.base,
    projection,
    standIns: typeof x.standIns === 'object' && x.standIns ? Object.fromEntries(Object.entries(x.standIns).filter(([, v]) => typeof v === 'string')) : {},
    symbols: typeof x.symbols === 'object' && x.symbols ? Object.fromEntries(Object.entries(x.symbols).filter(([, v]) => Number.isFinite(v))) : {},
    input: isView(x.input) ? x.input : null,
    output: isView(x.output) ? x.output : null,
    aspect: Number.isFinite(x.aspect) && x.aspect! > 0 ? x.aspect! : null,
    linkScales: x.linkScales !== false,
    baseDensity: x.baseDensity === 'uniform' ? 'uniform' : 'normal',
    step: Number.isInteger(x.step) && x.step! >= 0 ? x.step! : null,
    colourBy: x.colourBy === 'layer' ? 'layer' : 'total',
  };
  return reconcile(out, r);
}
