import { Injectable } from '@nestjs/common';
import { hash, type Options, verify } from '@node-rs/argon2';
import { AppConfig } from '../../config/app-config.js';

/**
 * Argon2id (OWASP's recommended memory-hard hash) at the configured cost: OWASP's 19 MiB and two
 * passes unless lowered, which the environment refuses in production.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: Options;
  // Checked when the e-mail is unknown, so a missing account costs the same time as a wrong password.
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.options = { ...config.passwordHashing, parallelism: 1 };
    this.decoy = hash('decoy-password-for-constant-time', this.options);
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
