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
import { Expr, equal, exprKey, someExpr } from '../../math/expr';
import { conditionExprs } from '../../math/condition';
import { isKnownFunction } from '../../math/functions';
import { DEFAULT_DOMAIN, ParseResult, Problem, Range, Transform, pos, range } from '../../model';
import type { FrontEndOptions } from '../../document';
import { constantValue, resolveComponents, resolvePieces } from '../resolve';
import { parseDomain } from '../transformBlock';
import { Stmt, trim } from '../statements';
import { loadTypeScript, TypeScriptApi } from './loader';
import { DEFAULT_MODULE_BOUNDS, ModuleInfo, Modules, isRelative } from './modules';
import { OpaqueBranches, ReadPieces, readPieces } from './pieces';
import { Blocked, FunctionLike, MATRIX_PRODUCT, MAX_BRANCHES, NotAMap, POINT_CLASS, Translator, Value, isConstantExpr, skipOuter } from './translate';
import { toMathjs } from '../../math/print';
import { diff } from '../../math/diff';
import { blankDeepNesting, walk } from './walk';
import { Callee, calleeName, composeFlows } from './flows';
import { boxRecord } from './records';
import { Field, Fields, aliasesOf, fileTypes, signatureFields, typesOf } from './typeNames';
import { MAX_BRACKET_NESTING, describeFailure, failureCode, tooDeep } from '../../limits';

interface Candidate {
  readonly name: string;
  readonly nameNode: TS.Node;
  readonly fn: FunctionLike;
  /** The whole declaration: the transform's range, and where its JSDoc is. */
  readonly holder: TS.Node;
  /**
   * Read with only the first `keep` parameters as variables: the others have default values
   * (`function arm(q1, q2, l1 = 1, l2 = 0.8)` returns two numbers), which become the map's
   * parameters with those values.
   */
  readonly keep?: number;
  /**
   * A map a factory makes, bound at the top of the file: `var equalArea = azimuthalRaw(function
   * (c) {…})`, `equalArea.invert = azimuthalInvert(asin)`. `fn` is the function the factory
   * returns; it is read in the scope of that call (the factory's parameters are the arguments).
   */
  readonly made?: TS.CallExpression;
  /**
   * One untyped parameter passed whole to helpers (`rgb => toXyz(toLinear(rgb))`), read as an
   * array of this many numbers (see `bySize`).
   */
  readonly size?: number;
  /**
   * One untyped parameter passed whole to a helper that destructures it as an object
   * (`lab => toRgb(toXyz(lab))` with `toXyz = ({ l, a, b, alpha }) => …`): read as an object of
   * these keys (see `passedAsObject`).
   */
  readonly objectKeys?: readonly string[];
}

/** The sizes tried for a point passed whole to helpers: the one size at which it reads as a map. */
const WHOLE_SIZES = [2, 3, 4];

type ParamType = 'number' | 'untyped' | 'other';

/** Time for reading the functions of one file; past it the rest are not read (said once). */
const READ_BUDGET_MS = 5000;

