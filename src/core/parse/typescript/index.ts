/**
 * The TypeScript/JavaScript front end: maps f: R^n -> R^n written as functions.
 *
 * Found: function declarations, arrow functions and function expressions bound to top-level
 * consts (exported or not), methods and arrow properties of classes, and functions inside
 * top-level object literals; with n number parameters (or one tuple or destructured object)
 * that return an array or an object of n components. n >= 2 is found on its own; n = 1, or
 * a domain, needs a JSDoc tag `@transform` (`@transform domain x in [0, 1], y in [-1, 1]`).
 * Callbacks passed to other code are never candidates.
 *
 * What is plainly not a map is ignored in silence (async functions, generators, non-number
 * parameters, methods that use `this`, strings, callbacks called inside); what looks like a
 * map but cannot be analysed (loops, conditionals, mutation, imports, Math.random, side
 * effects) gets a diagnostic at the exact node saying what blocked it: information for a
 * function that only looks like a map, an error when the user tagged it `@transform`. The code is only read:
 * never executed, imported or evaluated.
 */
import type * as TS from 'typescript';
import { Expr } from '../../math/expr';
import { DEFAULT_DOMAIN, ParseResult, Problem, Range, Transform, pos, range } from '../../model';
import type { ParseOptions } from '../../document';
import { constantValue, resolveComponents } from '../resolve';
import { parseDomain } from '../transformBlock';
import { Stmt, trim } from '../statements';
import { loadTypeScript, TypeScriptApi } from './loader';
import { Blocked, FunctionLike, ModuleBinding, NotAMap, Translator, Value, skipOuter, walk } from './translate';
import { MAX_BRACKET_NESTING, describeFailure, failureCode, tooDeep } from '../../limits';

interface Candidate {
  readonly name: string;
  readonly nameNode: TS.Node;
  readonly fn: FunctionLike;
  /** The whole declaration: the transform's range, and where its JSDoc is. */
  readonly holder: TS.Node;
}

type ParamType = 'number' | 'untyped' | 'other';

