import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP's recommended memory-hard hash). */
@Injectable()
export class PasswordHasher {
  // Checked when the e-mail is unknown, so a missing account costs the same time as a wrong password.
  private readonly decoy = hash('decoy-password-for-constant-time');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