export function parseTypeScript(text: string, opts: FrontEndOptions = {}): ParseResult {
  // loading the compiler (the first code document) is not part of the document's budget
  const ts = opts.budget ? opts.budget.excluding(loadTypeScript) : loadTypeScript();
  const file = opts.fileName ?? 'file.ts';
  // The compiler's parser recurses per bracket: code nested deeper than the limit is blanked
  // (same length) before parsing, and the functions that hold it are reported, not read.
  const { text: parsedText, deep } = blankDeepNesting(text);
  let sf: TS.SourceFile;
  try {
    sf = ts.createSourceFile(file, parsedText, ts.ScriptTarget.Latest, true, scriptKind(ts, opts.fileName));
  } catch (e) {
    return { transforms: [], problems: [{ message: describeFailure('This file', e, 'read'), range: range(pos(0, 0), pos(0, 0)), severity: 'error', code: failureCode(e) }] };
  }
  const budget = opts.budget;
  const modules = new Modules(ts, opts.readFile, DEFAULT_MODULE_BOUNDS, budget ? () => budget.now() : Date.now);
  const module = modules.root(sf, opts.fileName ?? '');
  const translator = new Translator(ts, modules, module);
  // type aliases and interfaces per file, with those it imports (a layer imported from another file reads that file's)
  const types = fileTypes(ts, modules);
  const transforms: Transform[] = [];
  const problems: Problem[] = [];
  // functions that only pass their inputs on ((u, v) => [v, u]): not shown, but layers of a flow
  const passing: Transform[] = [];
  /** The end of this front end's own reading time (when the document gives no budget). */
  let deadline = Infinity;
  /** Time is left for reading (checked between the readings one function takes: its sizes, its object form). */
  const inTime = (): boolean => (opts.budget ? opts.budget.allows() : Date.now() <= deadline);
  const rangeOf = (n: TS.Node): Range => {
    const f = n.getSourceFile();
    const a = f.getLineAndCharacterOfPosition(n.getStart(f));
    const b = f.getLineAndCharacterOfPosition(n.getEnd());
    return range(pos(a.line, a.character), pos(b.line, b.character));
  };

  for (const d of deep) {
    const a = sf.getLineAndCharacterOfPosition(d), b = sf.getLineAndCharacterOfPosition(d + 1);
    problems.push({ message: `${tooDeep('The code here', null, MAX_BRACKET_NESTING)}; the function that holds it is not read`, range: range(pos(a.line, a.character), pos(b.line, b.character)), severity: 'warning', code: 'limit' });
  }
  const all = [...candidates(ts, sf), ...madeByFactories()].sort((a, b) => a.holder.pos - b.holder.pos);
  deadline = Date.now() + READ_BUDGET_MS;
  for (const [k, c] of all.entries()) {
    // the document's budget (parseDocument says where it stopped), else this front end's own
    if (opts.budget && !opts.budget.take()) { opts.budget.stopAt(rangeOf(c.holder).start); break; }
    if (!opts.budget && Date.now() > deadline) {
      problems.push({ message: `Jacobian Lens stopped looking for maps in this file after ${READ_BUDGET_MS / 1000} s: ${k} of ${all.length} functions were read (the rest, from line ${rangeOf(c.holder).start.line + 1} on, were not)`, range: rangeOf(c.nameNode), severity: 'info', code: 'budget' });
      break;
    }
    if (deep.some((d) => d >= c.holder.pos && d < c.holder.end)) continue;
    // each function on its own: a failure inside one is said at its name, the others are read;
    // what stops a factory's returned map read on its own (`scale` unknown) is not said when
    // the file reads it through calls of the factory (`azimuthalRaw(function (c) {…})`)
    const generic = !c.made && all.some((m) => m.made && m.fn === c.fn);
    try {
      const read = readCandidate(c, generic ? [] : problems);
      if (read) (read.passes ? passing : transforms).push(read.transform);
    } catch (e) {
      problems.push({ message: describeFailure(c.name, e), range: rangeOf(c.nameNode), severity: 'error', code: failureCode(e) });
    }
  }
  composeFlows(ts, all, transforms, problems, rangeOf, passing, importedLayer);
  return { transforms, problems };

  /**
   * A layer the document imports from another file of the workspace (`import { coupling }
   * from "./layers"`): that file's function read as a map, quietly (what stops it is not the
   * document's problem: the flow is then inlined as before); its range is the import. Also
   * `L.coupling` for `import * as L from "./layers"`.
   */
  function importedLayer(c: Callee): Transform | undefined {
    const local = ts.isIdentifier(c) ? c.text : c.expression.text;
    const b = module.bindings.get(local);
    if (b?.kind !== 'import' || (b.imported === '*') === ts.isIdentifier(c)) return undefined;
    translator.begin([]);
    const f = translator.importedFunction(local, c, ts.isIdentifier(c) ? undefined : c.name.text);
    if (!f || f.scope) return undefined;
    const decl = f.fn.parent;
    // the JSDoc of `export const c = (…) => …` is on its statement
    const holder = ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && decl.parent.declarations.length === 1 ? decl.parent.parent : f.fn;
    try {
      const read = readCandidate({ name: calleeName(ts, c), nameNode: f.fn.name ?? f.fn, fn: f.fn, holder }, []);
      if (!read) return undefined;
      const where = rangeOf(b.node);
      return { ...read.transform, range: where, nameRange: where };
    } catch {
      return undefined;
    }
  }

  /**
   * The parameters of `fn` after the first `keep`, as symbols whose values (their default
   * values, constants of the file) become the map's parameters; null when one has no default,
   * a default that is not a constant number, or a name the file already uses for another value.
   */
  function defaultedParameters(fn: FunctionLike, keep: number): { names: string[]; values: Value[]; objects?: string[] } | null {
    const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this')).slice(keep);
    const names: string[] = [], values: Value[] = [], objects: string[] = [];
    for (const p of params) {
      if (!isSetting(ts, p) || p.dotDotDotToken) return null;
      let v: Value;
      const text = skipOuter(ts, p.initializer!);
      // a string setting (`mode = 'lab'`) is a label: it may name the object, never a number
      if (ts.isStringLiteral(text) || ts.isNoSubstitutionTemplateLiteral(text)) { values.push({ t: 'label', text: text.text }); continue; }
      try { v = translator.value(p.initializer!, translator.closureScope(fn)); } catch { return null; }
      // an options object or array with a constant default (`opts = {}`, `{ power: 3 }`, destructured:
      // `{ k1 = 0.1, k2 = 0.01 } = {}`), or a function (`ease = smoothstep`): read as that value
      const isFunction = v.t === 'fn' || v.t === 'math';
      if ((v.t === 'tuple' && constantTuple(v, translator.parameters)) || (isFunction && ts.isIdentifier(p.name))) {
        values.push(v); objects.push(`${p.name.getText()} = ${p.initializer!.getText()}`); continue;
      }
      if (isFunction || !ts.isIdentifier(p.name)) return null;
      if (v.t !== 'num' || !isConstantExpr(v.e, translator.parameters)) return null;
      const name = p.name.text, had = translator.parameters.get(name);
      if (had && !equal(had, v.e)) return null;
      translator.parameters.set(name, v.e);
      names.push(name);
      values.push({ t: 'num', e: { k: 'sym', name } });
    }
    return { names, values, objects };
  }

  /**
   * Maps bound at the top of the file to what a factory of the workspace returns for the
   * arguments given: `var equalArea = azimuthalRaw(function (c) {…})`, `equalArea.invert =
   * azimuthalInvert(asin)`. The call is read (never run) to see whether it gives a function;
   * anything else (a package's factory, a number, a call that cannot be read) is no candidate.
   */
  function madeByFactories(): Candidate[] {
    const out: Candidate[] = [];
    const consider = (name: string, nameNode: TS.Node, init: TS.Expression | undefined, holder: TS.Node) => {
      const call = init && skipOuter(ts, init);
      if (!call || !ts.isCallExpression(call)) return;
      translator.begin([]);
      let f: Extract<Value, { t: 'fn' }> | null;
      // a call that fails in any other way is not a factory's map either (it is no candidate)
      try { f = factoryResult(call); } catch { return; }
      if (f) out.push({ name, nameNode, fn: f.fn, holder, made: call });
    };
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st)) {
        const single = st.declarationList.declarations.length === 1;
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) consider(d.name.text, d.name, d.initializer, single ? st : d);
      } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(st.expression.left)) {
        consider(st.expression.left.getText(sf).replace(/\s+/g, ''), st.expression.left, st.expression.right, st);
      }
    }
    return out;
  }

  /** The function a factory call gives, read in a fresh reading (its scope binds the factory's parameters), or null. */
  function factoryResult(call: TS.CallExpression): Extract<Value, { t: 'fn' }> | null {
    try {
      const v = translator.value(call, null);
      return v.t === 'fn' && v.scope && v.fn.body ? v : null;
    } catch (err) {
      if (err instanceof Blocked || err instanceof NotAMap || err instanceof OpaqueBranches) return null;
      throw err;
    }
  }

  /** An array or object whose entries are all constant numbers (nested too). */
  function constantTuple(v: Extract<Value, { t: 'tuple' }>, parameters: ReadonlyMap<string, Expr>): boolean {
    return v.items.every((x) => (x.t === 'num' ? isConstantExpr(x.e, parameters) : x.t === 'tuple' && constantTuple(x, parameters)));
  }

  /** The number an expression of the file stands for when it is known while reading (`N`, imported or not), or null. */
  function knownCount(e: TS.Expression): number | null {
    try {
      translator.begin([]);
      const v = translator.value(e, null);
      return v.t === 'num' ? translator.known(v.e) : null;
    } catch (err) {
      if (err instanceof Blocked || err instanceof NotAMap) return null;
      throw err;
    }
  }

  /**
   * One candidate read as a map. The default values it takes as parameters (`l1 = 1`) are its
   * own: another function's `this.l1` or `l1` must not take them, so the parameters are as
   * before once it is read.
   */
  function readCandidate(c: Candidate, problems: Problem[]): { transform: Transform; passes: boolean } | null {
    const before = new Map(translator.parameters);
    try {
      return readCandidateWith(c, problems);
    } finally {
      translator.parameters.clear();
      for (const [k, v] of before) translator.parameters.set(k, v);
    }
  }

  /**
   * A point passed whole to helpers of the workspace (`rgb => toXyz(toLinear(rgb))`, the helpers
   * destructure or index it): read as an array of each size in WHOLE_SIZES, quietly; a map when
   * exactly one size reads as a map of that many numbers (a helper that takes any size, `v =>
   * v.map(…)`, reads at every size and so gives none), else nothing is said. Only a map read
   * through to known functions counts: an event passed to a package's helper (`d3.pointer(event)`)
   * has a size only by guess.
   */
  function bySize(c: Candidate): { transform: Transform; passes: boolean } | null {
    const found: Array<{ transform: Transform; passes: boolean }> = [];
    for (const size of WHOLE_SIZES) {
      // past the time, no size is taken (one read alone might be a size that others would rule out):
      // the function is the first place not read
      if (!inTime()) { opts.budget?.stopAt(rangeOf(c.holder).start); return null; }
      const r = readCandidate({ ...c, size }, []);
      if (r && !r.passes && !r.transform.unknownFunctions.length) found.push(r);
    }
    return found.length === 1 ? found[0] : null;
  }

  /**
   * The keys of the object a function's one parameter is, when the body passes it whole to a
   * helper of the workspace (of the file or imported) whose parameter there destructures an
   * object (`({ l, a, b, alpha }) => …`): that helper's keys, in its order; else null.
   */
  function passedAsObject(fn: FunctionLike): string[] | null {
    const name = wholeParameter(ts, fn);
    if (!name || fn.parameters[0]?.dotDotDotToken) return null;
    let keys: string[] | null = null;
    walk(ts, fn.body!, (n) => {
      if (!ts.isCallExpression(n)) return undefined;
      const k = n.arguments.findIndex((a) => { const x = skipOuter(ts, a); return ts.isIdentifier(x) && x.text === name; });
      const callee = skipOuter(ts, n.expression);
      if (k < 0 || !ts.isIdentifier(callee)) return undefined;
      const helper = functionNamed(ts, fn.getSourceFile(), callee.text) ?? translator.importedFunction(callee.text, callee)?.fn;
      const param = helper?.parameters[k];
      if (param && ts.isObjectBindingPattern(param.name) && param.name.elements.every((el) => !el.dotDotDotToken && ts.isIdentifier(el.propertyName ?? el.name))) {
        keys = param.name.elements.map((el) => ((el.propertyName ?? el.name) as TS.Identifier).text);
      }
      return 'stop';
    });
    return keys && (keys as string[]).length >= 2 ? keys : null;
  }

  function readCandidateWith(c: Candidate, problems: Problem[]): { transform: Transform; passes: boolean } | null {
    const tag = transformTag(ts, c.holder);
    const { aliases: fileAliases, interfaces } = types(c.fn.getSourceFile());
    const aliases = numericTypeParameters(ts, c.fn, fileAliases);
    const whole = c.size !== undefined ? wholeParameter(ts, c.fn) : null;
    // a rest parameter (`(...args) => …`) receives the numbers one by one
    const rest = !!whole && c.fn.parameters.some((p) => p.dotDotDotToken);
    const full = c.objectKeys ? { variables: [...c.objectKeys], keys: [...c.objectKeys], tuple: true, type: 'untyped' as const, loose: true }
      : whole ? { variables: (rest && destructuredAtTop(ts, c.fn, whole, c.size!)) || Array.from({ length: c.size! }, (_, i) => `${whole}${i}`), tuple: !rest, type: 'untyped' as const, loose: true }
      : signatureOf(ts, c.fn, aliases, interfaces, knownCount);
    if (c.size === undefined && !c.objectKeys && (!full || (!full.tuple && full.variables.length === 1)) && !tag && wholeParameter(ts, c.fn)) {
      // (also without the helper's last key, an optional channel such as an alpha that a later helper drops)
      const keys = passedAsObject(c.fn);
      for (const k of keys ? [keys, keys.slice(0, -1)] : []) {
        const asObject = k.length >= 2 && inTime() ? readCandidate({ ...c, objectKeys: k }, []) : null;
        if (asObject && !asObject.passes && !asObject.transform.unknownFunctions.length) return asObject;
      }
      const read = bySize(c);
      if (read) return read;
    }
    let sig = full && c.keep !== undefined ? { ...full, variables: full.variables.slice(0, c.keep) } : full;
    if (!sig) {
      if (tag) problems.push({ message: `${c.name} is tagged @transform but its parameters are not numbers: write f(x: number, y: number) or f([x, y]: [number, number])`, range: rangeOf(c.nameNode), severity: 'error', code: 'parse' });
      return null;
    }
    const n = sig.variables.length;
    if (!tag && n === 1 && !opts.codeOneDimensional) return null;
    const shaped = tag || looksLikeMap(ts, c.fn, n, sig.type === 'number', aliases);
    const computing = tag || computes(ts, c.fn.body!, sig.type === 'number');
    const where = `${c.name}(${sig.variables.join(', ')})`;
    const say = (message: string, node: TS.Node, code: string) => {
      if (!shaped || !computing) return;
      problems.push({ message, range: rangeOf(node), severity: tag ? 'error' : 'info', code, related: [{ message: `the map ${c.name}`, range: rangeOf(c.nameNode) }] });
    };
    let read: ReadPieces;
    let passes = false;
    /** Parameters after the variables read as settings with their default values. */
    let settingNames: string[] = [];
    /** Settings of other types read as their default values (`opts = {}`). */
    let settingObjects: string[] = [];
    try {
      translator.begin(sig.variables);
      const syms: Value[] = sig.variables.map((v) => ({ t: 'num', e: { k: 'sym', name: v } }));
      const keep = c.keep ?? sig.keep;
      const settings = keep !== undefined ? defaultedParameters(c.fn, keep) : sig.settings ? defaultedParameters(c.fn, 1) : { names: [], values: [] };
      if (settings === null) return null;
      settingNames = settings.names;
      settingObjects = settings.objects ?? [];
      const defaults = settings.values;
      const args: Value[] = sig.layout ? outLayoutArgs(sig.layout, syms)
        : sig.tuple ? [{ t: 'tuple', items: syms, ...(sig.keys ? { keys: sig.keys } : {}) }, ...defaults] : [...syms, ...defaults];
      const made = c.made && factoryResult(c.made);
      if (c.made && made?.fn !== c.fn) return null;
      const result = translator.callFunction(c.fn, args, made ? made.scope : translator.closureScope(c.fn), c.nameNode);
      read = readPieces(result, n, translator, c.name);
      if (read.kind === 'arity' && !sig.tuple && c.keep === undefined && c.size === undefined && read.count && read.count < n) {
        // fewer outputs than parameters: the trailing ones may be settings with default values
        const again = readCandidate({ ...c, keep: read.count }, []);
        if (again) return again;
      }
      if (read.kind === 'arity') {
        // an untyped object whose fields are read may be any record (`opts.w`, `opts.pad`): no map, nothing to say
        if (sig.loose && !tag) return null;
        say(`${where} has ${n} variable${n === 1 ? '' : 's'} but returns ${read.got}: a map R^n -> R^n returns one number per variable`, c.nameNode, 'arity');
        return null;
      }
      if (read.kind === 'too-many') {
        say(`${where} cannot be analysed as a map R^${n} -> R^${n}: the branches of its components together make more than ${MAX_BRANCHES} pieces (every way through them is a piece): write fewer branches, or each piece as its own function`, lastReturn(ts, c.fn) ?? c.nameNode, 'unsupported');
        return null;
      }
      if (read.kind === 'not-a-map') throw new NotAMap();
      // channels carried through unchanged (`if (alpha !== undefined) res.alpha = alpha`) are left out
      // (an array of a guessed size, `(...args) => [.., .., .., args[3]]`: its last entry in the last place)
      const positional = c.size !== undefined && read.kind === 'map' && !read.outputs;
      // number parameters are the coordinates of one point: only a channel after them is carried
      // along (`(l, a, b, alpha)`); `(x, y, z) => ({ radius, theta, y })` keeps its y
      const carried = positional ? carriedLast(sig.variables, read)
        : carriedThrough(sig.variables, sig.keys, read).filter((j) => !!sig!.keys || j === sig!.variables.length - 1);
      if (carried.length) {
        const keepVar = (_: unknown, j: number) => !carried.includes(j);
        const outs = carried.map((j) => read.kind === 'map' && read.outputs ? read.outputs.indexOf(sig!.keys?.[j] ?? sig!.variables[j]) : positional ? j : -1);
        const keepOut = (_: unknown, i: number) => !outs.includes(i);
        translator.assumed.add(`${carried.map((j) => sig!.variables[j]).join(', ')} ${carried.length === 1 ? 'is' : 'are'} carried through unchanged: left out of the map (det J is the same)`);
        read = { ...read, components: read.components.filter(keepOut), ...(read.outputs ? { outputs: read.outputs.filter(keepOut) } : {}),
          ...(read.pieces ? { pieces: read.pieces.map((p) => ({ ...p, components: p.components.filter(keepOut) })) } : {}) };
        sig = { ...sig, variables: sig.variables.filter(keepVar), ...(sig.keys ? { keys: sig.keys.filter(keepVar) } : {}) };
      }
      // inputs passed through or packed ((a, b) => [a, b]), or only unknown functions of them: not a map worth a lens
      // (a piecewise map whose every piece only moves inputs or gives constants, `{ start: min(a, b), end:
      // max(a, b) }` or a clamp, computes only its tests: an ordering, no map either)
      passes = (!computing && !computesResult(read)) || (!tag && !!read.pieces && onlyMoves(read, sig.variables));
      // a permutation of the inputs however the body finds it (`out[i] = x[D - 1 - i]` in a loop) only moves them
      if (!tag && !read.pieces && read.components.every((e) => e.k === 'sym' && sig!.variables.includes(e.name))) passes = true;
      // a point times a number (`scale(v, k)` -> k v, of a point beside number parameters): an
      // operation of a vector space, as adding two points is, no change of coordinates
      if (!tag && sig.layout?.[0].kind === 'vector' && scalarMultiple(sig.variables, read)) passes = true;
      // so is, in a vector library, a point combined entry by entry with other points of its size
      // (`add(out, a, b)`, `lerp(out, a, b, t)`): an operation on points, as `gap(a, b)` is
      if (!tag && sig.layout?.[0].kind === 'out' && entryByEntry(sig.variables, sig.layout, read)) passes = true;
      // a record of a box (`bbox(x, y, w, h)` -> `{ left, top, right, bottom }`): layout, no change of coordinates
      if (!tag && !passes && read.kind === 'map' && boxRecord(sig.variables, read.outputs, read.components, read.pieces)) passes = true;
    } catch (e) {
      if (e instanceof Blocked && e.limit) {
        problems.push({ message: `${where} cannot be analysed as a map R^${n} -> R^${n}: ${e.message}`, range: rangeOf(e.node), severity: tag ? 'error' : 'warning', code: 'limit', related: [{ message: `the map ${c.name}`, range: rangeOf(c.nameNode) }] });
        return null;
      }
      if (e instanceof Blocked) {
        say(`${where} cannot be analysed as a map R^${n} -> R^${n}: ${e.message}`, e.node, 'unsupported');
        return null;
      }
      if (e instanceof OpaqueBranches) {
        say(`${where} cannot be analysed as a map R^${n} -> R^${n}: the test ${e.test} calls a function that is not read, and its branches give different formulas`, c.nameNode, 'unsupported');
        return null;
      }
      if (e instanceof NotAMap) {
        if (tag) problems.push({ message: `${c.name} is tagged @transform but does not compute numbers from its parameters (strings, callbacks or await)`, range: rangeOf(c.nameNode), severity: 'error', code: 'parse' });
        return null;
      }
      throw e;
    }
    const env = { parameters: translator.parameters, functions: new Map() };
    const resolved = read.pieces ? resolvePieces(read.pieces, sig.variables, env) : { ...resolveComponents(read.components, sig.variables, env), pieces: undefined };
    const used = [...resolved.components, ...(resolved.pieces ?? []).flatMap((p) => [...p.components, ...conditionExprs(p.condition)])];
    const raw = [...read.components, ...(read.pieces ?? []).flatMap((p) => [...p.components, ...conditionExprs(p.condition)])];
    const dflt = opts.defaultDomain ?? DEFAULT_DOMAIN;
    const domain: Array<[number, number]> = sig.variables.map(() => [dflt[0], dflt[1]]);
    const domainGiven = sig.variables.map(() => false);
    const domainOpen = sig.variables.map((): [boolean, boolean] => [false, false]);
    if (tag?.domain) {
      const env = { parameters: moduleConstants(translator, module), functions: new Map() };
      parseDomain(tag.domain, sig.variables, env, domain, domainGiven, problems, domainOpen);
    }
    void used;
    const settingTexts = [...settingNames.map((v) => `${v} = ${toMathjs(translator.parameters.get(v) ?? { k: 'sym', name: v })}`), ...settingObjects];
    const defaultNote = settingTexts.length ? [`${settingTexts.join(', ')}: the default values of the parameters after the variables`] : [];
    const assumed = [...translator.assumedLines(), ...translator.fieldsLine(resolved.freeSymbols), ...read.assumed, ...defaultNote, ...(sig.layout ? [outLayoutNote(c.name, sig.layout, c.fn)] : [])];
    const localNames = [...translator.locals].filter((l): l is [string, Expr] => l[1] !== null && !sig.variables.includes(l[0]));
    const locals = localNames.length ? resolveComponents(localNames.map(([, v]) => v), sig.variables, env).components.map((value, i) => ({ name: localNames[i][0], value })) : [];
    return { passes, transform: {
      name: c.name,
      variables: sig.variables,
      components: resolved.components,
      parameters: Object.fromEntries([...translator.parameters].filter(([k]) => raw.some((x) => usesSymbol(x, k)))),
      freeSymbols: resolved.freeSymbols,
      unknownFunctions: resolved.unknownFunctions,
      domain,
      domainGiven,
      domainOpen,
      range: rangeOf(c.holder),
      nameRange: rangeOf(c.nameNode),
      notation: 'typescript',
      ...(read.outputs ? { outputs: read.outputs } : {}),
      ...(resolved.pieces ? { pieces: resolved.pieces } : {}),
      ...(assumed.length ? { assumed } : {}),
      ...(locals.length ? { locals } : {}),
    } };
  }
}

