/**
 * TypeScript/JavaScript syntax trees -> Expr, by reading the code symbolically: a function
 * is "called" with symbols for its parameters, local `const`s are bound to the expressions
 * of their initializers, and calls of functions of the same file are inlined. Nothing is
 * evaluated: the user's code is only read.
 *
 * Two ways out: `Blocked` (the code looks like arithmetic but uses what cannot be analysed:
 * loops, conditionals, mutation, imports, Math.random, side effects; said in words at the
 * node) and `NotAMap` (plainly something else: strings, `this`, callbacks, await).
 */
import type * as TS from 'typescript';
import { Expr, add, call, div, mul, neg, num, pow, sub, sym } from '../../math/expr';
import type { TypeScriptApi } from './loader';
import { MAX_NESTING, dict, tooDeep } from '../../limits';
import { TOO_LARGE_NUMBER } from '../plainExpr';

export type FunctionLike = TS.FunctionDeclaration | TS.ArrowFunction | TS.FunctionExpression | TS.MethodDeclaration;

export type Value =
  | { readonly t: 'num'; readonly e: Expr }
  | { readonly t: 'tuple'; readonly items: readonly Value[]; readonly keys?: readonly string[] }
  | { readonly t: 'fn'; readonly fn: FunctionLike; readonly name: string; readonly scope: Scope | null };

export class Blocked extends Error {
  /** `limit`: the input is past a stated limit (nesting, a number too large), said as a warning even where the function only looks like a map. */
  constructor(message: string, readonly node: TS.Node, readonly limit = false) { super(message); }
}

export class NotAMap extends Error {}

/** Lexical scope of a call being read: names -> values, then the enclosing scope. */
export class Scope {
  private readonly names = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}
  get(name: string): Value | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
  set(name: string, v: Value): void { this.names.set(name, v); }
}

/** What a top-level name of the file is. */
export type ModuleBinding =
  | { readonly kind: 'const'; readonly init: TS.Expression; readonly node: TS.Node }
  | { readonly kind: 'function'; readonly fn: FunctionLike }
  | { readonly kind: 'declared-function'; readonly node: TS.Node }
  | { readonly kind: 'declared-const'; readonly node: TS.Node }
  | { readonly kind: 'import'; readonly from: string; readonly node: TS.Node }
  | { readonly kind: 'mutable'; readonly keyword: string; readonly node: TS.Node }
  | { readonly kind: 'other'; readonly what: string; readonly node: TS.Node };

const scalar = (e: Expr): Value => ({ t: 'num', e });

