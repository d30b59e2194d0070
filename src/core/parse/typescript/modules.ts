/**
 * Modules of the workspace, read (never run) for the code reader: the top-level names of a
 * file, what it exports, and the files its relative imports name, loaded on demand within
 * bounds (depth, number of files, bytes, time). Bare imports (packages) are not read.
 * File access is given by the caller (the CLI and the analysis worker read the disk; the web
 * extension has none, so imports are not followed there).
 */
import type * as TS from 'typescript';
import type { TypeScriptApi } from './loader';
import { blankDeepNesting, walk } from './walk';
import type { FunctionLike } from './values';

/** Reads a file of the workspace: its text, or null when it does not exist or must not be read. Never throws. */
export type FileReader = (path: string) => string | null;

/** What a top-level name of a file is. */
export type ModuleBinding =
  /** const, or var/let that nothing in the file reassigns */
  | { readonly kind: 'const'; readonly init: TS.Expression; readonly node: TS.Node }
  /** a name bound by destructuring at the top level: `const { cos, sin } = Math` */
  | { readonly kind: 'pattern'; readonly init: TS.Expression; readonly pattern: TS.BindingName; readonly node: TS.Node }
  | { readonly kind: 'function'; readonly fn: FunctionLike }
  | { readonly kind: 'declared-function'; readonly node: TS.Node }
  | { readonly kind: 'declared-const'; readonly node: TS.Node }
  /** `imported`: the exported name, 'default', or '*' for a namespace */
  | { readonly kind: 'import'; readonly from: string; readonly imported: string; readonly node: TS.Node }
  | { readonly kind: 'mutable'; readonly keyword: string; readonly node: TS.Node }
  | { readonly kind: 'other'; readonly what: string; readonly node: TS.Node };

export interface ModuleInfo {
  readonly sf: TS.SourceFile;
  /** The file's path ('' for a document without one). */
  readonly file: string;
  /** How many imports away from the document (0: the document). */
  readonly depth: number;
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  /** exported name -> the local name, or a re-export from another module */
  readonly exports: ReadonlyMap<string, { readonly local: string } | { readonly from: string; readonly imported: string }>;
  /** `export * from '…'` */
  readonly starExports: readonly string[];
}

export interface ModuleBounds {
  readonly maxDepth: number;
  readonly maxFiles: number;
  readonly maxBytesPerFile: number;
  readonly maxBytes: number;
  readonly maxMs: number;
}

export const DEFAULT_MODULE_BOUNDS: ModuleBounds = { maxDepth: 4, maxFiles: 24, maxBytesPerFile: 512 * 1024, maxBytes: 2 * 1024 * 1024, maxMs: 1500 };

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'],
};

export const isRelative = (specifier: string): boolean => /^\.\.?(\/|$)/.test(specifier);

/** Paths a relative specifier may name, in the order TypeScript and bundlers try them. */
export function candidatePaths(fromFile: string, specifier: string): string[] {
  const sep = fromFile.includes('\\') && !fromFile.includes('/') ? '\\' : '/';
  const dir = fromFile.split(/[\\/]/).slice(0, -1);
  const parts = [...dir];
  for (const p of specifier.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') { if (parts.length > 1 || (parts.length === 1 && parts[0] !== '')) parts.pop(); } else parts.push(p);
  }
  const base = parts.join(sep);
  const ext = /\.[^./\\]+$/.exec(base)?.[0].toLowerCase() ?? '';
  const out: string[] = [];
  if (EXTENSIONS.includes(ext)) {
    out.push(base);
    for (const alt of JS_TO_TS[ext] ?? []) out.push(base.slice(0, -ext.length) + alt);
  } else {
    for (const e of EXTENSIONS) out.push(base + e);
    for (const e of EXTENSIONS) out.push(`${base}${sep}index${e}`);
  }
  return out;
}

/** The documents' modules and the files they import, parsed once per analysis. */
export class Modules {
  private readonly byPath = new Map<string, ModuleInfo | null>();
  private readonly bySf = new WeakMap<TS.SourceFile, ModuleInfo>();
  private files = 0;
  private bytes = 0;
  private readonly deadline: number;

  constructor(
    private readonly ts: TypeScriptApi,
    private readonly read: FileReader | undefined,
    private readonly bounds: ModuleBounds = DEFAULT_MODULE_BOUNDS,
    /** The clock of the time bound (the document's reading budget's, so a test can run it fast). */
    private readonly clock: () => number = Date.now,
  ) {
    this.deadline = clock() + bounds.maxMs;
  }

  /** The document itself. */
  root(sf: TS.SourceFile, file: string): ModuleInfo {
    const m = describeModule(this.ts, sf, file, 0);
    this.bySf.set(sf, m);
    return m;
  }

  /** The module of a file read here (the document or one it imports), or null. */
  of(sf: TS.SourceFile): ModuleInfo | null {
    return this.bySf.get(sf) ?? null;
  }

