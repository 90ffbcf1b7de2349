import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors/app-error.js';
import { containsPattern } from '../../common/database/like.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { UserRefDto, UserResponseDto } from './dto/user-response.dto.js';
import type { ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto.js';
import { Profile } from './profile.entity.js';
import { toUserRef, toUserResponse } from './user.mapper.js';
import { UsersService } from './users.service.js';

export interface Membership {
  profileId: string;
  role: Role;
}

const lastAdmin = () =>
  new ConflictError('LAST_ADMIN', 'An organization must keep at least one active ADMIN');

/** Who belongs to which organization, with what role: the organization's directory of people. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Profile) private readonly profiles: Repository<Profile>,
    private readonly users: UsersService,
  ) {}

  /** The caller's active profile in an organization, or null: one indexed lookup per request. */
  async findActiveMembership(userId: string, orgId: string): Promise<Membership | null> {
    const profile = await this.profiles
      .createQueryBuilder('profile')
      .innerJoin('profile.user', 'user')
      .select(['profile.id', 'profile.role'])
      .where('profile.userId = :userId AND profile.orgId = :orgId', { userId, orgId })
      .andWhere('profile.isActive AND user.isActive')
      .getOne();
    return profile ? { profileId: profile.id, role: profile.role } : null;
  }

  /** The organizations where the person is an active member, with their role. */
  async membershipsOf(userId: string, manager?: EntityManager): Promise<{ orgId: string; role: Role }[]> {
    const repository = manager ? manager.getRepository(Profile) : this.profiles;
    const rows = await repository.find({ where: { userId, isActive: true }, select: { orgId: true, role: true } });
    return rows.map(({ orgId, role }) => ({ orgId, role }));
  }

  async addMember(manager: EntityManager, orgId: string, userId: string, role: Role): Promise<void> {
    await manager.getRepository(Profile).insert({ orgId, userId, role });
  }

  /** Whether the person has a profile in the organization, active or not. */
  isMember(manager: EntityManager, orgId: string, userId: string): Promise<boolean> {
    return manager.getRepository(Profile).existsBy({ orgId, userId });
  }

  async list(orgId: string, query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const builder = this.profiles
      .createQueryBuilder('profile')
      .innerJoinAndSelect('profile.user', 'user')
      .where('profile.orgId = :orgId', { orgId });
    if (query.email) builder.andWhere('user.email ILIKE :email', { email: containsPattern(query.email) });
    if (query.role) builder.andWhere('profile.role = :role', { role: query.role });
    if (query.is_active !== undefined) builder.andWhere('profile.isActive = :active', { active: query.is_active });
    const [rows, count] = await builder
      .orderBy('profile.createdOn', 'DESC')
      .addOrderBy('profile.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage('/api/users/', query, count, rows.map(toUserResponse));
  }

  /** An ADMIN may read any member; a USER only themselves. */
  async getFor(principal: OrgPrincipal, userId: string): Promise<UserResponseDto> {
    if (principal.role !== Role.ADMIN && userId !== principal.userId) {
      throw new ForbiddenError('ROLE_REQUIRED', 'Only an ADMIN may read other members');
    }
    return this.get(principal.orgId, userId);
  }

  async get(orgId: string, userId: string): Promise<UserResponseDto> {
    return toUserResponse(await this.load(this.profiles, orgId, userId));
  }

  /** Changes role or active state; the last active ADMIN can be neither demoted nor deactivated. */
  async update(orgId: string, userId: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const profiles = manager.getRepository(Profile);
      const profile = await this.load(profiles, orgId, userId);
      const role = dto.role ?? profile.role;
      const isActive = dto.is_active ?? profile.isActive;
      const losesAdmin = profile.role === Role.ADMIN && profile.isActive && (role !== Role.ADMIN || !isActive);
      if (losesAdmin) await this.assertAnotherAdmin(manager, orgId, userId);
      await profiles.update({ id: profile.id, orgId }, { role, isActive });
      return toUserResponse({ ...profile, role, isActive });
    });
  }

  async remove(orgId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const profiles = manager.getRepository(Profile);
      const profile = await this.load(profiles, orgId, userId);
      if (profile.role === Role.ADMIN && profile.isActive) await this.assertAnotherAdmin(manager, orgId, userId);
      await profiles.delete({ id: profile.id, orgId });
    });
  }

  async updateOwnNames(principal: OrgPrincipal, names: { firstName?: string; lastName?: string }) {
    await this.users.updateNames(principal.userId, names);
    return this.get(principal.orgId, principal.userId);
  }

  /** Of the given user ids, those with an active profile in the organization (one query). */
  async activeMemberIds(orgId: string, userIds: readonly string[], manager?: EntityManager): Promise<string[]> {
    if (userIds.length === 0) return [];
    const profiles = manager ? manager.getRepository(Profile) : this.profiles;
    const rows = await profiles.find({
      where: { orgId, isActive: true, userId: In([...userIds]) },
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }

  /** Compact `{id, email, name}` of members; all active members when `userIds` is omitted. */
  async refs(orgId: string, userIds?: readonly string[]): Promise<UserRefDto[]> {
    if (userIds?.length === 0) return [];
    const builder = this.profiles
      .createQueryBuilder('profile')
      .innerJoinAndSelect('profile.user', 'user')
      .where('profile.orgId = :orgId', { orgId });
    if (userIds) builder.andWhere('profile.userId IN (:...userIds)', { userIds });
    else builder.andWhere('profile.isActive');
    const rows = await builder.orderBy('user.email', 'ASC').getMany();
    return rows.map((profile) => toUserRef(profile.user));
  }

  private async load(profiles: Repository<Profile>, orgId: string, userId: string): Promise<Profile> {
    const profile = await profiles.findOne({ where: { orgId, userId }, relations: { user: true } });
    if (!profile) throw new NotFoundError('User');
    return profile;
  }

  /** Locks the organization's active ADMIN rows, so two concurrent demotions cannot both pass. */
  private async assertAnotherAdmin(manager: EntityManager, orgId: string, userId: string): Promise<void> {
    const admins: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM profiles WHERE org_id = $1 AND role = 'ADMIN' AND is_active FOR UPDATE`,
      [orgId],
    );
    if (!admins.some((admin) => admin.user_id !== userId)) throw lastAdmin();
  }
}
