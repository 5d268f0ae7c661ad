// A form in a modal keeps what the person typed: Esc, the close button or a click beside the
// modal ask first once something was typed or scanned into it. Cancel and a saved form close
// at once (they are asked for by name).
import { useTranslation } from 'react-i18next';
import { useCallback, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

export interface DiscardGuard {
  /** For the form's `onInput`: any typing marks it edited. */
  edited(): void;
  /** For the modal's `onClose` (Esc, its close button, a click outside). */
  requestClose(): void;
  /** The question, while it is asked; render it inside the modal. */
  question: ReactNode;
}

export function useDiscardGuard(onClose: () => void): DiscardGuard {
  const { t } = useTranslation();
  const [isEdited, setEdited] = useState(false);
  const [asking, setAsking] = useState(false);
  const edited = useCallback(() => setEdited(true), []);
  const requestClose = useCallback(() => (isEdited ? setAsking(true) : onClose()), [isEdited, onClose]);
  const question = asking ? (
    <ConfirmDialog
      title={t('common.discard.title')}
      confirmLabel={t('common.discard.confirm')}
      cancelLabel={t('common.discard.keep')}
      onConfirm={onClose}
      onCancel={() => setAsking(false)}
      danger
      testId="discard-question"
      testIds={{ cancel: 'discard-keep', confirm: 'discard-confirm' }}
    >
      {t('common.discard.body')}
    </ConfirmDialog>
  ) : null;
  return { edited, requestClose, question };
}