/** The last return statement of a function's own body (not of nested functions). */
function lastReturn(ts: TypeScriptApi, fn: FunctionLike): TS.ReturnStatement | undefined {
  let last: TS.ReturnStatement | undefined;
  if (fn.body) {
    walk(ts, fn.body, (node) => {
      if (node !== fn.body && ts.isFunctionLike(node)) return 'skip';
      if (ts.isReturnStatement(node)) last = node;
      return undefined;
    });
  }
  return last;
}

/**
 * Variables an object map only carries through (output of the same key equal to the variable,
 * the variable in no other output or condition: `res.alpha = alpha`), leaving at least two.
 */
function carriedThrough(variables: readonly string[], keys: readonly string[] | undefined, read: ReadPieces): number[] {
  if (read.kind !== 'map' || !read.outputs) return [];
  const outputs = read.outputs;
  const lists = [read.components, ...(read.pieces ?? []).map((p) => p.components)];
  const conditions = (read.pieces ?? []).flatMap((p) => conditionExprs(p.condition));
  const out: number[] = [];
  variables.forEach((v, j) => {
    const i = outputs.indexOf(keys?.[j] ?? v);
    if (i < 0) return;
    const alone = lists.every((cs) => { const c = cs[i]; return c?.k === 'sym' && c.name === v && cs.every((o, k) => k === i || !usesSymbol(o, v)); });
    if (alone && !conditions.some((c) => usesSymbol(c, v))) out.push(j);
  });
  // the last ones first, while three or more are left: a colour's alpha goes, its lightness carried
  // along stays ({ l, c, h, alpha } -> { l, a, b, alpha } is a map of l, c, h); so does the z of a
  // point { x, y, z } turned about z (R^3 -> R^3)
  const left = out.sort((a, b) => b - a).filter((_, k) => variables.length - (k + 1) >= 3);
  return left.sort((a, b) => a - b);
}

/**
 * The last entry of an array of a guessed size when the array returned carries it through
 * unchanged in its last place and uses it nowhere else (an alpha channel), leaving at least two.
 */
