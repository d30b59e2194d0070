/** KaTeX formulas for a transform: f, J, det J (and log|det J|, the inverse where known). */
import katex from 'katex';
import type { TransformReport } from '../src/core/report';

export function formulaList(t: TransformReport): Array<{ label: string; tex: string }> {
  const L = t.latex;
  const vec = (xs: readonly string[]) => `\\begin{pmatrix} ${xs.join(' \\\\ ')} \\end{pmatrix}`;
  const head = `${L.name}\\left(${L.variables.join(', ')}\\right)`;
  const out = [
    { label: 'map', tex: `${head} = ${vec(L.components)}` },
    { label: 'Jacobian', tex: `J = ${`\\begin{pmatrix} ${L.jacobian.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`}` },
    { label: 'det J', tex: `\\det J = ${L.det}` },
  ];
  if (t.logDetLatex) out.push({ label: 'log|det J|', tex: `\\log\\left|\\det J\\right| = ${t.logDetLatex}` });
  if (t.inverse) out.push({ label: 'inverse', tex: `${L.name}^{-1} = ${vec(t.inverse.latex)}` });
  return out;
}

/** Render into `el`; a KaTeX error is shown in place with the TeX source, never a blank. */
export function renderTex(el: HTMLElement, tex: string): boolean {
  try {
    katex.render(tex, el, { displayMode: true, throwOnError: true, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
    return true;
  } catch (e) {
    el.textContent = '';
    const msg = document.createElement('div');
    msg.className = 'tex-error';
    msg.textContent = `Cannot typeset this formula: ${(e as Error).message}`;
    const src = document.createElement('code');
    src.textContent = tex;
    el.append(msg, src);
    return false;
  }
}