  /**
   * The module a relative import of `from` names, or why it is not read: a package, a file
   * that does not exist, no file access here, or past the bounds.
   */
  load(from: ModuleInfo, specifier: string): ModuleInfo | { readonly unread: string } {
    if (!isRelative(specifier)) return { unread: `"${specifier}" is a package: only the workspace's own relative imports are read` };
    if (!this.read || !from.file) return { unread: `"${specifier}" is not read here (no access to the workspace's files)` };
    if (from.depth + 1 > this.bounds.maxDepth) return { unread: `"${specifier}" is more than ${this.bounds.maxDepth} imports away` };
    for (const path of candidatePaths(from.file, specifier)) {
      if (this.byPath.has(path)) {
        const m = this.byPath.get(path);
        if (m) return m;
        continue;
      }
      if (this.files >= this.bounds.maxFiles) return { unread: `"${specifier}" is past the ${this.bounds.maxFiles} files read for one document` };
      if (this.clock() > this.deadline) return { unread: `"${specifier}" is past the time for reading imports` };
      const text = this.read(path);
      if (text === null) { this.byPath.set(path, null); continue; }
      if (text.length > this.bounds.maxBytesPerFile || this.bytes + text.length > this.bounds.maxBytes) {
        this.byPath.set(path, null);
        return { unread: `"${specifier}" is too large to read` };
      }
      this.files++;
      this.bytes += text.length;
      const ts = this.ts;
      const kind = /\.(jsx?|mjs|cjs)$/i.test(path) ? (path.toLowerCase().endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : path.toLowerCase().endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      // an imported module is parsed like the document: deep nesting blanked first (its functions are then not read)
      const info = describeModule(ts, ts.createSourceFile(path, blankDeepNesting(text).text, ts.ScriptTarget.Latest, true, kind), path, from.depth + 1);
      this.byPath.set(path, info);
      this.bySf.set(info.sf, info);
      return info;
    }
    return { unread: `"${specifier}" cannot be read (no such file in the workspace)` };
  }
}

/** Names bound by a binding pattern (or one identifier). */
export function boundNames(ts: TypeScriptApi, n: TS.BindingName): string[] {
  if (ts.isIdentifier(n)) return [n.text];
  return n.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : boundNames(ts, el.name)));
}

/** Identifiers assigned anywhere in `root` (=, op=, ++, --), by name. */
export function assignedNames(ts: TypeScriptApi, root: TS.Node): Set<string> {
  const out = new Set<string>();
  const target = (e: TS.Expression) => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isIdentifier(e)) out.add(e.text);
    else if (ts.isArrayLiteralExpression(e)) e.elements.forEach(target);
  };
  walk(ts, root, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) target(n.left);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) target(n.operand);
  });
  return out;
}

function describeModule(ts: TypeScriptApi, sf: TS.SourceFile, file: string, depth: number): ModuleInfo {
  const bindings = new Map<string, ModuleBinding>();
  const exports = new Map<string, { local: string } | { from: string; imported: string }>();
  const starExports: string[] = [];
  const assigned = assignedNames(ts, sf);
  const modifiers = (n: TS.Node) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []);
  const isDeclare = (n: TS.Node) => modifiers(n).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
  const isExported = (n: TS.Node) => modifiers(n).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: TS.Node) => modifiers(n).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st)) {
      const name = st.name?.text ?? (isDefault(st) ? 'default' : undefined);
      if (!name) continue;
      if (st.body) bindings.set(name, { kind: 'function', fn: st });
      else if (isDeclare(st) && !bindings.has(name)) bindings.set(name, { kind: 'declared-function', node: st });
      if (isExported(st)) exports.set(isDefault(st) ? 'default' : name, { local: name });
    } else if (ts.isVariableStatement(st)) {
      const flags = st.declarationList.flags;
      const keyword = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const d of st.declarationList.declarations) {
        for (const name of boundNames(ts, d.name)) {
          if (isExported(st)) exports.set(name, { local: name });
          if (isDeclare(st)) bindings.set(name, { kind: 'declared-const', node: d });
          else if (!d.initializer || (keyword !== 'const' && assigned.has(name))) bindings.set(name, { kind: 'mutable', keyword, node: d });
          else if (ts.isIdentifier(d.name)) bindings.set(name, { kind: 'const', init: d.initializer, node: d });
          else bindings.set(name, { kind: 'pattern', init: d.initializer, pattern: d.name, node: d });
        }
      }
    } else if (ts.isImportDeclaration(st) && st.importClause && ts.isStringLiteral(st.moduleSpecifier)) {
      const from = st.moduleSpecifier.text;
      const c = st.importClause;
      if (c.name) bindings.set(c.name.text, { kind: 'import', from, imported: 'default', node: c.name });
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bindings.set(nb.name.text, { kind: 'import', from, imported: '*', node: nb });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) bindings.set(el.name.text, { kind: 'import', from, imported: (el.propertyName ?? el.name).text, node: el });
    } else if (ts.isImportEqualsDeclaration(st)) {
      bindings.set(st.name.text, { kind: 'other', what: `imported with import = (${st.moduleReference.getText(sf)})`, node: st });
    } else if (ts.isClassDeclaration(st) && st.name) {
      bindings.set(st.name.text, { kind: 'other', what: 'a class', node: st });
      if (isExported(st)) exports.set(isDefault(st) ? 'default' : st.name.text, { local: st.name.text });
    } else if (ts.isEnumDeclaration(st)) {
      bindings.set(st.name.text, { kind: 'other', what: 'an enum', node: st });
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      const clause = st.exportClause;
      if (!clause) { if (from) starExports.push(from); continue; }
      if (ts.isNamedExports(clause)) {
        for (const el of clause.elements) {
          const inner = (el.propertyName ?? el.name).text;
          exports.set(el.name.text, from ? { from, imported: inner } : { local: inner });
        }
      } else if (from) exports.set(clause.name.text, { from, imported: '*' });
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      // export default <expression>
      bindings.set('default', { kind: 'const', init: st.expression, node: st });
      exports.set('default', { local: 'default' });
    }
  }
  return { sf, file, depth, bindings, exports, starExports };
}