function carriedLast(variables: readonly string[], read: ReadPieces): number[] {
  if (read.kind !== 'map' || variables.length < 3) return [];
  const j = variables.length - 1, v = variables[j];
  const lists = [read.components, ...(read.pieces ?? []).map((p) => p.components)];
  const alone = lists.every((cs) => cs.length === variables.length && cs[j]?.k === 'sym' && (cs[j] as { name: string }).name === v && cs.every((o, k) => k === j || !usesSymbol(o, v)));
  const conditions = (read.pieces ?? []).flatMap((p) => conditionExprs(p.condition));
  return alone && !conditions.some((c) => usesSymbol(c, v)) ? [j] : [];
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

/** The arguments of a function read in its out-parameter layout: out empty, the vector's entries the variables, the rest symbols. */
function outLayoutArgs(layout: OutLayout, syms: readonly Value[]): Value[] {
  let next = 0;
  return layout.map((l): Value => {
    switch (l.kind) {
      case 'settings': return { t: 'free', name: l.name };
      case 'variable': return syms[next++];
      case 'out': return { t: 'tuple', items: Array.from({ length: l.size }, (): Value => ({ t: 'none', what: 'undefined' })) };
      case 'vector': return { t: 'tuple', items: [...syms], ...(l.keys ? { keys: l.keys } : {}) };
      case 'array': return { t: 'tuple', items: l.entries.map((e): Value => ({ t: 'num', e: { k: 'sym', name: e } })) };
      case 'number': return { t: 'num', e: { k: 'sym', name: l.name } };
    }
  });
}

/** The assumed line of the out-parameter layout: which parameter is the map's input, which are kept as symbols. */
function outLayoutNote(name: string, layout: OutLayout, fn: FunctionLike): string {
  const param = (i: number) => fn.parameters.filter((p) => p.name.getText() !== 'this')[i].name.getText();
  const object = layout.find((l) => l.kind === 'settings');
  if (object?.kind === 'settings') return `${name} is read as a map of its numbers; ${object.name} holds settings: its fields are symbolic parameters (${object.name}.k is ${object.name}_k)`;
  const vector = param(layout.findIndex((l) => l.kind === 'vector'));
  const kept = layout.flatMap((l) => (l.kind === 'array' ? [`${l.name} (${l.entries.join(', ')})`] : l.kind === 'number' ? [l.name] : []));
  const into = layout[0].kind === 'out' ? `, written into ${param(0)} and returned` : '';
  return `${name} is read as a map of ${vector}${into}${kept.length ? `; symbolic parameters: ${kept.join(', ')}` : ''}`;
}

/**
 * Every component is its own variable times one factor free of the variables (`[k x, k y]`,
 * `{ x: a.x / s, y: a.y / s }`), and no piece: a point scaled by a number.
 */
function scalarMultiple(variables: readonly string[], read: ReadPieces): boolean {
  if (read.kind !== 'map' || read.pieces || read.components.length !== variables.length) return false;
  const factors = read.components.map((e, i) => {
    const v = variables[i];
    if (e.k === 'sym') return e.name === v ? [] : null;
    if (e.k !== 'mul') return null;
    const rest = e.args.filter((a) => !(a.k === 'sym' && a.name === v));
    return rest.length === e.args.length - 1 && rest.every((a) => variables.every((w) => !usesSymbol(a, w))) ? rest : null;
  });
  const key = (f: readonly Expr[] | null) => f && exprKey(f.length === 1 ? f[0] : { k: 'mul', args: f });
  const first = key(factors[0]);
  return first !== null && factors.every((f) => key(f) === first);
}

/**
 * A vector library's function that combines its point with other points of the same size: entry
 * by entry (`add(out, a, b)`, `lerp(out, a, b, t)`, `hermite(out, a, b, c, d, t)`: each component
 * i uses the i-th entry of the points only, numbers besides), or as a product whose J depends on
 * the other point (`cross`, `slerp`). `rotate(out, a, origin, rad)` mixes entries but J is a
 * rotation, free of the origin: no.
 */
function entryByEntry(variables: readonly string[], layout: OutLayout, read: ReadPieces): boolean {
  if (read.kind !== 'map') return false;
  const points = [variables, ...layout.flatMap((l) => (l.kind === 'array' && l.entries.length === variables.length ? [l.entries] : []))];
  if (points.length < 2) return false;
  const ok = (e: Expr, i: number) => points.every((p) => p.every((name, j) => j === i || !usesSymbol(e, name)));
  const all = [read.components, ...(read.pieces ?? []).map((p) => p.components)];
  if (all.every((cs) => cs.length === variables.length && cs.every(ok))) return true;
  // a product of two points (`cross(out, a, b)`, `slerp(out, a, b, t)`): J itself depends on the other
  // point, while a rotation about a centre (`rotate(out, a, origin, rad)`) only moves by it
  const others = points.slice(1).flat();
  return all.some((cs) => cs.some((e) => variables.some((v) => others.some((o) => usesSymbol(diff(e, v), o)))));
}

const usesSymbol = (e: Expr, name: string): boolean =>
  e.k === 'sym' ? e.name === name : e.k === 'num' ? false : e.k === 'neg' ? usesSymbol(e.arg, name) :
  e.k === 'pow' ? usesSymbol(e.base, name) || usesSymbol(e.exp, name) : e.args.some((a) => usesSymbol(a, name));

/**
 * Functions that can define a map, wherever they are written: declarations (top level or
 * nested, `export default` too), functions bound to variables, methods and function-valued
 * properties of classes and object literals (also object literals passed to calls, as in
 * `new ColorSpace({ fromBase(lab) {…} })`), functions assigned to a property
 * (`project.invert = function (x, y) {…}`) and functions a factory returns. Never a callback
 * passed straight to other code.
 */
function candidates(ts: TypeScriptApi, sf: TS.SourceFile): Candidate[] {
  const out: Candidate[] = [];
  const asFunction = (e: TS.Expression | undefined): FunctionLike | undefined => {
    if (!e) return undefined;
    const x = skipOuter(ts, e);
    return ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : undefined;
  };
  const propName = (n: TS.PropertyName): string | undefined =>
    ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n) || ts.isNumericLiteral(n) ? n.text : undefined;
  const isDefault = (n: TS.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  /** The name of the function that encloses `n` (for the map a factory returns). */
  const enclosingName = (n: TS.Node): string | undefined => {
    for (let p = n.parent; p; p = p.parent) {
      if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) return p.name && propName(p.name) ? propName(p.name) : isDefault(p) ? 'default' : undefined;
      if ((ts.isFunctionExpression(p) || ts.isArrowFunction(p)) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
    }
    return undefined;
  };
  walk(ts, sf, (n) => {
    if (ts.isFunctionDeclaration(n) && n.body) {
      // a declaration whose name is missing (while typing, `function (x, y) {…}` as a statement)
      // is named like a returned function expression, and its lens sits on its first parameter
      if (n.name?.text) out.push({ name: n.name.text, nameNode: n.name, fn: n, holder: n });
      else out.push({ name: isDefault(n) ? 'default' : enclosingName(n) ?? 'f', nameNode: n.parameters[0] ?? n, fn: n, holder: n });
    } else if (ts.isVariableStatement(n)) {
      const single = n.declarationList.declarations.length === 1;
      for (const d of n.declarationList.declarations) {
        const fn = asFunction(d.initializer);
        if (fn && ts.isIdentifier(d.name)) out.push({ name: d.name.text, nameNode: d.name, fn, holder: single ? n : d });
      }
    } else if ((ts.isMethodDeclaration(n) && n.body) || ((ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && asFunction(n.initializer))) {
      const name = propName(n.name);
      const fn = ts.isMethodDeclaration(n) ? n : asFunction(n.initializer)!;
      if (name) out.push({ name, nameNode: n.name, fn, holder: n });
    } else if (ts.isExpressionStatement(n) && ts.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.expression.left) && asFunction(n.expression.right)) {
      out.push({ name: n.expression.left.getText(sf).replace(/\s+/g, ''), nameNode: n.expression.left, fn: asFunction(n.expression.right)!, holder: n });
    } else if (ts.isExportAssignment(n) && !n.isExportEquals && asFunction(n.expression)) {
      out.push({ name: 'default', nameNode: n, fn: asFunction(n.expression)!, holder: n });
    } else if (ts.isReturnStatement(n) && asFunction(n.expression)) {
      const fn = asFunction(n.expression)!;
      out.push({ name: enclosingName(n) ?? 'f', nameNode: fn.name ?? fn.parameters[0] ?? fn, fn, holder: fn });
    }
  });
  // a binding whose name the parser found missing (`const = (x, y) => …` while typing) names no map
  return afterFactories(ts, out.filter((c) => c.name), enclosingName);
}

/**
 * A function a factory defines by name and returns (`function raw(k) { function forward(x, y)
 * {…} forward.invert = …; return forward; }`) is the factory's map: named after the factory
 * (`raw`, `raw.invert`), like one it returns directly.
 */
function afterFactories(ts: TypeScriptApi, found: Candidate[], enclosingName: (n: TS.Node) => string | undefined): Candidate[] {
  /** The function whose own statements hold `n` (not a nested function's). */
  const ownerOf = (n: TS.Node): TS.Node | undefined => {
    for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
    return undefined;
  };
  // per factory: the local names it returns (`return forward;`), read in its own statements only
  const returned = new Map<TS.Node, Set<string>>();
  const returnedBy = (factory: TS.Node): Set<string> => {
    let names = returned.get(factory);
    if (names) return names;
    const found = new Set<string>();
    const body = (factory as FunctionLike).body;
    if (body && ts.isBlock(body)) {
      walk(ts, body, (n) => {
        if (n !== body && ts.isFunctionLike(n)) return 'skip';
        const e = ts.isReturnStatement(n) && n.expression ? skipOuter(ts, n.expression) : undefined;
        if (e && ts.isIdentifier(e)) found.add(e.text);
        return undefined;
      });
    }
    names = found;
    returned.set(factory, names);
    return names;
  };
  const renamed = (c: Candidate): string | undefined => {
    const dot = c.name.indexOf('.');
    const local = dot < 0 ? c.name : c.name.slice(0, dot);
    // the map's own declaration lives in the factory: a declaration, or `var forward = function …`
    const decl = c.holder;
    const factory = ownerOf(decl);
    if (!factory || !returnedBy(factory).has(local)) return undefined;
    const owner = enclosingName(decl);
    // an anonymous `export default function (…)` names nothing better than the map's own name
    return owner && owner !== local && owner !== 'default' ? owner + (dot < 0 ? '' : c.name.slice(dot)) : undefined;
  };
  return found.map((c) => {
    const name = renamed(c);
    return name ? { ...c, name } : c;
  });
}

/**
 * The aliases of the file and the function's type parameters constrained to numbers (`<T extends
 * number>`: T is read as number). `T extends number | bigint` is not: a bigint is a whole number,
 * which Math's functions refuse.
 */
function numericTypeParameters(ts: TypeScriptApi, fn: FunctionLike, aliases: ReadonlyMap<string, TS.TypeNode>): ReadonlyMap<string, TS.TypeNode> {
  const numeric = (fn.typeParameters ?? []).filter((t) => plainType(ts, t.constraint, aliases)?.kind === ts.SyntaxKind.NumberKeyword);
  if (!numeric.length) return aliases;
  const own = new Map(numeric.map((t) => [t.name.text, t.constraint!] as const));
  // the file's aliases looked up through (they may be imported, read when asked for)
  return { get: (k: string) => own.get(k) ?? aliases.get(k), has: (k: string) => own.has(k) || aliases.has(k) } as ReadonlyMap<string, TS.TypeNode>;
}

/**
 * The type written for a parameter: its own, or its JSDoc's; for the implementation of an
 * overloaded function (`function f(x: number, y: number): [number, number]; function f(x: any,
 * y: any) {…}`) with no type or `any` / `unknown`, the type its overload signatures of as many
 * parameters all give that place (the implementation is read once, as its callers see it).
 */
function declaredType(ts: TypeScriptApi, fn: FunctionLike, p: TS.ParameterDeclaration): TS.TypeNode | undefined {
  const own = p.type ?? ts.getJSDocType(p);
  if (own && own.kind !== ts.SyntaxKind.AnyKeyword && own.kind !== ts.SyntaxKind.UnknownKeyword) return own;
  return overloadTypes(ts, fn).get(p) ?? own;
}

/** Per parameter of fn, the type all its overload signatures of as many parameters agree on (worked out once per function). */
const agreed = new WeakMap<FunctionLike, ReadonlyMap<TS.ParameterDeclaration, TS.TypeNode>>();
function overloadTypes(ts: TypeScriptApi, fn: FunctionLike): ReadonlyMap<TS.ParameterDeclaration, TS.TypeNode> {
  let out = agreed.get(fn);
  if (!out) {
    const m = new Map<TS.ParameterDeclaration, TS.TypeNode>();
    const overloads = overloadsOf(ts, fn).filter((o) => o.parameters.length === fn.parameters.length);
    if (overloads.length) {
      fn.parameters.forEach((p, i) => {
        const first = overloads[0].parameters[i].type;
        if (first && overloads.every((o) => o.parameters[i].type?.getText() === first.getText())) m.set(p, first);
      });
    }
    agreed.set(fn, out = m);
  }
  return out;
}

/** The overload signatures written right before an implementation (same name, same container, no body). */
function overloadsOf(ts: TypeScriptApi, fn: FunctionLike): readonly TS.SignatureDeclaration[] {
  if (!(ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) || !fn.name || !fn.body) return [];
  const siblings: readonly TS.Node[] = ts.isClassLike(fn.parent) ? fn.parent.members : 'statements' in fn.parent ? (fn.parent as TS.Block).statements : [];
  const name = fn.name.getText();
  const out: TS.SignatureDeclaration[] = [];
  for (let k = siblings.indexOf(fn) - 1; k >= 0; k--) {
    const o = siblings[k];
    if (!((ts.isFunctionDeclaration(o) || ts.isMethodDeclaration(o)) && !o.body && o.name?.getText() === name)) break;
    out.push(o);
  }
  return out;
}

/** A type with aliases of this file, `readonly` and parentheses taken off. */
function plainType(ts: TypeScriptApi, t: TS.TypeNode | undefined, aliases: ReadonlyMap<string, TS.TypeNode>, depth = 0): TS.TypeNode | undefined {
  if (!t || depth > 8) return t;
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return plainType(ts, t.type, aliases, depth + 1);
  if (ts.isParenthesizedTypeNode(t)) return plainType(ts, t.type, aliases, depth + 1);
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments) {
    // a type of a declaration imported from another file names that file's aliases
    const a = aliases.get(t.typeName.text) ?? aliasesOf(t)?.get(t.typeName.text);
    if (a) return plainType(ts, a, aliases, depth + 1);
    // `Number`, the wrapper's name, as JSDoc writes it (`@param {Number} rad`): a number
    if (t.typeName.text === 'Number') return ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
  }
  return t;
}

