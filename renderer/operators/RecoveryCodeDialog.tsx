// Shows the admin recovery code once, to be written down and kept away from the counter.
// Only its hash is stored, so closing this is the last time anyone sees it. Loaded when a code
// is first waiting (RecoveryCodeGate).
import { Alert, Button, Checkbox, Code, Modal, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecoveryCode } from './recoveryCode';

export default function RecoveryCodeDialog() {
  const { t } = useTranslation();
  const code = useRecoveryCode((s) => s.code);
  const done = useRecoveryCode((s) => s.done);
  const [written, setWritten] = useState(false);
  const close = () => {
    setWritten(false);
    done();
  };
  return (
    <Modal
      opened={code !== null}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      size="lg"
      zIndex={500}
      title={t('operators.recovery.title')}
    >
      <Stack gap="md" data-testid="recovery-dialog">
        <Text>{t('operators.recovery.explain')}</Text>
        <Code block fz={28} fw={700} ta="center" data-testid="recovery-code" style={{ letterSpacing: '0.08em' }}>
          {code}
        </Code>
        <Alert color="orange" icon={<IconKey size={20} />}>
          {t('operators.recovery.once')}
        </Alert>
        <Checkbox checked={written} onChange={(e) => setWritten(e.currentTarget.checked)} label={t('operators.recovery.written')} data-testid="recovery-written" />
        <Button onClick={close} disabled={!written} data-testid="recovery-done">
          {t('operators.recovery.done')}
        </Button>
      </Stack>
    </Modal>
  );
}
