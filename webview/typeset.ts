/**
 * The panel's formulas' typesetting (KaTeX), a script of its own: the page loads it after its
 * first frame (see panel.ts), so that parsing KaTeX, most of the page's code, does not hold up
 * the first picture. It hands `renderTex` to the page and says so with an event.
 */
import { renderTex } from './formulas';

export type Typeset = typeof renderTex;

(window as unknown as { jacobianLensTypeset?: Typeset }).jacobianLensTypeset = renderTex;
window.dispatchEvent(new Event('jacobian-lens-typeset'));
