// Electron host over the preload bridge `window.counterflow`. The bridge's contract is the
// types-only module shared/host/bridge.ts, which the shell (electron/) implements.
import type { CounterflowBridge } from '../../shared/host/bridge';
import type { HostPlatform } from './types';

export function findBridge(): CounterflowBridge | null {
  const candidate = (window as unknown as { counterflow?: unknown }).counterflow;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const b = candidate as Partial<CounterflowBridge>;
  const complete =
    typeof b.getAppVersion === 'function' &&
    typeof b.setLanguage === 'function' &&
    typeof b.getScheduledBackups === 'function' &&
    typeof b.chooseBackupFolder === 'function' &&
    typeof b.setBackupKeep === 'function' &&
    typeof b.writeScheduledBackup === 'function' &&
    typeof b.printToPdf === 'function' &&
    typeof b.openTextFile === 'function' &&
    typeof b.saveTextFile === 'function' &&
    typeof b.openFile === 'function' &&
    typeof b.saveFile === 'function' &&
    typeof b.print === 'function' &&
    typeof b.onMenuCommand === 'function';
  return complete ? (candidate as CounterflowBridge) : null;
}

export function electronPlatform(bridge: CounterflowBridge): HostPlatform {
  return {
    kind: 'electron',
    appVersion: () => bridge.getAppVersion(),
    async openTextFile(kind) {
      const result = await bridge.openTextFile({ kind });
      return result.canceled ? null : { fileName: result.fileName, content: result.content };
    },
    async saveTextFile(kind, suggestedName, content) {
      const result = await bridge.saveTextFile({ kind, suggestedName, content });
      return result.canceled ? null : result.fileName;
    },
    // Bytes cross the bridge whole (up to its size limit); a backup's rows are gzip'd.
    async openFile(kind) {
      const result = await bridge.openFile({ kind });
      return result.canceled ? null : { fileName: result.fileName, file: new Blob([result.data as BlobPart]) };
    },
    async saveFile(kind, suggestedName, data) {
      const result = await bridge.saveFile({ kind, suggestedName, data: new Uint8Array(await data.arrayBuffer()) });
      return result.canceled ? null : result.fileName;
    },
    print: () => bridge.print(),
    canPrintToPdf: true,
    printToPdf: (options) => bridge.printToPdf(options),
    setLanguage: (language) => bridge.setLanguage(language),
    scheduledBackups: {
      status: () => bridge.getScheduledBackups(),
      chooseFolder: () => bridge.chooseBackupFolder(),
      setKeep: (keep) => bridge.setBackupKeep(keep),
      write: async (fileName, data) => bridge.writeScheduledBackup({ fileName, data: new Uint8Array(await data.arrayBuffer()) }),
    },
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}
