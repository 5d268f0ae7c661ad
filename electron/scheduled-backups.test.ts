import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToPrune, DEFAULT_KEEP, isScheduledBackupName, parseConfig, writeScheduledBackup, type BackupFs } from './scheduled-backups';

const bytes = (text: string) => new TextEncoder().encode(text);
const name = (day: number, device = 'D1A2B3') => `counterflow-${device}-202612${String(day).padStart(2, '0')}-020000.cfbackup`;

function memoryFs(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const fs: BackupFs = {
    readFile: async (f) => files.get(f) ?? Promise.reject(new Error('ENOENT')),
    writeFile: async (f, c, o) => {
      const text = typeof c === 'string' ? c : new TextDecoder().decode(c);
      if (o.flag === 'wx' && files.has(f)) throw new Error('EEXIST');
      if (text.includes('FAIL')) throw new Error('ENOSPC: no space left on device');
      files.set(f, text);
    },
    rename: async (a, b) => {
      files.set(b, files.get(a)!);
      files.delete(a);
    },
    rm: async (f) => void files.delete(f),
    readdir: async (dir) => [...files.keys()].filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)),
  };
  return { fs, files };
}

describe('scheduled backups', () => {
  it('knows its own file names and nothing else', () => {
    expect(isScheduledBackupName(name(6))).toBe(true);
    for (const other of ['orders.csv', 'counterflow-D1-20261206-020000.cfbackup.tmp', '../counterflow-x-20261206-020000.cfbackup', 'counterflow--20261206-020000.cfbackup']) {
      expect(isScheduledBackupName(other), other).toBe(false);
    }
  });

  it('prunes the oldest beyond N, never a file that is not a scheduled backup', () => {
    const names = [name(3), 'notes.txt', name(1), name(5), name(2, 'OTHER'), name(4)];
    expect(backupsToPrune(names, 3)).toEqual([name(1), name(2, 'OTHER')]);
    expect(backupsToPrune(names, 10)).toEqual([]);
  });

  it('reads a saved config and falls back on anything odd', () => {
    expect(parseConfig(JSON.stringify({ folder: '/home/clerk/Backups', keep: 7 }))).toEqual({ folder: '/home/clerk/Backups', keep: 7 });
    expect(parseConfig(JSON.stringify({ folder: 'relative/dir', keep: 0 }))).toEqual({ folder: null, keep: DEFAULT_KEEP });
    expect(parseConfig('{not json')).toEqual({ folder: null, keep: DEFAULT_KEEP });
    expect(parseConfig(null)).toEqual({ folder: null, keep: DEFAULT_KEEP });
  });

  it('writes into the folder and keeps the newest N', async () => {
    const dir = '/home/clerk/Backups';
    const { fs, files } = memoryFs({ [path.join(dir, name(1))]: 'a', [path.join(dir, name(2))]: 'b', [path.join(dir, 'keep-me.txt')]: 'x' });
    expect(await writeScheduledBackup(fs, { folder: dir, keep: 2 }, name(3), bytes('c'))).toEqual({ ok: true, fileName: name(3), removed: 1 });
    expect([...files.keys()].sort()).toEqual([path.join(dir, 'keep-me.txt'), path.join(dir, name(2)), path.join(dir, name(3))].sort());
  });

  it('refuses without a folder or with a name that is not a backup, and reports a failed write', async () => {
    const { fs, files } = memoryFs();
    expect(await writeScheduledBackup(fs, { folder: null, keep: 3 }, name(1), bytes('x'))).toMatchObject({ ok: false, reason: /No backup folder/ });
    expect(await writeScheduledBackup(fs, { folder: '/b', keep: 3 }, '../../etc/passwd', bytes('x'))).toMatchObject({ ok: false, reason: /Not a backup file name/ });
    expect(await writeScheduledBackup(fs, { folder: '/b', keep: 3 }, name(1), bytes('FAIL'))).toMatchObject({ ok: false, reason: /no space left/ });
    expect(files.size).toBe(0);
  });
});
