/**
 * Which front end reads a document: by file name or by VS Code language id. A module of its
 * own, without imports, so that the extension host can ask it without loading the analysis.
 */

/** markdown: also Quarto, R Markdown, MDX and MyST; latex: .tex documents; notebook: Jupyter's JSON (.ipynb). */
export type LanguageKind = 'markdown' | 'latex' | 'notebook' | 'typescript' | 'javascript';

const EXTENSIONS: Record<string, LanguageKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'markdown', '.qmd': 'markdown', '.rmd': 'markdown',
  '.tex': 'latex', '.ltx': 'latex', '.ipynb': 'notebook',
  '.ts': 'typescript', '.tsx': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
};

export function languageOfFile(fileName: string): LanguageKind | null {
  const m = /\.[^./\\]+$/.exec(fileName.toLowerCase());
  return m ? EXTENSIONS[m[0]] ?? null : null;
}

/** VS Code language ids -> kinds. */
export function languageOfId(languageId: string): LanguageKind | null {
  switch (languageId) {
    // Quarto, R Markdown (the R extension), MDX (the MDX extension); MyST is Markdown's own id
    case 'markdown': case 'quarto': case 'rmd': case 'mdx': return 'markdown';
    // VS Code's LaTeX grammar and LaTeX Workshop
    case 'latex': return 'latex';
    case 'typescript': case 'typescriptreact': return 'typescript';
    case 'javascript': case 'javascriptreact': return 'javascript';
    default: return null;
  }
}
