/**
 * Does the default domain matter? A map without a domain is analysed on a box nobody chose
 * ([-2, 2] per variable); the views say so only where the verdict or the values shown depend
 * on that box, so that the note means something where it appears.
 *
 * The verdict does not depend on the box when it holds on every domain:
 * - f is affine (J constant): invertible everywhere when det J != 0, nowhere when det J = 0;
 * - det J is identically 0: not injective on any open set;
 * - f is invertible and triangular (after reordering, block form with 1 x 1 blocks), and each
 *   diagonal entry of J keeps a strict sign on all of R^n (interval arithmetic on an unbounded
 *   box): solving one component after the other, each strictly monotone in its own variable,
 *   gives a unique preimage, whatever the domain (coupling layers with slope exp(s(z_A))).
 * Otherwise it does: a counterexample or fold found in the box, an interval argument over it,
 * or no verdict.
 *
 * The values shown (det J at the centre, its sign) depend on the box when det J is not a
 * constant and vanishes or changes sign in it (polar: det J = r is 0 at the centre).
 */
import { Expr, isConstant, isNum } from './math/expr';
import { budgetFor, provenSign } from './math/interval';
import type { BlockForm, StructureKind } from './math/structure';
import type { DetSign, Invertibility } from './report';

export interface DomainMatters {
  /** The verdict could differ on another domain. */
  readonly verdict: boolean;
  /** det J's values shown (its zeros and sign) could differ on another domain. */
  readonly values: boolean;
}

export interface DomainMattersInput {
  readonly variables: readonly string[];
  readonly structure: StructureKind;
  readonly jacobian: readonly (readonly Expr[])[];
  readonly form: BlockForm;
  readonly det: Expr | null;
  readonly detSign?: DetSign;
  readonly invertibility: Invertibility;
  /** Date.now() after which the unbounded-box sign checks give up (and the verdict counts as depending). */
  readonly deadline: number;
}

export function domainMatters(m: DomainMattersInput): DomainMatters {
  const vars = new Set(m.variables);
  const constantDet = m.det !== null && isConstant(m.det, vars);
  const keepsSign = m.detSign?.sign === 'positive' || m.detSign?.sign === 'negative';
  const values = !constantDet && (m.det === null || !keepsSign || m.invertibility.locallyInvertible === false);
  return { verdict: !verdictHoldsEverywhere(m), values };
}

function verdictHoldsEverywhere(m: DomainMattersInput): boolean {
  if (m.structure === 'linear') return true;
  if (m.det && isNum(m.det, 0)) return true;
  if (m.invertibility.verdict !== 'invertible' || !m.form.blocks || m.form.blocks.some((b) => b.rows.length !== 1)) return false;
  const vars = [...m.variables];
  const whole = vars.map(() => [-Infinity, Infinity] as const);
  const diagonal = m.form.blocks.map((b) => m.jacobian[b.rows[0]][b.cols[0]]);
  const budget = budgetFor(diagonal, m.deadline);
  return diagonal.every((d) => {
    const s = provenSign(d, vars, whole, budget);
    return s === 'pos' || s === 'neg';
  });
}
