import { assertDocumented } from './support/documented-responses.js';

/** The response check every e2e request goes through must itself catch drift. */
describe('responses are held to openapi.json', () => {
  const error = { error: true, statusCode: 404, code: 'NOT_FOUND', message: 'Case not found', requestId: 'r1' };

  it('accepts a documented status with a matching body, a null where the schema allows one included', () => {
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 404, 'application/json', error)).not.toThrow();
    expect(() => assertDocumented('GET', '/health', 200, 'application/json; charset=utf-8', { status: 'ok' })).not.toThrow();
  });

  it('refuses a status the operation does not document', () => {
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 418, 'application/json', error)).toThrow(/status not documented for getCase/);
  });

  it('refuses a body that does not match: a missing field, a wrong type, a code outside the catalog', () => {
    const { requestId: _missing, ...withoutId } = error;
    const { error: _flag, ...withoutFlag } = error;
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 404, 'application/json', withoutFlag)).toThrow(/error/);
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 404, 'application/json', withoutId)).toThrow(/requestId/);
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 404, 'application/json', { ...error, statusCode: '404' })).toThrow(/statusCode/);
    expect(() => assertDocumented('GET', '/api/cases/0b0d/', 404, 'application/json', { ...error, code: 'OOPS' })).toThrow(/code/);
  });
});
