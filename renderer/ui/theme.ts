// One theme, two colour schemes. Sized for arm's length: 17 px body text, 42 px buttons,
// and darker "dimmed" text than Mantine's default so secondary text stays readable.
// Every text/background pair meets WCAG 2.1 AA (4.5:1; e2e/a11y.spec.ts checks every screen):
// - filled surfaces (buttons, badges, the active nav link, the role switcher) use shade 8 in
//   both schemes, and auto contrast picks black or white text, whichever reads better: at
//   Mantine's luminance threshold 0.179 the better of the two is always above 4.5:1;
// - coloured text in the light scheme (c="red", light and outline badges, links) uses a
//   shade darker than Mantine's palette has (its orange, yellow, lime and green 9 stay
//   below 4.5:1 on their own tints), computed below.
import i18next from 'i18next';
import { createTheme, darken, DEFAULT_THEME, luminance, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A darker, more neutral dark palette: text dark[0] on body dark[7] is well above 12:1.
const dark: MantineColorsTuple = [
  '#F1F3F5',
  '#D5D9DE',
  '#AEB4BC',
  '#858C96',
  '#4E535B',
  '#393D44',
  '#2B2E34',
  '#1C1E22',
  '#141619',
  '#0D0E10',
];

/** The luminance where black and white text read equally well ((L + 0.05) / 0.05 = 1.05 / (L + 0.05)). */
export const LUMINANCE_THRESHOLD = 0.179;

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: LUMINANCE_THRESHOLD,
  colors: { dark },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSizes: {
    xs: '0.875rem',
    sm: '0.9375rem',
    md: '1.0625rem',
    lg: '1.25rem',
    xl: '1.5rem',
  },
  lineHeights: { md: '1.5' },
  headings: {
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.25' },
      h2: { fontSize: '1.4rem', lineHeight: '1.3' },
      h3: { fontSize: '1.2rem', lineHeight: '1.35' },
    },
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    NumberInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    MultiSelect: { defaultProps: { size: 'md' } },
    Autocomplete: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    SegmentedControl: { defaultProps: { size: 'md' } },
    Badge: { defaultProps: { size: 'lg', radius: 'sm' } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    // Under a title Mantine greys a toast's text to gray.6 (3.3:1 on white): the app's dimmed instead.
    Notification: { defaultProps: { withBorder: true }, styles: { description: { color: 'var(--mantine-color-dimmed)' } } },
    // Mantine's hidden focus placeholder (role="presentation") is not allowed inside role="menu";
    // without it the first item takes focus on open, which keyboard users want anyway.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    // Mantine fades the active link's description to 90 %: below 4.5:1 on its tint.
    NavLink: { styles: { description: { opacity: 1 } } },
    // Mantine's close buttons (dialogs, drawers, toasts) are icons with no name of their own:
    // read at each render, so they follow the language.
    CloseButton: { defaultProps: () => ({ 'aria-label': i18next.t('common.close') }) },
  },
});

/**
 * Text in a colour on light backgrounds: shade 9, darkened in small steps until it reads at
 * 4.6:1 on the colour's own hover tint (shade 2, the darkest tint it sits on) and on any tint
 * as light as luminance 0.85 (a yellow or red row behind it, white, the body).
 */
export function readableOnLight(shades: readonly string[]): string {
  const base = shades[9]!;
  const background = Math.min(luminance(shades[2]!), 0.85);
  for (let step = 0; step <= 12; step++) {
    const color = step === 0 ? base : darken(base, step * 0.05);
    if ((background + 0.05) / (luminance(color) + 0.05) >= 4.6) return color;
  }
  return darken(base, 0.6);
}

const THEME_COLORS = { ...DEFAULT_THEME.colors, ...theme.colors } as Record<string, readonly string[]>;

/** Light scheme: each colour's text, light-variant text and outline in its readable shade. */
const readableColorVariables: Record<string, string> = Object.fromEntries(
  Object.entries(THEME_COLORS).flatMap(([name, shades]) => {
    const text = readableOnLight(shades);
    return [
      [`--mantine-color-${name}-text`, text],
      [`--mantine-color-${name}-light-color`, text],
      [`--mantine-color-${name}-outline`, text],
    ];
  }),
);

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    ...readableColorVariables,
    '--mantine-color-anchor': readableColorVariables[`--mantine-color-${t.primaryColor}-text`]!,
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-body': '#F6F7F9',
  },
  dark: {
    // Shade 2, not Mantine's 4: links stay readable on the tinted rows (low stock, out of stock).
    '--mantine-color-anchor': t.colors[t.primaryColor]![2]!,
    '--mantine-color-dimmed': t.colors.dark[2],
    '--mantine-color-body': t.colors.dark[8],
  },
});
