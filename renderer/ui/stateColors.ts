// What each state looks like, on every screen. A state maps to a *tone* (what it means to
// the operator) and a tone to one colour, so "waiting" is always yellow, "done" always green.
// Unknown states (custom workflows) fall back to the neutral tone.
import type { MantineColor } from '@mantine/core';
import type { TimerStatus } from '../../shared/db/rows';

export type Tone = 'waiting' | 'active' | 'moving' | 'done' | 'closed' | 'refund' | 'attention' | 'accounting' | 'neutral';

export const TONE_COLOR: Record<Tone, MantineColor> = {
  waiting: 'yellow',
  active: 'blue',
  moving: 'indigo',
  done: 'green',
  closed: 'gray',
  refund: 'orange',
  attention: 'red',
  accounting: 'violet',
  neutral: 'gray',
};

export type StateFamily = 'order' | 'item' | 'refund' | 'voucher';

const TONES: Record<StateFamily, Record<string, Tone>> = {
  order: {
    WP: 'waiting',
    FP: 'active',
    HS: 'active',
    FS: 'moving',
    ST: 'done',
    WA: 'accounting',
    FA: 'accounting',
    CT: 'closed',
  },
  item: { FP: 'active', WR: 'refund', FR: 'done', CR: 'closed' },
  refund: {
    WSR: 'refund',
    WSA: 'refund',
    PPR: 'active',
    SRR: 'attention',
    CSI: 'attention',
    CSA: 'attention',
    WBS: 'waiting',
    PFR: 'done',
    CCR: 'closed',
    PCR: 'closed',
  },
  voucher: { Un: 'active', Us: 'done', Re: 'refund', Ex: 'closed' },
};

export function stateTone(family: StateFamily, state: string | null | undefined): Tone {
  if (!state) return 'neutral';
  return TONES[family][state] ?? 'neutral';
}

export function stateColor(family: StateFamily, state: string | null | undefined): MantineColor {
  return TONE_COLOR[stateTone(family, state)];
}

export const TIMER_TONE: Record<TimerStatus, Tone> = {
  pending: 'active',
  fired: 'done',
  skipped: 'refund',
  cancelled: 'closed',
  failed: 'attention',
};

export function timerColor(status: TimerStatus): MantineColor {
  return TONE_COLOR[TIMER_TONE[status]];
}

/** Stock: below the reorder point is attention, at zero or below is attention too. */
export function stockColor(available: number, reorderPoint: number): MantineColor {
  if (available <= 0) return TONE_COLOR.attention;
  if (available <= reorderPoint) return TONE_COLOR.waiting;
  return TONE_COLOR.done;
}

/** Roles have colours too, so the header always shows at a glance who you are acting as. */
const BUILT_IN_ROLE_COLOR: Record<string, MantineColor> = {
  B: 'teal',
  S: 'blue',
  P: 'grape',
  A: 'red',
};
// Other roles (from custom definitions) get one of the colours the built-ins and the state
// tones leave most distinct, picked by a hash of the code so a role keeps its colour.
const OTHER_ROLE_COLORS: readonly MantineColor[] = ['orange', 'cyan', 'indigo', 'lime', 'pink', 'violet', 'yellow', 'green'];

export function roleColor(code: string): MantineColor {
  const upper = code.toUpperCase();
  const builtIn = BUILT_IN_ROLE_COLOR[upper];
  if (builtIn) return builtIn;
  let hash = 0;
  for (const ch of upper) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return OTHER_ROLE_COLORS[hash % OTHER_ROLE_COLORS.length]!;
}

/** Result of a command or scan. */
export const RESULT_COLOR = { ok: TONE_COLOR.done, refused: TONE_COLOR.attention, info: TONE_COLOR.active } as const;
