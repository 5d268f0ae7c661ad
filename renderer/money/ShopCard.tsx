// Settings → Shop and payments: the shop name printed on receipts, the currency (its code
// and how many decimals its minor unit has) and the payment methods the counter offers.
import { Button, Group, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { IconBuildingStore, IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from '../engine/client';
import { SettingsCard } from '../settings/SettingsCard';
import { toastOk } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { useMoneySettings } from './useMoney';

type Draft = { shop: string; code: string; digits: number; methods: string };

export function ShopCard() {
  const { t } = useTranslation();
  const counter = useCounter();
  const stored = useMoneySettings();
  // A refusal in the reader's language, the setting (or its part) named: "the currency code …".
  const refusalText = useRefusalText();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const value: Draft = draft ?? { shop: stored.shopName, code: stored.currency.code, digits: stored.currency.digits, methods: stored.methods.join(', ') };
  const edit = (patch: Partial<Draft>) => setDraft({ ...value, ...patch });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (value.shop.trim() && value.shop.trim() !== stored.shopName) {
      const r = await counter.setSetting('shopName', value.shop);
      if (!r.ok) next.shop = refusalText(r);
    }
    if (value.code !== stored.currency.code || value.digits !== stored.currency.digits) {
      const r = await counter.setSetting('currency', { code: value.code.trim().toUpperCase(), digits: value.digits as 0 | 1 | 2 | 3 });
      if (!r.ok) next.code = refusalText(r);
    }
    const methods = value.methods.split(',').map((m) => m.trim().toLowerCase()).filter(Boolean);
    if (methods.join() !== stored.methods.join()) {
      const r = await counter.setSetting('paymentMethods', methods);
      if (!r.ok) next.methods = refusalText(r);
    }
    setErrors(next);
    if (!Object.keys(next).length) {
      setDraft(null);
      toastOk(t('settings.saved'));
    }
  };

  return (
    <SettingsCard icon={<IconBuildingStore size={24} />} title={t('money.settings.title')} description={t('money.settings.description')} testId="settings-shop">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SimpleGrid cols={2} spacing="md">
          <TextInput label={t('money.settings.shopName')} value={value.shop} onChange={(e) => edit({ shop: e.currentTarget.value })} maxLength={60} error={errors.shop} data-testid="shop-name" />
          <TextInput label={t('money.settings.methods')} description={t('money.settings.methodsHint')} value={value.methods} onChange={(e) => edit({ methods: e.currentTarget.value })} error={errors.methods} />
          <TextInput label={t('money.settings.currency')} value={value.code} onChange={(e) => edit({ code: e.currentTarget.value.toUpperCase() })} maxLength={3} error={errors.code} data-testid="shop-currency" />
          <NumberInput label={t('money.settings.digits')} description={t('money.settings.digitsHint')} value={value.digits} onChange={(v) => edit({ digits: Number(v) || 0 })} min={0} max={3} allowDecimal={false} data-testid="shop-digits" />
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button type="submit" disabled={draft === null} leftSection={<IconDeviceFloppy size={18} />} data-testid="shop-save">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </SettingsCard>
  );
}