/** The element types of a tuple type, or null. */
function tupleElements(ts: TypeScriptApi, t: TS.TypeNode | undefined): TS.TypeNode[] | null {
  return t && ts.isTupleTypeNode(t) ? t.elements.map((x) => (ts.isNamedTupleMember(x) ? x.type : x)) : null;
}

/**
 * The fields of a generic interface with its type arguments in place of its type parameters
 * (`EcfVec3<number>` of `interface EcfVec3<T> { x: T; … }`: x is a number); a field typed with a
 * type parameter that has no argument has no type.
 */
function instantiated(ts: TypeScriptApi, fields: Fields, args: TS.NodeArray<TS.TypeNode> | undefined): readonly Field[] {
  const names = fields.typeParameters;
  if (!names?.length) return fields;
  const argOf = (t: TS.TypeNode | undefined): TS.TypeNode | undefined => {
    if (!t || !ts.isTypeReferenceNode(t) || !ts.isIdentifier(t.typeName) || t.typeArguments) return t;
    const k = names.indexOf(t.typeName.text);
    return k < 0 ? t : args?.[k];
  };
  return fields.map((f) => ({ ...f, type: argOf(f.type) }));
}

/** The most parameters a function read as a map takes (its numbers, a point's and settings). */
export const MAX_CODE_PARAMETERS = 64;

/** The variables: n number parameters, or one tuple parameter (destructured, or typed as a tuple). null: not a map's signature. */
function signatureOf(
  ts: TypeScriptApi, fn: FunctionLike, aliases: ReadonlyMap<string, TS.TypeNode>, interfaces: ReadonlyMap<string, readonly Field[]>,
  count: (e: TS.Expression) => number | null = () => null,
  /** Only this parameter, the point before number parameters: what it alone reads as. */
  only?: readonly [TS.ParameterDeclaration],
): { variables: string[]; tuple: boolean; keys?: string[]; type: ParamType; settings?: number; layout?: OutLayout; keep?: number; loose?: boolean } | null {
  if (fn.asteriskToken || ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  const params = only ?? fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  // (no map takes more numbers than MAX_CODE_PARAMETERS: a list of thousands, a mutation's or a
  // generator's, is not read, and nothing below is then linear in it times the body)
  if (params.length > MAX_CODE_PARAMETERS || params.some((p) => p.dotDotDotToken)) return null;
  // one point parameter followed by settings with default values, `(p, k = 0.1) => …`: the
  // point's coordinates are the variables, the settings the map's parameters
  const single = params.length === 1 || (params.length > 1 && params.slice(1).every((p) => isSetting(ts, p)));
  const settings = params.length > 1 ? { settings: params.length - 1 } : {};
  const typeOf = (p: TS.ParameterDeclaration): TS.TypeNode | undefined => plainType(ts, declaredType(ts, fn, p), aliases);
  const numberType = (t: TS.TypeNode | undefined, p?: TS.ParameterDeclaration): ParamType => {
    if (!t) {
      const d = p?.initializer && skipOuter(ts, p.initializer);
      if (d && ts.isNumericLiteral(d)) return 'number';
      // a function by default (`ease = (t) => t * t`, `ease = smoothstep` of the file): a setting, no number
      if (d && (ts.isArrowFunction(d) || ts.isFunctionExpression(d) || (ts.isIdentifier(d) && functionNamed(ts, fn.getSourceFile(), d.text)))) return 'other';
      return 'untyped';
    }
    return plainType(ts, t, aliases)?.kind === ts.SyntaxKind.NumberKeyword ? 'number' : 'other';
  };
  /**
   * The fields of a parameter's type: a type literal, or an interface or class of the file; an
   * intersection has the fields of its parts (`LabColor & { alpha: number }`), and a generic
   * alias those of its type with the arguments in place (`WithAlpha<RgbColor>` of `type
   * WithAlpha<O> = O & { a: number }`, looked up in the file that writes it).
   */
  const fieldsOfType = (t0: TS.TypeNode | undefined, subst: ReadonlyMap<string, TS.TypeNode> = new Map(), depth = 0): readonly Field[] | null => {
    const t = depth ? plainType(ts, t0, typesOf(t0 ?? fn)?.aliases ?? aliases) : t0;
    if (!t || depth > 8) return null;
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && subst.has(t.typeName.text)) return fieldsOfType(subst.get(t.typeName.text), new Map(), depth + 1);
    if (ts.isIntersectionTypeNode(t)) {
      const parts = t.types.map((x) => fieldsOfType(x, subst, depth + 1));
      return parts.every((x): x is readonly Field[] => !!x) ? parts.flat() : null;
    }
    if (ts.isTypeLiteralNode(t)) return signatureFields(ts, t.members);
    if (!ts.isTypeReferenceNode(t)) return null;
    const name = ts.isIdentifier(t.typeName) ? t.typeName.text : null;
    const own = typesOf(t);
    const known = name !== null ? (own?.interfaces.get(name) ?? interfaces.get(name)) : undefined;
    if (known) return instantiated(ts, known, t.typeArguments);
    const generic = name !== null && t.typeArguments ? own?.generics.get(name) : undefined;
    if (generic?.typeParameters && t.typeArguments) {
      const args = new Map(generic.typeParameters.map((p, i) => [p.name.text, t.typeArguments![i]] as const).filter((x): x is [string, TS.TypeNode] => !!x[1]));
      return fieldsOfType(generic.type, args, depth + 1);
    }
    return packagePointFields(ts, fn.getSourceFile(), t.typeName);
  };
  /** A field that holds a number: typed `number`, or untyped with a numeric initial value (a class's `x = 0`). */
  const numericField = (fields: readonly Field[], k: string): boolean => fields.some((f) => f.name === k &&
    (f.type ? numberType(f.type) === 'number' : !!f.init && ts.isNumericLiteral(skipOuter(ts, f.init))));
  if (single && ts.isArrayBindingPattern(params[0].name)) {
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
    return type === 'other' || !variables.length ? null : { variables, tuple: true, type, ...settings };
  }
  const p0 = params[0];
  // One destructured object, `({ x, y }: Point) => …`: the properties it takes are the variables.
  if (single && ts.isObjectBindingPattern(p0.name)) {
    const variables: string[] = [], keys: string[] = [];
    for (const el of p0.name.elements) {
      const key = el.propertyName ?? el.name;
      if (el.dotDotDotToken || !ts.isIdentifier(el.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) return null;
      variables.push(el.name.text);
      keys.push(key.text);
    }
    const t = typeOf(p0);
    const members = fieldsOfType(t);
    if (t && !members) return null;
    if (members && !keys.every((k) => numericField(members, k))) return null;
    return variables.length ? { variables, tuple: true, keys, type: members ? 'number' : 'untyped', ...settings } : null;
  }
  // One object parameter whose type has number fields, read by property (`(p: Point) => ({ x: p.x + p.y, … })`):
  // the fields it reads are the variables, named as the fields
  if (single && ts.isIdentifier(p0.name) && fn.body) {
    const t = typeOf(p0);
    const members = fieldsOfType(t);
    const fields = members && propertyReads(ts, fn.body, p0.name.text);
    if (fields && pairsWithThis(ts, fn, fields.keys)) return null;
    if (fields && fields.keys.every((k) => numericField(members!, k))) {
      // in the type's order (x, y, z of a point read z first): the coordinates as the type lists them
      const at = (k: string) => members!.findIndex((f) => f.name === k);
      const order = fields.keys.map((_, i) => i).sort((a, b) => at(fields.keys[a]) - at(fields.keys[b]));
      return { variables: order.map((i) => fields.variables[i]), tuple: true, keys: order.map((i) => fields.keys[i]), type: 'number', ...settings };
    }
    // untyped (JavaScript: `c => ({ x: f(c.l, c.a), … })`, `const { l, a, b } = c`): only plain
    // reads of fields, none called or read further (`s.items.length`, `c.name.trim()`); a loose
    // shape, so what stops it is not said unless its return has one entry per field
    const loose = !t ? propertyReads(ts, fn.body, p0.name.text, true) : null;
    if (loose && pairsWithThis(ts, fn, loose.keys)) return null;
    if (loose) return { variables: loose.variables, tuple: true, keys: loose.keys, type: 'untyped', loose: true, ...settings };
  }
  // One tuple parameter used by index, `(p: [number, number]) => [p[0] * 2, p[1]]`: the
  // variables are p0, p1, ... (the length comes from the type).
  const tupleType = single && ts.isIdentifier(p0.name) ? tupleElements(ts, typeOf(p0)) : null;
  if (tupleType && ts.isIdentifier(p0.name)) {
    if (tupleType.length < 2 || !tupleType.every((x) => numberType(x) === 'number')) return null;
    const name = p0.name.text;
    // a state beside numbers destructured in the body (`const [theta, omega] = state`): the names it gives
    const used = only && fn.body ? arrayUses(ts, fn.body, name, count) : null;
    return { variables: used?.length === tupleType.length ? used : tupleType.map((_, i) => `${name}${i}`), tuple: true, type: 'number', ...settings };
  }
  // One array parameter used through destructuring in the body (`const [lon, lat] = p`) or by
  // constant index (`p[0]`, `p[1]`): untyped, or number[] and the like.
  if (single && ts.isIdentifier(p0.name)) {
    const t = typeOf(p0);
    const arrayType = !t || (ts.isArrayTypeNode(t) && numberType(t.elementType) === 'number') ||
      (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && /^(Array|ReadonlyArray|Float64Array|Float32Array)$/.test(t.typeName.text) &&
        (!t.typeArguments || (t.typeArguments.length === 1 && numberType(t.typeArguments[0]) === 'number')));
    const name = p0.name.text;
    let used = arrayType && fn.body && !onlyWritten(ts, fn.body, name) ? arrayUses(ts, fn.body, name, count) : null;
    // used whole with the file's constant vectors and matrices (matVec(W, x), dot(w, z), x.map((xi, i) => s[i] * xi)): their size
    // (not for a point among numbers: the constants may be of the numbers' map, `(x, y) => matVec(W, [x, y])`)
    if (!used && arrayType && fn.body && !only) {
      const sizes = constantSizes(ts, fn.getSourceFile(), fn.body, new Set());
      // also the settings' default vectors and matrices, `(x, scale = [1.5, 0.5]) => x.map((v, i) => v * scale[i])`
      for (const p of params.slice(1)) {
        const d = p.initializer && skipOuter(ts, p.initializer);
        const k = d && ts.isArrayLiteralExpression(d) ? literalSize(ts, d) : 0;
        if (k) sizes.add(k);
      }
      const k = sizes.size === 1 ? [...sizes][0] : 0;
      if (k >= 2) used = Array.from({ length: k }, (_, i) => `${name}${i}`);
    }
    if (used) return { variables: used, tuple: true, type: t ? 'number' : 'untyped', ...settings };
  }
  const out = outParameterLayout(ts, fn, params, aliases, typeOf, numberType, count);
  if (out) return out;
  // one point parameter (an array read by index, a tuple, an object of number fields: what the
  // parameter alone reads as), then numbers without defaults (`step(state, dt)`, `wobble(p: Vector3,
  // t: number)`), or after them (`rotateVector(angle, v)`, `unrotate(sin, cos, p)`): a map of the
  // point, the numbers symbolic parameters (a map when it returns as many numbers as the point has)
  for (const at of params.length >= 2 && !only && fn.body ? [0, params.length - 1] : []) {
    const others = params.filter((_, i) => i !== at);
    if ((at > 0 && params[at].initializer) || !others.every((p) => ts.isIdentifier(p.name) && !p.initializer && numberType(typeOf(p), p) !== 'other')) continue;
    const point = signatureOf(ts, fn, aliases, interfaces, count, [params[at]]);
    const numbers = others.map((p) => (p.name as TS.Identifier).text);
    if (!(point?.tuple && !point.layout && point.variables.length >= 2 && numbers.every((n) => !arrayUses(ts, fn.body!, n, count) && !propertyReads(ts, fn.body!, n)))) continue;
    // an untyped object read by fields, then two or more numbers, and no return of an object with
    // its fields (`toXyz(ellipsoid, lat, lon, alt)` -> [x, y, z]; not `step(body, t, dt)` -> { x, v }):
    // the object holds settings (its fields symbolic parameters, ellipsoid_a) and the numbers are the variables
    if (at === 0 && point.loose && point.keys && numbers.length >= 2 && ts.isIdentifier(p0.name) && !returnsFields(ts, fn.body!, point.keys)) {
      return { variables: numbers, tuple: false, type: 'untyped', layout: [{ kind: 'settings', name: p0.name.text }, ...numbers.map(() => ({ kind: 'variable' as const }))] };
    }
    const { settings: _, ...read } = point;
    const vector = { kind: 'vector' as const, ...(point.keys ? { keys: point.keys } : {}) };
    const symbols = numbers.map((name) => ({ kind: 'number' as const, name }));
    return { ...read, loose: point.loose || !!point.keys, layout: at === 0 ? [vector, ...symbols] : [...symbols, vector] };
  }
  const variables: string[] = [];
  let type: ParamType = 'number';
  // settingsFrom[i]: every parameter from i on is a setting (worked out once, from the end)
  const settingsFrom = params.map(() => false);
  for (let i = params.length - 1; i >= 0 && isSetting(ts, params[i]); i--) settingsFrom[i] = true;
  for (const [i, p] of params.entries()) {
    // numbers, then settings of other types with default values (`opts: Options = {}`, `{ k = 0.1 } = {}`): a map of the numbers
    if (i >= 2 && settingsFrom[i] && (!ts.isIdentifier(p.name) || numberType(typeOf(p), p) === 'other')) return { variables, tuple: false, type, keep: i };
    if (!ts.isIdentifier(p.name)) return null;
    const t = numberType(typeOf(p), p);
    if (t === 'other') return null;
    if (t === 'untyped') type = 'untyped';
    variables.push(p.name.text);
  }
  return variables.length ? { variables, tuple: false, type } : null;
}

/**
 * The fields of a point or vector type of a package (`v: Vector3` imported from 'three', `p:
 * THREE.Vector2`): x, y, z, w (as many as a digit in the name says), numbers. null: not one.
 */
function packagePointFields(ts: TypeScriptApi, sf: TS.SourceFile, name: TS.EntityName): Field[] | null {
  const root = ts.isIdentifier(name) ? name : ts.isIdentifier(name.left) ? name.left : null;
  const last = ts.isIdentifier(name) ? name.text : name.right.text;
  const shape = POINT_CLASS.exec(last);
  if (!root || !shape) return null;
  const fromPackage = sf.statements.some((st) => {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || isRelative(st.moduleSpecifier.text) || !st.importClause) return false;
    const c = st.importClause, nb = c.namedBindings;
    if (root === name) return !!nb && ts.isNamedImports(nb) && nb.elements.some((el) => el.name.text === root.text);
    return c.name?.text === root.text || (!!nb && ts.isNamespaceImport(nb) && nb.name.text === root.text);
  });
  if (!fromPackage) return null;
  const number = ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
  return ['x', 'y', 'z', 'w'].slice(0, shape[1] ? Number(shape[1]) : 4).map((k) => ({ name: k, type: number }));
}

