import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  passwordHash: string | null;
  firstName?: string;
  lastName?: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** People, independent of organizations. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  private repository(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.users;
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repository(manager).findOneBy({ email: normalizeEmail(email) });
  }

  /** With the password hash, for sign-in only. */
  findForSignIn(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  async hasPassword(userId: string, manager?: EntityManager): Promise<boolean> {
    return this.repository(manager)
      .createQueryBuilder('user')
      .where('user.id = :userId AND user.passwordHash IS NOT NULL', { userId })
      .getExists();
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.users.existsBy({ email: normalizeEmail(email) });
  }

  create(data: NewUser, manager?: EntityManager): Promise<User> {
    const repository = this.repository(manager);
    return repository.save(
      repository.create({
        email: normalizeEmail(data.email),
        passwordHash: data.passwordHash,
        firstName: data.firstName ?? '',
        lastName: data.lastName ?? '',
      }),
    );
  }

  async setPassword(userId: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ id: userId }, { passwordHash });
  }

  async updateNames(userId: string, names: { firstName?: string; lastName?: string }): Promise<void> {
    const result = await this.users.update({ id: userId }, names);
    if (!result.affected) throw new NotFoundError('User');
  }
}
