import { Kbd, NavLink, Stack } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { PathLink } from '../ui/PathLink';
import { NAV } from '../app/nav';
import { useMaySupervise } from '../operators/session';
import { useShortcuts } from '../ui/useShortcuts';

/** The digit of the nth entry's Alt shortcut: 1-9, then 0 for the tenth; later entries have
 *  none (a keyboard has no "Alt 11", and a label promising one would be a key that does nothing). */
export function navDigit(index: number): string | null {
  if (index < 9) return String(index + 1);
  return index === 9 ? '0' : null;
}

/** The entry of the current screen; -1 for none. */
function activeEntry(pathname: string): number {
  return NAV.findIndex((entry) => pathname === entry.path || pathname.startsWith(entry.path + '/') || (entry.alsoActive?.test(pathname) ?? false));
}

export function NavMenu() {
  const navigate = useNavigate();
  // Alt+digit: digits alone belong to the action panel, F-keys to the roles.
  useShortcuts(NAV.flatMap((entry, i) => {
    const digit = navDigit(i);
    return digit ? [{ combo: `alt+${digit}`, run: () => navigate(entry.path), inFields: true }] : [];
  }));
  // Supervisors' screens are left out until the window's operator is known to be one.
  const supervisor = useMaySupervise() === true;
  return <NavEntries active={activeEntry(useLocation().pathname)} supervisor={supervisor} />;
}

// Re-rendered only when the current entry changes: a scanned label moves from one order to
// the next many times a minute, and the menu's eight links stay as they are. (So no router
// hook in here: useNavigate reads the route context, which every navigation changes; and
// PathLink, not Link, which reads the location.)
const NavEntries = memo(function NavEntries({ active, supervisor }: { active: number; supervisor: boolean }) {
  const { t } = useTranslation();

  return (
    <Stack gap={4} component="nav" aria-label={t('nav.label')}>
      {NAV.map((entry, i) => {
        // Hidden entries keep their Alt+digit (the others stay where people learnt them).
        if (entry.supervisors && !supervisor) return null;
        const Icon = entry.icon;
        const digit = navDigit(i);
        return (
          <NavLink
            key={entry.path}
            component={PathLink}
            to={entry.path}
            active={i === active}
            aria-current={i === active ? 'page' : undefined}
            label={t(entry.labelKey)}
            leftSection={<Icon size={22} stroke={1.8} />}
            rightSection={digit ? <Kbd size="xs">{`Alt ${digit}`}</Kbd> : null}
            variant="filled"
            fw={600}
            py={10}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            data-testid={`nav-${entry.path.replace(/\//g, '-').replace(/^-/, '')}`}
          />
        );
      })}
    </Stack>
  );
});
