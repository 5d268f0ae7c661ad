// A filled Mantine badge as two plain spans: Mantine's own classes, and its own variables
// (Badge.varsResolver, with the theme's Badge defaults and auto contrast), remembered per
// colour and size. A scanned order's page shows a few dozen of these (two per timeline step),
// and each Badge component resolved its props, theme and variables on every render.
import { Badge, useMantineTheme, type MantineColor, type MantineRadius, type MantineSize, type MantineTheme } from '@mantine/core';
import type { CSSProperties, HTMLAttributes } from 'react';

export interface FilledBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'color'> {
  color: MantineColor;
  size?: MantineSize;
}

const varsByTheme = new WeakMap<MantineTheme, Map<string, CSSProperties>>();

function badgeVars(theme: MantineTheme, color: MantineColor, size: MantineSize | undefined): CSSProperties {
  let byKey = varsByTheme.get(theme);
  if (!byKey) varsByTheme.set(theme, (byKey = new Map()));
  const key = `${color} ${size ?? ''}`;
  let vars = byKey.get(key);
  if (!vars) {
    const defaults = (theme.components.Badge?.defaultProps ?? {}) as { size?: MantineSize; radius?: MantineRadius };
    const props = { ...defaults, color, variant: 'filled', ...(size ? { size } : {}) };
    vars = (Badge.varsResolver(theme, props, {}).root ?? {}) as CSSProperties;
    byKey.set(key, vars);
  }
  return vars;
}

export function FilledBadge({ color, size, style, className, children, ...rest }: FilledBadgeProps) {
  const vars = badgeVars(useMantineTheme(), color, size);
  return (
    <span
      className={className ? `${Badge.classes.root} ${className}` : Badge.classes.root}
      data-variant="filled"
      style={style ? { ...vars, ...style } : vars}
      {...rest}
    >
      <span className={Badge.classes.label}>{children}</span>
    </span>
  );
}
