/**
 * Colour scales. Volume: diverging on log|det J|, contraction in one hue, expansion in the
 * other, det J = 1 the background (neutral). Density: a sequential ramp (viridis-like,
 * readable on light and dark backgrounds).
 */

export type RGB = readonly [number, number, number];

export interface Palette {
  readonly background: RGB;
  readonly foreground: RGB;
  /** Grid lines (output). */
  readonly line: RGB;
  readonly contraction: RGB;
  readonly expansion: RGB;
  readonly fold: RGB;
  readonly ellipse: RGB;
  readonly mark: RGB;
  readonly muted: RGB;
  readonly highContrast: boolean;
  readonly dark: boolean;
}

/** Parse #rgb, #rrggbb, #rrggbbaa, rgb(), rgba(); null if it is none of these. */
export function parseColour(s: string): RGB | null {
  const t = s.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(t);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as unknown as RGB;
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(t);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as unknown as RGB;
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(t);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return null;
}

export const css = (c: RGB, alpha = 1): string => (alpha >= 1 ? `rgb(${c.map(Math.round).join(', ')})` : `rgba(${c.map(Math.round).join(', ')}, ${+alpha.toFixed(3)})`);

export const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** Relative luminance (sRGB), 0..1. */
export function luminance(c: RGB): number {
  const ch = (v: number) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
}

/**
 * The colour of a cell with log|det J| = v on a scale with half range L: the background
 * at v = 0, then towards the contraction (v < 0) or expansion (v > 0) hue, full at |v| >= L.
 * `strength` is how far towards the hue a full-scale cell goes (lines stay readable on top).
 */
export function volumeColour(p: Palette, v: number, L: number, strength = p.highContrast ? 0.9 : p.dark ? 0.85 : 0.75): RGB {
  if (!Number.isFinite(v)) return v === -Infinity ? p.contraction : p.background;
  const t = Math.min(1, Math.abs(v) / L);
  // sqrt: small changes of volume are still visible.
  return mix(p.background, v < 0 ? p.contraction : p.expansion, strength * Math.sqrt(t));
}

const VIRIDIS: RGB[] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

/** The density ramp at t in [0, 1]. */
export function densityColour(t: number): RGB {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
}

/** Label of a det J factor for the legend: ×4, ×1/2, ×1. */
export function factorLabel(logFactor: number): string {
  const f = Math.exp(Math.abs(logFactor));
  const r = f >= 10 ? Math.round(f) : Math.round(f * 100) / 100;
  const s = Number.isInteger(r) ? String(r) : String(r);
  return logFactor < 0 ? `×1/${s}` : `×${s}`;
}
