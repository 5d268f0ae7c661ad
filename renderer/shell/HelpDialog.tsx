// Help for a clerk's first day: the day in order — set up, products, stock, an order, the
// till, payment, shipping, returns, the Z report — each step a link to its screen, and the
// keys that work everywhere. Opened by HelpButton (the header's "?" or the ? key).
import { Anchor, Kbd, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

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

export default function HelpDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={<Title order={2} size="h3">{t('help.title')}</Title>} size="lg" data-testid="help-dialog">
      <Stack gap="md">
        <Text>{t('help.intro')}</Text>
        <List type="ordered" spacing="xs" data-testid="help-steps">
          {STEPS.map((step) => (
            <List.Item key={step.key} data-testid="help-step" data-step={step.key}>
              <Anchor component={Link} to={step.path} onClick={onClose} fw={700}>
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
  );
}
