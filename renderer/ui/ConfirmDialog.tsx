// The one way the app asks before a change it cannot take back: what will happen, then Cancel
// and Confirm (Confirm focused, so Enter confirms and Esc cancels; a danger confirmation is
// not focused, so no Enter meant for something else replaces the data). ConfirmDialog is a modal
// of its own (a live setting); ConfirmBody goes inside a modal that shows other steps too (the
// restore, which checks the file before it asks).
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ConfirmProps {
  /** What happens on Confirm, and anything the person should see first. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Red and not focused, for a change that replaces or removes data. */
  danger?: boolean;
  confirmIcon?: ReactNode;
  /** Test ids of the two buttons. */
  testIds?: { cancel?: string; confirm?: string };
}

export function ConfirmBody({ children, confirmLabel, cancelLabel, onConfirm, onCancel, danger = false, confirmIcon, testIds }: ConfirmProps) {
  return (
    <Stack gap="md">
      {children}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-testid={testIds?.cancel}>
          {cancelLabel}
        </Button>
        <Button data-autofocus={danger ? undefined : true} color={danger ? 'red' : undefined} leftSection={confirmIcon} onClick={onConfirm} data-testid={testIds?.confirm}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

export function ConfirmDialog({ title, testId, ...body }: ConfirmProps & { title: string; testId?: string }) {
  return (
    <Modal opened onClose={body.onCancel} title={title} centered data-testid={testId}>
      <ConfirmBody {...body} />
    </Modal>
  );
}