/** A parameter after the variables that is a setting: a name or a destructured object, with a default value. */
function isSetting(ts: TypeScriptApi, p: TS.ParameterDeclaration): boolean {
  return !!p.initializer && (ts.isIdentifier(p.name) || ts.isObjectBindingPattern(p.name));
}

/**
 * The one untyped (or array-typed) parameter of `fn` when its body passes it whole to a call
 * (`toXyz(rgb)`, `mat(toLinear(rgb))`), or when it is a rest parameter (`...args`), else null.
 */
function wholeParameter(ts: TypeScriptApi, fn: FunctionLike): string | null {
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  const p = params[0];
  if (params.length !== 1 || !fn.body || !ts.isIdentifier(p.name) || p.initializer) return null;
  const t = p.type ?? ts.getJSDocType(p);
  if (t && !ts.isArrayTypeNode(t)) return null;
  const name = p.name.text;
  // `(...args) => …`: the numbers the caller passes, however the body reads them
  if (p.dotDotDotToken) return name;
  let passed = false;
  walk(ts, fn.body, (n) => {
    if (ts.isCallExpression(n) && n.arguments.some((a) => { const x = skipOuter(ts, a); return ts.isIdentifier(x) && x.text === name; })) { passed = true; return 'stop'; }
    return undefined;
  });
  return passed ? name : null;
}

/**
 * The names a function's first statement gives the `size` entries of its array `name`, `const
 * [r, g, b] = args` or `let [l, c, h] = unpack(args, 'lch')` (the numbers a rest parameter
 * receives), or null.
 */
function destructuredAtTop(ts: TypeScriptApi, fn: FunctionLike, name: string, size: number): string[] | null {
  const first = fn.body && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
  const d = first && ts.isVariableStatement(first) && first.declarationList.declarations.length === 1 ? first.declarationList.declarations[0] : undefined;
  let init = d?.initializer && skipOuter(ts, d.initializer);
  // also through an unpacking helper it is passed to first, `const [l, c, h] = unpack(args, 'lch')`
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.arguments.length) init = skipOuter(ts, init.arguments[0]);
  if (!d || !init || !ts.isIdentifier(init) || init.text !== name || !ts.isArrayBindingPattern(d.name) || d.name.elements.length !== size) return null;
  const names = d.name.elements.map((el) => (ts.isBindingElement(el) && !el.dotDotDotToken && !el.initializer && ts.isIdentifier(el.name) ? el.name.text : null));
  return names.every((x): x is string => x !== null) && new Set(names).size === size ? names : null;
}

/**
 * A method of a class that reads the same fields of `this` as of its parameter (`add(v) { return
 * new Vec2(this.x + v.x, this.y + v.y) }`, `cross(v)`, `sub(v)`): an operation on two objects of
 * the class, not a map of the parameter's fields (a matrix's `apply(v)`, reading `this.a` and
 * `v.x`, stays one).
 */
function pairsWithThis(ts: TypeScriptApi, fn: FunctionLike, keys: readonly string[]): boolean {
  if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent) || !fn.body) return false;
  const own = new Set<string>();
  walk(ts, fn.body, (n) => {
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) own.add(n.name.text);
  });
  return keys.every((k) => own.has(k));
}

/**
 * Whether some return of the body (not of a nested function) is an object literal that has every
 * one of `keys`, written there or in a local it returns (`const next = { x, v }; return next`).
 */
function returnsFields(ts: TypeScriptApi, body: TS.Node, keys: readonly string[]): boolean {
  const locals = new Map<string, TS.Expression>();
  walk(ts, body, (n) => {
    if (ts.isFunctionLike(n) && n !== body.parent) return 'skip';
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) locals.set(n.name.text, n.initializer);
    return undefined;
  });
  const has = (e: TS.Expression | undefined): boolean => {
    let o = e && skipOuter(ts, e);
    if (o && ts.isIdentifier(o)) o = locals.get(o.text) && skipOuter(ts, locals.get(o.text)!);
    if (!o || !ts.isObjectLiteralExpression(o)) return false;
    const own = new Set(o.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])));
    return keys.every((k) => own.has(k));
  };
  if (!ts.isBlock(body)) return has(body as TS.Expression);
  let found = false;
  walk(ts, body, (n) => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return 'skip';
    if (ts.isReturnStatement(n) && has(n.expression)) { found = true; return 'stop'; }
    return undefined;
  });
  return found;
}

/**
 * The properties read from `name` (`name.x`, or destructured in the body: `const { l, c: chroma }
 * = name`), in order of first use, when it is used only that way, else null. The variables are
 * the fields' names, or the names a destructuring binds. `plain`: every read is a number used
 * as it is, not called or read further (`name.items.length`, `name.label.trim()`).
 */
function propertyReads(ts: TypeScriptApi, body: TS.Node, name: string, plain = false, depth = 0, helpers = new Map<TS.Node, { keys: string[] } | null>()): { keys: string[]; variables: string[] } | null {
  const keys: string[] = [], variables: string[] = [];
  let other = false;
  const add = (key: string, variable: string) => {
    const i = keys.indexOf(key);
    if (i < 0) { keys.push(key); variables.push(variable); } else if (variables[i] !== variable) other = true;
  };
  walk(ts, body, (n): 'stop' | void => {
    if (other) return 'stop';
    if (!ts.isIdentifier(n) || n.text !== name) return;
    const p = n.parent;
    // the same word as a key (`x.c`, `{ c: chroma }`, `{ c: 1 }`) is not the parameter
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isBindingElement(p) && p.propertyName === n) || (ts.isPropertyAssignment(p) && p.name === n)) return;
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isObjectBindingPattern(p.name)) {
      for (const el of p.name.elements) {
        const key = el.propertyName ?? el.name;
        if (el.dotDotDotToken || el.initializer || !ts.isIdentifier(el.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) other = true;
        else add(key.text, el.name.text);
      }
      return;
    }
    const written = ts.isBinaryExpression(p.parent) && p.parent.left === p && p.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    const further = plain && ((ts.isCallExpression(p.parent) && p.parent.expression === p) || ((ts.isPropertyAccessExpression(p.parent) || ts.isElementAccessExpression(p.parent)) && p.parent.expression === p) ||
      (ts.isPrefixUnaryExpression(p.parent) || ts.isPostfixUnaryExpression(p.parent)) && (p.parent.operator === ts.SyntaxKind.PlusPlusToken || p.parent.operator === ts.SyntaxKind.MinusMinusToken));
    if (ts.isPropertyAccessExpression(p) && p.expression === n && !written && !further) add(p.name.text, p.name.text);
    else if (!fieldsOfHelper(p, n)) other = true;
  });
  return other || !keys.length ? null : { keys, variables };

  /**
   * `sub(uv, CENTER)`, `length(p)`: passed whole to a helper of the file (vec2 helpers of a
   * shader port) that only reads fields of that parameter (`a.x`, `({ x, y }) => …`): the fields
   * it reads are read here too, named as the fields (helpers of helpers, 3 deep).
   */
  function fieldsOfHelper(p: TS.Node, n: TS.Identifier): boolean {
    if (depth >= 3 || !ts.isCallExpression(p) || p.expression === n || !ts.isIdentifier(p.expression)) return false;
    const helper = functionNamed(ts, n.getSourceFile(), p.expression.text);
    const param = helper?.parameters[p.arguments.indexOf(n)];
    if (!helper?.body || !param || param.dotDotDotToken) return false;
    // each helper's parameter is looked at once per reading (a helper calling itself, or called
    // at many places, is not walked again: reading stays linear); while it is, it counts as no
    if (helpers.has(param)) {
      const known = helpers.get(param);
      if (!known) return false;
      for (const k of known.keys) add(k, k);
      return true;
    }
    helpers.set(param, null);
    let inner: { keys: string[] } | null = null;
    if (ts.isIdentifier(param.name)) inner = propertyReads(ts, helper.body, param.name.text, plain, depth + 1, helpers);
    else if (ts.isObjectBindingPattern(param.name)) {
      const ks: string[] = [];
      for (const el of param.name.elements) {
        const key = el.propertyName ?? el.name;
        if (el.dotDotDotToken || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) return false;
        ks.push(key.text);
      }
      inner = { keys: ks };
    }
    helpers.set(param, inner);
    if (!inner) return false;
    for (const k of inner.keys) add(k, k);
    return true;
  }
}

