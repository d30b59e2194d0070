/**
 * TypeScript/JavaScript syntax trees -> values, by reading the code symbolically: a function
 * is "called" with symbols for its parameters and its statements are followed in order
 * (locals bound and reassigned, array elements written, `if` and `?:` becoming conditional
 * values, loops with constant bounds unrolled), calls of functions of the workspace are
 * inlined, and names of modules that cannot be read stay symbolic. Nothing is evaluated: the
 * user's code is only read.
 *
 * Two ways out: `Blocked` (the code looks like arithmetic but uses what cannot be analysed,
 * said in words at the node) and `NotAMap` (plainly something else: strings, callbacks,
 * await).
 */
import type * as TS from 'typescript';
import { CONSTANTS, Expr, add, call, children, div, exprKey, mul, neg, num, pow, someExpr, sub, sym, symbolsOf } from '../../math/expr';
import { isKnownFunction } from '../../math/functions';
import { Comparison, Condition, FALSE, TRUE, and, cmp, conditionKey, not, or } from '../../math/condition';
import type { TypeScriptApi } from './loader';
import { MAX_NESTING, dict, tooDeep } from '../../limits';
import { TOO_LARGE_NUMBER } from '../plainExpr';
import { constantValue } from '../resolve';
import { walk } from './walk';
import { ModuleBinding, ModuleInfo, Modules, assignedNames, boundNames } from './modules';
import { CountedMap, CountedSet, Decided, FunctionLike, OUTSIDE, Scope, Value, branchCount, choose, conditional, isNumber, isOutside, lift, lift2, liftUnder, leaves as leavesOf, numberKey, scalar, splitOutside, truthOf } from './values';

export type { FunctionLike, Value } from './values';
export { Scope } from './values';

export class Blocked extends Error {
  /** `limit`: the input is past a stated limit (nesting, a number too large), said as a warning even where the function only looks like a map. */
  constructor(message: string, readonly node: TS.Node, readonly limit = false) { super(message); }
}

export class NotAMap extends Error {}

/** Math.* functions with a known function of the same name (functions.ts), and their arities. */
export const MATH_FUNCTIONS: Readonly<Record<string, number>> = dict({
  exp: 1, log: 1, log10: 1, log2: 1, log1p: 1, expm1: 1, sqrt: 1, cbrt: 1, abs: 1, sign: 1,
  sin: 1, cos: 1, tan: 1, asin: 1, acos: 1, atan: 1, sinh: 1, cosh: 1, tanh: 1, asinh: 1, acosh: 1, atanh: 1,
  atan2: 2,
});

/** Math.* constants as expressions. */
const MATH_CONSTANTS: Readonly<Record<string, () => Expr>> = dict({
  PI: () => sym('pi'),
  E: () => sym('e'),
  SQRT2: () => call('sqrt', num(2)),
  SQRT1_2: () => div(num(1), call('sqrt', num(2))),
  LN2: () => call('log', num(2)),
  LN10: () => call('log', num(10)),
  LOG2E: () => div(num(1), call('log', num(2))),
  LOG10E: () => div(num(1), call('log', num(10))),
});

/**
 * Names of constants that libraries export from their own math modules, by their usual
 * meaning (lower case, as written in words): taken as these values when the module cannot be
 * read, and said so.
 */
const CONSTANT_NAMES: Readonly<Record<string, readonly [() => Expr, string]>> = dict({
  pi: [() => sym('pi'), 'π'], tau: [() => mul(num(2), sym('pi')), '2π'], twopi: [() => mul(num(2), sym('pi')), '2π'],
  halfpi: [() => div(sym('pi'), num(2)), 'π/2'], quarterpi: [() => div(sym('pi'), num(4)), 'π/4'],
  e: [() => sym('e'), 'e'], sqrt2: [MATH_CONSTANTS.SQRT2, '√2'], sqrt1_2: [MATH_CONSTANTS.SQRT1_2, '1/√2'],
  ln2: [MATH_CONSTANTS.LN2, 'log 2'], ln10: [MATH_CONSTANTS.LN10, 'log 10'], log2e: [MATH_CONSTANTS.LOG2E, '1/log 2'], log10e: [MATH_CONSTANTS.LOG10E, '1/log 10'],
});

/** Math.* functions that are read but not analysed, with the reason. */
const MATH_UNSUPPORTED: Readonly<Record<string, string>> = dict({
  random: 'Math.random() is random, not a function of the inputs',
  floor: 'Math.floor is a step function (derivative 0, jumps) and is not analysed',
  ceil: 'Math.ceil is a step function (derivative 0, jumps) and is not analysed',
  round: 'Math.round is a step function (derivative 0, jumps) and is not analysed',
  trunc: 'Math.trunc is a step function (derivative 0, jumps) and is not analysed',
  fround: 'Math.fround rounds to 32 bits and is not analysed',
  imul: 'Math.imul is integer arithmetic and is not analysed',
  clz32: 'Math.clz32 is integer arithmetic and is not analysed',
});

/** Methods of strings (and of numbers, making strings): a value used with them is text, not numbers. */
const STRING_METHODS: ReadonlySet<string> = new Set(['replace', 'replaceAll', 'match', 'matchAll', 'split', 'trim', 'trimStart', 'trimEnd', 'padStart', 'padEnd',
  'charAt', 'charCodeAt', 'codePointAt', 'substr', 'substring', 'startsWith', 'endsWith', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase',
  'toLocaleLowerCase', 'localeCompare', 'normalize', 'repeat', 'search', 'toFixed', 'toPrecision', 'toExponential', 'toString']);

/** The most entries an array written past its end is left without (holes until written: `f[1] = …; f[0] = …`). */
const MAX_HOLES = 64;

/** Names of helpers that multiply (matrix times vector) when their module cannot be read. */
export const MATRIX_PRODUCT = /mul|dot|product|transform/i;
/**
 * Names of helpers that bring an angle into one turn (constrainAngle, wrapHue, normalizeDegrees,
 * angleMod) when their module cannot be read: called with one number, the identity up to whole
 * turns, so J and det J are those of the angle itself (away from the wrap).
 */
export const ANGLE_WRAP = /^(?:(?:constrain|wrap|normali[sz]e|reduce|fix|mod)_?(?:angle|hue|deg(?:ree)?s?|rad(?:ian)?s?|lon(?:gitude)?|lng|heading|bearing)|(?:angle|hue|deg(?:ree)?s?|rad(?:ian)?s?|lon(?:gitude)?|lng|heading|bearing)_?(?:wrap|mod|normali[sz]ed?|constrain(?:ed)?))$/i;

/** Class names of a point or vector (Vector2, Vec3, Point, Point2D; a digit is the number of coordinates). */
export const POINT_CLASS = /^(?:Vec(?:tor)?|Point)([234])?(?:D|d|f)?$/;

const MAX_CALL_DEPTH = 24;
/** Statements and expressions read for one map; past it the function is said to be too long. */
const MAX_STEPS = 40000;
/** Plain values under the conditionals of one value (pieces of a piecewise map). */
export const MAX_BRANCHES = 64;
const MAX_LOOP = 1000;
/** A value this large in a loop that grew by half in one step is an iteration (see `growth`). */
const GROWN = 400;
/** Where counting a value's size stops. */
const MAX_SIZE = 1_000_000;
/** Entries of an array made while reading (new Array(k), push). */
const MAX_ARRAY = 1000;

/**
 * p5.js's global math (global mode): its functions named as Math's, and its own (`sq`, `lerp`,
 * `map`, …) with p5's meanings, named `p5.<name>` and read in `mathCall`; its constants.
 */
const P5_MATH = new Set(['sqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'exp', 'log', 'pow', 'abs', 'min', 'max']);
const P5_TRIG = new Set(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2']);
const P5_OWN: Readonly<Record<string, readonly [number, (xs: Expr[]) => Expr]>> = dict({
  sq: [1, ([x]) => pow(x, num(2))],
  degrees: [1, ([x]) => div(mul(x, num(180)), sym('pi'))],
  radians: [1, ([x]) => div(mul(x, sym('pi')), num(180))],
  lerp: [3, ([a, b, t]) => add(a, mul(sub(b, a), t))],
  mag: [2, ([a, b]) => call('hypot', a, b)],
  dist: [4, ([x1, y1, x2, y2]) => call('hypot', sub(x2, x1), sub(y2, y1))],
  norm: [3, ([v, a, b]) => div(sub(v, a), sub(b, a))],
  map: [5, ([v, a, b, c, d]) => add(c, div(mul(sub(v, a), sub(d, c)), sub(b, a)))],
});
const P5_CONSTANTS: Readonly<Record<string, number>> = dict({ PI: 1, TWO_PI: 2, TAU: 2, HALF_PI: 0.5, QUARTER_PI: 0.25 });

/** A name of p5.js's math: a function, one of its own helpers or a constant. */
const isP5Name = (name: string): boolean => P5_MATH.has(name) || !!P5_OWN[name] || !!P5_CONSTANTS[name];

const isMathName = (name: string) => Object.prototype.hasOwnProperty.call(MATH_FUNCTIONS, name) || name === 'pow' || name === 'hypot' || name === 'min' || name === 'max';

/** Whether `node` reads the name `name` anywhere in it. */
function mentions(ts: TypeScriptApi, node: TS.Node, name: string): boolean {
  let found = false;
  walk(ts, node, (n) => (ts.isIdentifier(n) && n.text === name ? ((found = true), 'stop') : undefined));
  return found;
}

/** The function a `this` inside `node` belongs to (arrow functions have none of their own). */
function thisOwner(ts: TypeScriptApi, node: TS.Node): TS.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isFunctionLike(n)) return n;
  }
  return undefined;
}

/** `C[i][j]`: element accesses rooted at a local of the function being read (its own scope). */
function localRoot(ts: TypeScriptApi, e: TS.ElementAccessExpression, scope: Scope): boolean {
  let x: TS.Expression = e;
  while (ts.isElementAccessExpression(x)) x = skipOuter(ts, x.expression);
  return ts.isIdentifier(x) && scope.has(x.text);
}

/**
 * A Math function of numbers whose value is a whole number (`Math.cos(0)`, `Math.sin(0)` of a
 * twist angle 0 in a DH table, `Math.sqrt(4)`): that number; any other value stays a call (sqrt(2)).
 */
function foldWhole(name: string, xs: readonly Expr[]): Expr | null {
  if (!xs.every((x) => x.k === 'num')) return null;
  const f = (Math as unknown as Record<string, (...a: number[]) => number>)[name];
  const v = f(...xs.map((x) => (x as { v: number }).v));
  return Number.isInteger(v) ? num(v) : null;
}

/** Operators on the bits of integers (and their assignments). */
const BIT_OPERATORS = new Set(['|', '&', '^', '<<', '>>', '>>>', '|=', '&=', '^=', '<<=', '>>=', '>>>=']);

export class Translator {
  /** Constants of the document used by the maps read so far (the report's parameters). */
  readonly parameters = new CountedMap<string, Expr>();
  /** Fields read through `this` by the current map: symbol -> the text it stands for (`m_4` -> `this.m[4]`). */
  private fields = new Map<string, string>();
  /** What the reader chose for the user while reading the current map, in words. */
  assumed: Set<string> = new CountedSet<string>();
  /** Names taken to be Math's functions, by the reason their module is not read: said in one line each (`assumedLines`). */
  private readonly mathTaken = new Map<string, Array<[string, string]>>();
  /** p5.js global names read in this map, and why the file is a sketch. */
  private readonly p5Taken = new Map<string, string>();
  /** The map function's own locals bound once (`const c = Math.cos(angle)`), in order: names for the shown forms. */
  locals = new Map<string, Expr | null>();
  /** Exact equality tests of the current map taken to fail (`exactEquality`), as written. */
  private equalities: string[] = [];
  /** Source text of the tests the current map's conditions come from, by condition key. */
  readonly conditionText = new CountedMap<string, string>();
  /**
   * Calls of helpers read in the current map, by function, depth, the versions of the scopes it
   * closes over and its arguments (numbers, possibly under conditions): the value and the steps
   * it took. A call is kept only when reading it changed nothing outside it (no scope it sees, no
   * parameter, condition text or assumption): reading it again would give the same value and
   * change nothing, so a thousand calls of one helper with the same arguments are read once.
   */
  private calls = new Map<FunctionLike, Map<string, { readonly value: Value; readonly steps: number }>>();
  private readonly scopeIds = new WeakMap<Scope, number>();
  private scopeCount = 0;
  private readonly constValues = new Map<string, Value | 'pending'>();
  private readonly callStack: FunctionLike[] = [];
  private readonly moduleOfFile = new Map<TS.SourceFile, ModuleInfo>();
  /** Variables of the map being read: a constant of the same name is inlined, never a symbol. */
  private variables: ReadonlySet<string> = new Set();
  /** The map's dimension: results of unknown functions used as arrays have this many components. */
  private dimension = 2;
  private steps = 0;

  constructor(
    private readonly ts: TypeScriptApi,
    private readonly modules: Modules,
    private readonly root: ModuleInfo,
  ) {
    this.moduleOfFile.set(root.sf, root);
  }

  /**
   * What the reader chose for the current map, in words: the names taken to be Math's from one
   * unread module in one line (`cos, sin are taken to be Math.cos, Math.sin: "mathjs" is a package…`).
   */
  assumedLines(): string[] {
    const math = [...this.mathTaken].map(([why, names]) => names.length === 1
      ? `${names[0][0]} is taken to be Math.${names[0][1]}: ${why}`
      : `${names.map(([l]) => l).join(', ')} are taken to be ${names.map(([, o]) => `Math.${o}`).join(', ')}: ${why}`);
    const why = [...new Set(this.p5Taken.values())];
    const p5 = this.p5Taken.size ? [`${[...this.p5Taken.keys()].join(', ')} ${this.p5Taken.size === 1 ? 'is' : 'are'} p5.js's global math (sq(x) = x², map, lerp as p5 defines them; in instance mode on the sketch's parameter): this file is a p5 sketch (${why.join(', ')})`] : [];
    return [...math, ...p5, ...this.assumed];
  }

  /** Start reading a map of these variables. */
  begin(variables: readonly string[]): void {
    this.variables = new Set(variables);
    this.dimension = variables.length;
    this.assumed = new CountedSet();
    this.mathTaken.clear();
    this.p5Taken.clear();
    this.equalities = [];
    this.locals = new Map();
    this.steps = 0;
    this.calls = new Map();
    this.fields = new Map();
  }

  /** The scopes a function closes over, each with its version (see `calls`). */
  private closureKey(scope: Scope | null): string {
    let k = '';
    for (let s = scope; s; s = s.parent) {
      let id = this.scopeIds.get(s);
      if (id === undefined) { id = ++this.scopeCount; this.scopeIds.set(s, id); }
      k += `${id}.${s.version};`;
    }
    return k;
  }

  /** What reading a call may change outside it (see `calls`). */
  private changes(): number {
    return this.parameters.changes + this.conditionText.changes + (this.assumed as CountedSet<string>).changes;
  }

