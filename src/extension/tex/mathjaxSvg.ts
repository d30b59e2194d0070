/**
 * TeX -> a standalone SVG document, by MathJax (mathjax-full 3, its TeX input and SVG
 * output, on the DOM-free lite adaptor). No `vscode`: it runs in the TeX worker, in the
 * browser bundle and in the tests. MathJax draws in `currentColor`, which an <img> cannot
 * inherit, so the caller's colour is written in; sizes in ex become pixels.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

/** Pixels per ex: hovers use a 13-14 px font, whose x-height is about 7 px. */
export const EX_PX = 7.5;

type Converter = (tex: string) => string;
let converter: Converter | undefined;

function load(): Converter {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    InputJax: new TeX({ packages: ['base', 'ams'], formatError: (_jax: unknown, err: { message: string }) => { throw new Error(err.message); } }),
    OutputJax: new SVG({ fontCache: 'local' }),
  });
  return (tex) => {
    const node = doc.convert(tex, { display: true, em: 16, ex: 8, containerWidth: 1200 });
    return adaptor.innerHTML(node);
  };
}

/** The SVG of `tex` (display style) drawn in `colour` (a CSS colour such as #1e1e1e). Throws on TeX errors. */
export function texToSvg(tex: string, colour: string): string {
  converter ??= load();
  let svg = converter(tex);
  if (!svg.startsWith('<svg')) throw new Error('MathJax did not produce an SVG');
  const safeColour = /^#[0-9a-f]{3,8}$/i.test(colour) ? colour : '#000000';
  svg = svg.replace(/currentColor/g, safeColour)
    .replace(/ (width|height)="(-?[\d.]+)ex"/g, (_m, k: string, v: string) => ` ${k}="${(Number(v) * EX_PX).toFixed(1)}px"`)
    .replace(/ style="vertical-align: -?[\d.]+ex;?"/, '');
  if (!svg.includes('xmlns=')) svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return svg;
}
