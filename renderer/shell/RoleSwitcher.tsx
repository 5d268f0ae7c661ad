// B / S / P / A, always in the header; F1..F4 switch from anywhere (even inside inputs).
import { Group, Kbd, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLE_KEYS, ROLES, useRoleStore, type Role } from '../state/roleStore';
import { ROLE_COLOR } from '../ui/stateColors';
import { useShortcuts } from '../ui/useShortcuts';

export function RoleSwitcher() {
  const { t } = useTranslation();
  const role = useRoleStore((s) => s.role);
  const setRole = useRoleStore((s) => s.setRole);

  // Function keys never type text, so they work while a field has focus.
  useShortcuts(ROLES.map((r) => ({ combo: ROLE_KEYS[r], run: () => setRole(r), inFields: true })));

  return (
    <Group gap="xs" wrap="nowrap">
      <VisuallyHidden id="role-switcher-label">{t('common.role.label')}</VisuallyHidden>
      <SegmentedControl
        aria-labelledby="role-switcher-label"
        data-testid="role-switcher"
        value={role}
        onChange={(value) => setRole(value as Role)}
        color={ROLE_COLOR[role]}
        radius="md"
        data={ROLES.map((r) => ({
          value: r,
          label: (
            <Group gap={8} wrap="nowrap" px={4} title={t('common.role.switchHint', { key: ROLE_KEYS[r] })}>
              <Text span fw={800} ff="monospace" fz="lg">
                {r}
              </Text>
              <Text span fw={600}>
                {t(`common.role.${r}`)}
              </Text>
              <Kbd size="xs" visibleFrom="lg">
                {ROLE_KEYS[r]}
              </Kbd>
            </Group>
          ),
        }))}
      />
    </Group>
  );
}
