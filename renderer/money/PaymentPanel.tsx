// The order page's money: total, paid and balance; take a payment (cash with change, card
// with a reference, split over several); give money back; the payments ledger; print the
// receipt or a packing slip. Every write is an engine command; a payment that settles the
// order makes the engine take the order's own "payment successful" action. When the current
// role is offered that action, its form (in Actions) is the one place to take the money: this
// panel then shows no form of its own, only the way there (one path, not two side by side).
import { Alert, Button, Card, Collapse, Group, Kbd, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCash, IconFileInvoice, IconPackage, IconReceipt2 } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PathLink, useAppNavigate } from '../ui/PathLink';
import type { PaymentRow } from '../../shared/db/rows';
import { orderMoney, reversedIds } from '../../shared/payments/ledger';
import { REFUND_FINISHED, sheetOutstanding } from '../../shared/payments/decide';
import { NoTillWarning } from './NoTillWarning';
import { ReverseButton } from './ReversePayment';
import { PAYMENT_ACTION } from '../../shared/payments/actionPayment';
import { useActionPanels } from '../orders/actions/useActionPanels';
import { useRole } from '../state/roleStore';
import { useWorkflowWords } from '../workflow/labels';
import { usePayRequest } from './payRequest';
import { db } from '../db';
import { useCounter } from '../engine/client';
import type { OrderData } from '../orders/useOrderData';
import { formatDateTime, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { MoneyInput } from './MoneyInput';
import { useMethodName, useMoneyFormat, useMoneyRefusalText, useMoneySettings } from './useMoney';

export function usePayments(orderId: string): PaymentRow[] {
  return useLiveQuery(() => db.payments.where('orderId').equals(orderId).sortBy('at'), [orderId]) ?? [];
}

function Figure({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fw={strong ? 800 : 600} fz={strong ? 'xl' : 'md'} className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

export function PaymentPanel({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const counter = useCounter();
  // Neither this nor its links re-render on navigation: the panel stays mounted (hidden)
  // while a scanned label opens the next order.
  const navigate = useAppNavigate();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const refusalText = useMoneyRefusalText();
  const { currency, methods } = useMoneySettings();
  const { order } = data;
  const rows = usePayments(order.id);
  const money = orderMoney(order.total, rows);
  const [method, setMethod] = useState<string>(methods[0] ?? 'cash');
  const [amount, setAmount] = useState<number | null>(null);
  const [tendered, setTendered] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [lastChange, setLastChange] = useState<number | null>(null);
  const [refundOpen, setRefundOpen] = useState(false);
  // Finished refund sheets with money still to give back: the clerk records how it went back.
  const lineOf = (itemId: string) => data.items.find((i) => i.id === itemId)?.lineNo;
  const sheetsOwed = data.refunds
    .filter((r) => r.state === REFUND_FINISHED)
    .map((sheet) => ({ sheet, outstanding: sheetOutstanding(sheet, rows) }))
    .filter((x) => x.outstanding !== 0 && !(x.outstanding === null && rows.some((r) => r.refundId === x.sheet.id && !reversedIds(rows).has(r.id))));
  const role = useRole();
  const words = useWorkflowWords();
  const panels = useActionPanels(data, role);
  // The order's own panel comes first and its actions are numbered from 1 (ActionPanel).
  const actionIndex = panels.phase === 'ready' ? (panels.panels[0]?.mine.indexOf(PAYMENT_ACTION) ?? -1) : -1;
  const byAction = actionIndex >= 0;
  const requestPayment = usePayRequest((s) => s.request);
  const cash = method === 'cash';
  const due = amount ?? money.balance;
  const change = cash && tendered !== null && tendered >= due ? tendered - due : null;

  const pay = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await counter.takePayment({
        orderId: order.id,
        method,
        amount: due,
        role,
        ...(cash && tendered !== null ? { tendered } : {}),
        ...(!cash && reference.trim() ? { reference: reference.trim() } : {}),
      });
      if (!result.ok) return toastRefused(t('money.pay.refused'), refusalText(result));
      setLastChange(result.change);
      setAmount(null);
      setTendered(null);
      setReference('');
      toastOk(
        result.paidInFull ? t('money.pay.paidInFull', { number: order.number }) : t('money.pay.partly', { balance: fmt(result.balance) }),
        result.change ? t('money.pay.giveChange', { change: fmt(result.change) }) : undefined,
      );
      if (result.paidInFull) navigate(`/print/receipt/${order.id}?auto=1`);
    } finally {
      setBusy(false);
    }
  };

  const reversed = reversedIds(rows);
  return (
    <Card withBorder radius="md" p="md" data-testid="payment-panel">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('money.pay.title')}
        </Title>
        <Group gap="xs">
          <Button component={PathLink} to={`/print/receipt/${order.id}`} variant="default" size="xs" leftSection={<IconReceipt2 size={16} />} data-testid="print-receipt">
            {t('money.print.receipt')}
          </Button>
          <Button component={PathLink} to={`/print/slip/${order.id}`} variant="default" size="xs" leftSection={<IconPackage size={16} />} data-testid="print-slip">
            {t('money.print.slip')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={3} mb="md">
        <Figure label={t('money.pay.total')} value={fmt(order.total)} testId="money-total" />
        <Figure label={t('money.pay.paid')} value={fmt(money.paid - money.refunded)} testId="money-paid" />
        <Figure label={t('money.pay.balance')} value={fmt(money.balance)} testId="money-balance" strong />
      </SimpleGrid>
      {lastChange ? (
        <Alert color="yellow" mb="md" icon={<IconCash />} data-testid="payment-change">
          {t('money.pay.giveChange', { change: fmt(lastChange) })}
        </Alert>
      ) : null}
      {money.balance > 0 && byAction ? (
        <Stack gap="xs" data-testid="payment-by-action">
          <Text fz="sm">{t('money.pay.byAction', { action: words.action(PAYMENT_ACTION), role: words.role(role) })}</Text>
          <Button leftSection={<IconCash size={18} />} onClick={() => requestPayment(order.id)} rightSection={actionIndex < 9 ? <Kbd size="sm">{actionIndex + 1}</Kbd> : null} data-testid="payment-open-action">
            {t('money.pay.openAction', { amount: fmt(money.balance) })}
          </Button>
        </Stack>
      ) : money.balance > 0 ? (
        <form onSubmit={pay}>
          <Stack gap="sm">
            <Text fz="sm" c="dimmed" data-testid="payment-settles">
              {t('money.pay.settles', { action: words.action(PAYMENT_ACTION) })}
            </Text>
            <SegmentedControl
              value={method}
              onChange={setMethod}
              data={methods.map((m) => ({ value: m, label: methodName(m) }))}
              aria-label={t('money.pay.method')}
              data-testid="payment-method"
            />
            <Group grow align="flex-start">
              <MoneyInput label={t('money.pay.amount')} value={amount ?? money.balance} onChange={setAmount} digits={currency.digits} data-testid="payment-amount" />
              {cash ? (
                <MoneyInput label={t('money.pay.tendered')} value={tendered} onChange={setTendered} digits={currency.digits} optional data-testid="payment-tendered" />
              ) : (
                <TextInput label={t('money.pay.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} maxLength={200} data-testid="payment-reference" />
              )}
            </Group>
            <NoTillWarning cash={cash} />
            {change !== null ? (
              <Text fw={700} data-testid="payment-change-preview">
                {t('money.pay.changeDue', { change: fmt(change) })}
              </Text>
            ) : null}
            <Button type="submit" loading={busy} disabled={amount === null && money.balance === 0} leftSection={<IconCash size={18} />} data-testid="take-payment">
              {t('money.pay.take', { amount: fmt(due) })}
            </Button>
          </Stack>
        </form>
      ) : null}
      {rows.length ? (
        <Table mt="md" fz="sm" data-testid="payment-rows">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="payment-row" data-kind={r.kind} data-reversed={reversed.has(r.id) || undefined} style={reversed.has(r.id) ? { textDecoration: 'line-through' } : undefined}>
                <Table.Td>{t(`money.kind.${r.kind}`)}</Table.Td>
                <Table.Td>{methodName(r.method)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {fmt(r.amount)}
                </Table.Td>
                <Table.Td c="dimmed">
                  {r.change ? t('money.pay.changeGiven', { change: fmt(r.change) }) : (r.reference ?? r.reason ?? '')}
                  {r.refundId ? ` ${t('money.refund.forSheet', { line: lineOf(data.refunds.find((x) => x.id === r.refundId)?.itemId ?? '') ?? '?' })}` : ''}
                </Table.Td>
                <Table.Td c="dimmed">
                  <TimeText at={r.at} />
                </Table.Td>
                <Table.Td>{r.kind !== 'reversal' && !reversed.has(r.id) ? <ReverseButton row={r} /> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {sheetsOwed.map(({ sheet, outstanding }) => {
        const refundable = money.paid - money.refunded;
        const due = Math.min(outstanding ?? refundable, refundable);
        return (
          <Alert key={sheet.id} color="orange" mt="md" icon={<IconFileInvoice />} data-testid="refund-sheet-money" data-refund={sheet.id} title={t('money.refund.sheetFinished', { line: lineOf(sheet.itemId) ?? '?', amount: fmt(outstanding ?? due) })}>
            {refundable > 0 ? <RefundMoneyForm orderId={order.id} refundable={due} refundId={sheet.id} initial={due} /> : <Text fz="sm">{t('money.refund.nothingPaid')}</Text>}
          </Alert>
        );
      })}
      {money.paid - money.refunded > 0 ? (
        <>
          <Button variant="subtle" size="xs" mt="sm" leftSection={<IconFileInvoice size={16} />} onClick={() => setRefundOpen((o) => !o)} data-testid="refund-money-toggle">
            {t('money.refund.open')}
          </Button>
          <Collapse expanded={refundOpen}>
            <RefundMoneyForm orderId={order.id} refundable={money.paid - money.refunded} />
          </Collapse>
        </>
      ) : null}
    </Card>
  );
}

function TimeText({ at }: { at: number }) {
  const { locale } = useLocale();
  return <>{formatDateTime(at, locale)}</>;
}

function RefundMoneyForm({ orderId, refundable, refundId, initial }: { orderId: string; refundable: number; refundId?: string; initial?: number }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const refusalText = useMoneyRefusalText();
  // The role the operator gives the money back in: the refund's timeline step records it.
  const role = useRole();
  const { currency, methods } = useMoneySettings();
  const [method, setMethod] = useState(methods[0] ?? 'cash');
  const [amount, setAmount] = useState<number | null>(initial ?? null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (amount === null) return;
    setBusy(true);
    try {
      const result = await counter.refundMoney({ orderId, method, amount, role, ...(refundId ? { refundId } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      if (!result.ok) return toastRefused(t('money.refund.refused'), refusalText(result));
      toastOk(t('money.refund.done', { amount: fmt(amount), method: methodName(method) }));
      setAmount(null);
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="xs">
        <Text fz="sm" c="dimmed">
          {t('money.refund.hint', { refundable: fmt(refundable) })}
        </Text>
        <SegmentedControl value={method} onChange={setMethod} data={methods.map((m) => ({ value: m, label: methodName(m) }))} aria-label={t('money.pay.method')} data-testid="refund-method" />
        <Group grow align="flex-start">
          <MoneyInput label={t('money.pay.amount')} value={amount} onChange={setAmount} digits={currency.digits} data-testid="refund-amount" />
          <TextInput label={t('money.refund.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} />
        </Group>
        <Button type="submit" color="orange" loading={busy} disabled={amount === null} data-testid="refund-money">
          {t('money.refund.submit')}
        </Button>
      </Stack>
    </form>
  );
}
