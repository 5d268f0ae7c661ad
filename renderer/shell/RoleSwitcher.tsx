// The installed definitions' roles (B / S / P / A for the built-ins), always in the header;
// F1.. switch from anywhere (even inside inputs), in the catalog's order.
import { Group, Kbd, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roleKey, useRole, useRoleStore } from '../state/roleStore';
import { roleColor } from '../ui/stateColors';
import { useShortcuts } from '../ui/useShortcuts';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';

export function RoleSwitcher() {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { roles } = useWorkflowCatalog();
  const role = useRole();
  const setRole = useRoleStore((s) => s.setRole);

  // Function keys never type text, so they work while a field has focus.
  const shortcuts = useMemo(
    () => roles.flatMap((r) => {
      const key = roleKey(roles, r.code);
      return key ? [{ combo: key, run: () => setRole(r.code), inFields: true }] : [];
    }),
    [roles, setRole],
  );
  useShortcuts(shortcuts);

  return (
    <Group gap="xs" wrap="nowrap">
      <VisuallyHidden id="role-switcher-label">{t('common.role.label')}</VisuallyHidden>
      <SegmentedControl
        aria-labelledby="role-switcher-label"
        data-testid="role-switcher"
        value={role}
        onChange={(value) => setRole(value)}
        color={roleColor(role)}
        radius="md"
        data={roles.map(({ code }) => {
          const key = roleKey(roles, code);
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