/** Every use of `name` writes an element of it (`name[0] = 0`) or returns it: it is where a result goes, not an input. */
function onlyWritten(ts: TypeScriptApi, body: TS.Node, name: string): boolean {
  let written = false, other = false;
  walk(ts, body, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name) return;
    const p = n.parent;
    if (ts.isElementAccessExpression(p) && p.expression === n && ts.isBinaryExpression(p.parent) && p.parent.left === p && p.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) written = true;
    else if (!ts.isReturnStatement(p)) other = true;
  });
  return written && !other;
}

/**
 * The parameters of a function written as vector libraries write them (gl-matrix's
 * `transformMat2(out, a, m)`, `rotateZ(out, a, origin, rad)`): per parameter, where the result
 * is written (out), the vector it maps (its entries are the variables), or another array or
 * number kept as symbols (m0, m1, …, rad).
 */
export type OutLayout = ReadonlyArray<
  | { readonly kind: 'out'; readonly size: number }
  | { readonly kind: 'vector'; readonly keys?: readonly string[] }
  | { readonly kind: 'array'; readonly name: string; readonly entries: readonly string[] }
  | { readonly kind: 'number'; readonly name: string }
  /** an object of settings whose fields are symbolic parameters (`ellipsoid.a`: ellipsoid_a) */
  | { readonly kind: 'settings'; readonly name: string }
  /** the next variable of the map, a number parameter */
  | { readonly kind: 'variable' }>;

/**
 * `(out, a, …)`: the first parameter is written by index and returned (every return is
 * `return out`), the first array parameter after it read by index with as many entries as out
 * receives is the vector; the others are arrays read by index or numbers (untyped, typed as
 * numbers or arrays of them, or a library's vector and matrix types such as `ReadonlyVec3`,
 * `mat2`). null: not this form.
 */
function outParameterLayout(
  ts: TypeScriptApi, fn: FunctionLike, params: readonly TS.ParameterDeclaration[], aliases: ReadonlyMap<string, TS.TypeNode>,
  typeOf: (p: TS.ParameterDeclaration) => TS.TypeNode | undefined, numberType: (t: TS.TypeNode | undefined, p?: TS.ParameterDeclaration) => ParamType,
  count: (e: TS.Expression) => number | null,
): { variables: string[]; tuple: boolean; type: ParamType; layout: OutLayout } | null {
  if (params.length < 2 || !fn.body || !ts.isBlock(fn.body) || !params.every((p) => ts.isIdentifier(p.name) && !p.initializer)) return null;
  const names = params.map((p) => (p.name as TS.Identifier).text);
  const returns: TS.ReturnStatement[] = [];
  walk(ts, fn.body, (n) => {
    if (ts.isFunctionLike(n)) return 'skip';
    if (ts.isReturnStatement(n)) returns.push(n);
    return undefined;
  });
  if (!returns.length || !returns.every((r) => r.expression && ts.isIdentifier(skipOuter(ts, r.expression)) && (skipOuter(ts, r.expression) as TS.Identifier).text === names[0])) return null;
  const arrayLike = (t: TS.TypeNode | undefined, depth = 0): boolean => !t || (depth < 4 && ts.isUnionTypeNode(t) && t.types.every((x) => arrayLike(plainType(ts, x, aliases), depth + 1))) ||
    (ts.isArrayTypeNode(t) && numberType(t.elementType) === 'number') || !!tupleElements(ts, t)?.every((x) => numberType(x) === 'number') ||
    (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && /^(Array|ReadonlyArray|Float64Array|Float32Array|(Readonly)?(Vec\d|Mat\d|Quat\d?)\w*|(vec\d|mat\d|quat\d?)\w*)$/.test(t.typeName.text));
  const size = arrayLike(typeOf(params[0])) ? arrayUses(ts, fn.body, names[0], count)?.length ?? 0 : 0;
  if (size < 2) return null;
  const layout: Array<OutLayout[number]> = [{ kind: 'out', size }];
  let variables: string[] | null = null;
  for (let i = 1; i < params.length; i++) {
    const t = typeOf(params[i]);
    const entries = arrayLike(t) ? arrayUses(ts, fn.body, names[i], count) : null;
    if (entries && !variables && entries.length === size) { variables = entries; layout.push({ kind: 'vector' }); }
    else if (entries) layout.push({ kind: 'array', name: names[i], entries });
    else if (numberType(t, params[i]) !== 'other') layout.push({ kind: 'number', name: names[i] });
    else return null;
  }
  return variables ? { variables, tuple: true, type: 'untyped', layout } : null;
}

/**
 * How a function uses its one array parameter `name`: the names of a destructuring
 * `const [a, b] = name` in its body, or name0, name1, ... up to the largest constant index
 * read (`name[1]`); null when it is used neither way.
 */
function arrayUses(ts: TypeScriptApi, body: TS.Node, name: string, count: (e: TS.Expression) => number | null, depth = 0, memo = new Map<string, string[] | null>()): string[] | null {
  // each helper's use of a parameter is read once per depth (a helper that calls itself on its
  // parameter many times was read again at every call, three levels deep: hours on a 10 kB file)
  const key = `${body.pos}:${body.end}:${name}:${depth}`;
  if (memo.has(key)) return memo.get(key)!;
  const found = arrayUsesOnce(ts, body, name, count, depth, memo);
  memo.set(key, found);
  return found;
}

function arrayUsesOnce(ts: TypeScriptApi, body: TS.Node, name: string, count: (e: TS.Expression) => number | null, depth: number, memo: Map<string, string[] | null>): string[] | null {
  let pattern: string[] | null = null;
  let maxIndex = -1;
  let other = false, sized = false;
  walk(ts, body, (n) => {
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      if (ts.isElementAccessExpression(p) && p.expression === n && ts.isNumericLiteral(p.argumentExpression)) maxIndex = Math.max(maxIndex, Number(p.argumentExpression.text));
      else if (ts.isElementAccessExpression(p) && p.expression === n && loopCount(ts, p, count) >= 1) maxIndex = Math.max(maxIndex, loopCount(ts, p, count) - 1);
      else if (ts.isCallExpression(p) && p.expression !== n && ts.isIdentifier(p.expression) && depth < 3 && functionNamed(ts, n.getSourceFile(), p.expression.text)) {
        // passed whole to a helper of the file: how the helper indexes its parameter
        const helper = functionNamed(ts, n.getSourceFile(), p.expression.text);
        const k = p.arguments.indexOf(n);
        const param = helper?.parameters[k];
        const inner = param && ts.isIdentifier(param.name) && helper?.body ? arrayUses(ts, helper.body, param.name.text, count, depth + 1, memo) : null;
        if (inner) maxIndex = Math.max(maxIndex, inner.length - 1);
        else other = true;
      } else if (ts.isCallExpression(p) && p.expression !== n && MATRIX_PRODUCT.test(p.expression.getText())) {
        // passed with a constant k×k matrix to a product helper that is not in the file (multiply(v, M)): k entries
        const k = p.arguments.reduce((size, a) => (a === n ? size : Math.max(size, matrixSize(ts, n.getSourceFile(), a))), 0);
        if (k >= 2) maxIndex = Math.max(maxIndex, k - 1);
        else other = true;
      }
      // its length read (`v.length - 1`): an array of whatever size the caller passes, no point of fixed size
      else if (ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === 'length') sized = true;
      // a part of it (`x.subarray(0, HALF)`, `x.slice(2)`): entries up to a known end are read
      else if (ts.isPropertyAccessExpression(p) && p.expression === n && (p.name.text === 'slice' || p.name.text === 'subarray') && ts.isCallExpression(p.parent) && p.parent.expression === p) {
        const end = p.parent.arguments[1] ? count(p.parent.arguments[1]) : null;
        if (end !== null && Number.isInteger(end) && end >= 1) maxIndex = Math.max(maxIndex, end - 1);
      }
      else if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isArrayBindingPattern(p.name)) {
        const names = p.name.elements.map((el) => (!ts.isOmittedExpression(el) && !el.dotDotDotToken && ts.isIdentifier(el.name) ? el.name.text : null));
        if (names.every((x): x is string => x !== null) && (!pattern || names.length > pattern.length)) pattern = names;
        else other = true;
      } else if (!(ts.isPropertyAccessExpression(p) && p.name === n)) other = true;
    }
  });
  const pat = pattern as string[] | null;
  // (a point of more coordinates than a map takes, `v[5937099]` in a mutation, is no map's point:
  // its millions of variables were made and read)
  if (sized || Math.max(maxIndex + 1, pat?.length ?? 0) > MAX_CODE_PARAMETERS) return null;
  if (pat && pat.length > maxIndex) return pat;
  if (maxIndex >= 1 || (maxIndex === 0 && !other)) return Array.from({ length: maxIndex + 1 }, (_, i) => `${name}${i}`);
  return null;
}

/**
 * `a[…i…]` inside `for (let i = 0; i < N; i++)` with N known while reading (a constant of the
 * file or one it imports): a has N entries. 0 when the index uses no such loop's variable.
 */
