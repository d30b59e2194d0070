/**
 * fn with Date.now() frozen at t (every deadline of the analysis is read from it): no deadline
 * passes, so what ends the work is its counts. Tests use it instead of reading how long a step took.
 */
export function atFrozenTime<T>(t: number, fn: () => T): T {
  const real = Date.now;
  Date.now = () => t;
  try { return fn(); } finally { Date.now = real; }
}
