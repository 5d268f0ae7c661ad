// One theme, two colour schemes. Sized for arm's length: 17 px body text, 42 px buttons,
// and darker "dimmed" text than Mantine's default so secondary text stays readable.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

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

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 7, dark: 5 },
  autoContrast: true,
  luminanceThreshold: 0.4,
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
    Notification: { defaultProps: { withBorder: true } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-body': '#F6F7F9',
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[2],
    '--mantine-color-body': t.colors.dark[8],
  },
});
