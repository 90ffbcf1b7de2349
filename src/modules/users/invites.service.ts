import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { PasswordHasher } from './password-hasher.js';
import { UserInvite } from './user-invite.entity.js';
import type { User } from './user.entity.js';
import { UsersService } from './users.service.js';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedInvite {
  token: string;
  expiresAt: Date;
}

/** Invite tokens for people an ADMIN added without a password. */
@Injectable()
export class InvitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
  ) {}

  async issue(manager: EntityManager, userId: string): Promise<IssuedInvite> {
    const token = `inv_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    await manager.getRepository(UserInvite).insert({ userId, tokenHash: digest(token), expiresAt });
    return { token, expiresAt };
  }

  /** Sets the person's first password; a token works once and only before it expires. */
  async redeem(token: string, password: string): Promise<User> {
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const invites = manager.getRepository(UserInvite);
      const invite = await invites.findOne({
        where: { tokenHash: digest(token) },
        relations: { user: true },
        lock: { mode: 'pessimistic_write', tables: ['user_invites'] },
      });
      if (!invite?.user || invite.usedAt || invite.expiresAt <= new Date()) {
        throw ValidationFailedError.field('token', 'is invalid, expired or already used');
      }
      await this.users.setPassword(invite.userId, passwordHash, manager);
      await invites.update({ userId: invite.userId }, { usedAt: new Date() });
      return invite.user;
    });
  }
}
