import { HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConflictError, ValidationFailedError } from './app-error.js';
import { toErrorBody } from './error-body.js';

const pgError = (code: string) => new QueryFailedError('SELECT', [], Object.assign(new Error('db'), { code }));

describe('toErrorBody', () => {
  it('keeps the code, message and field errors of an application error', () => {
    const mapped = toErrorBody(ValidationFailedError.field('email', 'must be an email'), 'r1');
    expect(mapped).toEqual({
      status: 400,
      unexpected: false,
      body: {
        error: true,
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request has invalid fields',
        errors: { email: ['must be an email'] },
        requestId: 'r1',
      },
    });
  });

  it("gives Nest's own exceptions a code from their status", () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x'), 'r').body).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(toErrorBody(new ConflictError('LEAD_ALREADY_CONVERTED', 'converted'), 'r').body.code).toBe(
      'LEAD_ALREADY_CONVERTED',
    );
  });

  it('maps unique and foreign-key violations to 409 and bad text to 400, without database details', () => {
    expect(toErrorBody(pgError('23505'), 'r').status).toBe(409);
    expect(toErrorBody(pgError('23503'), 'r').status).toBe(409);
    const invalid = toErrorBody(pgError('22P02'), 'r');
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).not.toContain('db');
  });

  it("passes Fastify's client errors through with their status", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorBody(tooLarge, 'r').body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a cancelled statement or an exhausted pool with 503 and a Retry-After', () => {
    for (const error of [pgError('57014'), new Error('timeout exceeded when trying to connect')]) {
      const mapped = toErrorBody(error, 'r');
      expect(mapped).toMatchObject({ status: 503, unexpected: true, retryAfterSeconds: 2, body: { code: 'SERVICE_BUSY' } });
    }
  });

  it('treats a connection the client cut mid-request as its doing, not a bug', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(toErrorBody(aborted, 'r')).toMatchObject({ status: 400, unexpected: false, body: { code: 'REQUEST_ABORTED' } });
  });

  it('hides everything about an unknown error behind a 500 and flags it for the log', () => {
    const mapped = toErrorBody(new Error('connection string postgres://secret@db'), 'r9');
    expect(mapped).toEqual({
      status: 500,
      unexpected: true,
      body: { error: true, statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', requestId: 'r9' },
    });
    expect(toErrorBody(new HttpException('boom internals', 502), 'r').body.message).toBe('Internal server error');
  });
});
