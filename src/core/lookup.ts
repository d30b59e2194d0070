/** Finding the transform a position refers to. */
import { Position, containsPosition } from './model';
import type { FileReport, TransformReport } from './report';

/** The transform whose definition contains `p`; else the nearest one starting above it (within `reach` lines). */
export function transformAt(r: FileReport | undefined, p: Position, reach = 0): TransformReport | undefined {
  if (!r) return undefined;
  const inside = r.transforms.find((t) => containsPosition(t.range, p));
  if (inside || reach <= 0) return inside;
  let best: TransformReport | undefined;
  for (const t of r.transforms) {
    const d = p.line - t.range.end.line;
    if (d >= 0 && d <= reach && (!best || t.range.end.line > best.range.end.line)) best = t;
  }
  return best;
}
