// The installed definitions' roles (B / S / P / A for the built-ins), always in the header;
// F1.. switch from anywhere (even inside inputs), in the catalog's order.
import { Group, Kbd, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { permittedRoles, useSession } from '../operators/session';
import { roleKey, useRole, useRoleStore } from '../state/roleStore';
import { roleColor } from '../ui/stateColors';
import { useShortcuts } from '../ui/useShortcuts';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';

export function RoleSwitcher() {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { roles: all } = useWorkflowCatalog();
  // Only the roles the signed-in operator may take (all of them in single-operator mode);
  // each keeps its function key from the whole catalog, so F3 is Platform for everyone.
  const anyOperators = useSession((s) => s.anyOperators);
  const me = useSession((s) => s.me);
  const permitted = useMemo(() => permittedRoles(all, { anyOperators, me }), [all, anyOperators, me]);
  // No one signed in (the sign-in screen is up): the roles show, and none can be taken.
  const locked = permitted.length === 0;
  const roles = locked ? all : permitted;
  const role = useRole();
  const setRole = useRoleStore((s) => s.setRole);

  // Function keys never type text, so they work while a field has focus.
  const shortcuts = useMemo(
    () => (locked ? [] : roles).flatMap((r) => {
      const key = roleKey(all, r.code);
      return key ? [{ combo: key, run: () => setRole(r.code), inFields: true }] : [];
    }),
    [all, roles, locked, setRole],
  );
  useShortcuts(shortcuts);

  return (
    <Group gap="xs" wrap="nowrap">
      <VisuallyHidden id="role-switcher-label">{t('common.role.label')}</VisuallyHidden>
      <SegmentedControl
        aria-labelledby="role-switcher-label"
        data-testid="role-switcher"
        disabled={locked}
        value={role}
        onChange={(value) => setRole(value)}
        color={roleColor(role)}
        radius="md"
        data={roles.map(({ code }) => {
          const key = roleKey(all, code);
          return {
            value: code,
            label: (
              <Group gap={8} wrap="nowrap" px={4} title={key ? t('common.role.switchHint', { key }) : undefined}>
                <Text span fw={800} ff="monospace" fz="lg">
                  {code}
                </Text>
                <Text span fw={600}>
                  {words.role(code)}
                </Text>
                {key && (
                  <Kbd size="xs" visibleFrom="lg">
                    {key}
                  </Kbd>
                )}
              </Group>
            ),
          };
        })}
      />
    </Group>
  );
}
