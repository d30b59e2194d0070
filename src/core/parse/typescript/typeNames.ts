/**
 * The type names a file's parameters may use: its own type aliases, interfaces and classes, and
 * those it imports from files of the workspace (`import { Point } from "./types"`, `import type
 * { Radians }`, re-exported through `export { … } from`, `export type { … } from` or `export *`),
 * looked up only when a parameter's type names them (so a file's other imports are not read for
 * this). An imported declaration is read in its own file: its aliases (`type Radians = number`)
 * are that file's.
 */
import type * as TS from 'typescript';
import type { TypeScriptApi } from './loader';
import type { ModuleInfo, Modules } from './modules';

/** A field of an interface, a type literal or a class: its name, its type, and (a class's) its initial value. */
export interface Field { readonly name: string; readonly type: TS.TypeNode | undefined; readonly init?: TS.Expression }

/** The fields of an interface, type literal or class; a generic interface's type parameters (`EcfVec3<T>`) beside them. */
export type Fields = readonly Field[] & { readonly typeParameters?: readonly string[] };

export interface FileTypes {
  readonly aliases: ReadonlyMap<string, TS.TypeNode>;
  readonly interfaces: ReadonlyMap<string, Fields>;
  /** Generic type aliases (`type WithAlpha<O> = O & { a: number }`), read with their arguments where used. */
  readonly generics: ReadonlyMap<string, TS.TypeAliasDeclaration>;
}

/** A map whose names it lacks are looked up once each by `fallback` (null: none). */
class LookupMap<V> extends Map<string, V> {
  private readonly missing = new Set<string>();
  constructor(entries: Iterable<readonly [string, V]>, private readonly fallback: (name: string) => V | null) {
    super(entries);
  }
  override get(name: string): V | undefined {
    if (super.has(name)) return super.get(name);
    if (this.missing.has(name)) return undefined;
    const v = this.fallback(name);
    if (v === null) { this.missing.add(name); return undefined; }
    this.set(name, v);
    return v;
  }
  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** The fields of the members of an interface or a type literal (its property signatures). */
export function signatureFields(ts: TypeScriptApi, members: readonly TS.TypeElement[]): Field[] {
  return members.filter((m): m is TS.PropertySignature => ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)))
    .map((m) => ({ name: (m.name as TS.Identifier).text, type: m.type }));
}

type TypeDecl = TS.InterfaceDeclaration | TS.TypeAliasDeclaration | TS.ClassDeclaration;

/** A statement that declares the type `name` (an interface, a type alias or a class). */
const declaresType = (ts: TypeScriptApi, st: TS.Statement, name: string): st is TypeDecl =>
  (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name;

/**
 * A class's fields are its instance properties (`x: number`, `x = 0`) and its constructor's
 * parameter properties (`constructor(public x: number, readonly y = 0)`), so `(p: Point) => …`
 * reads a point class as it reads an interface.
 */
function declFields(ts: TypeScriptApi, st: TS.InterfaceDeclaration | TS.ClassDeclaration): Fields {
  if (ts.isInterfaceDeclaration(st)) {
    const fields: Fields = signatureFields(ts, st.members);
    return st.typeParameters?.length ? Object.assign(fields, { typeParameters: st.typeParameters.map((p) => p.name.text) }) : fields;
  }
  const fields: Field[] = [];
  for (const m of st.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) fields.push({ name: m.name.text, type: m.type, init: m.initializer });
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isParameterPropertyDeclaration(p, m) && ts.isIdentifier(p.name)) fields.push({ name: p.name.text, type: p.type, init: p.initializer });
    }
  }
  return fields;
}

/** The file's tables, once per file (the imported files' too), for `aliasesOf` below. */
const tablesOf = new WeakMap<TS.SourceFile, FileTypes>();