  /** Read `fn` with its parameters bound to `args` (argument nodes: arrays the callee writes into are copied back). */
  callFunction(fn: FunctionLike, args: readonly Value[], scope: Scope | null, site: TS.Node, argNodes?: readonly TS.Expression[], caller?: Scope | null): Value {
    const ts = this.ts;
    if (this.callStack.includes(fn)) throw new Blocked(`${this.fnName(fn)} calls itself: recursion is not analysed`, site);
    if (this.callStack.length >= MAX_CALL_DEPTH) throw new Blocked('calls nest too deeply to be inlined', site);
    if (fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) throw new NotAMap();
    // a helper (not the map itself) called with numbers: read once per arguments and closure (see `calls`)
    const keys = this.callStack.length ? args.map(numberKey) : [];
    const closure = keys.every((k) => k !== null) ? this.closureKey(scope) : '';
    const key = keys.length && keys.every((k) => k !== null) ? `${this.callStack.length}|${closure}|${keys.join(';')}` : null;
    if (key !== null) {
      const known = this.calls.get(fn)?.get(key);
      if (known) {
        this.steps += known.steps;
        if (this.steps > MAX_STEPS) throw new Blocked('the function is too long to read (too many steps or branches)', site);
        return known.value;
      }
      const steps0 = this.steps, changes0 = this.changes();
      const value = this.readCall(fn, args, scope, site, argNodes, caller);
      if (this.changes() === changes0 && this.closureKey(scope) === closure) {
        let byArgs = this.calls.get(fn);
        if (!byArgs) { byArgs = new Map(); this.calls.set(fn, byArgs); }
        byArgs.set(key, { value, steps: this.steps - steps0 });
      }
      return value;
    }
    return this.readCall(fn, args, scope, site, argNodes, caller);
  }

  private readCall(fn: FunctionLike, args: readonly Value[], scope: Scope | null, site: TS.Node, argNodes?: readonly TS.Expression[], caller?: Scope | null): Value {
    const ts = this.ts;
    const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
    const local = new Scope(scope);
    this.callStack.push(fn);
    this.argumentCounts.set(fn, [...(this.argumentCounts.get(fn) ?? []), args.length]);
    try {
      this.bindParameters(params, args, local);
      if (!fn.body) throw new Blocked(`${this.fnName(fn)} has no body to read`, site);
      // `var` names are the function's from its first line (JavaScript hoists them): undefined until assigned
      if (ts.isBlock(fn.body)) for (const name of hoistedVars(ts, fn.body)) if (!local.has(name)) local.set(name, { t: 'none', what: 'undefined' });
      const result = ts.isBlock(fn.body) ? this.exec(fn.body.statements, local) : this.value(fn.body, local);
      // arrays the callee wrote into are the caller's too (JavaScript passes them by reference)
      if (argNodes && caller) {
        params.forEach((p, i) => {
          const node = argNodes[i];
          if (!node || !ts.isIdentifier(p.name)) return;
          const after = local.names.get(p.name.text);
          const e = skipOuter(ts, node);
          if (after && args[i]?.t === 'tuple' && after.t === 'tuple' && after !== args[i] && ts.isIdentifier(e) && caller.has(e.text) && caller.names.get(e.text) === args[i] && this.wrote.has(after)) {
            caller.set(e.text, after);
          }
        });
      }
      if (result === null) {
        if (ts.isBlock(fn.body)) throw new Blocked(`${this.fnName(fn)} ends without a return`, fn.name ?? fn);
        return { t: 'none', what: 'undefined' };
      }
      return result;
    } catch (err) {
      // what stops a helper of another file is said at the call in the document, naming the place
      const inner = err instanceof Blocked ? err.node.getSourceFile() : null;
      if (err instanceof Blocked && inner !== this.root.sf && site.getSourceFile() === this.root.sf) {
        const at = inner!.getLineAndCharacterOfPosition(err.node.getStart(inner!));
        const file = inner!.fileName.split(/[\\/]/).pop();
        throw new Blocked(`${err.message} (in ${this.fnName(fn)}, ${file} line ${at.line + 1})`, site, err.limit);
      }
      throw err;
    } finally {
      this.callStack.pop();
      this.argumentCounts.get(fn)!.pop();
    }
  }

  /** Bind parameters to the arguments of a call: defaults, a rest parameter, destructuring. */
  private bindParameters(params: readonly TS.ParameterDeclaration[], args: readonly Value[], local: Scope): void {
    params.forEach((p, i) => {
      // a rest parameter (the last) is the array of the arguments from its place on
      if (p.dotDotDotToken) { this.bind(p.name, { t: 'tuple', items: args.slice(i) }, local, p); return; }
      let v = args[i];
      if (v === undefined || (v.t === 'none' && v.what === 'undefined')) {
        // a string by default (`mode = 'rgb'`) is a label, as a string passed is
        if (p.initializer && isLabel(this.ts, p.initializer)) v = { t: 'label', text: (skipOuter(this.ts, p.initializer) as TS.StringLiteral).text };
        else if (p.initializer) v = this.value(p.initializer, local);
        // a parameter the call leaves out is undefined, as JavaScript passes it (`solve(f, y)` with
        // `x = x === undefined ? 0 : x`); using it as a number is said where it is used
        else v = { t: 'none', what: 'undefined' };
      }
      this.bind(p.name, v, local, p);
    });
  }

  /** How many arguments each function being read was called with (its `arguments.length`), innermost last. */
  private readonly argumentCounts = new Map<FunctionLike, number[]>();

  /** Tuples made by writing an element (`a[0] = …`): what a callee did to an array it was given. */
  private readonly wrote = new WeakSet<Value>();

  private fnName(fn: FunctionLike): string {
    const n = fn.name;
    if (n && (this.ts.isIdentifier(n) || this.ts.isStringLiteral(n))) return n.text;
    const p = fn.parent;
    if (p && this.ts.isVariableDeclaration(p) && this.ts.isIdentifier(p.name)) return p.name.text;
    return 'this function';
  }

  private tick(at: TS.Node): void {
    if (++this.steps > MAX_STEPS) throw new Blocked('the function is too long to read (too many steps or branches)', at);
  }