function loopCount(ts: TypeScriptApi, access: TS.ElementAccessExpression, count: (e: TS.Expression) => number | null): number {
  const used = new Set<string>();
  walk(ts, access.argumentExpression, (x) => { if (ts.isIdentifier(x)) used.add(x.text); });
  for (let up: TS.Node | undefined = access.parent; up && !ts.isFunctionLike(up); up = up.parent) {
    if (!ts.isForStatement(up) || !up.initializer || !ts.isVariableDeclarationList(up.initializer) || !up.condition) continue;
    const d = up.initializer.declarations[0];
    const start = d?.initializer && skipOuter(ts, d.initializer);
    const cond = skipOuter(ts, up.condition);
    if (!d || !ts.isIdentifier(d.name) || !used.has(d.name.text) || !start || !ts.isNumericLiteral(start) || start.text !== '0') continue;
    if (!ts.isBinaryExpression(cond) || !ts.isIdentifier(cond.left) || cond.left.text !== d.name.text) continue;
    const op = cond.operatorToken.kind;
    if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) continue;
    const k = count(cond.right);
    if (k === null || !Number.isInteger(k) || k < 1 || k > 1000) continue;
    const steps = op === ts.SyntaxKind.LessThanToken ? k : k + 1;
    // the largest index the loop reads (`x[HALF + i]` with i < HALF reads up to 2 HALF - 1)
    let top = -1;
    for (let i = 0; i < steps; i++) {
      const at = indexAt(ts, access.argumentExpression, d.name.text, i, count);
      if (at === null) return steps;
      top = Math.max(top, at);
    }
    return top + 1;
  }
  return 0;
}

/** The value of an index expression with the loop variable `name` at `i` (+ - * % of known numbers), or null. */
function indexAt(ts: TypeScriptApi, e: TS.Expression, name: string, i: number, count: (e: TS.Expression) => number | null): number | null {
  const x = skipOuter(ts, e);
  if (ts.isIdentifier(x) && x.text === name) return i;
  if (ts.isBinaryExpression(x)) {
    const a = indexAt(ts, x.left, name, i, count), b = indexAt(ts, x.right, name, i, count);
    if (a === null || b === null) return null;
    switch (x.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken: return a + b;
      case ts.SyntaxKind.MinusToken: return a - b;
      case ts.SyntaxKind.AsteriskToken: return a * b;
      case ts.SyntaxKind.PercentToken: return b > 0 ? a % b : null;
      default: return null;
    }
  }
  const k = count(x);
  return k !== null && Number.isInteger(k) ? k : null;
}

/**
 * The sizes of the constant vectors and matrices of the file that `body` (or a helper of the
 * file it calls, three calls deep) reads by name: a top-level const holding an array literal
 * of k numbers (a vector: k) or of rows of c entries (a matrix: c, what it multiplies).
 */
function constantSizes(ts: TypeScriptApi, sf: TS.SourceFile, body: TS.Node, seen: Set<TS.Node>, depth = 0): Set<number> {
  const out = new Set<number>();
  walk(ts, body, (n) => {
    if (!ts.isIdentifier(n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) return;
    const init = constInit(ts, sf, n.text);
    const a = init && skipOuter(ts, init);
    if (a && ts.isArrayLiteralExpression(a) && a.elements.length) {
      const k = literalSize(ts, a);
      if (k) out.add(k);
      return;
    }
    const helper = depth < 3 && ts.isCallExpression(n.parent) && n.parent.expression === n ? functionNamed(ts, sf, n.text) : undefined;
    if (helper?.body && !seen.has(helper)) {
      seen.add(helper);
      for (const k of constantSizes(ts, sf, helper.body, seen, depth + 1)) out.add(k);
    }
  });
  return out;
}

/** The size of a vector (k numbers: k) or a matrix (rows of c entries: c) written as an array literal, or 0. */
function literalSize(ts: TypeScriptApi, a: TS.ArrayLiteralExpression): number {
  const rows = a.elements.map((r) => skipOuter(ts, r));
  if (!rows.length) return 0;
  if (rows.every((r) => ts.isArrayLiteralExpression(r))) {
    const c = (rows[0] as TS.ArrayLiteralExpression).elements.length;
    return rows.every((r) => (r as TS.ArrayLiteralExpression).elements.length === c) ? c : 0;
  }
  return rows.some((r) => ts.isArrayLiteralExpression(r) || ts.isSpreadElement(r)) ? 0 : rows.length;
}

/** The initializer of a top-level const of the file. */
function constInit(ts: TypeScriptApi, sf: TS.SourceFile, name: string): TS.Expression | undefined {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d.initializer;
  }
  return undefined;
}

/**
 * The size k of a constant k×k matrix written as nested array literals, directly or through
 * top-level consts of the file and properties of their object literals (`M.toLms`); 0 when it
 * is not one.
 */
function matrixSize(ts: TypeScriptApi, sf: TS.SourceFile, e: TS.Expression, depth = 0): number {
  if (depth > 8) return 0;
  const x = skipOuter(ts, e);
  if (ts.isArrayLiteralExpression(x)) {
    const k = x.elements.length;
    return k >= 2 && x.elements.every((row) => ts.isArrayLiteralExpression(skipOuter(ts, row)) && (skipOuter(ts, row) as TS.ArrayLiteralExpression).elements.length === k) ? k : 0;
  }
  // a top-level const, or a local of the function that uses it (`var M = [[…], …]; return multiply(M, rgb)`)
  const init = (name: string) => constInit(ts, sf, name) ?? localInit(ts, e, name);
  if (ts.isIdentifier(x)) { const i = init(x.text); return i ? matrixSize(ts, sf, i, depth + 1) : 0; }
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression)) {
    const obj = init(x.expression.text);
    const o = obj && skipOuter(ts, obj);
    if (!o || !ts.isObjectLiteralExpression(o)) return 0;
    const prop = o.properties.find((q): q is TS.PropertyAssignment => ts.isPropertyAssignment(q) && (ts.isIdentifier(q.name) || ts.isStringLiteral(q.name)) && q.name.text === x.name.text);
    return prop ? matrixSize(ts, sf, prop.initializer, depth + 1) : 0;
  }
  return 0;
}

/** The initial value of a local named `name` declared in a block around `at`, within its function. */
function localInit(ts: TypeScriptApi, at: TS.Node, name: string): TS.Expression | undefined {
  for (let n: TS.Node | undefined = at.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isBlock(n)) {
      for (const st of n.statements) {
        if (!ts.isVariableStatement(st)) continue;
        const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
        if (d?.initializer) return d.initializer;
      }
    }
    if (ts.isFunctionLike(n)) break;
  }
  return undefined;
}

/** A top-level function of the file by name (a declaration, or a function bound to a const). */
function functionNamed(ts: TypeScriptApi, sf: TS.SourceFile, name: string): FunctionLike | undefined {
  // the file's top-level functions by name, gathered once per file (the first of a name)
  let byName = functionsOfFile.get(sf);
  if (!byName) {
    byName = new Map();
    const put = (n: string, f: FunctionLike) => { if (!byName!.has(n)) byName!.set(n, f); };
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name && st.body) put(st.name.text, st);
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer) continue;
          const f = skipOuter(ts, d.initializer);
          if (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) put(d.name.text, f);
        }
      }
    }
    functionsOfFile.set(sf, byName);
  }
  return byName.get(name);
}
const functionsOfFile = new WeakMap<TS.SourceFile, Map<string, FunctionLike>>();

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
  // a local array returned by name (`const out = [0, 0]; out[0] = …; return out`)
  const arrays = new Map<string, TS.Expression>();
  walk(ts, fn.body, (node) => {
    if (node !== fn.body && ts.isFunctionLike(node)) return 'skip';
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) arrays.set(node.name.text, node.initializer);
    return undefined;
  });
  const isShaped = (x: TS.Expression, depth = 0): boolean => {
    const e = skipOuter(ts, x);
    if (ts.isIdentifier(e) && depth === 0 && arrays.has(e.text)) return isShaped(arrays.get(e.text)!, 1);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) return isShaped(e.right, depth);
    // entries that are all arrays or objects are points, not numbers (`[[x0, y0], [x1, y1]]`)
    const nested = (xs: readonly TS.Expression[]) => xs.length > 0 && xs.every((x) => { const y = skipOuter(ts, x); return ts.isArrayLiteralExpression(y) || ts.isObjectLiteralExpression(y); });
    return (ts.isConditionalExpression(e) && (isShaped(e.whenTrue) || isShaped(e.whenFalse))) ||
      (ts.isArrayLiteralExpression(e) && e.elements.length === n && !e.elements.some(ts.isSpreadElement) && !nested(e.elements)) ||
      (ts.isObjectLiteralExpression(e) && e.properties.length === n && e.properties.every((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
        !nested(e.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : (p as TS.ShorthandPropertyAssignment).name))));
  };
  // a getter/setter that asks how it was called (`arguments.length ? (x = _, this) : x`) is an accessor
  let accessor = false;
  walk(ts, fn.body, (node) => {
    if (node !== fn.body && ts.isFunctionLike(node)) return 'skip';
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'arguments' && node.name.text === 'length') { accessor = true; return 'stop'; }
    return undefined;
  });
  if (accessor) return false;
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
    // a call computes when it is given something and its result is used: not `create()`, not
    // `console.log(x, y)` or `this.emit(…)` said as a statement (a helper writing into an array,
    // `multiply(m, v, out);`, still does)
    else if (calls && ts.isCallExpression(n) && n.arguments.length > 0 && !(ts.isExpressionStatement(n.parent) && ts.isPropertyAccessExpression(n.expression))) found = true;
    // a constant component ([x, y, 0]): a projection, not parameters packed into an array
    else if (ts.isNumericLiteral(n) && ts.isArrayLiteralExpression(n.parent)) found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}

/** Components that compute: arithmetic, a known function or a constant somewhere (not only inputs and unknown functions of them). */
/** Every piece's components are inputs or numbers: the map only orders, picks or clamps its inputs. */
function onlyMoves(read: Extract<ReadPieces, { kind: 'map' }>, variables: readonly string[]): boolean {
  // a number may be written as constants (`-halfPi + epsilon` in a clamp of a latitude)
  const vars = new Set(variables);
  const constant = (e: Expr) => !someExpr(e, (x) => x.k === 'sym' && vars.has(x.name));
  // an angle brought into one turn (`h % 360`, then `+ 360` where negative): the input moved by whole turns
  const wrapped = (e: Expr): boolean => (e.k === 'call' && e.fn === 'rem' && e.args[0].k === 'sym' && constant(e.args[1])) ||
    (e.k === 'add' && e.args.filter((x) => !constant(x)).length === 1 && e.args.every((x) => constant(x) || wrapped(x)));
  return [...read.components, ...(read.pieces ?? []).flatMap((p) => p.components)].every((e) => e.k === 'sym' || constant(e) || wrapped(e));
}

function computesResult(read: Extract<ReadPieces, { kind: 'map' }>): boolean {
  const computing = (e: Expr): boolean => e.k === 'num' || e.k === 'add' || e.k === 'mul' || e.k === 'pow' || e.k === 'neg' ||
    (e.k === 'call' && (isKnownFunction(e.fn) || e.args.some(computing)));
  return [...read.components, ...(read.pieces ?? []).flatMap((p) => p.components)].some(computing);
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
function moduleConstants(translator: Translator, module: ModuleInfo): Map<string, Expr> {
  const out = new Map<string, Expr>(translator.parameters);
  for (const [name, b] of module.bindings) {
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
