/**
 * A composition's layers report the box each is analysed on in plain JSON: after a coupling
 * layer with unknown networks s, t the image has no finite enclosure, which must not become null.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';

describe('layer domains of a composition', () => {
  const note = [
    '```transform',
    'a(x, y) = (x, y exp(s(x)) + t(x))',
    'b(u, v) = (u + v, v)',
    'F = b ∘ a',
    'domain: x in [-2, 2], y in [-2, 2]',
    '```',
    '',
  ].join('\n');

  it('are finite numbers, with the unbounded coordinates said', () => {
    const f = analyzeDocument(note, 'markdown', 'flow.md').transforms.find((t) => t.layers?.length);
    assert.ok(f?.layers, 'F is read as a composition');
    for (const l of f.layers) for (const [lo, hi] of l.domain) assert.ok(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi, `${l.name}: [${lo}, ${hi}]`);
    assert.deepEqual(f.layers[1].domainUnbounded, [false, true], 'b sees u = x bounded and v unbounded, and says so');
    const json = JSON.parse(JSON.stringify(f.layers));
    assert.deepEqual(json.map((l: { domain: unknown }) => l.domain), f.layers.map((l) => l.domain), 'the same after JSON');
  });
});