  /** Bind a name or a destructuring pattern to a value. */
  private bind(name: TS.BindingName, v: Value, scope: Scope, at: TS.Node): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      if (this.callStack.length === 1) this.locals.set(name.text, v.t === 'num' && !this.locals.has(name.text) ? v.e : null);
      scope.set(name.text, v);
      return;
    }
    if (v.t === 'Math' && ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.propertyName ?? el.name;
        if (!ts.isIdentifier(key) || !ts.isIdentifier(el.name)) throw new Blocked('only plain names are destructured from Math', el);
        this.bind(el.name, this.mathMember(key.text, el), scope, el);
      }
      return;
    }
    if (v.t === 'free' && ts.isObjectBindingPattern(name)) {
      // fields of an object not known while reading (a factory's `config`): `const { k, m } =
      // config` names symbolic constants, as `config.k` reads one (named as the code names them)
      for (const el of name.elements) {
        if (el.dotDotDotToken || !ts.isIdentifier(el.name)) throw new Blocked('only plain names are destructured from an object that is not known while reading', el);
        const local = el.name.text;
        this.bind(el.name, { t: 'free', name: this.variables.has(local) ? `${local}_` : local, ...(v.unread ? { unread: v.unread } : {}) }, scope, el);
      }
      return;
    }
    if (v.t === 'free' && ts.isArrayBindingPattern(name)) {
      // `const [cx, cy] = this.center`: entries of an array not known while reading, center_0, center_1
      name.elements.forEach((el, i) => {
        if (ts.isOmittedExpression(el)) return;
        if (el.dotDotDotToken) throw new Blocked('rest elements (...rest) are not analysed', el);
        this.bind(el.name, this.freePart(v, i), scope, el);
      });
      return;
    }
    const t = this.asTuple(v, at);
    if (ts.isArrayBindingPattern(name)) {
      name.elements.forEach((el, i) => {
        if (ts.isOmittedExpression(el)) return;
        if (el.dotDotDotToken) throw new Blocked('rest elements (...rest) are not analysed', el);
        const item = i < t.items.length ? t.items[i] : undefined;
        if (!item && !el.initializer) throw new Blocked(`there is no element ${i} to destructure (the array has ${t.items.length})`, el);
        this.bind(el.name, item ?? this.value(el.initializer!, scope), scope, el);
      });
      return;
    }
    for (const el of name.elements) {
      if (el.dotDotDotToken) throw new Blocked('rest elements (...rest) are not analysed', el);
      const keyNode = el.propertyName ?? el.name;
      const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : null;
      const i = key !== null && t.keys ? t.keys.indexOf(key) : -1;
      const item = i < 0 ? undefined : t.items[i];
      // a property the object lacks, or undefined, takes the default (`{ k = 0.1 } = {}`)
      if (el.initializer && (!item || (item.t === 'none' && item.what === 'undefined'))) { this.bind(el.name, this.value(el.initializer, scope), scope, el); continue; }
      // an object without the property gives undefined, as in JavaScript (`({ r, g, b, alpha })` of `{ r, g, b }`)
      if (!item && key !== null && t.keys) { this.bind(el.name, { t: 'none', what: 'undefined' }, scope, el); continue; }
      if (!item) throw new Blocked(`the object has no property ${key ?? '(computed)'} to destructure`, el);
      this.bind(el.name, item, scope, el);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Statements

  /** Run statements in order; the returned value, or null when they end without a return. */
  private exec(stmts: readonly TS.Statement[], scope: Scope): Value | null {
    const ts = this.ts;
    // function declarations are hoisted
    for (const st of stmts) if (ts.isFunctionDeclaration(st) && st.name && st.body) scope.set(st.name.text, { t: 'fn', fn: st, name: st.name.text, scope });
    for (let i = 0; i < stmts.length; i++) {
      const st = stmts[i];
      this.tick(st);
      const rest = () => stmts.slice(i + 1);
      if (ts.isReturnStatement(st)) return st.expression ? this.value(st.expression, scope) : { t: 'none', what: 'undefined' };
      if (ts.isVariableStatement(st)) {
        // `var y0;` again after `y0 = …` keeps its value (JavaScript declares a var once)
        const isVar = !(st.declarationList.flags & ts.NodeFlags.BlockScoped);
        for (const d of st.declarationList.declarations) {
          if (!d.initializer && isVar && ts.isIdentifier(d.name) && scope.has(d.name.text)) continue;
          if (d.initializer && ts.isObjectBindingPattern(d.name) && skipOuter(ts, d.initializer).kind === ts.SyntaxKind.ThisKeyword) { this.bindThis(d.name, d.initializer, scope); continue; }
          this.bind(d.name, d.initializer ? this.value(d.initializer, scope) : { t: 'none', what: 'undefined' }, scope, d);
        }
        continue;
      }
      if (ts.isExpressionStatement(st)) { if (!this.statementExpression(st, scope)) this.value(st.expression, scope); continue; }
      if (ts.isBlock(st)) return this.exec([...st.statements, ...rest()], scope);
      if (ts.isIfStatement(st)) {
        // where the test is outside the ways followed (Math.floor past its sectors), so is the rest
        const tested = this.test(st.expression, scope);
        const split = splitOutside(tested);
        const test = split?.test ?? tested;
        const outside = (v: Value | null): Value | null => (v === null || !split ? v : this.checkBranches(split.wrap(v), st));
        const c = truthOf(test);
        const then = this.statementsOf(st.thenStatement);
        const otherwise = st.elseStatement ? this.statementsOf(st.elseStatement) : [];
        if (c.k === 'bool') return outside(this.exec([...(c.v ? then : otherwise), ...rest()], scope));
        if (!this.leaves(st.thenStatement) && !(st.elseStatement && this.leaves(st.elseStatement))) {
          this.branch(test, scope, (s) => this.execPlain(then, s, st), (s) => this.execPlain(otherwise, s, st), split?.wrap);
          continue;
        }
        // a branch returns: each way runs to its end
        const before = new Map(scope.names);
        const a = this.exec([...then, ...rest()], scope);
        scope.names = new Map(before);
        const b = this.exec([...otherwise, ...this.afterRepeats(st, rest())], scope);
        if (a === null && b === null) return null;
        return outside(this.checkBranches(choose(test, a ?? { t: 'none', what: 'undefined' }, b ?? { t: 'none', what: 'undefined' }), st));
      }
      if (ts.isSwitchStatement(st)) return this.switchStatement(st, scope, rest());
      if (ts.isForStatement(st) || ts.isWhileStatement(st) || ts.isDoStatement(st) || ts.isForOfStatement(st)) { this.loop(st, scope); continue; }
      // `throw`: f is not defined where this runs
      if (ts.isThrowStatement(st)) return { t: 'none', what: 'undefined' };
      if (ts.isFunctionDeclaration(st) || ts.isEmptyStatement(st) || ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) continue;
      throw new Blocked(this.statementReason(st), st);
    }
    return null;
  }

  /**
   * The statements after a returning `if` without else, on the way where it did not return:
   * the same statement again right after it, word for word, with a test that changes nothing
   * (`pureText`: no call, no assignment), does not return there either, and is passed over (a
   * mutation repeats one such line a thousand times: each would split the reading again).
   */
  private afterRepeats(st: TS.IfStatement, rest: readonly TS.Statement[]): readonly TS.Statement[] {
    const ts = this.ts;
    const then = ts.isBlock(st.thenStatement) && st.thenStatement.statements.length === 1 ? st.thenStatement.statements[0] : st.thenStatement;
    if (st.elseStatement || !rest.length || !(ts.isReturnStatement(then) || ts.isThrowStatement(then)) || !ts.isIfStatement(rest[0]) || pureText(ts, st.expression) === undefined) return rest;
    const text = st.getText();
    let skip = 0;
    while (skip < rest.length && ts.isIfStatement(rest[skip]) && rest[skip].getText() === text) skip++;
    return skip ? rest.slice(skip) : rest;
  }

  /**
   * `switch (x) { case k: …; break; … default: … }`: each case is the test x === k (decided when
   * both are known: numbers, or a label and a string), tried in order; a case runs its statements
   * and the following cases' until one ends with break (or returns), then the statements after
   * the switch; where no case holds, the default clause does. Each way runs to the function's end,
   * as a returning `if` does. A break anywhere else in a case stops the reading.
   */
  private switchStatement(st: TS.SwitchStatement, scope: Scope, after: readonly TS.Statement[]): Value | null {
    const ts = this.ts;
    const x = this.value(st.expression, scope);
    const clauses = st.caseBlock.clauses;
    const from = (i: number): TS.Statement[] => {
      const out: TS.Statement[] = [];
      clauses: for (let j = i; j < clauses.length; j++) {
        const own = clauses[j].statements;
        const flat = own.length === 1 && ts.isBlock(own[0]) ? own[0].statements : own;
        // the clause's statements up to its first break, return or throw: what follows one
        // (in the clause, and the later clauses) is never run from here
        for (const st of flat) {
          if (ts.isBreakStatement(st) && !st.label) break clauses;
          out.push(st);
          if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) break clauses;
        }
      }
      for (const s of out) {
        walk(ts, s, (n) => {
          if (ts.isFunctionLike(n) || ts.isIterationStatement(n, false) || ts.isSwitchStatement(n)) return 'skip';
          if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) throw new Blocked('a break inside a case, other than at its end, is not analysed: end each case with break or return', n);
          return undefined;
        });
      }
      return out;
    };
    const caseTest = (k: TS.Expression): Value => {
      const v: Value = isLabel(ts, k) ? { t: 'label', text: (skipOuter(ts, k) as TS.StringLiteral).text } : this.value(k, scope);
      const test = lift2(x, v, (a, b): Value => {
        if (isOutside(a) || isOutside(b)) return OUTSIDE;
        if (a.t === 'num' && b.t === 'num') return { t: 'bool', c: this.exactEquality(cmp('==', a.e, b.e), `${st.expression.getText()} === ${k.getText()}`) };
        if (a.t === 'label' && b.t === 'label') return { t: 'bool', c: a.text === b.text ? TRUE : FALSE };
        // a number is never a string: `case 'lab'` on a number does not hold
        if ((a.t === 'label') !== (b.t === 'label') && (a.t === 'num' || b.t === 'num')) return { t: 'bool', c: FALSE };
        return { t: 'bool', c: this.compareOther('==', a, b, k) };
      });
      if (test.t === 'bool' && !this.conditionText.has(conditionKey(test.c))) this.conditionText.set(conditionKey(test.c), `${st.expression.getText()} === ${k.getText()}`);
      return test;
    };
    const undef: Value = { t: 'none', what: 'undefined' };
    /**
     * Whether every number x may be is one of the cases' values (`switch (max) { case r: … case g: …
     * case b: … }` with max = Math.max(r, g, b)): then where the cases before the last do not hold,
     * the last one does, and no way leaves them all.
     */
    const covered = (): boolean => {
      const values = new Set<string>();
      for (const cl of clauses) {
        if (!ts.isCaseClause(cl) || isLabel(ts, cl.expression)) continue;
        const v = this.value(cl.expression, scope);
        if (v.t === 'num') values.add(exprKey(v.e));
      }
      return leavesOf(x).every((l) => isOutside(l.v) || (l.v.t === 'num' && values.has(exprKey(l.v.e))));
    };
    // a case whose test is one already tried (`case 4:` twice) never runs: the first one takes x
    const tried = new Set<string>();
    const way = (i: number): Value | null => {
      for (let j = i; j < clauses.length; j++) {
        const cl = clauses[j];
        if (!ts.isCaseClause(cl)) continue;
        this.tick(cl);
        const same = pureText(ts, cl.expression);
        if (same !== undefined && tried.has(same)) continue;
        if (same !== undefined) tried.add(same);
        // where the test is outside the ways followed (Math.floor past its sectors), so is the rest
        const tested = caseTest(cl.expression);
        const split = splitOutside(tested);
        const test = split?.test ?? tested;
        const outside = (v: Value | null): Value | null => (v === null || !split ? v : this.checkBranches(split.wrap(v), cl));
        const last = !clauses.slice(j + 1).some((o) => ts.isCaseClause(o));
        const c = last && covered() ? TRUE : this.decideKnown(truthOf(test));
        if (c.k === 'bool') {
          if (c.v) return outside(this.exec([...from(j), ...after], scope));
          if (!split) continue;
          return outside(way(j + 1));
        }
        const before = new Map(scope.names);
        const a = this.exec([...from(j), ...after], scope);
        scope.names = new Map(before);
        const b = way(j + 1);
        if (a === null && b === null) return null;
        return outside(this.checkBranches(choose(test, a ?? undef, b ?? undef), cl));
      }
      const dflt = clauses.findIndex((cl) => ts.isDefaultClause(cl));
      return this.exec([...(dflt >= 0 ? from(dflt) : []), ...after], scope);
    };
    return way(0);
  }

  /** Statements of a branch or a loop body that may not return (their effects are merged). */
  private execPlain(stmts: readonly TS.Statement[], scope: Scope, at: TS.Node): void {
    const r = this.exec(stmts, scope);
    if (r !== null) throw new Blocked('a return inside this statement is not analysed', at);
  }

  private statementsOf(st: TS.Statement): readonly TS.Statement[] {
    return this.ts.isBlock(st) ? st.statements : [st];
  }

  /** Whether a statement can leave the function (return, throw) or the loop (break, continue). */
  private leaves(st: TS.Node): boolean {
    const ts = this.ts;
    let found = false;
    walk(ts, st, (n) => {
      if (ts.isFunctionLike(n)) return 'skip';
      if (ts.isReturnStatement(n) || ts.isThrowStatement(n) || ts.isBreakStatement(n) || ts.isContinueStatement(n)) { found = true; return 'stop'; }
      return undefined;
    });
    return found;
  }

  /** Run `a` and `b` on copies of the scope's bindings and merge them: names that differ become c ? a : b. */
  private branch(test: Value, scope: Scope, a: (s: Scope) => void, b: (s: Scope) => void, outside?: (v: Value) => Value): void {
    const before = new Map(scope.names);
    a(scope);
    const afterA = scope.names;
    scope.names = new Map(before);
    b(scope);
    const afterB = scope.names;
    const merged = new Map<string, Value>();
    for (const [name, va] of afterA) {
      const vb = afterB.get(name);
      if (!vb) continue; // declared in one branch only: local to it
      // a name the branches set differently is `outside` where the test is (a way not followed)
      merged.set(name, va === vb ? va : outside ? outside(choose(test, va, vb)) : choose(test, va, vb));
    }
    scope.names = merged;
  }

  private checkBranches(v: Value, at: TS.Node): Value {
    if (branchCount(v, MAX_BRANCHES) > MAX_BRANCHES) throw new Blocked(`too many branches to read as a piecewise map (more than ${MAX_BRANCHES} pieces)`, at);
    return v;
  }

  /** Loops whose number of steps is known while reading (constant bounds) are unrolled. */
  private loop(st: TS.IterationStatement, scope: Scope): void {
    const ts = this.ts;
    if (this.leaves(st.statement)) throw new Blocked('a loop with return, break or continue inside is not analysed', st);
    const body = this.statementsOf(st.statement);
    const decided = (e: TS.Expression): boolean => {
      const t = this.test(e, scope);
      if (leavesOf(t).some((l) => isOutside(l.v))) throw new Blocked('a loop whose test uses Math.floor of the inputs is not analysed', st);
      const c = this.decideKnown(truthOf(t));
      if (c.k !== 'bool') throw new Blocked('a loop whose number of steps depends on the inputs is not analysed: write each component as one expression', st);
      return c.v;
    };
    if (ts.isForOfStatement(st)) {
      const over = this.asTuple(this.value(st.expression, scope), st.expression);
      const init = st.initializer;
      const target = ts.isVariableDeclarationList(init) ? init.declarations[0]?.name : undefined;
      if (!target) throw new Blocked('only for (const x of array) is read', init);
      for (const item of over.items) { this.tick(st); this.bind(target, item, scope, st); this.execPlain(body, scope, st); }
      return;
    }
    if (ts.isForStatement(st) && st.initializer) {
      if (ts.isVariableDeclarationList(st.initializer)) {
        // `for (var i = 0, delta = Infinity; i < 10 && abs(delta) > epsilon; i++)`: a loop that runs
        // until a change is small; its steps depend on the inputs (the start is no number to read)
        const sentinel = st.initializer.declarations.find((d) => d.initializer && ts.isIdentifier(d.name) && this.nonFinite(d.initializer, scope) !== null &&
          st.condition !== undefined && mentions(ts, st.condition, d.name.text));
        if (sentinel) throw new Blocked(`a loop that runs until ${sentinel.name.getText()} is small has a number of steps that depends on the inputs, which is not analysed: write each component as one expression`, st);
        for (const d of st.initializer.declarations) this.bind(d.name, d.initializer ? this.value(d.initializer, scope) : { t: 'none', what: 'undefined' }, scope, d);
      } else this.value(st.initializer, scope);
    }
    const test = ts.isForStatement(st) ? st.condition : (st as TS.WhileStatement | TS.DoStatement).expression;
    const sizes = new Map<string, number>();
    for (let k = 0; ; k++) {
      if (k >= MAX_LOOP) throw new Blocked(`a loop of more than ${MAX_LOOP} steps is not analysed`, st);
      this.tick(st);
      if (!ts.isDoStatement(st) || k > 0) { if (test && !decided(test)) break; }
      this.execPlain(body, scope, st);
      if (ts.isForStatement(st) && st.incrementor) this.value(st.incrementor, scope);
      if (!test) throw new Blocked('a loop without a condition is not analysed', st);
      this.growth(scope, sizes, st);
    }
  }

  /**
   * A value the loop feeds back into itself (`theta -= f(theta) / f1(theta)`, Newton's method for
   * an inverse) makes a formula that multiplies with every step, which nothing can analyse: the
   * loop is said to be an iteration once a value is past GROWN nodes and grew by half in one
   * step (sums over constant arrays grow by a term a step, and pass).
   */
  private growth(scope: Scope, sizes: Map<string, number>, st: TS.IterationStatement): void {
    for (const [name, v] of scope.names) {
      const n = this.valueSize(v);
      const before = sizes.get(name);
      sizes.set(name, n);
      if (before !== undefined && n > GROWN && n > 1.5 * before) {
        throw new Blocked(`this loop feeds ${name} back into itself (an iterative solver, such as Newton's method): its formula multiplies with every step and is not analysed; analyse the forward map, or write this one in closed form`, st);
      }
    }
  }

  /** Expression nodes of a value counted as a tree (shared parts once per use), up to past MAX_SIZE. */
  private valueSize(v: Value): number {
    switch (v.t) {
      case 'num': return this.exprSize(v.e);
      case 'cond': return Math.min(MAX_SIZE, this.valueSize(v.a) + this.valueSize(v.b));
      // an array filled in a loop (`C.push([])`, `C[i].push(s)`) grows by entries, not by feedback: its largest entry counts
      case 'tuple': return v.items.reduce((n, x) => Math.max(n, this.valueSize(x)), 1);
      default: return 1;
    }
  }

  private readonly sizes = new WeakMap<Expr, number>();

  private exprSize(e: Expr): number {
    let n = this.sizes.get(e);
    if (n === undefined) {
      n = Math.min(MAX_SIZE, children(e).reduce((acc, c) => acc + this.exprSize(c), 1));
      this.sizes.set(e, n);
    }
    return n;
  }

  /**
   * Expression statements that are effects the reader cannot follow (a call only counts for
   * the arrays it writes into). True when the statement was read here already.
   */
  private statementExpression(st: TS.ExpressionStatement, scope: Scope): boolean {
    const ts = this.ts;
    const e = skipOuter(ts, st.expression);
    // assignments, also several joined by commas (`x *= k, y *= k;`), read in order by value()
    const assigns = (x: TS.Expression): boolean => {
      x = skipOuter(ts, x);
      if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.CommaToken) return assigns(x.left) && assigns(x.right);
      if (ts.isBinaryExpression(x) && x.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && x.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
      return (ts.isPrefixUnaryExpression(x) || ts.isPostfixUnaryExpression(x)) && (x.operator === ts.SyntaxKind.PlusPlusToken || x.operator === ts.SyntaxKind.MinusMinusToken);
    };
    if (assigns(e)) return false;
    if (ts.isCallExpression(e) && !e.questionDotToken) {
      const callee = skipOuter(ts, e.expression);
      // a method that changes its object (this.points.push(…)) keeps state: not a map
      if (rootedAtThis(ts, callee)) throw new NotAMap();
      // out.push(v, …) on a local array: the array with the values appended
      // (also a row of one, `C[i].push(s)` after `C.push([])`: the row with the values appended, written back)
      const pushed = ts.isPropertyAccessExpression(callee) && callee.name.text === 'push' ? skipOuter(ts, callee.expression) : null;
      if (pushed && ts.isElementAccessExpression(pushed) && localRoot(ts, pushed, scope)) {
        const old = this.value(pushed, scope);
        if (old.t === 'tuple' && !old.keys) {
          const added = e.arguments.map((a) => {
            if (ts.isSpreadElement(a)) throw new Blocked('spread arguments (...xs) are not analysed', a);
            return this.value(a, scope);
          });
          if (old.items.length + added.length > MAX_ARRAY) throw new Blocked(`the array grows past ${MAX_ARRAY} entries`, e);
          this.assign(pushed, { t: 'tuple', items: [...old.items, ...added] }, scope, e);
          return true;
        }
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'push' && ts.isIdentifier(callee.expression) && scope.has(callee.expression.text)) {
        const old = scope.names.get(callee.expression.text)!;
        if (old.t === 'tuple' && !old.keys) {
          const added = e.arguments.map((a) => {
            if (ts.isSpreadElement(a)) throw new Blocked('spread arguments (...xs) are not analysed', a);
            return this.value(a, scope);
          });
          if (old.items.length + added.length > MAX_ARRAY) throw new Blocked(`the array grows past ${MAX_ARRAY} entries`, e);
          this.assign(callee.expression, { t: 'tuple', items: [...old.items, ...added] }, scope, e);
          const next = scope.names.get(callee.expression.text)!;
          this.wrote.add(next);
          for (const [name, x] of scope.names) if (x === old) scope.set(name, next);
          return true;
        }
      }
      let f: Value | null = null;
      try {
        f = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? this.thisMember(callee, callee.name.text) : this.value(callee, scope);
      } catch (err) {
        if (!(err instanceof Blocked || err instanceof NotAMap)) throw err;
      }
      if (f?.t === 'fn') return false;
      // a product helper that is not read, writing into an array it is given (multiply(v, M, out))
      if (f?.t === 'free' && f.unread && MATRIX_PRODUCT.test(f.name)) {
        const args = e.arguments.map((a) => {
          if (ts.isSpreadElement(a)) throw new Blocked('spread arguments (...xs) are not analysed', a);
          return this.value(a, scope);
        });
        if (this.matrixProduct(f, args, scope, e.arguments)) return true;
      }
    }
    if (ts.isStringLiteral(e)) return false; // 'use strict'
    throw new Blocked(this.statementReason(st), st);
  }

  /** Is `name` the global (not a parameter, local or top-level name of the file)? */
  private isGlobal(id: TS.Identifier, scope: Scope | null): boolean {
    return !scope?.get(id.text) && !this.moduleOf(id).bindings.has(id.text);
  }

  /**
   * Arrays made with a size known while reading: `new Array(k)` (k holes, written before they
   * are read), `new Float64Array(k)` / `Float32Array` (k zeros), a typed array of an array
   * known while reading; `Array(k)` without `new` too. null: not one of these.
   */
  private newArray(e: TS.NewExpression | TS.CallExpression, scope: Scope | null): Value | null {
    const ts = this.ts;
    const callee = skipOuter(ts, e.expression);
    if (!ts.isIdentifier(callee) || !/^(Array|Float64Array|Float32Array)$/.test(callee.text) || !this.isGlobal(callee, scope)) return null;
    const args = e.arguments ?? [];
    if (args.length !== 1 || ts.isSpreadElement(args[0])) return null;
    const v = this.value(args[0], scope);
    if (v.t === 'tuple' && callee.text !== 'Array') return { t: 'tuple', items: [...v.items] };
    if (v.t !== 'num') return null;
    const k = this.known(v.e);
    if (k === null || !Number.isInteger(k) || k < 0 || k > MAX_ARRAY) throw new Blocked(`${e.getText().slice(0, 40)}: the size of the array must be a whole number known while reading (at most ${MAX_ARRAY})`, e);
    const fill: Value = callee.text === 'Array' ? { t: 'none', what: 'undefined' } : scalar(num(0));
    return { t: 'tuple', items: Array.from({ length: k }, () => fill) };
  }

  /**
   * `new Vec2(a, b)` of a class of the workspace that only records its arguments (a point or
   * vector class: parameter properties `constructor(public x: number, public y: number)`, or a
   * constructor whose statements are all `this.x = …`): the object of its fields, in the order
   * JavaScript gives them (declared fields, parameter properties, then the constructor's
   * assignments). A class that extends another, or whose constructor does anything else, is not
   * read (null).
   */
  private construct(e: TS.NewExpression, scope: Scope | null): Value | null {
    const ts = this.ts;
    const callee = skipOuter(ts, e.expression);
    const packaged = this.packagePoint(e, scope);
    if (packaged) return packaged;
    if (!ts.isIdentifier(callee) || scope?.get(callee.text)) return null;
    const cls = this.classOf(this.moduleOf(callee), callee.text, 0);
    if (!cls || cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return null;
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    if (ctor && !ctor.body) return null;
    const keys: string[] = [];
    const items: Value[] = [];
    const put = (key: string, v: Value) => {
      const i = keys.indexOf(key);
      if (i < 0) { keys.push(key); items.push(v); } else items[i] = v;
    };
    const undef: Value = { t: 'none', what: 'undefined' };
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m) || m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword || x.kind === ts.SyntaxKind.DeclareKeyword)) continue;
      if (!ts.isIdentifier(m.name)) return null;
      put(m.name.text, m.initializer ? this.value(m.initializer, null) : undef);
    }
    const args = e.arguments ?? [];
    if (args.some(ts.isSpreadElement)) return null;
    const local = new Scope(null);
    if (ctor) {
      const vals = args.map((a) => this.value(a, scope));
      this.bindParameters(ctor.parameters, vals, local);
      for (const p of ctor.parameters) if (ts.isParameterPropertyDeclaration(p, ctor) && ts.isIdentifier(p.name)) put(p.name.text, local.get(p.name.text)!);
      for (const st of ctor.body!.statements) {
        this.tick(st);
        const x = ts.isExpressionStatement(st) ? skipOuter(ts, st.expression) : null;
        if (!x || !ts.isBinaryExpression(x) || x.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
        const target = skipOuter(ts, x.left);
        if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword || !ts.isIdentifier(target.name)) return null;
        put(target.name.text, this.value(x.right, local));
      }
    } else if (args.length) return null;
    // fields never given a value are no part of the object
    const kept = keys.map((k, i) => [k, items[i]] as const).filter(([, v]) => !(v.t === 'none' && v.what === 'undefined'));
    return { t: 'tuple', items: kept.map(([, v]) => v), keys: kept.map(([k]) => k) };
  }

  /**
   * `new Vector3(a, b, c)` or `new THREE.Vector2(a, b)` of a package (or a module that is not
   * read) whose class is named as a point or vector (Vector2, Vec3, Point, Point2D; a digit in
   * the name is the number of arguments): taken to be the point { x, y, z, w } of its 2 to 4
   * number arguments, said in `assumed`. null otherwise.
   */
  private packagePoint(e: TS.NewExpression, scope: Scope | null): Value | null {
    const ts = this.ts;
    const callee = skipOuter(ts, e.expression);
    const root = ts.isPropertyAccessExpression(callee) ? skipOuter(ts, callee.expression) : callee;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const args = e.arguments ?? [];
    const shape = POINT_CLASS.exec(name);
    if (!shape || !ts.isIdentifier(root) || scope?.get(root.text) || args.length < 2 || args.length > 4 || (shape[1] && Number(shape[1]) !== args.length) || args.some(ts.isSpreadElement)) return null;
    const m = this.moduleOf(root);
    const b = m.bindings.get(root.text);
    // the name itself imported (`import { Vector3 } from 'three'`), or a namespace's member (`THREE.Vector3`)
    if (b?.kind !== 'import' || (b.imported === '*') !== ts.isPropertyAccessExpression(callee)) return null;
    const target = this.modules.load(m, b.from);
    if (!('unread' in target)) return null;
    const keys = ['x', 'y', 'z', 'w'].slice(0, args.length);
    const items = args.map((a) => this.scalar(a, scope));
    this.assumed.add(`new ${callee.getText()}(…) is taken to be the point { ${keys.join(', ')} } of its arguments: ${target.unread}`);
    return { t: 'tuple', items, keys };
  }

  /** The class a name of module `m` stands for (declared there, or imported from a module of the workspace); null otherwise. */
  private classOf(m: ModuleInfo, name: string, depth: number): TS.ClassDeclaration | null {
    const ts = this.ts;
    const b = m.bindings.get(name);
    if (b?.kind === 'other' && ts.isClassDeclaration(b.node)) return b.node;
    if (b?.kind !== 'import' || b.imported === '*' || depth > 8) return null;
    const target = this.modules.load(m, b.from);
    if ('unread' in target) return null;
    this.moduleOfFile.set(target.sf, target);
    const x = target.exports.get(b.imported);
    return x && 'local' in x ? this.classOf(target, x.local, depth + 1) : null;
  }

  /** `Array.from(a)`, `Array.from(a, f)`, `Array.from({ length: k }, f)` with sizes known while reading; null: not one of these. */
  private arrayFrom(e: TS.CallExpression, scope: Scope | null): Value | null {
    const ts = this.ts;
    const callee = skipOuter(ts, e.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'from' || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Array' || !this.isGlobal(callee.expression, scope)) return null;
    if (!e.arguments.length || e.arguments.length > 2 || e.arguments.some(ts.isSpreadElement)) return null;
    const src = this.value(e.arguments[0], scope);
    let items: Value[];
    if (src.t === 'tuple' && !src.keys) items = [...src.items];
    else if (src.t === 'tuple' && src.keys?.length === 1 && src.keys[0] === 'length' && src.items[0].t === 'num') {
      const k = this.known(src.items[0].e);
      if (k === null || !Number.isInteger(k) || k < 0 || k > MAX_ARRAY) return null;
      items = Array.from({ length: k }, (): Value => ({ t: 'none', what: 'undefined' }));
    } else return null;
    const arr: Extract<Value, { t: 'tuple' }> = { t: 'tuple', items };
    return e.arguments.length === 2 ? this.arrayMethod(arr, 'map', [this.value(e.arguments[1], scope)], e, scope) : arr;
  }

  private statementReason(st: TS.Statement): string {
    const ts = this.ts;
    if (ts.isIterationStatement(st, false)) return 'a loop is not analysed: write each component as one expression (unroll the loop for a fixed n)';
    if (ts.isExpressionStatement(st)) return `a statement with a side effect (${st.expression.getText().slice(0, 40)}) is not analysed: a map's body may only compute values and return them`;
    if (ts.isTryStatement(st)) return 'try is not analysed: a map\'s body may only compute values and return them';
    return 'this statement is not analysed: a map\'s body may only compute values and return them';
  }

  // ---------------------------------------------------------------------------------------
  // Expressions

  /** How deep `value` is in the expression being read (chains of + - * / are read in one step). */
  private nesting = 0;

  /** Any expression -> a value. */
  value(node: TS.Expression, scope: Scope | null): Value {
    if (this.nesting >= MAX_NESTING) throw new Blocked(tooDeep('this expression', null), node, true);
    this.nesting++;
    try {
      return this.read(node, scope);
    } finally {
      this.nesting--;
    }
  }

  private read(node: TS.Expression, scope: Scope | null): Value {
    const ts = this.ts;
    this.tick(node);
    const e = skipOuter(ts, node);
    if (ts.isNumericLiteral(e)) {
      const v = Number(e.text.replace(/_/g, ''));
      if (!Number.isFinite(v)) throw new Blocked(TOO_LARGE_NUMBER, e, true);
      return scalar(num(v));
    }
    if (ts.isIdentifier(e)) return this.identifier(e, scope);
    if (ts.isPropertyAccessExpression(e)) return this.property(e, scope);
    if (ts.isElementAccessExpression(e)) {
      const obj = this.value(e.expression, scope);
      const i = this.index(e.argumentExpression, scope);
      return lift(obj, (o) => {
        // an entry of an array not known while reading (a field `this.m[4]`, a factory's `k[0]`): a symbolic constant, m_4
        if (o.t === 'free') return this.freePart(o, i);
        const t = this.asTuple(o, e.expression);
        if (i >= t.items.length) throw new Blocked(`the index ${i} is past the end of the array (${t.items.length} elements)`, e.argumentExpression);
        return t.items[i];
      });
    }
    if (ts.isBinaryExpression(e)) return this.binary(e, scope);
    if (ts.isPrefixUnaryExpression(e)) {
      switch (e.operator) {
        case ts.SyntaxKind.MinusToken: return this.arith([e.operand], scope, ([a]) => neg(a));
        case ts.SyntaxKind.PlusToken: return this.arith([e.operand], scope, ([a]) => a);
        case ts.SyntaxKind.ExclamationToken: return lift(this.test(e.operand, scope), (x) => (isOutside(x) ? x : { t: 'bool', c: not(truthOf(x)) }));
        case ts.SyntaxKind.PlusPlusToken: case ts.SyntaxKind.MinusMinusToken:
          return this.update(e.operand, e.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1, scope, e, true);
        case ts.SyntaxKind.TildeToken: throw new NotAMap();   // `~~x`, `~i`: bits, as below
        default: throw new Blocked(`the operator ${ts.tokenToString(e.operator)} is not arithmetic: only + - * / ** and Math.* are analysed`, e);
      }
    }
    if (ts.isPostfixUnaryExpression(e)) return this.update(e.operand, e.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1, scope, e, false);
    if (ts.isConditionalExpression(e)) {
      const tested = this.test(e.condition, scope);
      const split = splitOutside(tested);
      const test = split?.test ?? tested;
      const outside = (v: Value): Value => (split ? this.checkBranches(split.wrap(v), e) : v);
      const c = truthOf(test);
      if (c.k === 'bool') return outside(this.value(c.v ? e.whenTrue : e.whenFalse, scope));
      if (!scope) return outside(this.checkBranches(choose(test, this.value(e.whenTrue, null), this.value(e.whenFalse, null)), e));
      let a: Value = { t: 'none', what: 'undefined' }, b: Value = a;
      this.branch(test, scope, (s) => { a = this.value(e.whenTrue, s); }, (s) => { b = this.value(e.whenFalse, s); }, split?.wrap);
      return outside(this.checkBranches(choose(test, a, b), e));
    }
    if (ts.isArrayLiteralExpression(e)) {
      const items: Value[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) items.push(...this.asTuple(this.value(el.expression, scope), el).items);
        else if (ts.isOmittedExpression(el)) throw new Blocked('an empty array element', el);
        else items.push(this.value(el, scope));
      }
      return { t: 'tuple', items };
    }
    if (ts.isObjectLiteralExpression(e)) {
      const items: Value[] = [], keys: string[] = [];
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
          // a label beside the numbers (`{ mode: 'lab', l: …, a: …, b: … }`) is not an output
          if (isLabel(ts, p.initializer)) continue;
          const v = this.value(p.initializer, scope);
          if (v.t === 'label') continue;
          keys.push(p.name.text); items.push(v);
        } else if (ts.isShorthandPropertyAssignment(p)) {
          const v = this.identifier(p.name, scope);
          if (v.t === 'label') continue;   // `{ mode, l, a, b }` with `mode = 'lab'`
          keys.push(p.name.text); items.push(v);
        } else if (ts.isMethodDeclaration(p) && p.body && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          keys.push(p.name.text); items.push({ t: 'fn', fn: p, name: p.name.text, scope });
        } else if (ts.isGetAccessor(p) || ts.isSetAccessor(p)) throw new NotAMap();
        else throw new Blocked('only plain properties (key: value) are read in an object of numbers', p);
      }
      return { t: 'tuple', items, keys };
    }
    if (ts.isCallExpression(e)) return this.call(e, scope);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { t: 'fn', fn: e, name: 'an inline function', scope };
    if (e.kind === ts.SyntaxKind.NullKeyword) return { t: 'none', what: 'null' };
    if (e.kind === ts.SyntaxKind.TrueKeyword) return { t: 'bool', c: TRUE };
    if (e.kind === ts.SyntaxKind.FalseKeyword) return { t: 'bool', c: FALSE };
    if (ts.isVoidExpression(e)) return { t: 'none', what: 'undefined' };
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isBigIntLiteral(e) ||
        ts.isAwaitExpression(e) || ts.isYieldExpression(e) || ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e) ||
        ts.isRegularExpressionLiteral(e) || e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.SuperKeyword || ts.isTypeOfExpression(e)) {
      throw new NotAMap();
    }
    if (ts.isNewExpression(e)) {
      const made = this.newArray(e, scope) ?? this.construct(e, scope);
      if (made) return made;
      throw new Blocked(`${e.getText().slice(0, 40)} creates an object: only arithmetic on numbers is analysed`, e);
    }
    throw new Blocked(`${e.getText().slice(0, 40)} is not arithmetic that can be analysed: use numbers, + - * / **, Math.* and functions of the workspace`, e);
  }

  /** A constant array index. */
  private index(node: TS.Expression, scope: Scope | null): number {
    const v = this.value(node, scope);
    const i = v.t === 'num' ? this.known(v.e) ?? NaN : NaN;
    if (!Number.isInteger(i) || i < 0) throw new Blocked('the index must be a constant (a number known while reading)', node);
    return i;
  }

  /** An expression that must be a single number (conditional numbers are kept). */
  scalar(node: TS.Expression, scope: Scope | null): Value {
    // a condition in arithmetic is 1 where it holds and 0 elsewhere, as JavaScript converts it (`(g < b) * 6`)
    return lift(this.value(node, scope), (v) => (isOutside(v) ? v : v.t === 'bool' ? conditional(v.c, scalar(num(1)), scalar(num(0))) : scalar(this.numberOf(v, node))));
  }

  private numberOf(v: Value, node: TS.Node): Expr {
    switch (v.t) {
      case 'num': return v.e;
      case 'free': return sym(v.name);
      case 'fn': case 'math': case 'Math': case 'label': throw new NotAMap();
      case 'none': throw new Blocked(v.what === 'outside' ? `${node.getText().slice(0, 40)} uses Math.floor past the values the code tests it against, where it is not read` : `${node.getText().slice(0, 40)} is ${v.what} here, not a number`, node);
      case 'bool': throw new Blocked('a condition (true or false) is used where a number is expected', node);
      default: throw new Blocked('an array or object is used where a number is expected: write each component separately', node);
    }
  }

  /** Arithmetic on numbers (each may be conditional). */
  private arith(nodes: readonly TS.Expression[], scope: Scope | null, f: (xs: Expr[]) => Expr): Value {
    const vals = nodes.map((n) => this.scalar(n, scope));
    return this.arithValues(vals, nodes, f);
  }

  private arithValues(vals: readonly Value[], nodes: readonly TS.Node[], f: (xs: Expr[]) => Expr): Value {
    // plain numbers (no conditional among them): one step, however many operands
    if (vals.every((v) => v.t === 'num' || v.t === 'free')) return scalar(f(vals.map((v, i) => this.numberOf(v, nodes[Math.min(i, nodes.length - 1)]))));
    // a way not followed (Math.floor past its sectors) stays one in arithmetic
    // every combination of the operands' branches is a step: a product of many branching
    // factors stops at the step limit instead of enumerating them all
    // (tests already taken for an earlier operand decide the same tests in the later ones)
    const known: Decided = new Map();
    const go = (i: number, acc: Expr[]): Value => {
      this.tick(nodes[0]);
      return i === vals.length ? scalar(f(acc)) : liftUnder(vals[i], (v) => (isOutside(v) ? v : go(i + 1, [...acc, this.numberOf(v, nodes[Math.min(i, nodes.length - 1)])])), known);
    };
    return this.checkBranches(go(0, []), nodes[0]);
  }

  /**
   * A test -> true/false values (numbers are true when not 0, null and undefined false,
   * objects true), conditional where its operands are; the source text of each plain
   * condition (and its negation) is kept for display.
   */
  test(node: TS.Expression, scope: Scope | null): Value {
    return this.testOf(this.value(node, scope), node);
  }

  /** The test of a value already read from `node`. */
  private testOf(value: Value, node: TS.Expression): Value {
    const v = lift(value, (x) => (isOutside(x) ? x : { t: 'bool', c: truthOf(x) }));
    if (v.t === 'bool') {
      const text = this.conditionText.get(conditionKey(v.c)) ?? skipOuter(this.ts, node).getText();
      this.conditionText.set(conditionKey(v.c), text);
      const n = conditionKey(not(v.c));
      if (!this.conditionText.has(n)) this.conditionText.set(n, `!(${text})`);
    }
    return v;
  }

  private identifier(id: TS.Identifier, scope: Scope | null): Value {
    const name = id.text;
    const local = scope?.get(name);
    if (local) return local;
    const m = this.moduleOf(id);
    if (m.bindings.has(name)) return this.moduleValue(m, name, id);
    if (name === 'Math') return { t: 'Math' };
    if (name === 'undefined') return { t: 'none', what: 'undefined' };
    // NaN marks where the map has no value (`if (chroma <= epsilon) hue = NaN`): a way that returns it is no part of the map
    if (name === 'NaN') return { t: 'none', what: 'NaN' };
    if (name === 'Infinity') throw new NotAMap();
    if (name === 'arguments') throw new Blocked('arguments is not analysed: name the parameters', id);
    const p5 = this.p5Global(name, id);
    if (p5) return p5;
    throw new Blocked(`${name} is not defined in this file: only parameters, local names and the workspace's functions and constants are read`, id);
  }

  /** Per file: the evidence that it is a p5.js sketch in global mode, and whether it turns angles to degrees; null: none. */
  private readonly sketches = new WeakMap<TS.SourceFile, { why: string; degrees: boolean } | null>();

  /**
   * A name no scope or module defines, in a p5.js sketch (a file that defines `setup` or `draw`
   * at its top, or calls `createCanvas`): p5's global math function or constant of that name
   * (`sqrt`, `sq`, `TWO_PI`), said in `assumed`; else null. Under `angleMode(DEGREES)` p5's
   * trigonometry takes degrees: not read.
   */
  private p5Global(name: string, id: TS.Node, instance?: { why: string; degrees: boolean }): Value | null {
    if (!isP5Name(name)) return null;
    const sketch = instance ?? this.sketchOf(id.getSourceFile());
    if (!sketch) return null;
    if (sketch.degrees && P5_TRIG.has(name)) throw new Blocked(`${name} takes degrees in this p5 sketch (angleMode(DEGREES)), which is not read: use radians`, id);
    this.p5Taken.set(name, sketch.why);
    if (P5_CONSTANTS[name]) {
      const pi = (this.mathMember('PI', id) as Extract<Value, { t: 'num' }>).e;
      return scalar(P5_CONSTANTS[name] === 1 ? pi : mul(num(P5_CONSTANTS[name]), pi));
    }
    return { t: 'math', name: P5_OWN[name] ? `p5.${name}` : name };
  }

  /** Per function: the evidence that its first parameter is a p5.js sketch's instance; null: none. */
  private readonly instances = new WeakMap<TS.Node, { why: string; degrees: boolean } | null>();

  /**
   * p5.js in instance mode, `p.sin(x)`, `p.PI` on the parameter `p` of an enclosing function that
   * sets `p.setup` or `p.draw` or calls `p.createCanvas` (`new p5((p) => { … })`): p5's math as in
   * global mode (`p.angleMode(p.DEGREES)` there stops its trigonometry). null: not such a name.
   */
  private p5Instance(e: TS.PropertyAccessExpression, scope: Scope | null): Value | null {
    const ts = this.ts;
    const obj = skipOuter(ts, e.expression);
    if (!ts.isIdentifier(obj)) return null;
    const name = obj.text, key = e.name.text;
    if (!isP5Name(key)) return null;
    if (scope?.has(name)) return null;   // a local of the function being read
    let owner: TS.Node | undefined = e.parent;
    for (; owner && !ts.isSourceFile(owner); owner = owner.parent) {
      if (ts.isFunctionLike(owner) && owner.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) break;
    }
    if (!owner || ts.isSourceFile(owner) || !ts.isFunctionLike(owner)) return null;
    const fn = owner as FunctionLike;
    const first = fn.parameters[0];
    if (!first || !ts.isIdentifier(first.name) || first.name.text !== name || !fn.body) return null;
    if (!this.instances.has(fn)) {
      let why: string | null = null, degrees = false;
      walk(ts, fn.body, (n) => {
        const target = ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken ? skipOuter(ts, n.left) : null;
        if (target && ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === name && /^(setup|draw)$/.test(target.name.text)) why ??= `${name} is the sketch's p5 instance (it sets ${name}.${target.name.text})`;
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !ts.isIdentifier(n.expression.expression) || n.expression.expression.text !== name) return;
        if (n.expression.name.text === 'createCanvas') why ??= `${name} is the sketch's p5 instance (it calls ${name}.createCanvas)`;
        if (n.expression.name.text === 'angleMode' && n.arguments.some((a) => ts.isPropertyAccessExpression(a) && a.name.text === 'DEGREES')) degrees = true;
      });
      this.instances.set(fn, why ? { why, degrees } : null);
    }
    const sketch = this.instances.get(fn);
    return sketch ? this.p5Global(key, e.name, sketch) : null;
  }

  private sketchOf(sf: TS.SourceFile): { why: string; degrees: boolean } | null {
    if (this.sketches.has(sf)) return this.sketches.get(sf)!;
    const ts = this.ts;
    let why: string | null = null, degrees = false;
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name && /^(setup|draw)$/.test(st.name.text)) { why = `it defines ${st.name.text}`; break; }
    }
    walk(ts, sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression)) return;
      if (n.expression.text === 'createCanvas') why ??= 'it calls createCanvas';
      if (n.expression.text === 'angleMode' && n.arguments.some((a) => ts.isIdentifier(a) && a.text === 'DEGREES')) degrees = true;
    });
    const sketch = why ? { why, degrees } : null;
    this.sketches.set(sf, sketch);
    return sketch;
  }

  private moduleOf(node: TS.Node): ModuleInfo {
    const m = this.moduleOfFile.get(node.getSourceFile());
    if (!m) throw new Error('a node of a module that was not loaded');
    return m;
  }

  /** The value of a top-level name of a module (the document's constants become parameters). */
  private moduleValue(m: ModuleInfo, name: string, at: TS.Node): Value {
    const b = m.bindings.get(name)!;
    switch (b.kind) {
      case 'const': case 'pattern': {
        const v = this.moduleConst(m, name, b, at);
        // `var pi = Math.PI`: the constant itself, printed as pi, not a parameter pi = pi
        if (v.t === 'num' && v.e.k === 'sym' && v.e.name === name && b.kind === 'const' && this.isMathMember(b.init)) return v;
        if (m === this.root && v.t === 'num' && !this.variables.has(name)) {
          // the constants it is made of are parameters again (`HALF = D / 2` cached while an earlier map was read)
          for (const s of symbolsOf(v.e)) {
            if (s !== name && !this.parameters.has(s) && !this.variables.has(s) && m.bindings.get(s)?.kind === 'const') this.moduleValue(m, s, at);
          }
        }
        if (m === this.root && v.t === 'num' && !this.variables.has(name) && isConstantExpr(v.e, this.parameters)) {
          this.parameters.set(name, v.e);
          return scalar(sym(name));
        }
        return v;
      }
      case 'function': return { t: 'fn', fn: b.fn, name, scope: null };
      case 'declared-const': return scalar(sym(name));
      case 'declared-function': return { t: 'free', name };
      case 'import': return this.imported(m, name, b, at);
      case 'mutable': throw new Blocked(`${name} is declared with ${b.keyword} at the top of ${m === this.root ? 'the file' : m.file} and reassigned, so its value may change: declare it with const`, at);
      default: throw new Blocked(`${name} is ${b.what}, not a number or a function of numbers`, at);
    }
  }

  private moduleConst(m: ModuleInfo, name: string, b: Extract<ModuleBinding, { kind: 'const' | 'pattern' }>, at: TS.Node): Value {
    const key = `${m.file}\u0000${name}`;
    let v = this.constValues.get(key);
    if (v === 'pending') throw new Blocked(`${name} is defined in terms of itself`, at);
    if (!v) {
      this.constValues.set(key, 'pending');
      const saved = this.callStack.splice(0);
      try {
        const init = this.value(b.init, null);
        if (b.kind === 'pattern') {
          const s = new Scope(null);
          this.bind(b.pattern, init, s, b.node);
          v = s.get(name)!;
        } else v = init;
      } catch (err) {
        this.constValues.delete(key);
        // Said at the use, in the map: the constant itself may be fine for other code.
        if (err instanceof Blocked) throw new Blocked(`${name} cannot be read: ${err.message}`, at);
        throw err;
      } finally {
        this.callStack.push(...saved);
      }
      this.constValues.set(key, v);
    }
    return v;
  }

  /** An imported name: read from the workspace's module, or (not readable) taken as Math's or kept symbolic. */
  private imported(m: ModuleInfo, local: string, b: Extract<ModuleBinding, { kind: 'import' }>, at: TS.Node): Value {
    const target = this.modules.load(m, b.from);
    if (!('unread' in target)) {
      this.moduleOfFile.set(target.sf, target);
      if (b.imported === '*') return { t: 'module', m: target };
      return this.exported(target, b.imported, at, 0);
    }
    return this.unreadName(local, b.imported === '*' || b.imported === 'default' ? local : b.imported, b.from, target.unread);
  }

  /**
   * The function of another workspace file that a name the document imports stands for
   * (`import { coupling } from "./layers"`, or `member` of a namespace import: `L.coupling`),
   * read through the same bounded module reader; null when the name is not imported, its
   * module is not read, or it is not a function.
   */
  importedFunction(name: string, at: TS.Node, member?: string): Extract<Value, { t: 'fn' }> | null {
    const b = this.root.bindings.get(name);
    if (b?.kind !== 'import' || (b.imported === '*') !== (member !== undefined)) return null;
    try {
      const ns = this.imported(this.root, name, b, at);
      const v = member === undefined ? ns : ns.t === 'module' ? this.exported(ns.m, member, at, 0) : null;
      if (!v) return null;
      return v.t === 'fn' ? v : null;
    } catch (e) {
      if (e instanceof Blocked || e instanceof NotAMap) return null;
      throw e;
    }
  }

  /** A name from a module that is not read: Math's function or constant of that name, or a symbol. */
  private unreadName(local: string, original: string, from: string, why: string): Value {
    if (isMathName(original)) {
      const taken = this.mathTaken.get(why) ?? [];
      if (!taken.some(([l]) => l === local)) taken.push([local, original]);
      this.mathTaken.set(why, taken);
      return { t: 'math', name: original };
    }
    const c = Object.prototype.hasOwnProperty.call(CONSTANT_NAMES, original.toLowerCase()) ? CONSTANT_NAMES[original.toLowerCase()] : undefined;
    if (c) {
      this.assumed.add(`${local} is taken to be ${c[1]}: ${why}`);
      return scalar(c[0]());
    }
    const said = `${local} (imported from "${from}") is kept symbolic: ${why}`;
    this.assumed.add(said);
    return { t: 'free', name: unknownName(local), unread: { from, why, said } };
  }

  /** What a module exports under `name`, following re-exports. */
  private exported(m: ModuleInfo, name: string, at: TS.Node, depth: number): Value {
    if (depth > 8) throw new Blocked(`${name} is re-exported too many times to follow`, at);
    const x = m.exports.get(name);
    if (x && 'local' in x) {
      if (!m.bindings.has(x.local)) throw new Blocked(`${name} is exported by ${m.file} but not defined there`, at);
      return this.moduleValue(m, x.local, at);
    }
    const tryFrom = (from: string, imported: string): Value | null => {
      const target = this.modules.load(m, from);
      if ('unread' in target) return null;
      this.moduleOfFile.set(target.sf, target);
      return this.exported(target, imported, at, depth + 1);
    };
    if (x) {
      const v = tryFrom(x.from, x.imported);
      if (v) return v;
      const why = this.modules.load(m, x.from);
      return this.unreadName(name, x.imported, x.from, 'unread' in why ? why.unread : 'it cannot be read');
    }
    for (const from of m.starExports) {
      const target = this.modules.load(m, from);
      if ('unread' in target || !(target.exports.has(name) || target.starExports.length)) continue;
      try { const v = tryFrom(from, name); if (v) return v; } catch (e) { if (!(e instanceof Blocked) || !/is not exported/.test(e.message)) throw e; }
    }
    throw new Blocked(`${name} is not exported by ${m.file}`, at);
  }

  private property(e: TS.PropertyAccessExpression, scope: Scope | null): Value {
    const ts = this.ts;
    const key = e.name.text;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMember(e, key);
    if (key === 'length' && ts.isIdentifier(e.expression) && e.expression.text === 'arguments' && !scope?.get('arguments')) {
      // `if (arguments.length < 8) h = 0`: known for the call being read (arrow functions have no arguments of their own)
      const owner = thisOwner(ts, e);
      const counts = owner && this.argumentCounts.get(owner as FunctionLike);
      if (counts?.length) return scalar(num(counts[counts.length - 1]));
    }
    const p5 = this.p5Instance(e, scope);
    if (p5) return p5;
    const obj = this.value(e.expression, scope);
    return lift(obj, (o) => this.member(o, key, e));
  }

  private member(o: Value, key: string, e: TS.PropertyAccessExpression): Value {
    switch (o.t) {
      case 'module': return this.exported(o.m, key, e.name, 0);
      case 'Math': return this.mathMember(key, e);
      case 'tuple': {
        if (key === 'length') return scalar(num(o.items.length));
        // a string's method (`hex.replace('#', '')`, `s.match(re)`): the value is text, not an array of numbers
        if (!o.keys && STRING_METHODS.has(key)) throw new NotAMap();
        const i = o.keys ? o.keys.indexOf(key) : -1;
        if (i >= 0) return o.items[i];
        // an object without the property: undefined, as in JavaScript (`opts.power ?? 3` on `opts = {}`)
        if (o.keys) return { t: 'none', what: 'undefined' };
        throw new Blocked(`there is no property ${key} here`, e.name);
      }
      case 'fn': {
        const assigned = this.functionProperty(o, key);
        if (assigned) return assigned;
        throw new NotAMap();
      }
      case 'free': return this.freePart(o, key);
      case 'num': {
        // the result of an unknown function used as an array: its components; a number has no
        // length, so `name.length` of anything else says it is text (or an array), no number
        if (key === 'length' && o.e.k === 'call' && !o.e.d && !isKnownFunction(o.e.fn)) return scalar(num(this.asTuple(o, e).items.length));
        throw new NotAMap();
      }
      default: throw new NotAMap();
    }
  }

  /** `Math.KEY` written directly (any Math member when key is not given). */
  private isMathMember(e: TS.Expression, key?: string): boolean {
    const ts = this.ts;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Math' && (key === undefined || e.name.text === key);
  }

  private mathMember(key: string, at: TS.Node): Value {
    const c = MATH_CONSTANTS[key];
    if (c) {
      const v = c();
      // A variable or a top-level const named pi or e must not capture Math.PI or Math.E (an
      // imported pi is inlined as its value, never a symbol: it captures nothing)
      // (`var pi = Math.PI` names the same number: it shadows nothing)
      const b = v.k === 'sym' ? this.root.bindings.get(v.name) : undefined;
      const alias = b?.kind === 'const' && this.isMathMember(b.init, key);
      const shadowed = v.k === 'sym' && (this.variables.has(v.name) || (b !== undefined && b.kind !== 'import' && !alias));
      return scalar(shadowed ? num(key === 'PI' ? Math.PI : Math.E) : v);
    }
    if (isMathName(key) || key === 'floor') return { t: 'math', name: key };
    throw new Blocked(MATH_UNSUPPORTED[key] ?? `Math has no number or function named ${key}: use Math.PI, Math.exp, Math.log, Math.sin, ... or a function of the workspace`, at);
  }

  /** `f.invert = function (…) {…}` next to `function f`: the value of f.invert. */
  private functionProperty(f: Extract<Value, { t: 'fn' }>, key: string): Value | null {
    const ts = this.ts;
    const decl = f.fn;
    const container = decl.parent;
    const statements = ts.isSourceFile(container) || ts.isBlock(container) ? container.statements : null;
    if (!statements) return null;
    for (const st of statements) {
      if (!ts.isExpressionStatement(st)) continue;
      const x = st.expression;
      if (!ts.isBinaryExpression(x) || x.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(x.left)) continue;
      if (x.left.name.text !== key || !ts.isIdentifier(x.left.expression) || x.left.expression.text !== f.name) continue;
      return this.value(x.right, f.scope);
    }
    return null;
  }

  /** `this.name` in a method: a sibling method, or a field (a symbolic constant). */
  private thisMember(e: TS.Node, key: string): Value {
    const ts = this.ts;
    const owner = thisOwner(ts, e);
    const holder = owner?.parent;
    const members: readonly (TS.ClassElement | TS.ObjectLiteralElementLike)[] = holder && (ts.isClassLike(holder) ? holder.members : ts.isObjectLiteralExpression(holder) ? holder.properties : []) || [];
    for (const m of members) {
      if (!m.name || !(ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) || m.name.text !== key) continue;
      if (ts.isMethodDeclaration(m) && m.body) return { t: 'fn', fn: m, name: key, scope: null };
      if ((ts.isPropertyAssignment(m) || ts.isPropertyDeclaration(m)) && m.initializer) {
        const init = skipOuter(ts, m.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { t: 'fn', fn: init, name: key, scope: null };
      }
      if (ts.isGetAccessor(m)) throw new NotAMap();
    }
    const name = this.variables.has(key) ? `this_${key}` : key;
    this.fields.set(name, `this.${key}`);
    return { t: 'free', name };
  }

  /**
   * Entry i or property key of a value not known while reading (`this.m[4]`, a factory's `k[0]`,
   * `config.k`, `const [cx, cy] = this.center`): the symbolic constant m_4, config_k; a field's
   * part is remembered with its text (`this.m[4]`) for the report.
   */
  private freePart(o: Extract<Value, { t: 'free' }>, part: number | string): Value {
    const name = `${o.name}_${part}`;
    const field = this.fields.get(o.name);
    if (field !== undefined) this.fields.set(name, typeof part === 'number' ? `${field}[${part}]` : `${field}.${part}`);
    return { t: 'free', name, ...(o.unread ? { unread: o.unread } : {}) };
  }

  /** What the map says of the fields it reads (among its free symbols): `the object's fields are symbolic parameters: m_0 = this.m[0], …`. */
  fieldsLine(freeSymbols: readonly string[]): string[] {
    const read = freeSymbols.filter((s) => this.fields.has(s));
    if (!read.length) return [];
    return [`the object's fields are symbolic parameters: ${read.map((s) => (this.fields.get(s) === `this.${s}` ? s : `${s} = ${this.fields.get(s)}`)).join(', ')}`];
  }

  /** `const { m, scale: s } = this` in a method: each name is the member, as `this.m` reads it. */
  private bindThis(name: TS.ObjectBindingPattern, self: TS.Expression, scope: Scope): void {
    const ts = this.ts;
    for (const el of name.elements) {
      const key = el.propertyName ?? el.name;
      if (el.dotDotDotToken || !ts.isIdentifier(key)) throw new Blocked('only plain names are destructured from this', el);
      this.bind(el.name, this.thisMember(self, key.text), scope, el);
    }
  }

  /** The components of a value used as an array; an unknown function's result has the map's dimension. */
  private asTuple(v: Value, at: TS.Node): Extract<Value, { t: 'tuple' }> {
    if (v.t === 'tuple') return v;
    if (v.t === 'num' && v.e.k === 'call' && !v.e.d && !isKnownFunction(v.e.fn)) {
      const { fn, args } = v.e;
      this.assumed.add(`${fn} returns ${this.dimension} numbers here (the dimension of the map): ${Array.from({ length: this.dimension }, (_, i) => `${fn}_${i + 1}`).join(', ')}`);
      return { t: 'tuple', items: Array.from({ length: this.dimension }, (_, i) => scalar(call(`${fn}_${i + 1}`, ...args))) };
    }
    if (v.t === 'cond') throw new Blocked('an array that differs between branches is indexed: write the branches as whole arrays', at);
    throw new Blocked('indexing and destructuring are only read on arrays of numbers', at);
  }

  // ---------------------------------------------------------------------------------------
  // Assignments

  /** `target = v`: locals of the function being read (and elements and properties of their arrays and objects). */
  private assign(target: TS.Expression, v: Value, scope: Scope | null, at: TS.Node): void {
    const ts = this.ts;
    const t = skipOuter(ts, target);
    if (ts.isIdentifier(t)) {
      if (!scope || !scope.has(t.text)) {
        throw new Blocked(scope?.get(t.text) ? `${t.text} belongs to an enclosing function: assigning to it is a side effect, which is not analysed` : `${t.text} is not a local of this function: assigning to it is a side effect, which is not analysed`, at);
      }
      scope.set(t.text, v);
      if (this.locals.has(t.text)) this.locals.set(t.text, null);   // reassigned: no one value to name
      return;
    }
    if (ts.isElementAccessExpression(t) || (ts.isPropertyAccessExpression(t) && t.expression.kind !== ts.SyntaxKind.ThisKeyword)) {
      const objNode = t.expression;
      const old = this.value(objNode, scope);
      // a property given to a function (`forward.invert = function …` in a factory) changes none of
      // its numbers; a label written into an object (`res.mode = mode`) is no output
      if ((old.t === 'fn' || v.t === 'label') && ts.isPropertyAccessExpression(t)) return;
      const index = ts.isElementAccessExpression(t) ? this.index(t.argumentExpression, scope) : null;
      // an object that differs between branches (`if (c) res.h = …`) gets the property on each way
      if (old.t === 'cond' && index !== null) throw new Blocked('an element of an array that differs between branches is written: write the branches as whole arrays', at);
      const next: Value = lift(old, (o) => {
        const tuple = this.asTuple(o, objNode);
        let i: number;
        let keys = tuple.keys;
        if (index !== null) i = index;
        else {
          const name = (t as TS.PropertyAccessExpression).name;
          i = keys ? keys.indexOf(name.text) : -1;
          // an object gets the property it did not have (`res.h = …` after `{ l, c }`), in key order
          if (i < 0 && keys) { i = keys.length; keys = [...keys, name.text]; }
          if (i < 0) throw new Blocked(`there is no property ${name.text} to write`, name);
        }
        const items = [...tuple.items];
        // an entry written past the end leaves holes until they are written (`f[1] = …; f[0] = …`), as in
        // JavaScript; a hole read is undefined, said where it is used as a number
        if (i > items.length + MAX_HOLES) throw new Blocked(`the index ${i} leaves a hole of more than ${MAX_HOLES} entries in the array`, t);
        while (items.length < i) items.push({ t: 'none', what: 'undefined' });
        items[i] = v;
        const made: Value = { t: 'tuple', items, ...(keys ? { keys } : {}) };
        this.wrote.add(made);
        return made;
      });
      this.assign(objNode, next, scope, at);
      // other local names of the same array see the write too
      if (scope) for (const [name, x] of scope.names) if (x === old) scope.set(name, next);
      return;
    }
    if (ts.isArrayLiteralExpression(t)) {
      const items = this.asTuple(v, at).items;
      t.elements.forEach((el, k) => { if (!ts.isOmittedExpression(el)) this.assign(el as TS.Expression, items[k] ?? { t: 'none', what: 'undefined' }, scope, at); });
      return;
    }
    // writing this.x: the method keeps state, it is not a map of its parameters
    if (ts.isPropertyAccessExpression(t)) throw new NotAMap();
    throw new Blocked('this assignment is not analysed', at);
  }

  /** ++ and --: the new value, or (postfix) the old one. */
  private update(target: TS.Expression, step: number, scope: Scope | null, at: TS.Node, prefix: boolean): Value {
    const old = this.scalar(target, scope);
    const next = this.arithValues([old], [target], ([a]) => add(a, num(step)));
    this.assign(target, next, scope, at);
    return prefix ? next : old;
  }

  /** The operands of a chain a + b - c (or a * b / c), left to right, combined by `join`, with `inverse` applied to those after `inverseOp`. */
  private chain(e: TS.BinaryExpression, scope: Scope | null, op: TS.SyntaxKind, inverseOp: TS.SyntaxKind, inverse: (x: Expr) => Expr, join: (...xs: Expr[]) => Expr): Value {
    const ts = this.ts;
    const nodes: TS.Expression[] = [];
    const inverted: boolean[] = [];
    let cur: TS.Expression = e;
    while (ts.isBinaryExpression(cur) && (cur.operatorToken.kind === op || cur.operatorToken.kind === inverseOp)) {
      nodes.push(cur.right);
      inverted.push(cur.operatorToken.kind === inverseOp);
      cur = cur.left;
    }
    nodes.push(cur);
    inverted.push(false);
    nodes.reverse();
    inverted.reverse();
    return this.arith(nodes, scope, (xs) => join(...xs.map((x, i) => (inverted[i] ? inverse(x) : x))));
  }

  private binary(e: TS.BinaryExpression, scope: Scope | null): Value {
    const ts = this.ts;
    const op = e.operatorToken.kind;
    const arith: Partial<Record<TS.SyntaxKind, (a: Expr, b: Expr) => Expr>> = {
      [ts.SyntaxKind.PlusToken]: (a, b) => add(a, b),
      [ts.SyntaxKind.MinusToken]: (a, b) => sub(a, b),
      [ts.SyntaxKind.AsteriskToken]: (a, b) => mul(a, b),
      [ts.SyntaxKind.SlashToken]: (a, b) => div(a, b),
      [ts.SyntaxKind.AsteriskAsteriskToken]: (a, b) => pow(a, b),
    };
    const compound: Partial<Record<TS.SyntaxKind, TS.SyntaxKind>> = {
      [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.PlusToken,
      [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.MinusToken,
      [ts.SyntaxKind.AsteriskEqualsToken]: ts.SyntaxKind.AsteriskToken,
      [ts.SyntaxKind.SlashEqualsToken]: ts.SyntaxKind.SlashToken,
      [ts.SyntaxKind.AsteriskAsteriskEqualsToken]: ts.SyntaxKind.AsteriskAsteriskToken,
    };
    if (op === ts.SyntaxKind.EqualsToken) {
      // a label written into a local object (`res.mode = 'rgb'`) is not an output either
      const target = skipOuter(ts, e.left);
      if (isLabel(ts, e.right) && ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && scope?.has(target.expression.text) &&
          scope.names.get(target.expression.text)?.t === 'tuple') return { t: 'none', what: 'undefined' };
      const v = this.value(e.right, scope);
      this.assign(e.left, v, scope, e);
      return v;
    }
    if (op === ts.SyntaxKind.PercentEqualsToken) {
      const v = this.remainder(e.left, e.right, e, scope);
      this.assign(e.left, v, scope, e);
      return v;
    }
    const inner = compound[op];
    if (inner !== undefined) {
      // x op= y: x is read before y (left to right, as JavaScript does)
      const a = this.scalar(e.left, scope);
      const b = this.scalar(e.right, scope);
      const v = this.arithValues([a, b], [e.left, e.right], ([x, y]) => arith[inner]!(x, y));
      this.assign(e.left, v, scope, e);
      return v;
    }
    // bit operations (`(x * 374761393 + y * 668265263) | 0`, `h ^= h >>> 13`, `(r << 16) | g`): a hash or
    // packed integers, never a smooth map: no map, nothing to say
    if (BIT_OPERATORS.has(ts.tokenToString(op) ?? '')) throw new NotAMap();
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) throw new Blocked(`the assignment ${ts.tokenToString(op)} is not arithmetic that can be analysed`, e.operatorToken);
    const f = arith[op];
    // a + b - c and a * b / c as one list: a sum of thousands of terms is a tree that deep, read here without recursion
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken) return this.chain(e, scope, ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, neg, add);
    if (op === ts.SyntaxKind.AsteriskToken || op === ts.SyntaxKind.SlashToken) return this.chain(e, scope, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, (x) => div(num(1), x), mul);
    if (f) return this.arith([e.left, e.right], scope, ([a, b]) => f(a, b));
    const comparisons: Partial<Record<TS.SyntaxKind, Comparison>> = {
      [ts.SyntaxKind.LessThanToken]: '<', [ts.SyntaxKind.LessThanEqualsToken]: '<=',
      [ts.SyntaxKind.GreaterThanToken]: '>', [ts.SyntaxKind.GreaterThanEqualsToken]: '>=',
      [ts.SyntaxKind.EqualsEqualsEqualsToken]: '==', [ts.SyntaxKind.EqualsEqualsToken]: '==',
      [ts.SyntaxKind.ExclamationEqualsEqualsToken]: '!=', [ts.SyntaxKind.ExclamationEqualsToken]: '!=',
    };
    const cop = comparisons[op];
    // a label tested against a string (`mode === 'lab'`): decided by the text
    const text = isLabel(ts, e.right) ? e.right : isLabel(ts, e.left) ? e.left : null;
    if (cop && text && (cop === '==' || cop === '!=')) {
      const other = this.value(text === e.right ? e.left : e.right, scope);
      if (other.t !== 'label') throw new NotAMap();
      return { t: 'bool', c: (other.text === (skipOuter(ts, text) as TS.StringLiteral).text) === (cop === '==') ? TRUE : FALSE };
    }
    if (cop) {
      const inf = this.nonFinite(e.right, scope) ?? this.nonFinite(e.left, scope);
      if (inf !== null) {
        // a number read here is finite where the map is defined: `k === Infinity` never holds
        const onLeft = this.nonFinite(e.right, scope) === null;
        this.value(onLeft ? e.right : e.left, scope);
        const flip: Record<Comparison, Comparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
        const o = onLeft ? flip[cop] : cop;
        const holds = o === '!=' || (!Number.isNaN(inf) && (inf > 0 ? o === '<' || o === '<=' : o === '>' || o === '>='));
        return { t: 'bool', c: holds ? TRUE : FALSE };
      }
      const a = this.value(e.left, scope), b = this.value(e.right, scope);
      const v = lift2(a, b, (x, y): Value => (isOutside(x) || isOutside(y) ? OUTSIDE : { t: 'bool', c: this.exactEquality(x.t === 'num' && y.t === 'num' ? cmp(cop, x.e, y.e) : this.compareOther(cop, x, y, e), e.getText()) }));
      if (v.t === 'bool' && !this.conditionText.has(conditionKey(v.c))) this.conditionText.set(conditionKey(v.c), e.getText());
      return v;
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const both = op === ts.SyntaxKind.AmpersandAmpersandToken;
      const left = this.value(e.left, scope);
      if (isNumber(left)) {
        // on a number, JavaScript's value: `z && y / z` is y / z where z is not 0, else z (0);
        // `r || 1` is r where r is not 0, else 1 (a guard that holds nowhere on most domains)
        const right = this.value(e.right, scope);
        // `x || 0` is x everywhere (where x is 0 it gives 0): no branch (`col[i] || 0` in a product helper)
        if (!both && right.t === 'num' && right.e.k === 'num' && right.e.v === 0) return left;
        const c = truthOf(left);
        return this.checkBranches(both ? conditional(c, right, left) : conditional(c, left, right), e);
      }
      // a function, an array or an object is true, null and undefined false: `Math.sign || fallback` is Math.sign
      if (isOutside(left)) return left;
      if (left.t === 'fn' || left.t === 'math' || left.t === 'Math' || left.t === 'tuple' || left.t === 'none') {
        return (left.t === 'none') === both ? left : this.value(e.right, scope);
      }
      const a = this.testOf(left, e.left), b = this.test(e.right, scope);
      const v = lift2(a, b, (x, y): Value => (isOutside(x) || isOutside(y) ? OUTSIDE : { t: 'bool', c: both ? and(truthOf(x), truthOf(y)) : or(truthOf(x), truthOf(y)) }));
      if (v.t === 'bool' && !this.conditionText.has(conditionKey(v.c))) this.conditionText.set(conditionKey(v.c), e.getText());
      return v;
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken) {
      const a = this.value(e.left, scope);
      return lift(a, (x) => (x.t === 'none' && !isOutside(x) ? this.value(e.right, scope) : x));
    }
    if (op === ts.SyntaxKind.PercentToken) return this.remainder(e.left, e.right, e, scope);
    // a, b: a is read for its effects (y = cotPhi0 - y), b is the value
    if (op === ts.SyntaxKind.CommaToken) { this.value(e.left, scope); return this.value(e.right, scope); }
    throw new Blocked(`the operator ${ts.tokenToString(op)} is not arithmetic: only + - * / ** and Math.* are analysed`, e.operatorToken);
  }

  /**
   * x % c with c a positive number known while reading (360, 2 * Math.PI, a constant of the
   * file): the sawtooth rem(x, c), derivative 1 in x wherever it has one, jumping at the
   * nonzero multiples of c (the analysis knows where). Any other divisor stops the reading.
   */
  private remainder(left: TS.Expression, right: TS.Expression, at: TS.BinaryExpression, scope: Scope | null): Value {
    const a = this.scalar(left, scope);
    const b = this.scalar(right, scope);
    const c = b.t === 'num' ? this.known(b.e) : null;
    if (c === null || !(c > 0)) throw new Blocked('% (remainder) is analysed only by a positive number known while reading (x % 360, x % (2 * Math.PI)): by anything else it jumps where the divisor changes too', at.operatorToken);
    // an index such as (i + 1) % N: a number
    const k = a.t === 'num' && a.e.k === 'num' ? a.e.v : null;
    if (k !== null) return scalar(num(k % c));
    // a whole number on some ways (a Math.floor sector) is its remainder there
    return this.arithValues([a, b], [left, right], ([x, y]) => (x.k === 'num' ? num(x.v % c) : call('rem', x, y)));
  }

  /** The number e stands for when it is known while reading (constants of the file are parameters, with values), or null. */
  known(e: Expr): number | null {
    if (e.k === 'num') return e.v;
    return isConstantExpr(e, this.parameters) ? constantValue(e, { parameters: this.parameters, functions: new Map() }) : null;
  }

  /** A condition with the file's constants put in: a loop's `i < N` is decided. */
  private decideKnown(c: Condition): Condition {
    switch (c.k) {
      case 'cmp': {
        const a = this.known(c.a), b = this.known(c.b);
        return a === null || b === null ? c : cmp(c.op, num(a), num(b));
      }
      case 'and': return and(...c.args.map((x) => this.decideKnown(x)));
      case 'or': return or(...c.args.map((x) => this.decideKnown(x)));
      case 'not': return not(this.decideKnown(c.arg));
      default: return c;
    }
  }

  /** Comparisons of values that are not both numbers: numbers are never null or undefined. */
  /**
   * Infinity, -Infinity, NaN and Number's names for them (when the file does not rebind them):
   * the value, else null. Only comparisons read them: a number read here is finite.
   */
  private nonFinite(node: TS.Expression, scope: Scope | null): number | null {
    const ts = this.ts;
    let e = skipOuter(ts, node), sign = 1;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) { sign = -1; e = skipOuter(ts, e.operand); }
    const global = (id: TS.Identifier) => !scope?.get(id.text) && !this.moduleOf(id).bindings.has(id.text);
    let v: number | null = null;
    if (ts.isIdentifier(e) && global(e)) v = e.text === 'Infinity' ? Infinity : e.text === 'NaN' ? NaN : null;
    else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Number' && global(e.expression)) {
      v = ({ POSITIVE_INFINITY: Infinity, NEGATIVE_INFINITY: -Infinity, NaN: NaN } as Record<string, number>)[e.name.text] ?? null;
    }
    return v === null ? null : sign * v;
  }

  /**
   * An exact equality of numbers that vary with the inputs (`max === min`, `x === 0`, a switch's
   * `case g` where max is r): where it holds is a set of measure zero, no part of the map, so `==`
   * never holds and `!=` always does (said in `assumed`). Ways through such tests would otherwise
   * double the pieces of an rgb to hsl conversion at every one of them.
   */
  private exactEquality(c: Condition, text: string): Condition {
    if (c.k !== 'cmp' || (c.op !== '==' && c.op !== '!=')) return c;
    const varies = (e: Expr) => someExpr(e, (x) => x.k === 'sym' && this.variables.has(x.name));
    if (!varies(c.a) && !varies(c.b)) return c;
    // one line for all of them, rewritten as tests are met
    const said = (): string => `exact equalities of numbers that vary with the inputs (${this.equalities.join(', ')}) are taken to fail where they are not identities: they hold on a set of measure zero, no part of the map`;
    if (!this.equalities.includes(text)) {
      if (this.equalities.length) this.assumed.delete(said());
      this.equalities.push(text);
      this.assumed.add(said());
    }
    return c.op === '==' ? FALSE : TRUE;
  }

  private compareOther(op: Comparison, a: Value, b: Value, at: TS.Node): Condition {
    if ((op === '==' || op === '!=') && (a.t === 'none' || b.t === 'none')) {
      const equal = a.t === 'none' && b.t === 'none';
      return equal === (op === '==') ? TRUE : FALSE;
    }
    if (a.t === 'free' || b.t === 'free') return cmp(op, this.numberOf(a, at), this.numberOf(b, at));
    if (a.t === 'bool' || b.t === 'bool') throw new Blocked('comparisons of conditions (true or false) are not analysed', at);
    throw new NotAMap();
  }

  // ---------------------------------------------------------------------------------------
  // Calls

  private call(e: TS.CallExpression, scope: Scope | null): Value {
    const ts = this.ts;
    if (e.questionDotToken) throw new Blocked('optional calls (?.) are not analysed', e);
    const callee = skipOuter(ts, e.expression);
    // a spread of an array known while reading (`Math.max(...rgb)`) passes its entries
    const args = () => e.arguments.flatMap((a): Value[] => {
      // a string passed as it is (`unpack(args, 'lab')`) is a label the callee may name or test
      if (isLabel(ts, a)) return [{ t: 'label', text: (skipOuter(ts, a) as TS.StringLiteral).text }];
      if (!ts.isSpreadElement(a)) return [this.value(a, scope)];
      const v = this.value(a.expression, scope);
      if (v.t !== 'tuple' || v.keys) throw new Blocked('spread arguments (...xs) are analysed only for arrays known while reading', a);
      return [...v.items];
    });
    // argument nodes by position (none past a spread, whose entries have no node of their own)
    const spread = e.arguments.findIndex((a) => ts.isSpreadElement(a));
    const argNodes = (spread < 0 ? e.arguments : e.arguments.slice(0, spread)) as readonly TS.Expression[];
    // isNaN(x), isFinite(x), Number.isFinite(x) of a number read here: it is finite where the map is defined
    const guard = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Number' ? callee.expression : null;
    const guardName = ts.isPropertyAccessExpression(callee) ? callee.name.text : guard?.text;
    if (guard && (guardName === 'isNaN' || guardName === 'isFinite') && !scope?.get(guard.text) && !this.moduleOf(guard).bindings.has(guard.text) && argNodes.length === 1) {
      const v = this.value(argNodes[0], scope);
      if (isNumber(v)) return { t: 'bool', c: guardName === 'isFinite' ? TRUE : FALSE };
    }
    if (ts.isIdentifier(callee)) {
      const name = callee.text;
      if (!scope?.get(name) && !this.moduleOf(callee).bindings.has(name) && /^(parseFloat|parseInt|Number|isNaN|isFinite|String|Boolean)$/.test(name)) {
        // parsing or making text (`parseInt(hex, 16)`, `String(x)`): the function works on strings, it is no map
        if (/^(parseFloat|parseInt|String)$/.test(name)) throw new NotAMap();
        throw new Blocked(`${name}(...) converts values: only arithmetic on numbers is analysed`, e);
      }
    }
    // Array.isArray(v) of a value read here: an array is one; a number, an object or nothing is not
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'isArray' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Array' &&
      this.isGlobal(callee.expression, scope) && argNodes.length === 1 && spread < 0) {
      return lift(this.value(argNodes[0], scope), (v): Value => {
        if (v.t === 'free' || v.t === 'module') throw new Blocked('Array.isArray of a value not known while reading is not analysed', e);
        return { t: 'bool', c: v.t === 'tuple' && !v.keys ? TRUE : FALSE };
      });
    }
    // a product helper that the file uses without defining it (`multiplyMatrices(M, rgb)` of a script
    // loaded beside it): M·v when called with a k×k matrix and a vector of k numbers, as a package's
    if (ts.isIdentifier(callee) && this.isGlobal(callee, scope) && MATRIX_PRODUCT.test(callee.text) && spread < 0) {
      const why = `${callee.text} is not defined in this file (a script loaded beside it)`;
      const product = this.matrixProduct({ t: 'free', name: callee.text, unread: { from: '', why, said: '' } }, args(), scope, argNodes);
      if (product) return product;
    }
    const made = this.arrayFrom(e, scope) ?? this.newArray(e, scope);
    if (made) return made;
    if (ts.isPropertyAccessExpression(callee)) {
      const key = callee.name.text;
      // `Array.prototype.slice.call(args)`, `[].slice.call(args, 1)`: a copy of a part of the array, as `args.slice(1)`
      if (key === 'call' && spread < 0 && e.arguments.length >= 1 && this.isArraySlice(callee.expression, scope)) {
        const obj = this.value(e.arguments[0], scope);
        if (obj.t === 'tuple' && !obj.keys) return this.sliced(obj, args().slice(1), 'slice', e);
      }
      if (key === 'call' || key === 'apply' || key === 'bind') throw new Blocked(`.${key} is not analysed: call the function directly`, e);
      if (callee.expression.kind !== ts.SyntaxKind.ThisKeyword) {
        const p5 = this.p5Instance(callee, scope);
        if (p5) return this.apply(p5, args(), e, scope, argNodes);
        const obj = this.value(callee.expression, scope);
        if (obj.t === 'Math' && !isMathName(key)) this.mathMember(key, e);
        if (obj.t === 'tuple' && (key === 'map' || key === 'reduce')) return this.arrayMethod(obj, key, args(), e, scope);
        // a part of an array known while reading (`y.slice(0, 2)`, `x.subarray(2)`), arrays joined (`a.concat(b)`)
        if (obj.t === 'tuple' && !obj.keys && (key === 'slice' || key === 'subarray')) return this.sliced(obj, args(), key, e);
        if (obj.t === 'tuple' && !obj.keys && key === 'concat') {
          const parts = args();
          if (parts.every((a) => a.t === 'num' || (a.t === 'tuple' && !a.keys))) return { t: 'tuple', items: [...obj.items, ...parts.flatMap((a) => (a.t === 'tuple' ? a.items : [a]))] };
        }
        // new Array(k).fill(c): a fresh array of k copies of c (as a value; filling a named array in place is a statement)
        if (obj.t === 'tuple' && key === 'fill' && e.arguments.length === 1 && !ts.isIdentifier(skipOuter(ts, callee.expression))) {
          const c = args()[0];
          return { t: 'tuple', items: obj.items.map(() => c) };
        }
        return this.apply(lift(obj, (o) => this.member(o, key, callee)), args(), e, scope, argNodes);
      }
    }
    return this.apply(this.value(callee, scope), args(), e, scope, argNodes);
  }

  /** A part of an array known while reading, between bounds known while reading (`.slice(0, 2)`, `.subarray(2)`). */
  private sliced(arr: Value & { t: 'tuple' }, boundValues: readonly Value[], key: string, e: TS.CallExpression): Value {
    const bounds = boundValues.map((a) => (a.t === 'num' ? this.known(a.e) : null));
    if (bounds.some((b) => b === null)) throw new Blocked(`.${key} with bounds that are not known while reading is not analysed`, e);
    return { t: 'tuple', items: arr.items.slice(...(bounds as number[])) };
  }

  /** `Array.prototype.slice` or `[].slice` (the array method borrowed for `.call`). */
  private isArraySlice(x: TS.Expression, scope: Scope | null): boolean {
    const ts = this.ts;
    if (!ts.isPropertyAccessExpression(x) || x.name.text !== 'slice') return false;
    const owner = skipOuter(ts, x.expression);
    if (ts.isArrayLiteralExpression(owner)) return owner.elements.length === 0;
    return ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && ts.isIdentifier(owner.expression) && owner.expression.text === 'Array' && this.isGlobal(owner.expression, scope);
  }

  private apply(f: Value, args: readonly Value[], e: TS.CallExpression, scope: Scope | null, argNodes: readonly TS.Expression[]): Value {
    switch (f.t) {
      case 'fn': return this.callFunction(f.fn, args, f.scope, e, argNodes, scope);
      case 'math': return this.mathCall(f.name, args, e);
      case 'free': {
        const product = f.unread && MATRIX_PRODUCT.test(f.name) ? this.matrixProduct(f, args, scope, argNodes) : null;
        if (product) return product;
        const wrapped = f.unread && ANGLE_WRAP.test(f.name) ? this.angleWrap(f, args) : null;
        if (wrapped) return wrapped;
        const flat: Expr[] = [];
        args.forEach((a, i) => {
          const node = e.arguments[i] ?? e;
          if (a.t === 'tuple') for (const x of a.items) flat.push(this.numberOf(x, node));
          else if (a.t === 'cond') throw new Blocked(`${f.name} is not read, so it cannot be called with a value that differs between branches`, node);
          else flat.push(this.numberOf(a, node));
        });
        return scalar(call(f.name, ...flat));
      }
      case 'cond': return lift(f, (g) => this.apply(g, args, e, scope, argNodes));
      default: throw new NotAMap();
    }
  }

  /**
   * A helper named as a product (`multiply_v3_m3x3(v, M)`, `mulMatVec(M, v)`) from a module
   * that cannot be read, called with one k×k matrix and a vector of k numbers: taken to be
   * the product M·v (the matrix acts on the vector, rows times the vector, in either argument
   * order), said in `assumed`. A later vector argument that is a local array (an `out`
   * parameter) receives the product too. Anything else: null (the helper stays unknown).
   */
  private matrixProduct(f: Extract<Value, { t: 'free' }>, args: readonly Value[], scope: Scope | null, argNodes: readonly TS.Expression[]): Value | null {
    const numbers = (v: Value): Expr[] | null => (v.t === 'tuple' && !v.keys && v.items.every((x) => x.t === 'num') ? v.items.map((x) => (x as { e: Expr }).e) : null);
    const matrices: number[] = [], vectors: number[] = [];
    const rows = args.map((a) => (a.t === 'tuple' && !a.keys && a.items.length ? a.items.map(numbers) : null));
    args.forEach((a, i) => {
      const r = rows[i];
      if (r && r.every((row) => row && row.length === r.length)) matrices.push(i);
      else if (numbers(a)) vectors.push(i);
    });
    if (matrices.length !== 1 || !vectors.length || matrices.length + vectors.length !== args.length) return null;
    const m = rows[matrices[0]] as Expr[][];
    const k = m.length;
    const v = numbers(args[vectors[0]])!;
    if (v.length !== k || vectors.some((i) => numbers(args[i])!.length !== k)) return null;
    const result: Value = { t: 'tuple', items: m.map((row) => scalar(add(...row.map((x, j) => mul(x, v[j]))))) };
    const outs: string[] = [];
    for (const i of vectors.slice(1)) {
      const node = argNodes[i] && skipOuter(this.ts, argNodes[i]);
      if (node && this.ts.isIdentifier(node) && scope?.has(node.text)) { scope.set(node.text, result); outs.push(node.text); }
    }
    const u = f.unread!;
    this.assumed.delete(u.said);
    this.assumed.add(`${f.name}${u.from ? ` (imported from "${u.from}")` : ''} is taken to be the product of the ${k}×${k} matrix and the vector, M·v: ${u.why}`);
    if (outs.length) this.assumed.add(`${f.name} is taken to write the product into its last array argument too (${outs.join(', ')})`);
    return result;
  }

  /**
   * A helper named as bringing an angle into one turn (`constrainAngle(h)`, `wrapHue(h)`) from a
   * module that cannot be read, called with one number: taken to be that number, since wrapping
   * changes it by whole turns only (derivative 1 away from the wrap), said in `assumed`.
   */
  private angleWrap(f: Extract<Value, { t: 'free' }>, args: readonly Value[]): Value | null {
    if (args.length !== 1 || args[0].t !== 'num') return null;
    const u = f.unread!;
    this.assumed.delete(u.said);
    this.assumed.add(`${f.name} (imported from "${u.from}") is taken to bring an angle into one turn: the identity up to whole turns, derivative 1 away from the wrap: ${u.why}`);
    return args[0];
  }

  /** array.map(f) and array.reduce(f, initial) on arrays known while reading. */
  private arrayMethod(arr: Extract<Value, { t: 'tuple' }>, key: string, args: readonly Value[], e: TS.CallExpression, scope: Scope | null): Value {
    const f = args[0];
    // a Math function of one argument (`u.map(Math.tanh)`): the index and array JavaScript also passes are ignored by it
    if (f?.t === 'math' && key === 'map' && MATH_FUNCTIONS[f.name] === 1) return { t: 'tuple', items: arr.items.map((x) => this.mathCall(f.name, [x], e)) };
    if (!f || f.t !== 'fn') throw new Blocked(`.${key} is read with a function written here`, e);
    const applyTo = (xs: Value[]) => this.callFunction(f.fn, xs, f.scope, e, undefined, scope);
    if (key === 'map') return { t: 'tuple', items: arr.items.map((x, i) => applyTo([x, scalar(num(i))].slice(0, f.fn.parameters.length))) };
    let acc = args[1];
    let start = 0;
    if (!acc) { if (!arr.items.length) throw new Blocked('reduce of an empty array', e); acc = arr.items[0]; start = 1; }
    for (let i = start; i < arr.items.length; i++) acc = applyTo([acc, arr.items[i], scalar(num(i))].slice(0, Math.max(2, f.fn.parameters.length)));
    return acc;
  }

  private mathCall(name: string, vals: readonly Value[], e: TS.CallExpression): Value {
    const nodes = e.arguments.length ? [...e.arguments] : [e];
    const arity = (n: number) => {
      if (vals.length !== n) throw new Blocked(`Math.${name} takes ${n} argument${n === 1 ? '' : 's'}, not ${vals.length}`, e);
    };
    if (MATH_FUNCTIONS[name] !== undefined) {
      arity(MATH_FUNCTIONS[name]);
      return this.arithValues(vals, nodes, (xs) => foldWhole(name, xs) ?? call(name, ...xs));
    }
    const own = name.startsWith('p5.') ? P5_OWN[name.slice(3)] : undefined;
    if (own) {
      if (vals.length !== own[0]) throw new Blocked(`p5's ${name.slice(3)} takes ${own[0]} argument${own[0] === 1 ? '' : 's'} here, not ${vals.length}`, e);
      return this.arithValues(vals, nodes, own[1]);
    }
    if (name === 'floor') { arity(1); return this.floor(vals[0], e); }
    if (name === 'pow') { arity(2); return this.arithValues(vals, nodes, ([a, b]) => pow(a, b)); }
    if (name === 'hypot') {
      if (vals.length === 0) return scalar(num(0));
      return this.arithValues(vals, nodes, (xs) => (xs.length === 2 ? call('hypot', xs[0], xs[1]) : call('sqrt', add(...xs.map((a) => pow(a, num(2)))))));
    }
    if (name === 'min' || name === 'max') {
      // piecewise: the smallest (largest) argument; min tests `a < b` where max tests `a >= b`
      // (at a tie both are the same number), so that Math.min and Math.max of the same numbers
      // share their tests and together make no more ways than one of them (rgb to hsl)
      if (vals.length === 0) throw new NotAMap();
      const op: Comparison = name === 'min' ? '<' : '>=';
      let acc = lift(vals[0], (v) => scalar(this.numberOf(v, nodes[0])));
      for (let i = 1; i < vals.length; i++) {
        const next = lift(vals[i], (v) => scalar(this.numberOf(v, nodes[i])));
        const prev = acc;
        acc = this.checkBranches(lift2(prev, next, (a, b) => conditional(cmp(op, (a as { e: Expr }).e, (b as { e: Expr }).e), a, b)), e);
      }
      return acc;
    }
    throw new Blocked(MATH_UNSUPPORTED[name] ?? `Math has no function named ${name}: use Math.exp, Math.log, Math.sin, ... or a function of the workspace`, e);
  }

  /**
   * Math.floor(x): a constant where x is known; else, where the function tests the result
   * against whole numbers (`switch (i % 6) { case 0: … }`, `if (i === 2)`), the sectors from the
   * smallest of them to one past the largest, one value each (`x < 1 ? 0 : x < 2 ? 1 : …`, its
   * derivative 0 inside each), and `outside` (a way not followed) below and above them, said in
   * `assumed`. Without such tests it stops the reading: a step function has no sectors to name.
   */
  private floor(v: Value, e: TS.CallExpression): Value {
    const arg = e.arguments[0] ?? e;
    return lift(v, (x) => {
      if (isOutside(x)) return x;
      const ex = this.numberOf(x, arg);
      const k = this.known(ex);
      if (k !== null) return scalar(num(Math.floor(k)));
      const w = sectorsTested(this.ts, e);
      if (!w) throw new Blocked(`${MATH_UNSUPPORTED.floor}: the code tests its value against no whole numbers (case 0:, === 1) that would name its sectors`, e);
      const text = arg.getText();
      const below = (j: number) => {
        const c = cmp('<', ex, num(j));
        this.conditionText.set(conditionKey(c), `${text} < ${j}`);
        this.conditionText.set(conditionKey(not(c)), `${text} >= ${j}`);
        return c;
      };
      let acc: Value = OUTSIDE;
      for (let j = w[1]; j >= w[0]; j--) acc = conditional(below(j + 1), scalar(num(j)), acc);
      this.assumed.add(`Math.floor(${text}) is read for ${w[0]} ≤ ${text} < ${w[1] + 1}, one piece per whole number (the values the code tests it against, and one past them); elsewhere the map is not read`);
      return this.checkBranches(conditional(below(w[0]), OUTSIDE, acc), e);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Closures

  /**
   * The scope of a function written inside other functions (a factory's returned map, a
   * nested helper): the enclosing functions' parameters are symbols (unknown functions when
   * called), their locals that nothing reassigns are read, the others are symbols too.
   */
  closureScope(fn: TS.Node): Scope | null {
    const ts = this.ts;
    const outers: TS.SignatureDeclaration[] = [];
    for (let n = fn.parent; n && !ts.isSourceFile(n); n = n.parent) if (ts.isFunctionLike(n) && (n as TS.FunctionLikeDeclaration).body) outers.unshift(n);
    let scope: Scope | null = null;
    for (const outer of outers) scope = this.enclosing(outer as TS.FunctionLikeDeclaration, scope);
    return scope;
  }

  /** What an enclosing function declares and reassigns (once per function: a bundle nests everything in one). */
  private readonly outerInfo = new WeakMap<TS.Node, { params: Set<string>; decls: Map<string, TS.VariableDeclaration | TS.FunctionDeclaration>; assigned: Set<string> }>();

  private enclosing(outer: TS.FunctionLikeDeclaration, parent: Scope | null): Scope {
    const ts = this.ts;
    let info = this.outerInfo.get(outer);
    if (!info) {
      const decls = new Map<string, TS.VariableDeclaration | TS.FunctionDeclaration>();
      if (outer.body) {
        walk(ts, outer.body, (n) => {
          if (ts.isVariableDeclaration(n)) for (const name of boundNames(ts, n.name)) decls.set(name, n);
          if (ts.isFunctionDeclaration(n) && n.name) { decls.set(n.name.text, n); return 'skip'; }
          return n !== outer.body && ts.isFunctionLike(n) ? 'skip' : undefined;
        });
      }
      info = { params: new Set(outer.parameters.flatMap((p) => boundNames(ts, p.name))), decls, assigned: outer.body ? assignedNames(ts, outer.body) : new Set<string>() };
      this.outerInfo.set(outer, info);
    }
    const { params, decls, assigned } = info;
    const pending = new Set<string>();
    const scope: Scope = new Scope(parent, (name) => {
      const d = decls.get(name);
      if (d && ts.isFunctionDeclaration(d)) return d.body ? { t: 'fn', fn: d, name, scope } : undefined;
      if (d && !assigned.has(name) && d.initializer && !pending.has(name)) {
        pending.add(name);
        try {
          const v = this.value(d.initializer, scope);
          if (ts.isIdentifier(d.name)) return v;
          const s = new Scope(null);
          this.bind(d.name, v, s, d);
          return s.get(name);
        } finally { pending.delete(name); }
      }
      if (d || params.has(name)) return { t: 'free', name: this.variables.has(name) ? `${name}_` : name };
      return undefined;
    });
    return scope;
  }
}

/** Sectors a function names by testing a whole number: at most this many are read. */
const MAX_SECTORS = 12;

/**
 * The whole numbers the function holding `node` tests values against (`case 3:`, `=== 2`,
 * `!= 0`), as a window [smallest, largest + 1] (the largest sector's default or else way), or
 * null when there are none or too many.
 */
function sectorsTested(ts: TypeScriptApi, node: TS.Node): [number, number] | null {
  let fn: TS.Node | undefined = node.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const body = fn && (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return null;
  const ks: number[] = [];
  const whole = (x: TS.Expression) => {
    const y = skipOuter(ts, x);
    const neg = ts.isPrefixUnaryExpression(y) && y.operator === ts.SyntaxKind.MinusToken;
    const lit = neg ? skipOuter(ts, (y as TS.PrefixUnaryExpression).operand) : y;
    if (!ts.isNumericLiteral(lit)) return;
    const k = (neg ? -1 : 1) * Number(lit.text);
    if (Number.isInteger(k)) ks.push(k);
  };
  walk(ts, body, (n) => {
    if (ts.isCaseClause(n)) whole(n.expression);
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind)) {
      whole(n.left);
      whole(n.right);
    }
  });
  if (!ks.length) return null;
  const lo = Math.min(...ks), hi = Math.max(...ks) + 1;
  return hi - lo < MAX_SECTORS ? [lo, hi] : null;
}

/** `this.a.b`: a member chain that starts at `this`. */
function rootedAtThis(ts: TypeScriptApi, e: TS.Expression): boolean {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(ts, e.expression);
  return e.kind === ts.SyntaxKind.ThisKeyword;
}

/** Parentheses, `as`, `!`, `satisfies` and <T> casts do not change the value. */
export function skipOuter(ts: TypeScriptApi, e: TS.Expression): TS.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** A function that stays unknown must not take the name of a known one (logistic, erf, ...). */
const unknownName = (name: string) => (isKnownFunction(name) || name in CONSTANTS ? `${name}_` : name);

/** No symbols but pi, e and parameters, no unknown functions: a value. */
/** A string written as it is (`'lab'`): a label of an object of numbers, not a value of the map. */
function isLabel(ts: TypeScriptApi, e: TS.Expression): boolean {
  const x = skipOuter(ts, e);
  return ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x);
}

