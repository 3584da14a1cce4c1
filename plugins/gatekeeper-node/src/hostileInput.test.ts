import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import {
  assertMaxDepth,
  createErrorSanitizer,
  nestsDeeperThan,
  ownRecord,
  ownValue,
  parsePaging,
} from './hostileInput';

describe('hostile input helpers', () => {
  it('bounds nesting without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 16)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 16)).toBe(false);
    expect(() => assertMaxDepth(deep, 16, 'body')).toThrow(InputError);
  });

  it('looks up own properties only', () => {
    const record: Record<string, number> = { a: 1 };
    for (const key of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(ownValue(record, key)).toBeUndefined();
    }
    expect(ownValue(record, 'a')).toBe(1);
    const safe = ownRecord<number>();
    Object.assign(safe, JSON.parse('{"__proto__":5}'));
    expect(ownValue(safe, '__proto__')).toBe(5);
    expect(JSON.stringify(safe)).toBe('{"__proto__":5}');
  });

  it.each([
    [{ limit: '1e20' }],
    [{ offset: '1e20' }],
    [{ offset: '100000000000' }],
    [{ offset: '1000001' }],
    [{ limit: '0' }],
    [{ limit: '1001' }],
    [{ limit: '-1' }],
    [{ limit: '1.5' }],
    [{ limit: ['1', '2'] }],
    [{ offset: 'abc' }],
  ])('rejects paging %p with InputError', query => {
    expect(() => parsePaging(query)).toThrow(InputError);
  });

  it('parses bounded paging with defaults', () => {
    expect(parsePaging({})).toEqual({ limit: 50, offset: 0 });
    expect(parsePaging({ limit: '1000', offset: '1000000' })).toEqual({
      limit: 1000,
      offset: 1_000_000,
    });
    expect(parsePaging({}, { defaultLimit: 10, maxLimit: 20 }).limit).toBe(10);
  });

  it('answers unexpected errors with a generic 500 and logs them', async () => {
    const logger = mockServices.logger.mock();
    const app = express()
      .use(express.json())
      .get('/sql', () => {
        throw new Error(
          'select * from "secret_table" where x = 1 - SQLITE_ERROR',
        );
      })
      .get('/conflict', () => {
        throw new ConflictError('already');
      })
      .post('/json', (_req, res) => res.json({}))
      .use(createErrorSanitizer({ logger }))
      .use(mockErrorHandler());
    const sql = await request(app).get('/sql');
    expect(sql.status).toBe(500);
    expect(JSON.stringify(sql.body)).not.toMatch(/secret_table|select|SQLITE/);
    expect(logger.error).toHaveBeenCalled();
    expect((await request(app).get('/conflict')).status).toBe(409);
    const malformed = await request(app)
      .post('/json')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(malformed.status).toBe(400);
  });
});
