// Sandboxed preload: exposes exactly the CounterflowBridge functions as `window.counterflow`.
// It never hands ipcRenderer, the IPC event or any Electron object to the page: each function
// invokes one fixed channel, and the main process re-checks sender and arguments anyway.
//
// Built to a single CommonJS file (dist-electron/preload.cjs): a sandboxed preload can only
// `require('electron')` and a few built-ins, so ipc-contract.ts is bundled in (it has no imports).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  IpcChannel,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  type CounterflowBridge,
  type MenuCommand,
  type OpenFileResult,
  type OpenTextFileResult,
  type PrintResult,
  type SaveTextFileResult,
  type ScheduledBackupStatus,
  type WriteScheduledBackupResult,
} from './ipc-contract';

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

const bridge: CounterflowBridge = {
  getAppVersion: () => ipcRenderer.invoke(IpcChannel.appVersion) as Promise<string>,
  openTextFile: (request) => ipcRenderer.invoke(IpcChannel.openTextFile, request) as Promise<OpenTextFileResult>,
  saveTextFile: (request) => ipcRenderer.invoke(IpcChannel.saveTextFile, request) as Promise<SaveTextFileResult>,
  openFile: (request) => ipcRenderer.invoke(IpcChannel.openFile, request) as Promise<OpenFileResult>,
  saveFile: (request) => ipcRenderer.invoke(IpcChannel.saveFile, request) as Promise<SaveTextFileResult>,
  print: () => ipcRenderer.invoke(IpcChannel.print) as Promise<PrintResult>,
  printToPdf: (request) => ipcRenderer.invoke(IpcChannel.printToPdf, request ?? {}) as Promise<Uint8Array>,
  setLanguage: (language) => ipcRenderer.invoke(IpcChannel.setLanguage, language) as Promise<void>,
  getScheduledBackups: () => ipcRenderer.invoke(IpcChannel.getScheduledBackups) as Promise<ScheduledBackupStatus>,
  chooseBackupFolder: () => ipcRenderer.invoke(IpcChannel.chooseBackupFolder) as Promise<ScheduledBackupStatus>,
  setBackupKeep: (keep) => ipcRenderer.invoke(IpcChannel.setBackupKeep, keep) as Promise<ScheduledBackupStatus>,
  writeScheduledBackup: (request) => ipcRenderer.invoke(IpcChannel.writeScheduledBackup, request) as Promise<WriteScheduledBackupResult>,
  onMenuCommand: (listener) => {
    // The page gets the command name only, never the IpcRendererEvent (it carries `sender`).
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