export function parseTypeScript(text: string, opts: ParseOptions = {}): ParseResult {
  const ts = loadTypeScript();
  // The compiler's parser recurses per bracket: code nested deeper than the limit is blanked
  // (same length) before parsing, and the functions that hold it are reported, not read.
  const { text: parsedText, deep } = blankDeepNesting(text);
  let sf: TS.SourceFile;
  try {
    sf = ts.createSourceFile(opts.fileName ?? 'file.ts', parsedText, ts.ScriptTarget.Latest, true, scriptKind(ts, opts.fileName));
  } catch (e) {
    return { transforms: [], problems: [{ message: describeFailure('This file', e, 'read'), range: range(pos(0, 0), pos(0, 0)), severity: 'error', code: failureCode(e) }] };
  }
  const module = moduleBindings(ts, sf);
  const translator = new Translator(ts, sf, module);
  const aliases = typeAliases(ts, sf);
  const interfaces = new Map(sf.statements.filter(ts.isInterfaceDeclaration).map((d) => [d.name.text, d.members] as const));
  const transforms: Transform[] = [];
  const problems: Problem[] = [];
  const rangeOf = (n: TS.Node): Range => {
    const a = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    const b = sf.getLineAndCharacterOfPosition(n.getEnd());
    return range(pos(a.line, a.character), pos(b.line, b.character));
  };

  const lineOf = (offset: number) => sf.getLineAndCharacterOfPosition(offset);
  for (const d of deep) {
    const a = lineOf(d), b = lineOf(d + 1);
    problems.push({ message: `${tooDeep('The code here', null, MAX_BRACKET_NESTING)}; the function that holds it is not read`, range: range(pos(a.line, a.character), pos(b.line, b.character)), severity: 'warning', code: 'limit' });
  }
  for (const c of candidates(ts, sf)) {
    if (deep.some((d) => d >= c.holder.pos && d < c.holder.end)) continue;
    try {
      readCandidate(c);
    } catch (e) {
      problems.push({ message: describeFailure(c.name, e), range: rangeOf(c.nameNode), severity: 'error', code: failureCode(e) });
    }
  }
  return { transforms, problems };

  function readCandidate(c: Candidate): void {
    const tag = transformTag(ts, c.holder);
    const sig = signatureOf(ts, c.fn, aliases, interfaces);
    if (!sig) {
      if (tag) problems.push({ message: `${c.name} is tagged @transform but its parameters are not numbers: write f(x: number, y: number) or f([x, y]: [number, number])`, range: rangeOf(c.nameNode), severity: 'error', code: 'parse' });
      return;
    }
    const n = sig.variables.length;
    if (!tag && !(n >= 2 && looksLikeMap(ts, c.fn, n, sig.type === 'number', aliases))) return;
    const where = `${c.name}(${sig.variables.join(', ')})`;
    let components: Expr[];
    let outputs: readonly string[] | undefined;
    try {
      const syms: Value[] = sig.variables.map((v) => ({ t: 'num', e: { k: 'sym', name: v } }));
      const args: Value[] = sig.tuple ? [{ t: 'tuple', items: syms, ...(sig.keys ? { keys: sig.keys } : {}) }] : syms;
      const result = translator.callFunction(c.fn, args, null, c.nameNode, sig.variables);
      const items = result.t === 'tuple' ? result.items : result.t === 'num' && n === 1 ? [result] : null;
      // Functions, nested arrays (a matrix) or objects among the values: something else than a map.
      if (items?.some((v) => v.t !== 'num')) throw new NotAMap();
      if (!items || items.length !== n) {
        const got = result.t === 'tuple' ? `${result.items.length} value${result.items.length === 1 ? '' : 's'}` : 'no array of numbers';
        problems.push({
          message: `${where} has ${n} variable${n === 1 ? '' : 's'} but returns ${got}: a map R^n -> R^n returns one number per variable`,
          range: rangeOf(c.nameNode), severity: tag ? 'error' : 'info', code: 'arity',
        });
        return;
      }
      components = items.map((v) => (v as { e: Expr }).e);
      outputs = result.t === 'tuple' ? result.keys : undefined;
    } catch (e) {
      if (e instanceof Blocked) {
        problems.push({
          message: `${where} cannot be analysed as a map R^${n} -> R^${n}: ${e.message}`,
          range: rangeOf(e.node), severity: tag ? 'error' : e.limit ? 'warning' : 'info', code: e.limit ? 'limit' : 'unsupported',
          related: [{ message: `the map ${c.name}`, range: rangeOf(c.nameNode) }],
        });
        return;
      }
      if (e instanceof NotAMap) {
        if (tag) problems.push({ message: `${c.name} is tagged @transform but does not compute numbers from its parameters (strings, this, callbacks or await)`, range: rangeOf(c.nameNode), severity: 'error', code: 'parse' });
        return;
      }
      throw e;
    }
    const resolved = resolveComponents(components, sig.variables, { parameters: translator.parameters, functions: new Map() });
    const dflt = opts.defaultDomain ?? DEFAULT_DOMAIN;
    const domain: Array<[number, number]> = sig.variables.map(() => [dflt[0], dflt[1]]);
    const domainGiven = sig.variables.map(() => false);
    const domainOpen = sig.variables.map((): [boolean, boolean] => [false, false]);
    if (tag?.domain) {
      const env = { parameters: moduleConstants(translator, module), functions: new Map() };
      parseDomain(tag.domain, sig.variables, env, domain, domainGiven, problems, domainOpen);
    }
    transforms.push({
      name: c.name,
      variables: sig.variables,
      components: resolved.components,
      parameters: Object.fromEntries([...translator.parameters].filter(([k]) => components.some((x) => usesSymbol(x, k)))),
      freeSymbols: resolved.freeSymbols,
      unknownFunctions: resolved.unknownFunctions,
      domain,
      domainGiven,
      domainOpen,
      range: rangeOf(c.holder),
      nameRange: rangeOf(c.nameNode),
      notation: 'typescript',
      ...(outputs ? { outputs } : {}),
    });
  }
}

