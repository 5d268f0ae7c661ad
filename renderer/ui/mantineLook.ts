// Mantine's look on plain elements, for the parts of a screen that must render cheaply (an
// order label's first frame): a component's own class names, and its CSS variables from its
// own varsResolver with the theme's defaults, remembered per theme and props. Each Mantine
// component resolves its props, theme, classes and style props on every render (~25 ms of a
// label's frame on a loaded 2-core machine for the order's head and action panel).
import { Anchor, Badge, Breadcrumbs, Button, Card, Kbd, Paper, Text, UnstyledButton, useMantineTheme, type MantineColor, type MantineSize, type MantineTheme } from '@mantine/core';
import type { CSSProperties } from 'react';

/** The classes Mantine puts on each part (its styles.css styles them). */
export const mantineClass = {
  button: `mantine-focus-auto mantine-active ${Button.classes.root} ${UnstyledButton.classes.root}`,
  buttonInner: Button.classes.inner,
  buttonLabel: Button.classes.label,
  buttonSection: Button.classes.section,
  badge: Badge.classes.root,
  badgeLabel: Badge.classes.label,
  card: `${Card.classes.root} ${Paper.classes.root}`,
  kbd: Kbd.classes.root,
  crumbs: Breadcrumbs.classes.root,
  crumb: Breadcrumbs.classes.breadcrumb,
  crumbLink: `mantine-focus-auto ${Anchor.classes.root} ${Breadcrumbs.classes.breadcrumb} ${Text.classes.root}`,
  crumbSeparator: Breadcrumbs.classes.separator,
} as const;

type Resolver = (theme: MantineTheme, props: never, ctx: never) => { root?: CSSProperties } | undefined;
const byTheme = new WeakMap<MantineTheme, Map<string, CSSProperties>>();

function resolved(theme: MantineTheme, name: 'Button' | 'Badge', resolver: Resolver, props: Record<string, unknown>): CSSProperties {
  let cache = byTheme.get(theme);
  if (!cache) byTheme.set(theme, (cache = new Map()));
  const key = `${name} ${JSON.stringify(props)}`;
  let vars = cache.get(key);
  if (!vars) {
    const defaults = theme.components[name]?.defaultProps;
    const all = { ...(typeof defaults === 'object' ? defaults : {}), ...props };
    vars = { ...(resolver(theme, all as never, {} as never)?.root ?? {}) };
    // Mantine leaves out the variables it has no value for.
    for (const k of Object.keys(vars)) if ((vars as Record<string, unknown>)[k] === undefined) delete (vars as Record<string, unknown>)[k];
    cache.set(key, vars);
  }
  return vars;
}

export interface ButtonLook {
  variant?: 'filled' | 'default' | 'subtle';
  color?: MantineColor;
  size?: MantineSize;
  justify?: 'space-between';
}

/** A Button's variables (`--button-*`), as `<Button>` with these props sets them. */
export function buttonVars(theme: MantineTheme, look: ButtonLook): CSSProperties {
  return resolved(theme, 'Button', Button.varsResolver as unknown as Resolver, { ...look });
}

export function useButtonVars(look: ButtonLook): CSSProperties {
  return buttonVars(useMantineTheme(), look);
}

export interface BadgeLook {
  variant: 'filled' | 'outline' | 'light';
  color?: MantineColor;
  size?: MantineSize;
}

/** A Badge's variables (`--badge-*`), as `<Badge>` with these props sets them. */
export function badgeVars(theme: MantineTheme, look: BadgeLook): CSSProperties {
  return resolved(theme, 'Badge', Badge.varsResolver as unknown as Resolver, { ...look });
}

export function useBadgeVars(look: BadgeLook): CSSProperties {
  return badgeVars(useMantineTheme(), look);
}
