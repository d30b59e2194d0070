/**
 * Messages between the extension host and the preview webview: one typed union each way,
 * keyed by `type`. Imported with `import type` on both sides.
 */
import type { TransformReport } from '../core/report';

/** What the panel shows: a transform's report and where it comes from. */
export interface PanelSubject {
  readonly uri: string;
  readonly fileName: string;
  readonly report: TransformReport;
}

export type HostToPanel =
  | { readonly type: 'update'; readonly subject: PanelSubject }
  | { readonly type: 'empty'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string; readonly where?: string }
  /** Mark points in the picture, e.g. two witness points with the same image. */
  | { readonly type: 'mark'; readonly points: ReadonlyArray<{ readonly at: number[]; readonly label: string }> };

export type PanelToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal' }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

export const isPanelToHost = (m: unknown): m is PanelToHost =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' &&
  ['ready', 'reveal', 'log'].includes((m as { type: string }).type);
