/**
 * The speed table of `npm run bench`: the full analysis (invertibility included) per map,
 * set against SymPy's reference time. Timings are never asserted; the table's content is.
 */
import * as assert from 'node:assert/strict';
import { speedRows, speedTable } from '../../../bench/speed';

const linear = { id: 'shear', variables: ['x', 'y'], components_mathjs: ['x + 2*y', 'y'], domain: [[-1, 1], [-1, 1]] as Array<[number, number]> };
const square = { id: 'square', variables: ['x'], components_mathjs: ['x^2'], domain: [[-2, 2]] as Array<[number, number]> };

describe('bench: full analysis against SymPy', () => {
  it('runs the whole analysis, invertibility included, for each map', () => {
    const rows = speedRows([{ ...linear, sympy_ms: 1 }, { ...square, sympy_ms: 1 }], 2);
    assert.deepEqual(rows.map((r) => r.verdict), ['invertible (proof)', 'not-invertible (proof)']);
    for (const r of rows) assert.ok(r.cpuMs >= 0 && r.wallMs > 0);
  });

  it('prints a ratio per map, the median, and names the maps where SymPy is faster', () => {
    // A reference time no analysis can beat, and one no analysis can miss.
    const lines = speedTable([{ ...linear, sympy_ms: 1e-9 }, { ...square, sympy_ms: 1e9 }, { id: 'no time', components_mathjs: ['x'] }], 1);
    assert.ok(lines.some((l) => l.startsWith('shear ')) && lines.some((l) => l.startsWith('square ')));
    assert.ok(!lines.some((l) => l.startsWith('no time')), 'entries without a reference time are left out');
    const summary = lines.find((l) => l.startsWith('Full analysis'))!;
    assert.match(summary, /faster on 1 of 2 maps \(slower: shear /);
  });
});
