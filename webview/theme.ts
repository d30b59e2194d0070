/**
 * The picture's colours from VS Code's theme: its CSS variables (--vscode-*) and the body's
 * class (vscode-light, vscode-dark, vscode-high-contrast, vscode-high-contrast-light).
 */
import { Palette, RGB, luminance, parseColour } from './lib/colour';

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: RGB): RGB => parseColour(style.getPropertyValue(name)) ?? fallback;
  const cls = document.body.classList;
  const highContrast = cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light');
  const background = v('--vscode-editor-background', cls.contains('vscode-dark') || (highContrast && !cls.contains('vscode-high-contrast-light')) ? [30, 30, 30] : [255, 255, 255]);
  const dark = luminance(background) < 0.4;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', dark ? [212, 212, 212] : [51, 51, 51]));
  return {
    background, foreground, dark, highContrast,
    line: highContrast ? foreground : v('--vscode-charts-foreground', foreground),
    contraction: v('--vscode-charts-blue', dark ? [55, 148, 255] : [26, 133, 255]),
    expansion: v('--vscode-charts-orange', dark ? [209, 134, 22] : [209, 134, 22]),
    fold: v('--vscode-charts-purple', dark ? [180, 128, 215] : [101, 45, 144]),
    ellipse: v('--vscode-charts-green', dark ? [137, 209, 133] : [56, 138, 52]),
    mark: v('--vscode-charts-red', dark ? [241, 76, 76] : [229, 20, 0]),
    muted: v('--vscode-descriptionForeground', dark ? [160, 160, 160] : [110, 110, 110]),
  };
}

/** Calls `onChange` when the theme changes (VS Code swaps the body class and the variables). */
export function watchTheme(onChange: () => void): void {
  const obs = new MutationObserver(() => onChange());
  obs.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
