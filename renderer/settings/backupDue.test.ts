import { describe, expect, it } from 'vitest';
import { BACKUP_DUE_MS, backupOverdue } from './backupDue';

describe('backupOverdue', () => {
  const now = Date.UTC(2026, 11, 6, 9);
  it('is due with no backup at all, and a day after the last one', () => {
    expect(backupOverdue(null, now)).toBe(true);
    expect(backupOverdue({ at: now - BACKUP_DUE_MS + 1 }, now)).toBe(false);
    expect(backupOverdue({ at: now - BACKUP_DUE_MS }, now)).toBe(true);
  });
});
