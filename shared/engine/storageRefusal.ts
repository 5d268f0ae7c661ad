// A write that storage could not take, as a refusal the clerk can act on: what happened
// (disk full, database closed or removed under the app, transaction interrupted) and what
// to do, with the underlying error kept as `cause` for the log. Nothing was written: the
// command ran in one transaction, so it can be sent again once the cause is gone.
import type { Refused } from '../api';
import { storageFault, type StorageFault } from '../db/storageFaults';
import { refused } from './command';

const WHAT_TO_DO: Record<StorageFault, string> = {
  'disk-full': 'the disk is full. Free some space on this computer (or in the browser\'s storage), then try again',
  closed: 'the database was closed by another window (an update of the app) or by the system. Close other Counterflow windows or reload the app, then try again',
  gone: 'this counter\'s saved data was removed from this computer (storage cleared or evicted). Reload the app and restore the latest backup',
  interrupted: 'the write was interrupted. Try again',
};

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The refusal for an error thrown by storage; `lead` says what did not happen. */
export function storageFailed(error: unknown, lead = 'Nothing was saved'): Refused {
  const cause = errorText(error);
  const fault = storageFault(error);
  if (fault) return refused('storage-failed', `${lead}: ${WHAT_TO_DO[fault]}. (${cause})`, { reason: fault, cause });
  // Not a known storage fault: its own text is all that can be said.
  return refused('storage-failed', `${lead}: ${cause}. Try again; if it keeps failing, restart the app.`, { reason: cause });
}