/** Math.* functions with a known function of the same name (functions.ts), and their arities. */
const MATH_FUNCTIONS: Readonly<Record<string, number>> = dict({
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

/** Math.* functions that are read but not analysed, with the reason. */
const MATH_UNSUPPORTED: Readonly<Record<string, string>> = dict({
  random: 'Math.random() is random, not a function of the inputs',
  min: 'Math.min is piecewise (a conditional in disguise) and is not analysed',
  max: 'Math.max is piecewise (a conditional in disguise) and is not analysed',
  floor: 'Math.floor is a step function (derivative 0, jumps) and is not analysed',
  ceil: 'Math.ceil is a step function (derivative 0, jumps) and is not analysed',
  round: 'Math.round is a step function (derivative 0, jumps) and is not analysed',
  trunc: 'Math.trunc is a step function (derivative 0, jumps) and is not analysed',
  fround: 'Math.fround rounds to 32 bits and is not analysed',
  imul: 'Math.imul is integer arithmetic and is not analysed',
  clz32: 'Math.clz32 is integer arithmetic and is not analysed',
});

const MAX_CALL_DEPTH = 24;

export class Translator {
  /** Module constants used by the maps read so far (become the report's parameters). */
  readonly parameters = new Map<string, Expr>();
  private readonly constValues = new Map<string, Value | 'pending'>();
  private readonly callStack: FunctionLike[] = [];
  /** Variables of the map being read: a module constant of the same name is inlined, never a symbol. */
  private variables: ReadonlySet<string> = new Set();

  constructor(
    private readonly ts: TypeScriptApi,
    private readonly sf: TS.SourceFile,
    private readonly module: ReadonlyMap<string, ModuleBinding>,
  ) {}

  /** Read `fn` with its parameters bound to `args`. */
  callFunction(fn: FunctionLike, args: readonly Value[], scope: Scope | null, site: TS.Node, variables?: readonly string[]): Value {
    const ts = this.ts;
    if (variables) this.variables = new Set(variables);
    if (this.callStack.includes(fn)) throw new Blocked(`${this.fnName(fn)} calls itself: recursion is not analysed`, site);
    if (this.callStack.length >= MAX_CALL_DEPTH) throw new Blocked('calls nest too deeply to be inlined', site);
    if (fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) throw new NotAMap();
    const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
    if (params.length !== args.length) {
      throw new Blocked(`${this.fnName(fn)} takes ${params.length} argument${params.length === 1 ? '' : 's'} but is called with ${args.length}`, site);
    }
    const local = new Scope(scope);
    params.forEach((p, i) => {
      if (p.dotDotDotToken) throw new Blocked('rest parameters (...args) are not analysed', p);
      this.bind(p.name, args[i], local, p);
    });
    this.callStack.push(fn);
    try {
      if (!fn.body) throw new Blocked(`${this.fnName(fn)} has no body to read`, site);
      if (!ts.isBlock(fn.body)) return this.value(fn.body, local);
      return this.block(fn.body, local, fn);
    } finally {
      this.callStack.pop();
    }
  }

  private fnName(fn: FunctionLike): string {
    const n = fn.name;
    if (n && (this.ts.isIdentifier(n) || this.ts.isStringLiteral(n))) return n.text;
    const p = fn.parent;
    if (p && this.ts.isVariableDeclaration(p) && this.ts.isIdentifier(p.name)) return p.name.text;
    return 'this function';
  }

  /** Bind a name or a destructuring pattern to a value. */
  private bind(name: TS.BindingName, v: Value, scope: Scope, at: TS.Node): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) { scope.set(name.text, v); return; }
    if (v.t !== 'tuple') throw new Blocked('destructuring needs an array or object of numbers on the right', at);
    if (ts.isArrayBindingPattern(name)) {
      name.elements.forEach((el, i) => {
        if (ts.isOmittedExpression(el)) return;
        if (el.dotDotDotToken) throw new Blocked('rest elements (...rest) are not analysed', el);
        if (i >= v.items.length) throw new Blocked(`there is no element ${i} to destructure (the array has ${v.items.length})`, el);
        this.bind(el.name, v.items[i], scope, el);
      });
      return;
    }
    for (const el of name.elements) {
      if (el.dotDotDotToken) throw new Blocked('rest elements (...rest) are not analysed', el);
      const keyNode = el.propertyName ?? el.name;
      const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : null;
      const i = key !== null && v.keys ? v.keys.indexOf(key) : -1;
      if (i < 0) throw new Blocked(`the object has no property ${key ?? '(computed)'} to destructure`, el);
      this.bind(el.name, v.items[i], scope, el);
    }
  }

  /** A function body: `const` (and never reassigned `let`) declarations, then `return`. */
  private block(body: TS.Block, scope: Scope, fn: FunctionLike): Value {
    const ts = this.ts;
    const readable = (st: TS.Statement) => ts.isReturnStatement(st) || ts.isVariableStatement(st) || (ts.isFunctionDeclaration(st) && !!st.name) ||
      ts.isEmptyStatement(st) || ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st);
    // The statement that blocks the reading comes first (a loop, rather than the let it updates).
    const blocker = body.statements.find((st) => !readable(st));
    if (blocker) throw new Blocked(this.statementReason(blocker), blocker);
    for (const st of body.statements) {
      if (ts.isReturnStatement(st)) {
        if (!st.expression) throw new Blocked('return without a value', st);
        return this.value(st.expression, scope);
      }
      if (ts.isVariableStatement(st)) {
        const flags = st.declarationList.flags;
        const isConst = (flags & ts.NodeFlags.Const) !== 0;
        for (const d of st.declarationList.declarations) {
          if (!d.initializer) throw new Blocked(`${d.name.getText(this.sf)} is declared without a value: give it one (const ${d.name.getText(this.sf)} = ...)`, d);
          if (!isConst) this.assertNeverAssigned(d.name, body);
          this.bind(d.name, this.value(d.initializer, scope), scope, d);
        }
        continue;
      }
      if (ts.isFunctionDeclaration(st) && st.name) scope.set(st.name.text, { t: 'fn', fn: st, name: st.name.text, scope });
    }
    throw new Blocked(`${this.fnName(fn)} ends without a return`, fn.name ?? fn);
  }

  private statementReason(st: TS.Statement): string {
    const ts = this.ts;
    const k = st.kind;
    if (ts.isIfStatement(st) || ts.isSwitchStatement(st)) {
      return 'a conditional (if/switch) is not analysed: only one formula per component is read. Split the cases into separate functions, or write the map without branches';
    }
    if (ts.isIterationStatement(st, false)) return 'a loop is not analysed: write each component as one expression (unroll the loop for a fixed n)';
    if (ts.isExpressionStatement(st)) {
      const e = st.expression;
      if (ts.isBinaryExpression(e) && e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        return 'an assignment (mutation) is not analysed: bind each value once with const';
      }
      if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) return '++ and -- (mutation) are not analysed: bind each value once with const';
      return `a statement with a side effect (${e.getText(this.sf).slice(0, 40)}) is not analysed: a map's body may only declare consts and return`;
    }
    if (k === ts.SyntaxKind.ThrowStatement || k === ts.SyntaxKind.TryStatement) return 'throw and try are not analysed: a map\'s body may only declare consts and return';
    return 'this statement is not analysed: a map\'s body may only declare consts and return';
  }

  /** `let x = ...` is read like a const only if nothing assigns to x afterwards. */
  private assertNeverAssigned(name: TS.BindingName, body: TS.Node): void {
    const ts = this.ts;
    const names = new Set<string>();
    const collect = (n: TS.BindingName) => {
      if (ts.isIdentifier(n)) names.add(n.text);
      else for (const el of n.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
    };
    collect(name);
    const target = (e: TS.Expression): TS.Identifier | undefined => {
      while (ts.isParenthesizedExpression(e)) e = e.expression;
      return ts.isIdentifier(e) && names.has(e.text) ? e : undefined;
    };
    walk(ts, body, (n) => {
      let hit: TS.Identifier | undefined;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) hit = target(n.left);
      else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) hit = target(n.operand);
      if (hit) throw new Blocked(`${hit.text} is reassigned: a value that changes is not analysed; bind each value once with const`, n);
    });
  }

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
      const idx = this.value(e.argumentExpression, scope);
      if (obj.t !== 'tuple') throw new Blocked('indexing is only read on arrays of numbers written in this file', e);
      const i = idx.t === 'num' && idx.e.k === 'num' ? idx.e.v : NaN;
      if (!Number.isInteger(i) || i < 0 || i >= obj.items.length) throw new Blocked('the index must be a constant within the array', e.argumentExpression);
      return obj.items[i];
    }
    if (ts.isBinaryExpression(e)) return this.binary(e, scope);
    if (ts.isPrefixUnaryExpression(e)) {
      switch (e.operator) {
        case ts.SyntaxKind.MinusToken: return scalar(neg(this.scalar(e.operand, scope)));
        case ts.SyntaxKind.PlusToken: return scalar(this.scalar(e.operand, scope));
        case ts.SyntaxKind.PlusPlusToken: case ts.SyntaxKind.MinusMinusToken:
          throw new Blocked('++ and -- (mutation) are not analysed: bind each value once with const', e);
        default: throw new Blocked(`the operator ${ts.tokenToString(e.operator)} is not arithmetic: only + - * / ** and Math.* are analysed`, e);
      }
    }
    if (ts.isPostfixUnaryExpression(e)) throw new Blocked('++ and -- (mutation) are not analysed: bind each value once with const', e);
    if (ts.isConditionalExpression(e)) {
      throw new Blocked('a conditional (?:) is not analysed: only one formula per component is read. Split the cases into separate functions', e);
    }
    if (ts.isArrayLiteralExpression(e)) {
      const items: Value[] = [];
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const v = this.value(el.expression, scope);
          if (v.t !== 'tuple') throw new Blocked('only arrays of numbers can be spread', el);
          items.push(...v.items);
        } else if (ts.isOmittedExpression(el)) throw new Blocked('an empty array element', el);
        else items.push(this.value(el, scope));
      }
      return { t: 'tuple', items };
    }
    if (ts.isObjectLiteralExpression(e)) {
      const items: Value[] = [], keys: string[] = [];
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
          keys.push(p.name.text); items.push(this.value(p.initializer, scope));
        } else if (ts.isShorthandPropertyAssignment(p)) {
          keys.push(p.name.text); items.push(this.identifier(p.name, scope));
        } else if (ts.isMethodDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) throw new NotAMap();
        else throw new Blocked('only plain properties (key: value) are read in an object of numbers', p);
      }
      return { t: 'tuple', items, keys };
    }
    if (ts.isCallExpression(e)) return this.call(e, scope);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { t: 'fn', fn: e, name: 'an inline function', scope };
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isBigIntLiteral(e) ||
        ts.isAwaitExpression(e) || ts.isYieldExpression(e) || ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e) ||
        ts.isRegularExpressionLiteral(e) || e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.SuperKeyword ||
        e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) {
      throw new NotAMap();
    }
    if (ts.isNewExpression(e)) throw new Blocked(`${e.getText(this.sf).slice(0, 40)} creates an object: only arithmetic on numbers is analysed`, e);
    throw new Blocked(`${e.getText(this.sf).slice(0, 40)} is not arithmetic that can be analysed: use numbers, + - * / **, Math.* and functions of this file`, e);
  }

  /** An expression that must be a single number. */
  scalar(node: TS.Expression, scope: Scope | null): Expr {
    const v = this.value(node, scope);
    if (v.t === 'num') return v.e;
    if (v.t === 'fn') throw new NotAMap();
    throw new Blocked('an array or object is used where a number is expected: write each component separately', node);
  }

  private identifier(id: TS.Identifier, scope: Scope | null): Value {
    const name = id.text;
    const local = scope?.get(name);
    if (local) return local;
    const b = this.module.get(name);
    if (!b) {
      if (name === 'undefined' || name === 'NaN' || name === 'Infinity') throw new NotAMap();
      throw new Blocked(`${name} is not defined in this file: only parameters, consts and functions of this file are read`, id);
    }
    switch (b.kind) {
      case 'const': return this.moduleConst(name, b, id);
      case 'function': return { t: 'fn', fn: b.fn, name, scope: null };
      case 'declared-const': return scalar(sym(name));
      case 'declared-function': throw new Blocked(`${name} is a declared function: it can only be called`, id);
      case 'import': throw new Blocked(`${name} is imported from "${b.from}": code in other modules is not read. Declare it in this file (declare function ${name}(u: number): number) to keep it as an unknown function`, id);
      case 'mutable': throw new Blocked(`${name} is declared with ${b.keyword} at the top of the file, so its value may change: declare it with const`, id);
      default: throw new Blocked(`${name} is ${b.what}, not a number or a function of numbers`, id);
    }
  }

  /** A top-level const: a number becomes a parameter (by name), anything else is inlined. */
  private moduleConst(name: string, b: Extract<ModuleBinding, { kind: 'const' }>, at: TS.Node): Value {
    let v = this.constValues.get(name);
    if (v === 'pending') throw new Blocked(`${name} is defined in terms of itself`, at);
    if (!v) {
      this.constValues.set(name, 'pending');
      const saved = this.callStack.splice(0);
      try {
        v = this.value(b.init, null);
      } catch (err) {
        this.constValues.delete(name);
        // Said at the use, in the map: the constant itself may be fine for other code.
        if (err instanceof Blocked) throw new Blocked(`${name} cannot be read: ${err.message}`, at);
        throw err;
      } finally {
        this.callStack.push(...saved);
      }
      this.constValues.set(name, v);
    }
    if (v.t === 'num' && !this.variables.has(name) && isConstantExpr(v.e, this.parameters)) {
      this.parameters.set(name, v.e);
      return scalar(sym(name));
    }
    return v;
  }

  private property(e: TS.PropertyAccessExpression, scope: Scope | null): Value {
    const ts = this.ts;
    const key = e.name.text;
    if (this.isMath(e.expression, scope)) {
      const c = MATH_CONSTANTS[key];
      if (c) {
        const v = c();
        // A variable or a top-level const named pi or e must not capture Math.PI or Math.E.
        const shadowed = v.k === 'sym' && (this.variables.has(v.name) || this.module.has(v.name));
        return scalar(shadowed ? num(key === 'PI' ? Math.PI : Math.E) : v);
      }
      throw new Blocked(`Math.${key} is not a number: call it, or use one of ${Object.keys(MATH_CONSTANTS).map((k) => `Math.${k}`).join(', ')}`, e);
    }
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) throw new NotAMap();
    const obj = this.value(e.expression, scope);
    if (obj.t === 'tuple') {
      if (key === 'length') return scalar(num(obj.items.length));
      const i = obj.keys ? obj.keys.indexOf(key) : -1;
      if (i >= 0) return obj.items[i];
      throw new Blocked(`there is no property ${key} here`, e.name);
    }
    throw new NotAMap();
  }

  private isMath(e: TS.Expression, scope: Scope | null): boolean {
    return this.ts.isIdentifier(e) && e.text === 'Math' && !scope?.get('Math') && !this.module.has('Math');
  }

  private call(e: TS.CallExpression, scope: Scope | null): Value {
    const ts = this.ts;
    if (e.questionDotToken) throw new Blocked('optional calls (?.) are not analysed', e);
    const callee = skipOuter(ts, e.expression);
    const args = () => e.arguments.map((a) => {
      if (ts.isSpreadElement(a)) throw new Blocked('spread arguments (...xs) are not analysed', a);
      return this.value(a, scope);
    });
    const scalars = () => args().map((a, i) => {
      if (a.t !== 'num') throw new Blocked('an argument that is not a number', e.arguments[i]);
      return a.e;
    });
    if (ts.isPropertyAccessExpression(callee) && this.isMath(callee.expression, scope)) {
      return scalar(this.mathCall(callee.name.text, scalars(), e));
    }
    if (ts.isIdentifier(callee)) {
      const name = callee.text;
      const local = scope?.get(name);
      if (local) {
        if (local.t !== 'fn') throw new NotAMap();
        return this.callFunction(local.fn, args(), local.scope, e);
      }
      const b = this.module.get(name);
      if (b?.kind === 'declared-function') return scalar(call(name, ...scalars()));
      if (!b && /^(parseFloat|parseInt|Number|isNaN|isFinite|String|Boolean)$/.test(name)) {
        throw new Blocked(`${name}(...) converts values: only arithmetic on numbers is analysed`, e);
      }
    }
    const f = this.value(callee, scope);
    if (f.t === 'fn') return this.callFunction(f.fn, args(), f.scope, e);
    throw new NotAMap();
  }

  private mathCall(name: string, args: Expr[], e: TS.CallExpression): Expr {
    const arity = (n: number) => {
      if (args.length !== n) throw new Blocked(`Math.${name} takes ${n} argument${n === 1 ? '' : 's'}, not ${args.length}`, e);
    };
    if (MATH_FUNCTIONS[name] !== undefined) {
      arity(MATH_FUNCTIONS[name]);
      return call(name, ...args);
    }
    if (name === 'pow') { arity(2); return pow(args[0], args[1]); }
    if (name === 'hypot') {
      if (args.length === 2) return call('hypot', args[0], args[1]);
      if (args.length === 0) return num(0);
      return call('sqrt', add(...args.map((a) => pow(a, num(2)))));
    }
    const why = MATH_UNSUPPORTED[name];
    throw new Blocked(why ?? `Math.${name} is not a known function: use Math.exp, Math.log, Math.sin, ... or a function of this file`, e);
  }

  /**
   * The operands of a chain a + b - c (or a * b / c), left to right, the inverse operation
   * applied to those after `inverseOp`: a sum of thousands of terms is a tree of thousands of
   * levels, read here without recursion.
   */
  private chain(e: TS.BinaryExpression, scope: Scope | null, op: TS.SyntaxKind, inverseOp: TS.SyntaxKind, inverse: (x: Expr) => Expr): Expr[] {
    const ts = this.ts;
    const rights: Array<[TS.Expression, boolean]> = [];
    let cur: TS.Expression = e;
    while (ts.isBinaryExpression(cur) && (cur.operatorToken.kind === op || cur.operatorToken.kind === inverseOp)) {
      rights.push([cur.right, cur.operatorToken.kind === inverseOp]);
      cur = cur.left;
    }
    const out = [this.scalar(cur, scope)];
    for (let i = rights.length - 1; i >= 0; i--) {
      const [x, inv] = rights[i];
      const v = this.scalar(x, scope);
      out.push(inv ? inverse(v) : v);
    }
    return out;
  }

  private binary(e: TS.BinaryExpression, scope: Scope | null): Value {
    const ts = this.ts;
    const op = e.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) {
      throw new Blocked('an assignment (mutation) is not analysed: bind each value once with const', e);
    }
    const arith: Partial<Record<TS.SyntaxKind, (a: Expr, b: Expr) => Expr>> = {
      [ts.SyntaxKind.PlusToken]: (a, b) => add(a, b),
      [ts.SyntaxKind.MinusToken]: (a, b) => sub(a, b),
      [ts.SyntaxKind.AsteriskToken]: (a, b) => mul(a, b),
      [ts.SyntaxKind.SlashToken]: (a, b) => div(a, b),
      [ts.SyntaxKind.AsteriskAsteriskToken]: (a, b) => pow(a, b),
    };
    const f = arith[op];
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken) return scalar(add(...this.chain(e, scope, ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, neg)));
    if (op === ts.SyntaxKind.AsteriskToken || op === ts.SyntaxKind.SlashToken) return scalar(mul(...this.chain(e, scope, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, (x) => div(num(1), x))));
    if (f) return scalar(f(this.scalar(e.left, scope), this.scalar(e.right, scope)));
    if (op === ts.SyntaxKind.PercentToken) throw new Blocked('% (remainder) is not analysed: it jumps', e.operatorToken);
    if (op === ts.SyntaxKind.CommaToken) throw new Blocked('the comma operator is not analysed', e.operatorToken);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken ||
        (op >= ts.SyntaxKind.FirstBinaryOperator && op <= ts.SyntaxKind.LastBinaryOperator && /[<>=!]/.test(ts.tokenToString(op) ?? ''))) {
      throw new Blocked(`${ts.tokenToString(op)} makes a conditional, which is not analysed: only one formula per component is read`, e.operatorToken);
    }
    throw new Blocked(`the operator ${ts.tokenToString(op)} is not arithmetic: only + - * / ** and Math.* are analysed`, e.operatorToken);
  }
}

/** Parentheses, `as`, `!`, `satisfies` and <T> casts do not change the value. */
export function skipOuter(ts: TypeScriptApi, e: TS.Expression): TS.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/**
 * Visit `root` and its descendants in source order, without recursion (code can nest
 * thousands of levels: a long sum is a tree that deep). `visit` returns 'skip' to leave a
 * node's children out, 'stop' to end the walk.
 */
export function walk(ts: TypeScriptApi, root: TS.Node, visit: (n: TS.Node) => 'skip' | 'stop' | void): void {
  const stack: TS.Node[] = [root];
  const kids: TS.Node[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    const r = visit(n);
    if (r === 'stop') return;
    if (r === 'skip') continue;
    kids.length = 0;
    ts.forEachChild(n, (c) => { kids.push(c); });
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** No symbols but pi, e and parameters, no unknown functions: a value. */
function isConstantExpr(e: Expr, parameters: ReadonlyMap<string, Expr>): boolean {
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
