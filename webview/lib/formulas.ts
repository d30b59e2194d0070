/** The panel's formulas as TeX (DOM-free): f, J, det J, log|det J|, the inverse where known, and each piece of a piecewise map; for a field, tr J. */
import type { TransformReport } from '../../src/core/report';
import { hiddenPieces, shownPieces, whereRowsTex } from '../../src/core/format';

export function formulaList(t: TransformReport): Array<{ label: string; tex: string }> {
  const L = t.latex;
  const vec = (xs: readonly string[]) => `\\begin{pmatrix} ${xs.join(' \\\\ ')} \\end{pmatrix}`;
  const head = `${L.name}\\left(${L.variables.join(', ')}\\right)`;
  // the readable forms (shared parts named) when the report has them, with their "where" lines
  const w = t.where?.latex;
  // a vector field: dz/dt = f(z), its J, and tr J with d log p/dt in place of det J
  if (t.kind === 'field') {
    return [
      { label: 'field', tex: `\\frac{d}{dt}${vec(L.variables)} = ${vec(L.components)}` },
      { label: 'Jacobian', tex: `J = \\begin{pmatrix} ${L.jacobian.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}` },
      { label: 'tr J', tex: `\\operatorname{tr} J = ${t.traceLatex ?? t.trace ?? '\\operatorname{tr} J'}, \\quad \\frac{d \\log p}{dt} = -\\operatorname{tr} J${t.volumePreserving ? ' = 0' : ''}` },
    ];
  }
  const out = [
    { label: 'map', tex: `${head} = ${vec(L.components)}` },
    { label: 'Jacobian', tex: `J = ${`\\begin{pmatrix} ${(w?.jacobian ?? L.jacobian).map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`}` },
    { label: 'det J', tex: `\\det J = ${w?.det ?? L.det}` },
  ];
  if (t.logDetLatex) out.push({ label: 'log|det J|', tex: `\\log\\left|\\det J\\right| = ${t.logDetLatex}` });
  if (t.inverse) out.push({ label: 'inverse', tex: `${L.name}^{-1} = ${vec(w?.inverse ?? t.inverse.latex)}` });
  if (t.where?.defs.length) {
    out.push({ label: 'where', tex: `\\begin{aligned} ${whereRowsTex(t.where.defs).join(' \\\\ ')} \\end{aligned}` });
  }
  // a composition: its layers in application order, each one's det J and log|det J| in its own variables
  if (t.layers?.length) {
    const name = (n: string) => {
      const m = /^([A-Za-z]+)_?(\d+)$/.exec(n);
      if (m) return `${m[1].length === 1 ? m[1] : `\\operatorname{${m[1]}}`}_{${m[2]}}`;
      return /^[A-Za-z]$/.test(n) ? n : `\\operatorname{${n.replace(/_/g, '\\_')}}`;
    };
    const rows = t.layers.map((l, k) => `${k + 1} & ${name(l.name)} & \\det J = ${l.detLatex} & ${l.logDetLatex ? `\\log\\left|\\det J\\right| = ${l.logDetLatex}` : ''}`);
    out.push({ label: 'layers', tex: `${L.name} = ${t.layers.map((l) => name(l.name)).reverse().join(' \\circ ')}: \\quad \\begin{array}{llll} ${rows.join(' \\\\ ')} \\end{array}` });
  }
  // a piecewise map: each piece where it applies (the first whose condition holds), with J and det J
  const pieces = t.pieces ?? [];
  const { shown, hidden } = shownPieces(pieces);
  shown.forEach(({ p, i }) => {
    const where = p.condition === 'true' ? (i === pieces.length - 1 ? '\\text{otherwise}' : '\\text{always}') : `\\text{where } ${p.conditionLatex}`;
    const share = p.share === null ? '' : ` \\quad \\text{(${Math.round(p.share * 100)}\\% of the domain)}`;
    out.push({
      label: `piece ${i + 1}${i === t.mainPiece ? ' (above)' : ''}`,
      tex: `\\begin{aligned} &${where}${share} \\\\ ${head} &= ${vec(p.latex.components)}, \\quad J = \\begin{pmatrix} ${p.latex.jacobian.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}, \\\\ \\det J &= ${p.detSymbolic ? p.detLatex : '\\text{numeric only}'} \\end{aligned}`,
    });
  });
  if (hidden) out.push({ label: 'pieces', tex: `\\text{${hiddenPieces(hidden)}}` });
  return out;
}
