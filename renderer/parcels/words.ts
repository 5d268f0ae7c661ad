// Parcel words: shipment and exception states, checkpoint kinds, and the tracking refusals
// (their states are the shipment's, which the order refusal words do not know).
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefusalLike } from '../ui/refusal';
import { useRefusalText } from '../workflow/labels';

const TRACKING_REASONS = new Set(['parcel-already-scanned', 'tracking-state', 'unknown-parcel', 'tracking-pattern', 'tracking-check-digit', 'tracking-in-use', 'unknown-carrier']);

export function stateWord(t: TFunction, machine: string, state: string): string {
  return t(`parcels.state.${machine}.${state}`, { defaultValue: state });
}

/** A tracking refusal in the reader's language; others as the app words them. */
export function useParcelRefusalText(): (r: RefusalLike) => string {
  const { t } = useTranslation();
  const general = useRefusalText();
  return useCallback(
    (r: RefusalLike) => {
      const p = r.params ?? {};
      const reason = typeof p.reason === 'string' ? p.reason : '';
      if (!TRACKING_REASONS.has(reason)) return general(r);
      const machine = typeof p.machine === 'string' ? p.machine : 'shipment';
      const allowed = String(p.allowed ?? '')
        .split(',')
        .filter(Boolean)
        .map((s) => stateWord(t, machine, s))
        .join(t('parcels.listSeparator'));
      return t(`parcels.refusal.${reason}`, {
        ...p,
        state: typeof p.state === 'string' ? stateWord(t, machine, p.state) : '',
        allowed,
        action: typeof p.action === 'string' ? t(`parcels.action.${p.action}`, { defaultValue: p.action }) : '',
        defaultValue: r.message,
        interpolation: { escapeValue: false },
      });
    },
    [t, general],
  );
}
