import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/errors.js';
import { isInfrastructureError } from '../../src/router/infra-errors.js';

/** Shapes as observed through a TCP relay cut in front of PostgreSQL (pg 8, Prisma 6.19 with adapter-pg). */
const prismaUnreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
  name: 'PrismaClientKnownRequestError',
  code: 'P1001',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } } },
});

describe('isInfrastructureError', () => {
  it('recognises a database that is unreachable, cut, timed out or shutting down', () => {
    const cases: unknown[] = [
      prismaUnreachable,
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError', code: 'P2024' }),
      Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'postgres', code: '08006' } } } }),
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }),
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    ];
    for (const err of cases) expect(isInfrastructureError(err), String(err)).toBe(true);
  });

  it('leaves BotErrors, programming errors and constraint violations alone', () => {
    const cases: unknown[] = [
      new BotError('unavailable', '请稍后再试。', { cause: prismaUnreachable }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new TypeError('Connection terminated unexpectedly'),
      Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      new Error('boom'),
      'a string',
      undefined,
    ];
    for (const err of cases) expect(isInfrastructureError(err), String(err)).toBe(false);
  });
});
