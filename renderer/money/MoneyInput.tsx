// An amount field: people type decimals ("12.50", "12,5"); the form gets integer minor
// units, or null with the reason shown under the field (shared/money.ts parses it).
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, parseMoney, type CurrencyDigits } from '../../shared/money';

export interface MoneyInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'error'> {
  /** Minor units, or null when the text is empty or not an amount. */
  value: number | null;
  onChange: (minor: number | null) => void;
  digits: CurrencyDigits;
  /** An empty field is allowed (no error shown). */
  optional?: boolean;
  error?: string | null;
}

export function MoneyInput({ value, onChange, digits, optional = false, error, ...rest }: MoneyInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === null ? '' : formatMoney(value, digits));
  const [problem, setProblem] = useState<string | null>(null);
  // A value set from outside (the balance as the default amount) replaces the text; the
  // value the typing itself produced does not (a person's "12.5" stays as typed).
  const [seen, setSeen] = useState({ value, digits });
  if (seen.value !== value || seen.digits !== digits) {
    setSeen({ value, digits });
    const parsed = parseMoney(text, digits);
    if (value !== (parsed.ok ? parsed.minor : null)) setText(value === null ? '' : formatMoney(value, digits));
  }

  const change = (next: string) => {
    setText(next);
    const parsed = parseMoney(next, digits);
    if (parsed.ok) {
      setProblem(null);
      onChange(parsed.minor);
      return;
    }
    setProblem(parsed.reason === 'empty' && optional ? null : t(`money.input.${parsed.reason}`, { digits, max: parsed.reason === 'too-large' ? parsed.max : '' }));
    onChange(null);
  };

  return <TextInput inputMode="decimal" autoComplete="off" {...rest} value={text} onChange={(e) => change(e.currentTarget.value)} error={error ?? problem} classNames={{ input: 'tabular' }} />;
}
