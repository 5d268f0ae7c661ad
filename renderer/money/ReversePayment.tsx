// "Reverse payment": a payment or a refund is never edited; a clerk who took the wrong one
// appends its reversal, after saying why and confirming (engine: reversePayment).
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentRow } from '../../shared/db/rows';
import { useCounter } from '../engine/client';
import { useRole } from '../state/roleStore';
import { toastOk, toastRefused } from '../ui/toast';
import { useMethodName, useMoneyFormat, useMoneyRefusalText } from './useMoney';

export function ReverseButton({ row }: { row: PaymentRow }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const refusalText = useMoneyRefusalText();
  // The role the operator reverses it in: the reversal's timeline step records it.
  const role = useRole();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const what = t(`money.reverse.what.${row.kind}`, { amount: fmt(row.amount), method: methodName(row.method) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim() || busy) return;
    setBusy(true);
    try {
      const result = await counter.reversePayment({ paymentId: row.id, reason: reason.trim(), role });
      if (!result.ok) return toastRefused(t('money.reverse.refused'), refusalText(result));
      toastOk(t('money.reverse.done', { what }), t('money.reverse.balance', { balance: fmt(result.balance) }));
      setOpen(false);
      setReason('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="subtle" color="red" size="compact-sm" leftSection={<IconArrowBackUp size={16} />} onClick={() => setOpen(true)} data-testid="reverse-payment">
        {t('money.reverse.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('money.reverse.title')} data-testid="reverse-dialog">
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text>{t('money.reverse.ask', { what })}</Text>
            <TextInput label={t('money.reverse.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} required data-autofocus data-testid="reverse-reason" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('money.reverse.cancel')}
              </Button>
              <Button type="submit" color="red" loading={busy} disabled={!reason.trim()} data-testid="reverse-confirm">
                {t('money.reverse.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
