// Pick the host once, at start-up: Electron when its preload bridge is present.
import { browserPlatform } from './browser';
import { electronPlatform, findBridge } from './electron';
import type { HostPlatform } from './types';

export type { ChosenFile, FileKind, HostPlatform, MenuCommand, OpenedFile, PrintOutcome, ScheduledBackupHost, ScheduledBackupStatus, ShellLanguage } from './types';

const bridge = findBridge();
export const platform: HostPlatform = bridge ? electronPlatform(bridge) : browserPlatform;
