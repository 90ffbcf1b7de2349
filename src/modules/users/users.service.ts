import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  passwordHash: string | null;
  firstName?: string;
  lastName?: string;
  /** True when the person has just proved the mailbox (an invitation was redeemed). */
  verified?: boolean;
}

/** What a token must still match for its session to be alive. */
export interface SessionState {
  isActive: boolean;
  sessionVersion: number;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** People, independent of organizations. */
@Injectable()
export class UsersService {
  constructor(@InjectDb() private readonly db: Db) {}

  private get users(): Repository<User> {
    return this.db.tx.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /** The person with this address, with the password hash, locked until the transaction ends. */
  lockByEmail(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normalizeEmail(email) })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** With the password hash, for sign-in only. */
  findForSignIn(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  async sessionState(userId: string): Promise<SessionState | null> {
    const user = await this.users.findOne({ where: { id: userId }, select: { isActive: true, sessionVersion: true } });
    return user ? { isActive: user.isActive, sessionVersion: user.sessionVersion } : null;
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.users.existsBy({ email: normalizeEmail(email) });
  }

  create(data: NewUser): Promise<User> {
    const repository = this.users;
    return repository.save(
      repository.create({
        email: normalizeEmail(data.email),
        passwordHash: data.passwordHash,
        firstName: data.firstName ?? '',
        lastName: data.lastName ?? '',
        emailVerifiedAt: data.verified ? new Date() : null,
      }),
    );
  }

  async markVerified(userId: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :userId', { userId })
      .execute();
  }

  /** Sets the password of a person who never had one and marks the address proven. */
  async claim(userId: string, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash, emailVerifiedAt: new Date() });
  }

  /**
   * Takes the address away from an unverified claim whose mailbox someone else has just proved to
   * own: the claim keeps its id, memberships and data, but loses the address, can no longer sign in,
   * and every session it had ends (see docs/security.md).
   */
  async detach(user: User): Promise<void> {
    await this.users.update(
      { id: user.id },
      {
        email: `detached-${user.id}@detached.invalid`,
        detachedEmail: user.email,
        detachedAt: new Date(),
        isActive: false,
        sessionVersion: user.sessionVersion + 1,
      },
    );
  }

  async updateNames(userId: string, names: { firstName?: string; lastName?: string }): Promise<void> {
    const result = await this.users.update({ id: userId }, names);
    if (!result.affected) throw new NotFoundError('User');
  }
}
