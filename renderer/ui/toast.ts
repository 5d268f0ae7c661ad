// Toasts for command results, so every screen reports "done" and "refused" the same way.
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { RESULT_COLOR } from './stateColors';

export function toastOk(title: ReactNode, message?: ReactNode): void {
  notifications.show({ color: RESULT_COLOR.ok, title, message: message ?? '', autoClose: 3500 });
}

/** Refusals stay longer: the operator has to read why nothing happened. */
export function toastRefused(title: ReactNode, message: ReactNode): void {
  notifications.show({ color: RESULT_COLOR.refused, title, message, autoClose: 8000 });
}

export function toastInfo(title: ReactNode, message?: ReactNode): void {
  notifications.show({ color: RESULT_COLOR.info, title, message: message ?? '', autoClose: 3000 });
}
