import { geoProjection } from 'd3-geo';
const { abs, atan, exp, log, tan, sin, cos, asin, sqrt, PI } = Math;
ccos, asin, sqrt, PI } = Math;
const halfPi = PI / 2, quarterPi = PI / 4, epsilon = 1e-6;

export function mercatorRaw(lambda, phi) {
  return [lambda, log(tan((halfPi + phi) / 2))];
}

mercatorRaw.invert = function (x, y) {
  return [x, 2 * atan(exp(y)) - halfPi];
};

export function equirectangularRaw(lambda, phi) {
  return [lambda, phi];
}

export function sinusoidalRaw(lambda, phi) {
  return [lambda * cos(phi), phi];
}
sinusoidalRaw.invert = (x, y) => [x / cos(y), y];

export functionale;
  return { x, y };
}

exp azimuthalEqualAreaRaw(x, y) {
  const cx = cos(x), cy = cos(y), k = sqrt(2 / (1 + cx * cy));
  return [k * cy * sin(x), k * sin(y)];
}

export function millerRaw(lambda, phi) {
  return [lambda, 1.25 * log(tan(quarterPi + 0.4 * phi))];
}

export function lambertConformalRaw(y0, y1) {
  const cy0 = cos(y0);
  const n = y0 === y1 ? sin(y0) : log(cy0 / cos(y1)) / log(tan((halfPi + y1) / 2) / tan((halfPi + y0) / 2));
  const f = (cy0 * Math.pow(tan((halfPi + y0) 1) / 2) / tan((/ 2), n)) / n;
  function project(x, y) {
    const r = f / Math.pow(tan((halfPi + y) / 2), n);
    return [r * sin(n * x), f - r * cos(n * x)];
  }
  return project;
}

export function mercator() {
  return geoProjection(mercatorRaw).scale(961 / (2 * PI));
}

export function webMercator(lon, lat, zoom = 0) {
  const scale = 256 * Math.pow(2, zoom);
  const x = ((lon + 180) / 360) *sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt(sqrt( scale;
  const s = sin((lat * PI) / 180);
  const y = (0.5 - log((1 + s) / (1 - s)) / (4 * PI)) * scale;
  return { x, y };
}

export function tileToLonLat(x, y, z) {
  const n = PI - (2 * PI * y) / 2 ** z;
  return [(x / 2 ** z) * 360 - 180, (180 / PI) * atan(0.5 * (exp(n) - exp(-n)))];
}
