// The theme's colour pairs meet WCAG 2.1 AA (4.5:1 for normal text) in both schemes, for every
// colour a screen may pass (state tones, role colours, custom roles). The e2e axe check
// (e2e/a11y.spec.ts) sees only the colours the seeded screens happen to draw.
import { DEFAULT_THEME, darken, getPrimaryShade, isLightColor, luminance, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, readableOnLight, theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const AA = 4.5;

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const names = Object.keys(full.colors).filter((name) => name !== 'dark');
const vars = cssVariablesResolver(full);
const lightBody = vars.light['--mantine-color-body']!;
const darkBody = vars.dark['--mantine-color-body']!;

describe('theme contrast', () => {
  it('fills every colour with a shade whose auto-contrast text reads at 4.5:1 or more, in both schemes', () => {
    for (const scheme of ['light', 'dark'] as const) {
      const shade = getPrimaryShade(full, scheme);
      for (const name of names) {
        const background = full.colors[name]![shade];
        const text = isLightColor(background, full.luminanceThreshold) ? full.black : full.white;
        expect(contrast(text, background), `${scheme} ${name} filled`).toBeGreaterThanOrEqual(AA);
      }
    }
  });

  it('writes coloured text in the light scheme in a shade readable on white, the body and the colour\'s own tints', () => {
    for (const name of names) {
      const shades = full.colors[name]!;
      const text = vars.light[`--mantine-color-${name}-text`]!;
      expect(text).toBe(readableOnLight(shades));
      expect(vars.light[`--mantine-color-${name}-light-color`]).toBe(text);
      for (const [what, background] of [['white', full.white], ['body', lightBody], ['light', shades[1]!], ['light hover', shades[2]!], ['yellow tint', full.colors.yellow![1]!], ['red tint', full.colors.red![1]!]] as const) {
        expect(contrast(text, background), `${name} on ${what}`).toBeGreaterThanOrEqual(AA);
      }
    }
    expect(contrast(vars.light['--mantine-color-anchor']!, lightBody)).toBeGreaterThanOrEqual(AA);
  });

  it('keeps Mantine\'s dark-scheme text shades readable on the dark body and on light badges', () => {
    for (const name of names) {
      const shades = full.colors[name]!;
      expect(contrast(shades[4]!, darkBody), `${name} text`).toBeGreaterThanOrEqual(AA);
      expect(contrast(shades[0]!, darken(shades[9]!, 0.5)), `${name} light badge`).toBeGreaterThanOrEqual(AA);
    }
    expect(contrast(vars.dark['--mantine-color-dimmed']!, darkBody)).toBeGreaterThanOrEqual(AA);
    for (const tint of ['yellow', 'red'] as const) {
      expect(contrast(vars.dark['--mantine-color-anchor']!, darken(full.colors[tint]![9]!, 0.5)), `link on a ${tint} row`).toBeGreaterThanOrEqual(AA);
    }
    expect(contrast(vars.light['--mantine-color-dimmed']!, lightBody)).toBeGreaterThanOrEqual(AA);
  });
});
