// Small formatting and look helpers shared by the stock, task, workflow and settings screens.
import type { ModalProps } from '@mantine/core';
import { dateTimeFormat } from '../ui/time';

/** "22/11/2026, 14:04:44": one line in a table cell. */
export function formatStamp(at: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

/** Dialog titles read as titles at arm's length. */
export const modalTitleStyles: ModalProps['styles'] = {
  title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 },
};
