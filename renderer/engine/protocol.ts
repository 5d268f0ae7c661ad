// What the engine worker exposes over Comlink: the Counter itself plus `init`, which the
// window calls first with its configuration (a worker cannot read the window's URL or storage).
import type { Counter } from '../../shared/api';

export interface EngineOptions {
  dbName: string;
  deviceId: string;
  operator: string;
  demo: boolean;
}

export interface EngineInfo {
  deviceId: string;
}

/** The window's first message to the worker: the port the engine is served on. */
export interface EngineHello {
  port: MessagePort;
}

export type EngineApi = Counter & {
  init(options: EngineOptions): Promise<EngineInfo>;
};