/** Names declared with `var` in a function body (blocks and loops included, nested functions not). */
function hoistedVars(ts: TypeScriptApi, body: TS.Block): string[] {
  const out: string[] = [];
  const names = (n: TS.BindingName): void => {
    if (ts.isIdentifier(n)) out.push(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) names(el.name);
  };
  walk(ts, body, (n) => {
    if (ts.isFunctionLike(n)) return 'skip';
    if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) for (const d of n.declarations) names(d.name);
    return undefined;
  });
  return out;
}

export function isConstantExpr(e: Expr, parameters: ReadonlyMap<string, Expr>): boolean {
  const constant = (x: Expr): boolean => {
    switch (x.k) {
      case 'num': return true;
      case 'sym': return x.name === 'pi' || x.name === 'e' || parameters.has(x.name);
      case 'call': return !x.d && Object.prototype.hasOwnProperty.call(MATH_FUNCTIONS, x.fn) && x.args.every(constant);
      case 'neg': return constant(x.arg);
      case 'pow': return constant(x.base) && constant(x.exp);
      default: return x.args.every(constant);
    }
  };
  return constant(e);
}

/** The text of an expression whose value cannot change between two evaluations (no call, no assignment, no ++ or --), else undefined. */
function pureText(ts: TypeScriptApi, e: TS.Expression): string | undefined {
  let pure = true;
  walk(ts, e, (n) => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isAwaitExpression(n) || ts.isYieldExpression(n)
      || ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken))
      || (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment)) { pure = false; return 'stop'; }
    return undefined;
  });
  return pure ? e.getText() : undefined;
}

