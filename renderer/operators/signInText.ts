// A refused sign-in in the reader's words: the refusal's own sentence, plus how long to
// wait when wrong PINs have slowed the next try down (the rate limiter's answer).
import { useTranslation } from 'react-i18next';
import type { Refused } from '../../shared/api';
import { useRefusalText } from '../workflow/labels';

export function useSignInText(): (r: Refused) => string {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  return (r) => {
    const wait = Number(r.params?.waitSeconds ?? 0);
    if (r.code === 'rate-limited') return t('operators.signIn.rateLimited', { count: wait });
    if (r.code === 'sign-in-failed' && r.params?.reason === 'wrong-recovery') return t('operators.recover.wrong') + (wait > 0 ? ` ${t('operators.signIn.waitNext', { count: wait })}` : '');
    const text = refusalText(r);
    return wait > 0 ? `${text} ${t('operators.signIn.waitNext', { count: wait })}` : text;
  };
}
