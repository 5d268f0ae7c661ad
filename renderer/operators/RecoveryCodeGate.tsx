// Mounts the recovery code's dialog (RecoveryCodeDialog.tsx, loaded then) once a code waits
// to be written down: the board's cold start does not carry its modal and checkbox.
import { lazy, Suspense } from 'react';
import { useOnceTrue } from '../ui/useOnceTrue';
import { useRecoveryCode } from './recoveryCode';

const RecoveryCodeDialog = lazy(() => import('./RecoveryCodeDialog'));

export function RecoveryCodeGate() {
  const wanted = useOnceTrue(useRecoveryCode((s) => s.code !== null));
  return wanted ? (
    <Suspense fallback={null}>
      <RecoveryCodeDialog />
    </Suspense>
  ) : null;
}
