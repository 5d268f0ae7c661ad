// The lock over the window: shown whenever operators exist and no one is signed in in this
// window (at start, after the Lock button and after the idle lock). The overlay and the badge
// scans are here, so nothing acts behind the lock from its first frame; the panel with its
// forms (SignInScreen.tsx) is loaded when the lock first shows, so a counter without
// operators does not load it at all.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScanTarget } from '../scanner/targets';
import { signIn, useSession } from './session';
import { useSignInText } from './signInText';

const SignInScreen = lazy(() => import('./SignInScreen'));

export function SignInGate() {
  const show = useSession((s) => s.anyOperators === true && s.me === null);
  return show ? <SignInOverlay /> : null;
}

function SignInOverlay() {
  const { t } = useTranslation();
  const locked = useSession((s) => s.locked);
  const [error, setError] = useState<string | null>(null);
  const signInText = useSignInText();

  // Every scan goes to the sign-in screen while it shows: a badge signs in, anything else
  // is answered (no order opens and no action card acts behind the lock).
  useScanTarget(async (scan) => {
    if (scan.parsed.kind !== 'operator') return { ok: false, message: t('operators.signIn.scanBadgeFirst'), title: t('operators.signIn.title') };
    const result = await signIn({ badge: scan.parsed.id });
    if (!result.ok) {
      const text = signInText(result);
      setError(text);
      return { ok: false, message: text, title: t('operators.signIn.title'), quiet: true };
    }
    return { ok: true, message: t('operators.signIn.welcome', { name: result.operator.name }), title: t('operators.signIn.title'), settle: 'local' };
  });

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="sign-in-title"
      data-testid="sign-in-screen"
      data-locked={locked ?? 'start'}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 300,
        display: 'grid',
        placeItems: 'center',
        background: 'color-mix(in srgb, var(--mantine-color-body) 82%, transparent)',
        backdropFilter: 'blur(6px)',
      }}
    >
      <Suspense fallback={null}>
        <SignInScreen error={error} setError={setError} />
      </Suspense>
    </div>
  );
}
