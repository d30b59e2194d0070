/** KaTeX formulas for a transform: f, J, det J (and log|det J|, the inverse where known). */
import katex from 'katex';

export { formulaList } from './lib/formulas';

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
