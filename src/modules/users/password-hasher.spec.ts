import { AppConfig } from '../../config/app-config.js';
import { parseEnvironment } from '../../config/environment.js';
import { PasswordHasher } from './password-hasher.js';

const secret = 's'.repeat(32);
const hasherFor = (env: Record<string, string>) => new PasswordHasher(new AppConfig(parseEnvironment(env)));

describe('PasswordHasher', () => {
  it("hashes with OWASP's Argon2id cost in production (19 MiB, 2 passes, 1 lane)", async () => {
    const hasher = hasherFor({ NODE_ENV: 'production', JWT_ACCESS_SECRET: secret, JWT_REFRESH_SECRET: secret });
    const stored = await hasher.hash('violet kettle marching north');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verify(stored, 'violet kettle marching north')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'violet kettle marching south')).resolves.toBe(false);
  });

  it('verifies hashes made at another cost, so lowering or raising it never locks anyone out', async () => {
    const cheap = await hasherFor({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '64', PASSWORD_HASH_PASSES: '1' }).hash('pw one two three');
    expect(cheap).toMatch(/\$m=64,t=1,p=1\$/);
    await expect(hasherFor({}).verify(cheap, 'pw one two three')).resolves.toBe(true);
    await expect(hasherFor({}).verify(null, 'pw one two three')).resolves.toBe(false);
  });
});
