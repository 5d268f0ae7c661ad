// What each kind of stock movement looks like, by the shared tones (ui/stateColors).
import type { MantineColor } from '@mantine/core';
import type { MovementKind } from '../../shared/db/rows';
import { TONE_COLOR, type Tone } from '../ui/stateColors';

const KIND_TONE: Record<MovementKind, Tone> = {
  receive: 'done',
  return: 'refund',
  ship: 'moving',
  adjust: 'waiting',
  'transfer-out': 'active',
  'transfer-in': 'active',
  count: 'accounting',
  repair: 'attention',
};

export function movementColor(kind: MovementKind): MantineColor {
  return TONE_COLOR[KIND_TONE[kind] ?? 'neutral'];
}

/** Available stock: red when none, yellow at or under the reorder point, green otherwise. */
export const LOW_TONE_BG: Record<'out' | 'low', string> = {
  out: `var(--mantine-color-${TONE_COLOR.attention}-light)`,
  low: `var(--mantine-color-${TONE_COLOR.waiting}-light)`,
};
