import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 hex digest: what is stored of a secret token, so a leaked table cannot be replayed. */
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A random token with a readable prefix (`inv_...`), and its digest. */
export function newSecretToken(prefix: string): { token: string; digest: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, digest: tokenDigest(token) };
}
