// The end of every stock form: the engine's refusal when no field took it, then Cancel and
// the form's submit button.
import { Alert, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function FormFooter({ refusal, refusalTitle, submitLabel, busy, onCancel, testId }: {
  /** The general message of the last refusal, or null. */
  refusal: string | null;
  refusalTitle?: string;
  submitLabel: string;
  busy: boolean;
  onCancel(): void;
  /** Prefix of the test ids: `${testId}-refusal`, `${testId}-submit`. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {refusal ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={refusalTitle} role="alert" data-testid={`${testId}-refusal`}>
          {refusal}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
