import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/* A domain said in words next to a display map: the names, a few words, an interval of numbers. */
describe('LaTeX: a domain said in the words next to a display map', () => {
  const map = '$$ x = \\sqrt{s}\\cos(2\\pi t), \\quad y = \\sqrt{s}\\sin(2\\pi t) $$';

  it('"draw $s$ and $t$ independently and uniformly on $(0, 1)$": s, t in (0, 1), open, said in assumed', () => {
    const r = analyzeNote(md('Draw $s$ and $t$ independently and uniformly on $(0, 1)$. Then', '', map));
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['s', 't']);
    assert.deepEqual(t.domain, [[0, 1], [0, 1]]);
    assert.ok((t.assumed ?? []).some((a) => /s in \(0, 1\), t in \(0, 1\) read from the words/.test(a)), (t.assumed ?? []).join(' | '));
  });

  it('plain words after the map, "for s, t in [0, 2]", and a distribution, "$s, t \\sim \\text{Uniform}(0, 3)$"', () => {
    const plain = analyzeNote(md(map, '', 'for s, t in [0, 2].'));
    assert.deepEqual(plain.transforms[0].domain, [[0, 2], [0, 2]]);
    const sampled = analyzeNote(md('Let $s, t \\sim \\text{Uniform}(0, 3)$.', '', map));
    assert.deepEqual(sampled.transforms[0].domain, [[0, 3], [0, 3]]);
  });

  it('other words between the names and an interval give no domain: the default stays', () => {
    const r = analyzeNote(md('The map sends $s$ and $t$ to points whose radius lies in (0, 1):', '', map));
    assert.deepEqual(r.transforms[0].domain, [[-2, 2], [-2, 2]]);
  });
});
