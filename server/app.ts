// The sync server's HTTP interface (Fastify): health, and the push of a device's commands.
// Device enrolment and authentication, pull and timers come next (issue 22).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { describeIssues } from '../shared/engine/command';
import type { ServerEngine } from './engine';
import { applyPush } from './push/push';
import { MAX_PUSH_BYTES, pushBodySchema } from './push/schema';

export interface AppOptions {
  engine: ServerEngine;
  /** Fastify's logger (pino): true or options in production, false in tests. */
  logger?: FastifyServerOptions['logger'];
}

/** A refused request: a code a program can test and a sentence a person can act on. */
export interface RequestError {
  error: string;
  message: string;
}

export function buildApp({ engine, logger = false }: AppOptions): FastifyInstance {
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

  app.get('/health', async () => ({ ok: true }));

  app.post('/push', async (request, reply) => {
    const parsed = pushBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const body: RequestError = { error: 'invalid-request', message: `Nothing was applied: ${describeIssues(parsed.error)}.` };
      return reply.status(400).send(body);
    }
    return applyPush(engine, parsed.data);
  });

  return app;
}