/** The aliases of the file that holds a type node, when it was read here (a type of an imported declaration). */
export function aliasesOf(node: TS.Node): ReadonlyMap<string, TS.TypeNode> | undefined {
  return tablesOf.get(node.getSourceFile())?.aliases;
}

/** The type tables of the file that holds a type node, when it was read here. */
export function typesOf(node: TS.Node): FileTypes | undefined {
  return tablesOf.get(node.getSourceFile());
}

/** Per file: its type aliases (not generic) and its interfaces and classes, with the names it imports. */
export function fileTypes(ts: TypeScriptApi, modules: Modules): (sf: TS.SourceFile) => FileTypes {
  const isExported = (n: TS.Node) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const localDecl = (sf: TS.SourceFile, name: string): TypeDecl | null => {
    return sf.statements.find((st): st is TypeDecl => declaresType(ts, st, name)) ?? null;
  };
  /** The declaration a local name of m imports from a file of the workspace. */
  const importedDecl = (m: ModuleInfo, name: string, depth: number): TypeDecl | null => {
    const b = m.bindings.get(name);
    if (b?.kind !== 'import' || b.imported === '*' || depth > 8) return null;
    const target = modules.load(m, b.from);
    return 'unread' in target ? null : exportedDecl(target, b.imported, depth + 1);
  };
  /** The declaration m exports as `name`: declared there, or passed on from another file. */
  const exportedDecl = (m: ModuleInfo, name: string, depth: number): TypeDecl | null => {
    if (depth > 8) return null;
    const stars: string[] = [];
    for (const st of m.sf.statements) {
      if (declaresType(ts, st, name) && isExported(st)) return st;
      if (!ts.isExportDeclaration(st)) continue;
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      if (!st.exportClause) { if (from) stars.push(from); continue; }
      if (!ts.isNamedExports(st.exportClause)) continue;
      const el = st.exportClause.elements.find((x) => x.name.text === name);
      if (!el) continue;
      const inner = (el.propertyName ?? el.name).text;
      if (!from) return localDecl(m.sf, inner) ?? importedDecl(m, inner, depth + 1);
      const target = modules.load(m, from);
      return 'unread' in target ? null : exportedDecl(target, inner, depth + 1);
    }
    for (const from of stars) {
      const target = modules.load(m, from);
      const d = 'unread' in target ? null : exportedDecl(target, name, depth + 1);
      if (d) return d;
    }
    return null;
  };
  const types = (sf: TS.SourceFile): FileTypes => {
    let t = tablesOf.get(sf);
    if (t) return t;
    const aliases: [string, TS.TypeNode][] = [];
    const interfaces: [string, Fields][] = [];
    const generics: [string, TS.TypeAliasDeclaration][] = [];
    for (const st of sf.statements) {
      if (ts.isTypeAliasDeclaration(st) && !st.typeParameters) aliases.push([st.name.text, st.type]);
      else if (ts.isTypeAliasDeclaration(st)) generics.push([st.name.text, st]);
      else if (ts.isInterfaceDeclaration(st) || (ts.isClassDeclaration(st) && st.name)) interfaces.push([st.name!.text, declFields(ts, st)]);
    }
    const imported = (name: string): TypeDecl | null => {
      const m = modules.of(sf);
      const d = m ? importedDecl(m, name, 0) : null;
      if (d) types(d.getSourceFile());
      return d;
    };
    t = {
      aliases: new LookupMap(aliases, (name) => {
        const d = imported(name);
        return d && ts.isTypeAliasDeclaration(d) && !d.typeParameters ? d.type : null;
      }),
      interfaces: new LookupMap(interfaces, (name) => {
        const d = imported(name);
        return d && (ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d)) ? declFields(ts, d) : null;
      }),
      generics: new LookupMap(generics, (name) => {
        const d = imported(name);
        return d && ts.isTypeAliasDeclaration(d) && d.typeParameters ? d : null;
      }),
    };
    tablesOf.set(sf, t);
    return t;
  };
  return types;
}