function scriptKind(ts: TypeScriptApi, fileName: string | undefined): TS.ScriptKind {
  const ext = /\.[^./\\]+$/.exec(fileName?.toLowerCase() ?? '')?.[0];
  switch (ext) {
    case '.tsx': return ts.ScriptKind.TSX;
    case '.jsx': return ts.ScriptKind.JSX;
    case '.js': case '.mjs': case '.cjs': return ts.ScriptKind.JS;
    default: return ts.ScriptKind.TS;
  }
}

const usesSymbol = (e: Expr, name: string): boolean =>
  e.k === 'sym' ? e.name === name : e.k === 'num' ? false : e.k === 'neg' ? usesSymbol(e.arg, name) :
  e.k === 'pow' ? usesSymbol(e.base, name) || usesSymbol(e.exp, name) : e.args.some((a) => usesSymbol(a, name));

/** What each top-level name of the file is. */
function moduleBindings(ts: TypeScriptApi, sf: TS.SourceFile): Map<string, ModuleBinding> {
  const out = new Map<string, ModuleBinding>();
  const isDeclare = (n: TS.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) {
      if (st.body) out.set(st.name.text, { kind: 'function', fn: st });
      else if (isDeclare(st) && !out.has(st.name.text)) out.set(st.name.text, { kind: 'declared-function', node: st });
    } else if (ts.isVariableStatement(st)) {
      const flags = st.declarationList.flags;
      const keyword = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const d of st.declarationList.declarations) {
        for (const name of boundNames(ts, d.name)) {
          if (isDeclare(st)) out.set(name, { kind: 'declared-const', node: d });
          else if (keyword !== 'const') out.set(name, { kind: 'mutable', keyword, node: d });
          else if (d.initializer && ts.isIdentifier(d.name)) out.set(name, { kind: 'const', init: d.initializer, node: d });
          else out.set(name, { kind: 'other', what: 'a destructured constant', node: d });
        }
      }
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const from = ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : 'another module';
      const c = st.importClause;
      if (c.name) out.set(c.name.text, { kind: 'import', from, node: c.name });
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { kind: 'import', from, node: nb });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) out.set(el.name.text, { kind: 'import', from, node: el });
    } else if (ts.isImportEqualsDeclaration(st)) {
      out.set(st.name.text, { kind: 'import', from: st.moduleReference.getText(sf), node: st });
    } else if (ts.isClassDeclaration(st) && st.name) {
      out.set(st.name.text, { kind: 'other', what: 'a class', node: st });
    } else if (ts.isEnumDeclaration(st)) {
      out.set(st.name.text, { kind: 'other', what: 'an enum', node: st });
    }
  }
  return out;
}

function boundNames(ts: TypeScriptApi, n: TS.BindingName): string[] {
  if (ts.isIdentifier(n)) return [n.text];
  return n.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : boundNames(ts, el.name)));
}

/** Declarations that can define a map (never callbacks passed to other code). */
function candidates(ts: TypeScriptApi, sf: TS.SourceFile): Candidate[] {
  const out: Candidate[] = [];
  const asFunction = (e: TS.Expression | undefined): FunctionLike | undefined => {
    if (!e) return undefined;
    const x = skipOuter(ts, e);
    return ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : undefined;
  };
  const propName = (n: TS.PropertyName): string | undefined =>
    ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n) ? n.text : undefined;
  /** A method, or a property whose value is a function, of an object literal or a class. */
  const members = (list: readonly (TS.ObjectLiteralElementLike | TS.ClassElement)[]) => {
    for (const m of list) {
      const name = m.name && propName(m.name);
      if (!name || !m.name) continue;
      const fn = ts.isMethodDeclaration(m) ? (m.body ? m : undefined)
        : ts.isPropertyAssignment(m) || ts.isPropertyDeclaration(m) ? asFunction(m.initializer) : undefined;
      if (fn) out.push({ name, nameNode: m.name, fn, holder: m });
    }
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) {
      out.push({ name: st.name?.text ?? 'f', nameNode: st.name ?? st, fn: st, holder: st });
    } else if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Const) {
      const single = st.declarationList.declarations.length === 1;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const fn = asFunction(d.initializer);
        if (fn) out.push({ name: d.name.text, nameNode: d.name, fn, holder: single ? st : d });
        const init = skipOuter(ts, d.initializer);
        if (ts.isObjectLiteralExpression(init)) members(init.properties);
      }
    } else if (ts.isClassDeclaration(st)) {
      members(st.members);
    }
  }
  return out.filter((c) => !usesThis(ts, c.fn));
}

