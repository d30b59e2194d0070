export function swirl(x: number, y: number): [number, number] {
  const angle = 0.5 * Math.exp(-(x * x + y * y));
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [c * x - s * y, s * x + c * y];
}
