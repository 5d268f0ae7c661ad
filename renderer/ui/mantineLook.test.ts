// The plain elements of an order label's frame carry the variables Mantine's own Button and
// Badge set for the same props with this app's theme (its defaults: Button md, Badge lg / sm),
// as read from the components' DOM before they were replaced.
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { badgeVars, buttonVars } from './mantineLook';
import { theme } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);

describe('mantineLook', () => {
  it("gives a default Button the theme's size md and the default colours", () => {
    expect(buttonVars(full, { variant: 'default' })).toEqual({
      '--button-height': 'var(--button-height-md)',
      '--button-padding-x': 'var(--button-padding-x-md)',
      '--button-fz': 'var(--mantine-font-size-md)',
      '--button-bg': 'var(--mantine-color-default)',
      '--button-hover': 'var(--mantine-color-default-hover)',
      '--button-color': 'var(--mantine-color-default-color)',
      '--button-bd': 'calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-default-border)',
    });
  });

  it("gives a role's action button its colour, size lg and the label pushed apart", () => {
    expect(buttonVars(full, { color: 'grape', size: 'lg', justify: 'space-between' })).toEqual({
      '--button-justify': 'space-between',
      '--button-height': 'var(--button-height-lg)',
      '--button-padding-x': 'var(--button-padding-x-lg)',
      '--button-fz': 'var(--mantine-font-size-lg)',
      '--button-bg': 'var(--mantine-color-grape-filled)',
      '--button-hover': 'var(--mantine-color-grape-filled-hover)',
      '--button-color': 'var(--mantine-color-white)',
      '--button-bd': 'calc(0.0625rem * var(--mantine-scale)) solid transparent',
    });
  });

  it("gives badges the theme's radius and size, with the variant's colours", () => {
    expect(badgeVars(full, { variant: 'outline', size: 'lg' })).toEqual({
      '--badge-height': 'var(--badge-height-lg)',
      '--badge-padding-x': 'var(--badge-padding-x-lg)',
      '--badge-fz': 'var(--badge-fz-lg)',
      '--badge-radius': 'var(--mantine-radius-sm)',
      '--badge-bg': 'transparent',
      '--badge-color': 'var(--mantine-color-blue-outline)',
      '--badge-bd': 'calc(0.0625rem * var(--mantine-scale)) solid var(--mantine-color-blue-outline)',
    });
    expect(badgeVars(full, { variant: 'light', color: 'teal', size: 'md' })).toMatchObject({
      '--badge-height': 'var(--badge-height-md)',
      '--badge-bg': 'var(--mantine-color-teal-light)',
      '--badge-color': 'var(--mantine-color-teal-light-color)',
    });
  });

  it('remembers the variables per theme and props', () => {
    expect(buttonVars(full, { variant: 'default' })).toBe(buttonVars(full, { variant: 'default' }));
  });
});
