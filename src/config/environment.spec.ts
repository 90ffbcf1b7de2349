import { InvalidEnvironmentError, parseEnvironment } from './environment.js';

describe('parseEnvironment', () => {
  it('fills every default for an empty environment (a first run needs no configuration)', () => {
    const env = parseEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
    expect(env.JWT_ACCESS_TTL).toBe(3600);
  });

  it('treats empty variables, as copied from .env.example, as unset', () => {
    expect(parseEnvironment({ DATABASE_URL: '', PORT: '' }).DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and keeps given values', () => {
    const env = parseEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/crm' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgres://u@db:5432/crm');
  });

  it('names every bad variable in one message', () => {
    const parse = () =>
      parseEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://db', MAX_UPLOAD_BYTES: '-1', JWT_ACCESS_SECRET: 'short' });
    expect(parse).toThrow(InvalidEnvironmentError);
    try {
      parse();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'MAX_UPLOAD_BYTES', 'JWT_ACCESS_SECRET']) {
        expect(message).toContain(`${name}:`);
      }
    }
  });

  it('refuses to start in production with the development secrets', () => {
    expect(() => parseEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET: must be set in production/);
    const secret = 's'.repeat(32);
    expect(
      parseEnvironment({ NODE_ENV: 'production', JWT_ACCESS_SECRET: secret, JWT_REFRESH_SECRET: secret }).NODE_ENV,
    ).toBe('production');
  });

  it('refuses cheaper password hashing in production, and keeps it cheaper only where asked', () => {
    const secret = 's'.repeat(32);
    const production = { NODE_ENV: 'production', JWT_ACCESS_SECRET: secret, JWT_REFRESH_SECRET: secret };
    expect(() => parseEnvironment({ ...production, PASSWORD_HASH_MEMORY_KIB: '64', PASSWORD_HASH_PASSES: '1' })).toThrow(
      /PASSWORD_HASH_MEMORY_KIB: must be at least 19456 in production\n\s+PASSWORD_HASH_PASSES: must be at least 2 in production/,
    );
    expect(parseEnvironment(production)).toMatchObject({ PASSWORD_HASH_MEMORY_KIB: 19_456, PASSWORD_HASH_PASSES: 2 });
    expect(parseEnvironment({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '64' }).PASSWORD_HASH_MEMORY_KIB).toBe(64);
  });

  it('refuses a DATABASE_URL without a database name or a postgres scheme, saying what it must be', () => {
    expect(() => parseEnvironment({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432' })).toThrow(/DATABASE_URL: .*must name a database/);
    expect(() => parseEnvironment({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/' })).toThrow(/must name a database/);
    expect(() => parseEnvironment({ DATABASE_URL: '127.0.0.1:5432/db' })).toThrow(/DATABASE_URL: .*must be a postgres:\/\//);
    expect(parseEnvironment({ DATABASE_URL: 'postgresql://u:p@db.internal:5432/crm?sslmode=require' }).DATABASE_URL).toContain('/crm');
  });
});
