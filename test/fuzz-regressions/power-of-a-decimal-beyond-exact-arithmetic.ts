// A white point whose first coordinate is a power of a decimal far beyond exact arithmetic.
const WHITE = { x: 0.99 ** 20000, y: 1.0, z: 1.08883 };

export function xyzToScaled(x: number, y: number, z: number): [number, number, number] {
  return [x / WHITE.x, y / WHITE.y, z / WHITE.z];
}
