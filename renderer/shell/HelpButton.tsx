// Help for a clerk's first day: the header's "?" (or the ? key) opens the day in order —
// set up, products, stock, an order, the till, payment, shipping, returns, the Z report —
// each step a link to its screen, and the keys that work everywhere.
import { ActionIcon, Anchor, Kbd, List, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useShortcuts } from '../ui/useShortcuts';

/** The first day in order: each step's words (shell/locales `help.step.*`) and its screen. */
const STEPS: Array<{ key: string; path: string }> = [
  { key: 'setup', path: '/settings' },
  { key: 'products', path: '/stock' },
  { key: 'receive', path: '/stock/scan' },
  { key: 'order', path: '/orders/new' },
  { key: 'till', path: '/till' },
  { key: 'pay', path: '/boards' },
  { key: 'ship', path: '/boards' },
  { key: 'returns', path: '/returns' },
  { key: 'close', path: '/till' },
];

const KEYS: Array<{ keys: string[]; key: string }> = [
  { keys: ['F1', 'F2', 'F3', 'F4'], key: 'roles' },
  { keys: ['Alt', '1…9, 0'], key: 'screens' },
  { keys: ['1…9'], key: 'actions' },
  { keys: ['Enter'], key: 'confirm' },
  { keys: ['Esc'], key: 'cancel' },
  { keys: ['Ctrl', 'Enter'], key: 'create' },
  { keys: ['?'], key: 'help' },
];

export function HelpButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  useShortcuts([{ combo: '?', run: () => setOpened(true) }]);
  return (
    <>
      <Tooltip label={t('help.open')}>
        <ActionIcon variant="default" size={42} aria-label={t('help.open')} data-testid="help-open" onClick={() => setOpened(true)}>
          <IconHelp size={22} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={() => setOpened(false)} title={<Title order={2} size="h3">{t('help.title')}</Title>} size="lg" data-testid="help-dialog">
        <Stack gap="md">
          <Text>{t('help.intro')}</Text>
          <List type="ordered" spacing="xs" data-testid="help-steps">
            {STEPS.map((step) => (
              <List.Item key={step.key} data-testid="help-step" data-step={step.key}>
                <Anchor component={Link} to={step.path} onClick={() => setOpened(false)} fw={700}>
                  {t(`help.step.${step.key}.title`)}
                </Anchor>
                <Text fz="sm" c="dimmed">
                  {t(`help.step.${step.key}.text`)}
                </Text>
              </List.Item>
            ))}
          </List>
          <Title order={3} size="h4">
            {t('help.keysTitle')}
          </Title>
          <Table fz="sm" data-testid="help-keys">
            <Table.Tbody>
              {KEYS.map((k) => (
                <Table.Tr key={k.key}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {k.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 ? (k.key === 'roles' ? ' ' : ' + ') : null}
                        <Kbd>{key}</Kbd>
                      </span>
                    ))}
                  </Table.Td>
                  <Table.Td>{t(`help.keys.${k.key}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Modal>
    </>
  );
}
