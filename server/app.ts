// The sync server's HTTP interface (Fastify): health; enrolment of devices; push and pull,
// each authenticated by the device's token; the admin calls behind the admin token.
import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../shared/engine/command';
import { PULL_PAGE_DEFAULT, PULL_PAGE_MAX } from '../shared/sync/tables';
import type { Database } from './db/sql';
import { createEnrolmentCode, deviceByToken, enrol, listDevices, MAX_DEVICE_NAME, NoDeviceNumberLeft, revokeDevice, ssccDeviceOf, type Device } from './devices/devices';
import type { ServerEngine } from './engine';
import { pullText } from './pull/pull';
import { applyPush } from './push/push';
import { MAX_PUSH_BYTES, pushBodySchema } from './push/schema';
import { DEVICE_Z_REPORTS } from '../shared/sync/zReports';
import { zReports } from './zReports';

export interface AppOptions {
  engine: ServerEngine;
  /** Where devices and enrolment codes are kept, and what pulls read. */
  database: Database;
  /** The admin token (COUNTERFLOW_ADMIN_TOKEN); without one the admin calls are off. */
  adminToken?: string;
  /** Fastify's logger (pino): true or options in production, false in tests. */
  logger?: FastifyServerOptions['logger'];
}

/** A refused request: a code a program can test and a sentence a person can act on. */
export interface RequestError {
  error: string;
  message: string;
}

const deviceName = z.string({ error: 'name must be text' }).trim().min(1, 'name is empty').max(MAX_DEVICE_NAME, `name is longer than ${MAX_DEVICE_NAME} characters`);
const enrolBodySchema = z.object({ code: z.string({ error: 'code must be text' }).min(1, 'code is empty').max(64, 'code is too long'), name: deviceName.optional() });
const codeBodySchema = z.object({ name: deviceName });
const zReportQuerySchema = z.object({
  device: z.string({ error: 'device must be text' }).min(1, 'device is empty').max(200, 'device is too long').optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(50),
});
const pullQuerySchema = z.object({
  after: z.coerce.number({ error: 'after must be a number' }).int('after must be a whole number').min(0, 'after must be 0 or more').default(0),
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be at least 1').max(PULL_PAGE_MAX, `limit must be at most ${PULL_PAGE_MAX}`).default(PULL_PAGE_DEFAULT),
});

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const invalid = (reply: FastifyReply, error: z.ZodError, what: string) =>
  reply.status(400).send({ error: 'invalid-request', message: `${what}: ${describeIssues(error)}.` } satisfies RequestError);

declare module 'fastify' {
  interface FastifyRequest {
    device?: Device;
  }
}

