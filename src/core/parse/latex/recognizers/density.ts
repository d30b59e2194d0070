/**
 * density: a one-variable function written as a density or a distribution function is not a
 * map, and says so (a not-a-map finding: decide.ts keeps its statement quiet, so no other
 * form reads it as a 1-D map and nothing is said about it).
 *
 *     p(x) = \frac{1}{\sqrt{2\pi}} e^{-x^2/2}     a density by its usual letter: quiet
 *     f_Y(y) = \lambda e^{-\lambda y}            a capital subscript naming the argument: quiet
 *     g(x) = x^3 + x                             not a density (explicit reads it)
 *     p_x = p_z \, x (1 - x)                     one density in terms of another: quiet
 *     "the normal density is" \phi(x) = …        any letter the words right before call a density: quiet
 *     W \sim \mathrm{Laplace}(b), then g(w) = …    the function of w right after W's distribution: its density, quiet
 *
 * Only a scalar right side: `p(x) = \left(x^3\right)` (a bracketed component) and
 * `p(x, y) = (…)` are maps as written.
 */
import { symbolsOf } from '../../../math/expr';
import { Finding, Recognizer, Slice } from '../recognizer';
import { Reading } from '../reading';

export const density: Recognizer = {
  name: 'density',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const { f, st, lhs } of reading.definitions(slice.formulas)) {
      // p_x = p_z\, x (1 - x): one density in terms of another of a different variable (a change
      // of variables), written by names; not the blocks of a coupling (q_b = p_b \odot …, q_a = p_a)
      // nor indexed names (p_{n+1} = p_n + …, p_{1:k})
      const of = lhs?.k === 'name' ? densityOf(lhs.name) : null;
      if (of) {
        const v = reading.value(f, st.sides[st.sides.length - 1]);
        const others = v.k === 'expr' ? [...symbolsOf(v.e)].map(densityOf).filter((w) => w !== null) : [];
        if (others.length && !others.includes(of)) yield { kind: 'not-a-map', form: 'density', what: 'density', statements: [st] };
        continue;
      }
      if (lhs?.k !== 'head' || !lhs.params.length) continue;
      // p(x), f_Y(y); a joint density by its letter: p_\theta(\mathbf{x}, \mathbf{z}); any letter of
      // one variable that the words right before call a density (\phi(x) after "the standard normal density is")
      if (!(lhs.params.length === 1
        ? densityHead(lhs.name, lhs.params[0]) || calledADensity(reading.text, f.seg.outerStart) || distributedBefore(reading.text, f.seg.outerStart, lhs.params[0])
        : densityLetter(lhs.name))) continue;
      // a scalar right side, or one in probability notation that is not read (p(\mathbf{x} \mid \mathbf{z})): never a map, never an error
      const v = reading.value(f, st.sides[st.sides.length - 1]);
      if (v.k !== 'expr' && !(v.k === 'error' && !v.bracketed)) continue;
      yield { kind: 'not-a-map', form: 'density', what: 'density', statements: [st] };
    }
  },
  examples: [
    { note: '$$ q_\\phi(z) = \\tfrac12 e^{-|z|} $$', silences: 'density' },
    { note: '$$ p_\\theta(\\mathbf{x}, \\mathbf{z}) = p_\\theta(\\mathbf{x} \\mid \\mathbf{z})\\, p(\\mathbf{z}) $$', silences: 'density' },
    { note: '$$ h(z) = z^3 + z $$', ignores: true },
  ],
};

/**
 * The words right before a formula call it a density: "the standard normal density is",
 * "with pdf", "the prior density of z:", "the likelihood" (the last 80 characters, one pass).
 */
const CALLED_A_DENSITY = /\b(?:density|pdf|likelihood|prior|posterior)(?:\s+function)?(?:\s+of\s+[^\s.$]{1,12})?(?:\s+(?:is|reads|becomes))?\s*[:,]?\s*$/i;

export function calledADensity(text: string, start: number): boolean {
  return CALLED_A_DENSITY.test(text.slice(Math.max(0, start - 80), start));
}

/**
 * A statement that a random variable has a distribution, `W \sim \mathrm{Laplace}(b)`, starts a
 * formula shortly before `start` (at most 240 characters, no heading between), and `param` is
 * that variable's lower case (w for W; the Greek letter it names, τ for T): the function of
 * `param` written next is its density (a table of distributions: `X \sim …`, then `f(x) = …`).
 */
export function distributedBefore(text: string, start: number, param: string): boolean {
  const from = Math.max(0, start - 240);
  const before = text.slice(from, start);
  const at = before.lastIndexOf('\\sim');
  if (at < 0 || /[A-Za-z]/.test(before[at + 4] ?? '') || /\n[ \t>]*#/.test(before.slice(at))) return false;
  const rv = /(?:\$|\\\[|\\begin\{[a-z*]+\})\s*([A-Z])\s*$/.exec(before.slice(Math.max(0, at - 40), at))?.[1];
  const arg = param.split('_')[0];
  return rv !== undefined && (arg === rv.toLowerCase() || GREEK_OF[rv] === arg);
}

/**
 * A one-variable head written as a density or a distribution function: p(x), q(z),
 * p_\theta(x) (densities by their usual letters), f_Y(y), F_X(x), p_Z(z) (a capital
 * subscript naming the random variable whose lower case, Latin or Greek, is the argument:
 * g_T(\tau)), and M_X(t), \varphi_X(t), K_X(t), G_X(s) (generating and characteristic functions).
 */
/** The Greek lower case that a Latin capital names (T: τ, R: ρ, S: σ …). */
const GREEK_OF: Readonly<Record<string, string>> = {
  A: 'alpha', B: 'beta', G: 'gamma', D: 'delta', E: 'epsilon', Z: 'zeta', H: 'eta', Q: 'theta', K: 'kappa', L: 'lambda',
  M: 'mu', N: 'nu', X: 'xi', P: 'pi', R: 'rho', S: 'sigma', T: 'tau', U: 'upsilon', F: 'phi', C: 'chi', Y: 'psi', W: 'omega',
};

export function densityHead(name: string, param: string): boolean {
  const cut = name.indexOf('_');
  const sub = cut < 0 ? '' : name.slice(cut + 1);
  if (densityLetter(name)) return true;
  // M_X(t), \varphi_X(t), K_X(t), G_X(s): the generating and characteristic functions of a random variable
  if (/^[A-Z]$/.test(sub) && /^(?:M|K|G|phi|varphi)$/.test(name.slice(0, cut))) return true;
  // f_X(x), or the Greek letter of the subscript: g_T(\tau), f_R(\rho)
  const arg = param.split('_')[0];
  return /^[A-Z]$/.test(sub) && (arg === sub.toLowerCase() || GREEK_OF[sub] === arg);
}

/** The variable of a density written as a name, p_x, q_z, p_\theta: x, z, θ (not an index: p_n, p_k). */
function densityOf(name: string): string | null {
  const u = /^[pq]_([A-Za-z]+)$/.exec(name)?.[1];
  if (!u) return null;
  return u.length === 1 ? (/^[i-n]$/.test(u) ? null : u) : GREEK_VARIABLE.test(u) ? u : null;
}
const GREEK_VARIABLE = /^(?:alpha|beta|gamma|theta|vartheta|phi|varphi|psi|xi|eta|zeta|rho|tau|omega|chi)$/;

/** The usual letters of densities, with any subscript: p, q, p_\theta, q_\phi. */
function densityLetter(name: string): boolean {
  const cut = name.indexOf('_');
  const base = cut < 0 ? name : name.slice(0, cut);
  return base === 'p' || base === 'q';
}
