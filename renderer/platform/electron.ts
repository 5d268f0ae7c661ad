// Electron host over the preload bridge `window.counterflow`. The bridge's contract lives in
// electron/ipc-contract.ts, which the renderer must not import; this is its structural mirror
// (only what we call). Keep it in step when the contract changes.
import type { FileKind, HostPlatform, MenuCommand } from './types';

type BridgeFileKind = 'backup' | 'csv' | 'workflow';

interface CounterflowBridge {
  getAppVersion(): Promise<string>;
  openTextFile(request: { kind: BridgeFileKind; title?: string }): Promise<
    { canceled: true } | { canceled: false; fileName: string; content: string }
  >;
  saveTextFile(request: { kind: BridgeFileKind; suggestedName: string; content: string; title?: string }): Promise<
    { canceled: true } | { canceled: false; fileName: string }
  >;
  print(): Promise<{ ok: true } | { ok: false; reason: string }>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

// The bridge knows the same file kinds; spelled out so a new renderer kind fails to compile here.
const BRIDGE_KIND: Record<FileKind, BridgeFileKind> = { backup: 'backup', csv: 'csv', workflow: 'workflow' };
function bridgeKind(kind: FileKind): BridgeFileKind {
  return BRIDGE_KIND[kind];
}

export function findBridge(): CounterflowBridge | null {
  const candidate = (window as unknown as { counterflow?: unknown }).counterflow;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const b = candidate as Partial<CounterflowBridge>;
  const complete =
    typeof b.getAppVersion === 'function' &&
    typeof b.openTextFile === 'function' &&
    typeof b.saveTextFile === 'function' &&
    typeof b.print === 'function' &&
    typeof b.onMenuCommand === 'function';
  return complete ? (candidate as CounterflowBridge) : null;
}

export function electronPlatform(bridge: CounterflowBridge): HostPlatform {
  return {
    kind: 'electron',
    appVersion: () => bridge.getAppVersion(),
    async openTextFile(kind) {
      const result = await bridge.openTextFile({ kind: bridgeKind(kind) });
      return result.canceled ? null : { fileName: result.fileName, content: result.content };
    },
    async saveTextFile(kind, suggestedName, content) {
      const result = await bridge.saveTextFile({ kind: bridgeKind(kind), suggestedName, content });
      return result.canceled ? null : result.fileName;
    },
    // The bridge carries text, and a backup is UTF-8 text (JSON lines): up to the bridge's
    // size limit it goes through whole.
    async openFile(kind) {
      const result = await bridge.openTextFile({ kind: bridgeKind(kind) });
      return result.canceled ? null : { fileName: result.fileName, file: new Blob([result.content]) };
    },
    async saveFile(kind, suggestedName, data) {
      const result = await bridge.saveTextFile({ kind: bridgeKind(kind), suggestedName, content: await data.text() });
      return result.canceled ? null : result.fileName;
    },
    print: () => bridge.print(),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}
