// "Save as PDF" beside a print button: one button for every printable page, with its toasts.
import { Button } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPdfBridge, savePdf } from '../platform/pdf';
import { toastOk, toastRefused } from './toast';

export function PdfButton({ fileName, disabled = false, testId }: { fileName: string; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const result = await savePdf(fileName);
      if (result.kind === 'saved') toastOk(t('pdf.saved'), result.fileName);
      if (result.kind === 'failed') toastRefused(t('pdf.failed'), result.reason);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" leftSection={<IconFileTypePdf size={18} />} onClick={() => void save()} disabled={disabled || busy} data-testid={testId}>
      {hasPdfBridge() ? t('pdf.save') : t('pdf.browser')}
    </Button>
  );
}
