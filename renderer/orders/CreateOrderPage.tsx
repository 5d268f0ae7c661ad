// Create an order: buyer, lines by sku or scan, then Create (Ctrl+Enter). The engine
// validates; its refusal is shown here in the reader's language and nothing is created.
import { Alert, Button, Card, Grid, Group, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CreateOrderInput, OrderLineInput } from '../../shared/api';
import type { OrderType } from '../../shared/db/rows';
import { useCounter } from '../engine/client';
import { PageHeader } from '../ui/PageHeader';
import { formatMoney, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import type { RefusalLike } from '../ui/refusal';
import { useRefusalText, useWorkflowWords } from '../workflow/labels';
import { useDraftStore, type Draft } from './createOrderStore';
import { DraftLines } from './DraftLines';
import { LineEntry } from './LineEntry';

function toInput(d: Draft): CreateOrderInput {
  const lines: OrderLineInput[] = d.lines.map((l) =>
    d.type === 'service'
      ? {
          sku: l.sku,
          qty: 1,
          unitPrice: l.unitPrice,
          price: l.unitPrice * l.serviceTimes,
          serviceTimes: l.serviceTimes,
          ...(l.validUntil ? { validUntil: l.validUntil } : {}),
        }
      : { sku: l.sku, qty: l.qty, unitPrice: l.unitPrice },
  );
  return {
    buyerId: d.buyerId.trim(),
    ...(d.buyerName.trim() ? { buyerName: d.buyerName.trim() } : {}),
    ...(d.address.trim() ? { address: d.address.trim() } : {}),
    lines,
  };
}

export default function CreateOrderPage() {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const counter = useCounter();
  const navigate = useNavigate();
  const draft = useDraftStore();
  const [busy, setBusy] = useState(false);
  // The refusal itself, worded when shown: a change of language words it again.
  const [refusal, setRefusal] = useState<RefusalLike | null>(null);
  const refusalText = useRefusalText();
  const buyerRef = useRef<HTMLInputElement>(null);
  const total = draft.lines.reduce((sum, l) => sum + l.unitPrice * (draft.type === 'service' ? l.serviceTimes : l.qty), 0);

  useEffect(() => buyerRef.current?.focus(), []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const result = await counter.createOrder(draft.type, toInput(draft));
      if (result.ok) {
        toastOk(t('order.create.created', { number: result.number }));
        draft.reset();
        navigate(`/orders/${result.orderId}`);
      } else {
        setRefusal(result);
        toastRefused(t('order.create.refused'), refusalText(result));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setRefusal({ code: 'effect-failed', message });
      toastRefused(t('order.create.refused'), message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={getHotkeyHandler([['mod+Enter', () => void submit()]])}
      data-testid="create-order-form"
    >
      <PageHeader title={t('order.createTitle')}>
        <SegmentedControl
          value={draft.type}
          onChange={(v) => draft.setType(v as OrderType)}
          data={(['product', 'service'] as const).map((type) => ({ value: type, label: words.orderType(type) }))}
          data-testid="order-type"
        />
      </PageHeader>
      <Grid gap="md" align="start">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder radius="md" p="md">
            <Title order={2} size="h3" mb="sm">
              {t('order.create.buyer')}
            </Title>
            <Stack gap="sm">
              <TextInput
                ref={buyerRef}
                label={t('order.create.buyerId')}
                value={draft.buyerId}
                onChange={(e) => draft.set({ buyerId: e.currentTarget.value })}
                withAsterisk
                data-testid="buyer-id"
              />
              <TextInput
                label={t('order.create.buyerName')}
                value={draft.buyerName}
                onChange={(e) => draft.set({ buyerName: e.currentTarget.value })}
                data-testid="buyer-name"
              />
              <Textarea
                label={t('order.create.address')}
                value={draft.address}
                onChange={(e) => draft.set({ address: e.currentTarget.value })}
                autosize
                minRows={2}
                maxRows={4}
              />
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder radius="md" p="md">
            <Title order={2} size="h3" mb="sm">
              {t('order.lines.title')}
            </Title>
            <Stack gap="md">
              <LineEntry />
              <DraftLines />
              {refusal ? (
                <Alert color="red" icon={<IconAlertCircle />} title={t('order.create.refused')} role="alert" data-testid="create-refusal">
                  {refusalText(refusal)}
                </Alert>
              ) : null}
              <Group justify="space-between">
                <Text fz="lg" fw={700} className="tabular">
                  {t('order.create.total', { total: formatMoney(total, locale) })}
                </Text>
                <Group gap="sm">
                  <Button variant="default" size="lg" onClick={() => draft.reset()} disabled={busy}>
                    {t('order.create.clear')}
                  </Button>
                  <Button type="submit" size="lg" loading={busy} leftSection={<IconCheck />} data-testid="create-order">
                    {t('order.create.submit')}
                  </Button>
                </Group>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </form>
  );
}
