/** Exact rational numbers on BigInt, normalized (gcd 1, positive denominator). */
export interface Q { readonly n: bigint; readonly d: bigint }

const babs = (a: bigint) => (a < 0n ? -a : a);
export function bgcd(a: bigint, b: bigint): bigint {
  a = babs(a); b = babs(b);
  while (b) { const r = a % b; a = b; b = r; }
  return a;
}

let gcds = 0;
/** How many gcds q has computed so far (tests count them: an integer needs none). */
export const gcdsComputed = (): number => gcds;

export function q(n: bigint, d: bigint = 1n): Q {
  // an integer (most coefficients) is normalized as it is; 0 is 0/1
  if (d === 1n) return { n, d };
  if (d === 0n) throw new RangeError('division by zero');
  if (n === 0n) return { n, d: 1n };
  if (d < 0n) { n = -n; d = -d; }
  gcds++;
  const g = bgcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const Q0 = q(0n), Q1 = q(1n), QM1 = q(-1n);

/**
 * Exact value of a finite double written in decimal (0.3 -> 3/10, as the user typed it).
 * A double that needs 16 or 17 digits is float noise from arithmetic on what the user wrote
 * (0.1 + 0.2 = 0.30000000000000004, 1/3 = 0.3333333333333333): it is read as the simple
 * rational a few units in the last place away (a small denominator, else at most 15 digits).
 */
export function qFromNumber(v: number): Q {
  if (!Number.isFinite(v)) throw new RangeError(`${v} is not finite`);
  if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return q(BigInt(v));
  const s = denoised(v);
  const frac = /^(-?\d+)\/(\d+)$/.exec(s);
  if (frac) return q(BigInt(frac[1]), BigInt(frac[2]));
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(s);
  if (!m) throw new RangeError(`cannot read ${s}`);
  const digits = BigInt(m[2] + (m[3] ?? ''));
  let exp = -(m[3]?.length ?? 0) + Number(m[4] ?? 0);
  let n = m[1] ? -digits : digits, d = 1n;
  if (exp >= 0) n *= 10n ** BigInt(exp); else d = 10n ** BigInt(-exp);
  exp = 0;
  return q(n, d);
}

/** Within a few units in the last place of v. */
const near = (a: number, v: number) => Math.abs(a - v) <= 8 * Math.abs(v) * Number.EPSILON;

/** v's decimal, or p/q with q <= 1000 as "p/q", when v is that up to float noise. */
function denoised(v: number): string {
  const s = String(v);
  if (s.replace(/e.*$/, '').replace(/^[-0.]+/, '').replace('.', '').length < 16) return s;
  // continued fraction convergents: 1/3, 2/7
  let h0 = 1, h1 = 0, k0 = 0, k1 = 1, x = Math.abs(v);
  for (let i = 0; i < 20 && k0 <= 1000; i++) {
    const a = Math.floor(x);
    [h0, h1] = [a * h0 + h1, h0];
    [k0, k1] = [a * k0 + k1, k0];
    if (!Number.isSafeInteger(h0)) break;
    if (k0 <= 1000 && near(Math.sign(v) * h0 / k0, v)) return `${Math.sign(v) * h0}/${k0}`;
    if (x === a) break;
    x = 1 / (x - a);
  }
  for (let p = 1; p <= 15; p++) {
    const r = Number(v.toPrecision(p));
    if (near(r, v)) return String(r);
  }
  return s;
}

export const qAdd = (a: Q, b: Q): Q => (a.d === b.d ? q(a.n + b.n, a.d) : q(a.n * b.d + b.n * a.d, a.d * b.d));
export const qSub = (a: Q, b: Q): Q => qAdd(a, qNeg(b));
export const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export const qDiv = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
export const qNeg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const qIsZero = (a: Q): boolean => a.n === 0n;
export const qIsOne = (a: Q): boolean => a.n === 1n && a.d === 1n;
export const qEq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;
export const qCmp = (a: Q, b: Q): number => { const x = a.n * b.d - b.n * a.d; return x < 0n ? -1 : x > 0n ? 1 : 0; };
export const qSign = (a: Q): number => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
/** The nearest double (within an ulp or two), also where numerator and denominator are beyond doubles' range. */
export function qToNumber(a: Q): number {
  const x = Number(a.n), y = Number(a.d);
  if (Number.isFinite(x) && Number.isFinite(y)) return x / y;
  // a quotient with about 64 significant bits, then the power of two back
  const bits = (v: bigint) => (v < 0n ? -v : v).toString(16).length * 4;
  const shift = bits(a.d) - bits(a.n) + 64;
  const quotient = shift >= 0 ? (a.n << BigInt(shift)) / a.d : a.n / (a.d << BigInt(-shift));
  return Number(quotient) * 2 ** -shift;
}
export const qIsInteger = (a: Q): boolean => a.d === 1n;
export const qKey = (a: Q): string => (a.d === 1n ? String(a.n) : `${a.n}/${a.d}`);
/** The rational a qKey names ("-12", "3/4"). */
export function qFromKey(s: string): Q {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(s);
  if (!m) throw new RangeError(`not a rational: ${s}`);
  return q(BigInt(m[1]), BigInt(m[2] ?? '1'));
}

/** Integer power (powers of coprime numbers are coprime: no gcd to take). */
export function qPow(a: Q, k: number): Q {
  if (k < 0) return qPow(q(a.d, a.n), -k);
  return { n: a.n ** BigInt(k), d: a.d ** BigInt(k) };
}

/** gcd of numerators over lcm of denominators: the positive content of a list. */
export function qContent(xs: readonly Q[]): Q {
  let n = 0n, d = 1n;
  for (const x of xs) {
    n = bgcd(n, x.n);
    d = (d * x.d) / bgcd(d, x.d);
  }
  return n === 0n ? Q1 : q(n, d);
}

/** Exact square root of a rational, or null. */
export function qSqrt(a: Q): Q | null {
  if (a.n < 0n) return null;
  const r = (x: bigint) => {
    if (x < 2n) return x;
    // Newton's method from above (a power of two past the root): a few steps per bit length;
    // a double's guess stepped by ones was off by 10^138 at 10^308 (a hang), and Infinity past 2^1024
    let y = 1n << BigInt((x.toString(2).length >> 1) + 1);
    for (let z = (y + x / y) >> 1n; z < y; z = (y + x / y) >> 1n) y = z;
    return y * y === x ? y : null;
  };
  const n = r(a.n), d = r(a.d);
  return n !== null && d !== null ? q(n, d) : null;
}

/** The operations Gauss-Jordan elimination needs of a field. */
export interface FieldOps<T> {
  readonly isZero: (a: T) => boolean;
  readonly sub: (a: T, b: T) => T;
  readonly mul: (a: T, b: T) => T;
  readonly div: (a: T, b: T) => T;
}

/**
 * Gauss-Jordan elimination over a field, in place, on the first `cols` columns of m (the rest
 * are carried along): m becomes its reduced row echelon form; the pivot columns, in order.
 */
export function rowReduce<T>(m: T[][], cols: number, f: FieldOps<T>): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && !f.isZero(row[c]));
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const piv = m[r][c];
    m[r] = m[r].map((v) => f.div(v, piv));
    for (let i = 0; i < m.length; i++) {
      if (i === r || f.isZero(m[i][c])) continue;
      const k = m[i][c];
      m[i] = m[i].map((v, j) => f.sub(v, f.mul(k, m[r][j])));
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}

export const Q_FIELD: FieldOps<Q> = { isZero: qIsZero, sub: qSub, mul: qMul, div: qDiv };

/** rowReduce over Q. */
export const qRowReduce = (m: Q[][], cols: number): number[] => rowReduce(m, cols, Q_FIELD);
