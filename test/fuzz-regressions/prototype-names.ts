export function f(x: number, y: number) { return [Math.toString(x), constructor(y)]; }
export function g(x: number, y: number) { return [x.valueOf() * 2, y]; }
