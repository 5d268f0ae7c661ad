// The window's read-only view of the database. Screens read with useLiveQuery on this
// instance; all writes go through the engine worker (see engine/client.ts), and Dexie
// broadcasts the worker's commits here so live queries re-run.
import { CounterDb } from '../shared/db/database';
import { config } from './config';

export const db = new CounterDb(config.dbName);
