/** Finding the transform a position refers to. */
import { Position, containsPosition } from './model';
import type { FileReport, TransformReport } from './report';
import type { Range } from './model';
import { scanMarkdown } from './parse/markdown';
import { LineIndex, MathSegment } from './parse/latex/regions';
import { markdownMath } from './parse/markdownMath';
import { scanTex } from './parse/texDocument';
import type { LanguageKind } from './languages';

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

/**
 * The first line after a definition's source: after the closing fence of the ```transform
 * block or the display math ($$ … $$, \[ … \], a math environment) that holds it, else after
 * its last line. (A notebook's text is one cell's: markdown.)
 */
export function lineAfterDefinition(text: string, kind: LanguageKind, r: Range): number {
  let display: readonly MathSegment[] = [];
  if (kind === 'markdown' || kind === 'notebook') {
    const fence = scanMarkdown(text).fences.find((f) => f.openLine <= r.end.line && (f.closeLine ?? Infinity) >= r.end.line);
    if (fence) return fence.closeLine === null ? r.end.line + 1 : fence.closeLine + 1;
    display = markdownMath(text);
  } else if (kind === 'latex') {
    display = scanTex(text).regions;
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const end = (lineStarts[r.end.line] ?? text.length) + r.end.character;
  const math = display.find((m) => m.display && m.outerStart <= end && end <= m.outerEnd);
  return math ? new LineIndex(text).position(Math.max(math.outerStart, math.outerEnd - 1)).line + 1 : r.end.line + 1;
}
