// The colour scheme is on <html> before the first render. Mantine's provider sets it in an
// effect, after the shell's first layout has been computed without it: the whole document
// was styled twice and every input, tab and button ran its colour transition at start-up.
import { localStorageColorSchemeManager, type MantineColorScheme } from '@mantine/core';

/** Where the operator's choice is kept (Mantine's own manager, the provider uses the same). */
export const colorSchemeManager = localStorageColorSchemeManager();
export const DEFAULT_COLOR_SCHEME: MantineColorScheme = 'light';

/** Marks the document with the saved scheme, as the provider will. */
export function markColorScheme(): void {
  const saved = colorSchemeManager.get(DEFAULT_COLOR_SCHEME);
  // 'auto' (which this app never saves) is left to the provider: it resolves it from the OS.
  if (saved !== 'auto') document.documentElement.setAttribute('data-mantine-color-scheme', saved);
}