export function buildApp({ engine, database, adminToken, logger = false }: AppOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_PUSH_BYTES });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const body: RequestError =
      status === 413
        ? { error: 'too-large', message: `The request is larger than ${MAX_PUSH_BYTES} bytes; send fewer commands per push.` }
        : status >= 500
          ? { error: 'server-failed', message: 'The server failed; nothing of this request is lost on the counter. It will be retried.' }
          : { error: 'bad-request', message: error.message };
    return reply.status(status).send(body);
  });

  // Counters call from their own origin (the app's window); they authenticate with a
  // bearer token, never a cookie, so any origin may call (no credentials allowed).
  void app.register(cors, { origin: '*', methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type'], maxAge: 600 });

  /** Devices only: an unknown or revoked token is refused before anything is read. */
  const authenticated = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    if (!token) {
      return reply.status(401).send({ error: 'unauthenticated', message: 'This request has no device token. Enrol this counter in Settings → Sync with a code from the administrator.' } satisfies RequestError);
    }
    const device = await deviceByToken(database, token);
    if (!device) {
      return reply.status(401).send({ error: 'unknown-device', message: 'The server does not know this counter’s token. Enrol it again in Settings → Sync with a new code.' } satisfies RequestError);
    }
    if (device.revoked) {
      return reply.status(401).send({ error: 'device-revoked', message: `This counter (${device.name}) was revoked on the server; nothing was applied. Ask the administrator for a new enrolment code.` } satisfies RequestError);
    }
    request.device = device;
  };

  const admin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!adminToken) return reply.status(403).send({ error: 'admin-disabled', message: 'Admin calls are off: start the server with COUNTERFLOW_ADMIN_TOKEN set.' } satisfies RequestError);
    const token = bearer(request);
    if (!token || !sameSecret(token, adminToken)) return reply.status(401).send({ error: 'unauthenticated', message: 'This admin call needs the admin token (Authorization: Bearer …).' } satisfies RequestError);
  };

  app.get('/health', async () => ({ ok: true }));

  app.post('/enrol', async (request, reply) => {
    const parsed = enrolBodySchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error, 'Not enrolled');
    const enrolled = await enrol(database, parsed.data.code, parsed.data.name).catch((error: unknown) => {
      if (error instanceof NoDeviceNumberLeft) return error;
      throw error;
    });
    if (enrolled instanceof NoDeviceNumberLeft) return reply.status(409).send({ error: 'no-device-number', message: enrolled.message } satisfies RequestError);
    if (!enrolled) return reply.status(401).send({ error: 'invalid-code', message: 'This enrolment code is unknown, used already or expired. Ask the administrator for a new one.' } satisfies RequestError);
    request.log.info({ deviceId: enrolled.deviceId, prefix: enrolled.prefix }, 'device enrolled');
    return enrolled;
  });

  app.post('/push', { preHandler: authenticated }, async (request, reply) => {
    const parsed = pushBodySchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error, 'Nothing was applied');
    const device = request.device!;
    const { ssccDevice } = parsed.data;
    if (ssccDevice !== undefined && ssccDevice !== ssccDeviceOf(device.prefix)) {
      // Its parcels' SSCCs would not be the ones the server gives them: nothing is applied.
      return reply.status(409).send({
        error: 'sscc-device-mismatch',
        message: `This counter labels parcels with SSCC device number ${String(ssccDevice).padStart(2, '0')}, which the server gave to another counter; nothing was applied. Enrol this counter again with a new code (Settings → Sync).`,
      } satisfies RequestError);
    }
    return applyPush(engine, database, request.device!, parsed.data);
  });

  app.get('/pull', { preHandler: authenticated }, async (request, reply) => {
    const parsed = pullQuerySchema.safeParse(request.query);
    if (!parsed.success) return invalid(reply, parsed.error, 'Nothing was read');
    // The page's JSON as PostgreSQL wrote it (server/pull/pull.ts).
    // With the device's SSCC number: a counter enrolled before SSCCs had one learns it here.
    const ssccDevice = ssccDeviceOf(request.device!.prefix);
    return reply.type('application/json; charset=utf-8').send(await pullText(database, parsed.data.after, parsed.data.limit, ssccDevice));
  });

  // A counter's own closed tills as the server keeps them (Settings → Sync shows them).
  app.get('/z-reports', { preHandler: authenticated }, async (request) => ({ reports: await zReports(database, { deviceId: request.device!.id, limit: DEVICE_Z_REPORTS }) }));

  app.post('/admin/enrolment-codes', { preHandler: admin }, async (request, reply) => {
    const parsed = codeBodySchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error, 'No code was made');
    return reply.status(201).send(await createEnrolmentCode(database, parsed.data.name));
  });
  app.get('/admin/devices', { preHandler: admin }, async () => ({ devices: await listDevices(database) }));
  // Z reports: closed tills, newest first (one device's with ?device=), and one till's by id.
  app.get('/admin/z-reports', { preHandler: admin }, async (request, reply) => {
    const parsed = zReportQuerySchema.safeParse(request.query);
    if (!parsed.success) return invalid(reply, parsed.error, 'Nothing was read');
    return { reports: await zReports(database, { limit: parsed.data.limit, ...(parsed.data.device ? { deviceId: parsed.data.device } : {}) }) };
  });
  app.get<{ Params: { id: string } }>('/admin/tills/:id/z-report', { preHandler: admin }, async (request, reply) => {
    const [report] = await zReports(database, { tillId: request.params.id, limit: 1 });
    if (!report) return reply.status(404).send({ error: 'not-found', message: `No till ${request.params.id} on the server (a till opened before its counter enrolled is not here).` } satisfies RequestError);
    return report;
  });
  app.post<{ Params: { id: string } }>('/admin/devices/:id/revoke', { preHandler: admin }, async (request, reply) => {
    if (!(await revokeDevice(database, request.params.id))) return reply.status(404).send({ error: 'not-found', message: `No device ${request.params.id}.` } satisfies RequestError);
    return { ok: true };
  });

  return app;
}
