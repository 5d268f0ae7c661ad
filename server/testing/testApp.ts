// One sync server for a test file: an in-memory PGlite, migrated once, the engine and the
// Fastify app over it behind an admin token; emptied (data, devices, codes) before each
// test; and the enrolment a test needs. The server's own HTTP handler is called through
// Fastify's inject, so no port is opened.
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildApp } from '../app';
import type { Database } from '../db/sql';
import { startEngine, type EngineOptions, type ServerEngine } from '../engine';
import { storeDefaultCarriers } from '../trackingEngine';
import { pgTrackingStorage } from '../storage/pgTracking';
import { emptyTables, memoryDatabase } from './pglite';

export const TEST_ADMIN_TOKEN = 'admin-token-for-tests';

export interface TestServer {
  pglite: PGlite;
  database: Database;
  engine: ServerEngine;
  app: FastifyInstance;
}

export interface EnrolledDevice {
  deviceId: string;
  prefix: string;
  token: string;
  name: string;
}

/** The bearer header of a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const adminAuth = bearer(TEST_ADMIN_TOKEN);

/** Empties every table of a server (its data, devices and codes). */
export async function resetServer(pglite: PGlite): Promise<void> {
  await emptyTables(pglite);
  await pglite.exec('TRUNCATE refused_commands, enrolment_codes, devices; ALTER SEQUENCE device_prefix_seq RESTART');
}

/**
 * Registers the hooks of one server per file (started once, emptied before each test,
 * closed after the file) and returns a handle whose fields are set once it started.
 */
export function useTestServer(options: EngineOptions = {}): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    const memory = await memoryDatabase();
    server.pglite = memory.pglite;
    server.database = memory.database;
    server.engine = await startEngine(pgTrackingStorage(memory.database), options);
    server.app = buildApp({ engine: server.engine, database: memory.database, adminToken: TEST_ADMIN_TOKEN });
  }, 120_000);
  afterAll(async () => {
    await server.app?.close();
    await server.pglite?.close();
  });
  beforeEach(async () => {
    await resetServer(server.pglite);
    // The carriers a started server holds (emptied with the rest above).
    await storeDefaultCarriers(server.engine.storage, Date.now());
  });
  return server;
}

/** A one-time enrolment code from the admin call. */
export async function enrolmentCode(app: FastifyInstance, name: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/admin/enrolment-codes', headers: adminAuth, payload: { name } });
  expect(r.statusCode).toBe(201);
  return r.json<{ code: string }>().code;
}

/** Enrols a device by name and returns its token and prefix. */
export async function enrolDevice(app: FastifyInstance, name: string): Promise<EnrolledDevice> {
  const r = await app.inject({ method: 'POST', url: '/enrol', payload: { code: await enrolmentCode(app, name) } });
  expect(r.statusCode).toBe(200);
  return r.json<EnrolledDevice>();
}