/** A method that reads `this` depends on state: not a map of its parameters. */
function usesThis(ts: TypeScriptApi, fn: FunctionLike): boolean {
  let found = false;
  if (fn.body) {
    walk(ts, fn.body, (n) => {
      if (n.kind === ts.SyntaxKind.ThisKeyword) { found = true; return 'stop'; }
      // A nested non-arrow function has its own `this`.
      return n !== fn.body && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) ? 'skip' : undefined;
    });
  }
  return found;
}

/**
 * Code with brackets nested deeper than MAX_BRACKET_NESTING, blanked from the first bracket
 * past the limit to its match (same length, line breaks kept), and where each such place
 * starts. Strings, template text and comments are skipped. Linear.
 */
export function blankDeepNesting(text: string): { text: string; deep: number[] } {
  const deep: number[] = [];
  const spans: Array<[number, number]> = [];
  let depth = 0, from = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      // to the closing quote (a template's ${ } is skipped with its text: a rough but linear cut)
      for (i++; i < text.length && text[i] !== c && !(c !== '`' && text[i] === '\n'); i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 1; continue; }
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth === MAX_BRACKET_NESTING + 1 && from < 0) { from = i; deep.push(i); }
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
      if (from >= 0 && depth === MAX_BRACKET_NESTING) { spans.push([from, i + 1]); from = -1; }
    }
  }
  if (from >= 0) spans.push([from, text.length]);
  if (!spans.length) return { text, deep };
  let out = '', at = 0;
  for (const [a, b] of spans) { out += text.slice(at, a) + text.slice(a, b).replace(/[^\r\n]/g, ' '); at = b; }
  return { text: out + text.slice(at), deep };
}

/** `type Vec2 = [number, number]` and the like, to read parameter and return types. */
function typeAliases(ts: TypeScriptApi, sf: TS.SourceFile): Map<string, TS.TypeNode> {
  const out = new Map<string, TS.TypeNode>();
  for (const st of sf.statements) if (ts.isTypeAliasDeclaration(st) && !st.typeParameters) out.set(st.name.text, st.type);
  return out;
}

/** A type with aliases of this file, `readonly` and parentheses taken off. */
function plainType(ts: TypeScriptApi, t: TS.TypeNode | undefined, aliases: ReadonlyMap<string, TS.TypeNode>, depth = 0): TS.TypeNode | undefined {
  if (!t || depth > 8) return t;
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return plainType(ts, t.type, aliases, depth + 1);
  if (ts.isParenthesizedTypeNode(t)) return plainType(ts, t.type, aliases, depth + 1);
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments) {
    const a = aliases.get(t.typeName.text);
    if (a) return plainType(ts, a, aliases, depth + 1);
  }
  return t;
}

/** The element types of a tuple type, or null. */
function tupleElements(ts: TypeScriptApi, t: TS.TypeNode | undefined): TS.TypeNode[] | null {
  return t && ts.isTupleTypeNode(t) ? t.elements.map((x) => (ts.isNamedTupleMember(x) ? x.type : x)) : null;
}

