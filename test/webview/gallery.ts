/**
 * The gallery: screenshots of the maps the issue names (polar coordinates, the complex
 * square, the seed's coupling layer, a 3-D spherical map, a 1-D map), in light, dark and
 * high-contrast themes, saved to artifacts/webview/ for a person to look at. Run with
 * `node out/test/webview/gallery.js` after `npm run build && npm run compile-tests`.
 */
import { Browsers, Theme, block, subjectOf } from './harness';

export const GALLERY: Array<{ name: string; text: string }> = [
  { name: 'polar', text: block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]') },
  { name: 'complex-square', text: block('(x, y) -> (x^2 - y^2, 2 x y)\ndomain: x in [0.25, 2], y in [-2, 2]') },
  { name: 'coupling', text: block('coupling(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))') },
  { name: 'spherical', text: block('spherical(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))\ndomain: r in [0.1, 2], theta in [0.1, 3], phi in [-3, 3]') },
  { name: 'cubic', text: block('g(x) = (x^3 - x)\ndomain: x in [-1.5, 1.5]') },
];

async function main(): Promise<void> {
  const b = new Browsers();
  await b.start();
  try {
    const themes: Theme[] = (process.argv[2]?.split(',') as Theme[]) ?? ['light', 'dark'];
    const only = process.argv[3]?.split(',');
    for (const theme of themes) {
      for (const g of GALLERY) {
        if (only && !only.includes(g.name)) continue;
        const p = await b.open({ theme });
        await p.show(subjectOf(g.text));
        console.log(await p.screenshot(`gallery-${g.name}-${theme}`));
        if (g.name !== 'cubic') {
          await p.click('button[data-value=side]');
          console.log(await p.screenshot(`gallery-${g.name}-${theme}-side`));
          await p.click('button[data-value=density]');
          console.log(await p.screenshot(`gallery-${g.name}-${theme}-density`));
        } else {
          await p.click('button[data-value=density]');
          console.log(await p.screenshot(`gallery-${g.name}-${theme}-density`));
        }
        if (p.errors.length) console.log('errors:', p.errors);
        await p.page.context().close();
      }
    }
  } finally {
    await b.stop();
  }
}

if (require.main === module) void main().catch((e) => { console.error(e); process.exit(1); });
