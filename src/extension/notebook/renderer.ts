/**
 * The notebook renderer: extends VS Code's markdown-it renderer for notebook markdown cells
 * (`vscode.markdown-it-renderer`) with the plugin of the built-in Markdown preview, so that a
 * rendered cell shows each ```transform block as its definition, J and det J (KaTeX) and the
 * warped grid, as the Markdown preview does. It runs in the notebook's webview as an ES
 * module (no `vscode`, no Node): the analysis runs there, within the preview's budget, with
 * the preview's default settings (a renderer cannot read settings).
 * The styles (KaTeX's and the block's) go into a `markdown-style` template, which the markdown
 * renderer copies into each cell's shadow root; KaTeX's also into the page, where its fonts load.
 */
import { transformPreviewPlugin } from '../markdown/previewPlugin';

/** This script's URL (esbuild puts `import.meta.url` here: the bundle is an ES module). */
declare const RENDERER_URL: string;

export const MARKDOWN_RENDERER = 'vscode.markdown-it-renderer';

interface MarkdownItRenderer {
  extendMarkdownIt(f: (md: unknown) => unknown): void;
}

export interface RendererContext {
  getRenderer(id: string): Promise<MarkdownItRenderer | undefined>;
}

/** The few DOM calls made here (the extension's TypeScript settings have no DOM types). */
interface Elem { append(...nodes: Elem[]): void; readonly classList?: { add(c: string): void }; readonly content?: Elem }
export interface StyleHost {
  createElement(tag: string): Elem;
  readonly head: Elem;
}

export async function activate(ctx: RendererContext): Promise<void> {
  const markdownIt = await ctx.getRenderer(MARKDOWN_RENDERER);
  if (!markdownIt) throw new Error(`Jacobian Lens: the notebook's markdown renderer (${MARKDOWN_RENDERER}) is not there`);
  addStyles((globalThis as unknown as { document: StyleHost }).document, RENDERER_URL);
  markdownIt.extendMarkdownIt((md) => transformPreviewPlugin(md as never));
}

/** The stylesheets, found relative to this script (dist/notebook/renderer.js). */
export function addStyles(doc: StyleHost, base: string): void {
  const link = (path: string) => Object.assign(doc.createElement('link'), { rel: 'stylesheet', href: new URL(path, base).href });
  const katex = '../webview/katex/katex.min.css';
  const template = doc.createElement('template');
  template.classList!.add('markdown-style');
  template.content!.append(link(katex), link('../../media/markdown-preview.css'));
  doc.head.append(template, link(katex));
}