/** The variables: n number parameters, or one tuple parameter (destructured, or typed as a tuple). null: not a map's signature. */
function signatureOf(
  ts: TypeScriptApi, fn: FunctionLike, aliases: ReadonlyMap<string, TS.TypeNode>, interfaces: ReadonlyMap<string, TS.NodeArray<TS.TypeElement>>,
): { variables: string[]; tuple: boolean; keys?: string[]; type: ParamType } | null {
  if (fn.asteriskToken || ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  if (params.some((p) => p.dotDotDotToken)) return null;
  const typeOf = (p: TS.ParameterDeclaration): TS.TypeNode | undefined => plainType(ts, p.type ?? ts.getJSDocType(p), aliases);
  const numberType = (t: TS.TypeNode | undefined, p?: TS.ParameterDeclaration): ParamType => {
    if (!t) return p?.initializer && ts.isNumericLiteral(skipOuter(ts, p.initializer)) ? 'number' : 'untyped';
    return plainType(ts, t, aliases)?.kind === ts.SyntaxKind.NumberKeyword ? 'number' : 'other';
  };
  if (params.length === 1 && ts.isArrayBindingPattern(params[0].name)) {
    const variables: string[] = [];
    for (const el of params[0].name.elements) {
      if (ts.isOmittedExpression(el) || el.dotDotDotToken || !ts.isIdentifier(el.name)) return null;
      variables.push(el.name.text);
    }
    const t = typeOf(params[0]);
    const tuple = tupleElements(ts, t);
    let type: ParamType = 'untyped';
    if (tuple) type = tuple.every((x) => numberType(x) === 'number') ? 'number' : 'other';
    else if (t && ts.isArrayTypeNode(t)) type = numberType(t.elementType);
    else if (t) type = 'other';
    return type === 'other' || !variables.length ? null : { variables, tuple: true, type };
  }
  const p0 = params[0];
  // One destructured object, `({ x, y }: Point) => …`: the properties it takes are the variables.
  if (params.length === 1 && ts.isObjectBindingPattern(p0.name)) {
    const variables: string[] = [], keys: string[] = [];
    for (const el of p0.name.elements) {
      const key = el.propertyName ?? el.name;
      if (el.dotDotDotToken || !ts.isIdentifier(el.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) return null;
      variables.push(el.name.text);
      keys.push(key.text);
    }
    const t = typeOf(p0);
    const members = !t ? null : ts.isTypeLiteralNode(t) ? t.members
      : ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? interfaces.get(t.typeName.text) ?? null : null;
    if (t && !members) return null;
    const memberType = (k: string) => members?.find((m): m is TS.PropertySignature => ts.isPropertySignature(m) && !!m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === k)?.type;
    if (members && !keys.every((k) => numberType(memberType(k)) === 'number')) return null;
    return variables.length ? { variables, tuple: true, keys, type: members ? 'number' : 'untyped' } : null;
  }
  // One tuple parameter used by index, `(p: [number, number]) => [p[0] * 2, p[1]]`: the
  // variables are p0, p1, ... (the length comes from the type).
  const tupleType = params.length === 1 && ts.isIdentifier(p0.name) ? tupleElements(ts, typeOf(p0)) : null;
  if (tupleType && ts.isIdentifier(p0.name)) {
    if (tupleType.length < 2 || !tupleType.every((x) => numberType(x) === 'number')) return null;
    const name = p0.name.text;
    return { variables: tupleType.map((_, i) => `${name}${i}`), tuple: true, type: 'number' };
  }
  const variables: string[] = [];
  let type: ParamType = 'number';
  for (const p of params) {
    if (!ts.isIdentifier(p.name)) return null;
    const t = numberType(typeOf(p), p);
    if (t === 'other') return null;
    if (t === 'untyped') type = 'untyped';
    variables.push(p.name.text);
  }
  return variables.length ? { variables, tuple: false, type } : null;
}

/**
 * Without a tag: does the function return n components (an array literal or an object literal
 * of n entries, or a declared tuple of n numbers), and compute something? Packing parameters
 * into an array or object (`toPoint(a, b) => ({ x: a, y: b })`) is not a map worth a lens:
 * the body must hold arithmetic (or, with number parameters, a call). Untyped parameters
 * (JavaScript) need arithmetic, so that `(name, age) => ({ name, age })` is left alone.
 */
function looksLikeMap(ts: TypeScriptApi, fn: FunctionLike, n: number, typed: boolean, aliases: ReadonlyMap<string, TS.TypeNode>): boolean {
  if (!fn.body) return false;
  const returned: TS.Expression[] = [];
  if (!ts.isBlock(fn.body)) returned.push(fn.body);
  else {
    walk(ts, fn.body, (node) => {
      if (ts.isFunctionLike(node)) return 'skip';
      if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
      return undefined;
    });
  }
  // `c ? [x, y] : [-x, y]` has the shape too (and is then reported as a conditional)
  const isShaped = (x: TS.Expression): boolean => {
    const e = skipOuter(ts, x);
    return (ts.isConditionalExpression(e) && (isShaped(e.whenTrue) || isShaped(e.whenFalse))) ||
      (ts.isArrayLiteralExpression(e) && e.elements.length === n && !e.elements.some(ts.isSpreadElement)) ||
      (ts.isObjectLiteralExpression(e) && e.properties.length === n && e.properties.every((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)));
  };
  const shaped = returned.some(isShaped);
  const declared = tupleElements(ts, plainType(ts, fn.type, aliases));
  const declaredShape = !!declared && declared.length === n && declared.every((x) => plainType(ts, x, aliases)?.kind === ts.SyntaxKind.NumberKeyword);
  return (shaped || declaredShape) && computes(ts, fn.body, typed);
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '**', '%', '+=', '-=', '*=', '/=', '**=', '%=']);

/** Arithmetic on numbers (not string concatenation), Math.*, or (typed) a call somewhere in the body. */
function computes(ts: TypeScriptApi, body: TS.Node, calls: boolean): boolean {
  let found = false;
  walk(ts, body, (n) => {
    if (ts.isBinaryExpression(n) && ARITHMETIC.has(ts.tokenToString(n.operatorToken.kind) ?? '') &&
        !ts.isStringLiteralLike(n.left) && !ts.isStringLiteralLike(n.right) && !ts.isTemplateExpression(n.left) && !ts.isTemplateExpression(n.right)) found = true;
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && n.operator !== ts.SyntaxKind.ExclamationToken && n.operator !== ts.SyntaxKind.TildeToken) found = true;
    else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Math') found = true;
    else if (calls && ts.isCallExpression(n)) found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}

/** The JSDoc `@transform` tag of a declaration, with its domain text (positions kept). */
function transformTag(ts: TypeScriptApi, holder: TS.Node): { domain: Stmt | null } | null {
  const sf = holder.getSourceFile();
  const tags = ts.getJSDocTags(holder).filter((t) => t.tagName.text === 'transform');
  if (!tags.length) return null;
  const tag = tags[0];
  // The tag's text as a statement with a position per character: continuation lines drop
  // their leading `*`, and each line break becomes one space.
  const text = sf.text;
  let s = '';
  const positions: ReturnType<typeof pos>[] = [];
  let i = tag.tagName.end;
  const end = tag.end;
  while (i < end) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      while (i < end && /[\s*]/.test(text[i])) i++;
      if (i < end && text[i] !== '/') { const p = sf.getLineAndCharacterOfPosition(i); s += ' '; positions.push(pos(p.line, p.character)); }
      continue;
    }
    if (ch === '*' && text[i + 1] === '/') break;
    const p = sf.getLineAndCharacterOfPosition(i);
    s += ch;
    positions.push(pos(p.line, p.character));
    i++;
  }
  const last = positions.length ? positions[positions.length - 1] : pos(0, 0);
  const stmt = trim({ text: s, positions: [...positions, pos(last.line, last.character + 1)] });
  const m = /^domain\s*:?\s*/i.exec(stmt.text);
  if (!m) return { domain: null };
  return { domain: { text: stmt.text.slice(m[0].length), positions: stmt.positions.slice(m[0].length) } };
}

/** Every top-level const with a constant number value, for domain bounds. */
function moduleConstants(translator: Translator, module: ReadonlyMap<string, ModuleBinding>): Map<string, Expr> {
  const out = new Map<string, Expr>(translator.parameters);
  for (const [name, b] of module) {
    if (b.kind !== 'const' || out.has(name)) continue;
    try {
      const v = translator.value(b.init, null);
      if (v.t === 'num' && constantValue(v.e) !== null) out.set(name, v.e);
    } catch {
      // Not a number: not a bound either.
    }
  }
  return out;
}
