import { SIDE_LIST_LIMIT, type SideList } from '../../common/pagination/side-list.js';
import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { MEMBERSHIP_ENDED, type MembershipEnded } from '../../common/events/membership-events.js';
import { In, type Repository } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ReferenceTarget, type ReferenceTargetService } from '../../common/records/record-kind.decorator.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { containsPattern } from '../../common/database/like.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { UserRefDto, UserResponseDto } from './dto/user-response.dto.js';
import type { ListUsersQueryDto, ProfileContactDto, UpdateProfileDto, UpdateUserDto } from './dto/user-requests.dto.js';
import { type Address, toAddress } from '../../common/database/address.embedded.js';
import { Profile } from './profile.entity.js';
import { toUserRef, toUserResponse } from './user.mapper.js';
import type { User } from './user.entity.js';
import { MembershipCache } from './membership-cache.js';
import { UsersService } from './users.service.js';
import { emitInTurn } from '../../common/events/in-turn.js';

export interface Membership {
  profileId: string;
  role: Role;
  /** The organization's rule that every change to a record sends If-Match (ConditionalRequests). */
  requireIfMatch: boolean;
}

type ProfileColumns = Partial<Pick<Profile, 'role' | 'isActive' | 'phone' | 'alternatePhone' | 'hasSalesAccess' | 'hasMarketingAccess'>> & {
  address?: Partial<Address>;
};

/** A body's phones and address as profile columns; absent fields are left out, null clears. */
function contactColumns(dto: ProfileContactDto): ProfileColumns {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : (value ?? ''));
  const address = toAddress(dto);
  const columns: ProfileColumns = { phone: text(dto.phone), alternatePhone: text(dto.alternate_phone) };
  return Object.fromEntries(Object.entries({ ...columns, ...(address ? { address } : {}) }).filter(([, value]) => value !== undefined));
}

const lastAdmin = () =>
  new ConflictError('LAST_ADMIN', 'An organization must keep at least one active ADMIN');

/** Who belongs to which organization, with what role: the organization's directory of people. */
/** Also what bodies mean by user ids (`assigned_to`): active members of the organization. */
@ReferenceTarget('user')
@Injectable()
export class MembersService implements ReferenceTargetService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly users: UsersService,
    private readonly cache: MembershipCache,
    private readonly events: EventEmitter2,
  ) {}

  private get profiles(): Repository<Profile> {
    return this.db.tx.getRepository(Profile);
  }

  /** The caller's active profile in an organization, or null: read on every request, cached briefly (MembershipCache). */
  findActiveMembership(userId: string, orgId: string): Promise<Membership | null> {
    return this.cache.get(userId, orgId, () => this.readActiveMembership(userId, orgId));
  }

  private async readActiveMembership(userId: string, orgId: string): Promise<Membership | null> {
    const row = await this.profiles
      .createQueryBuilder('profile')
      .innerJoin('profile.user', 'user')
      .innerJoin('profile.organization', 'organization')
      .select('profile.id', 'profileId')
      .addSelect('profile.role', 'role')
      .addSelect('organization.requireIfMatch', 'requireIfMatch')
      .where('profile.userId = :userId AND profile.orgId = :orgId', { userId, orgId })
      .andWhere('profile.isActive AND user.isActive')
      .getRawOne<Membership>();
    return row ?? null;
  }

  /** After a change to what memberships carry (an organization's rule): this instance reads them afresh; others within the cache's age. */
  forgetCachedMemberships(): void {
    this.cache.forgetAll();
  }

  /** The organizations where the person is an active member, with their role. */
  async membershipsOf(userId: string): Promise<{ orgId: string; role: Role }[]> {
    const repository = this.profiles;
    const rows = await repository.find({ where: { userId, isActive: true }, select: { orgId: true, role: true } });
    return rows.map(({ orgId, role }) => ({ orgId, role }));
  }

  async addMember(orgId: string, userId: string, role: Role): Promise<void> {
    await this.profiles.insert({ orgId, userId, role });
    this.db.afterCommit(() => this.cache.changed(orgId, userId));
  }

  /** Whether the person has a profile in the organization, active or not. */
  isMember(orgId: string, userId: string): Promise<boolean> {
    return this.profiles.existsBy({ orgId, userId });
  }

  async list(orgId: string, query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const builder = this.profiles
      .createQueryBuilder('profile')
      .innerJoinAndSelect('profile.user', 'user')
      .where('profile.orgId = :orgId', { orgId });
    if (query.email) builder.andWhere('user.email ILIKE :email', { email: containsPattern(query.email) });
    if (query.role) builder.andWhere('profile.role = :role', { role: query.role });
    if (query.is_active !== undefined) builder.andWhere('profile.isActive = :active', { active: query.is_active });
    // offset/limit, not skip/take: the join is one user per profile, so TypeORM's extra id query is not needed.
    const [rows, count] = await builder
      .orderBy('profile.createdOn', 'DESC')
      .addOrderBy('profile.id', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return toPage('/api/users/', query, count, rows.map(toUserResponse));
  }

  /** An ADMIN may read any member; a USER only themselves (anyone else is a 404, like any record out of sight). */
  async getFor(principal: OrgPrincipal, userId: string): Promise<UserResponseDto> {
    if (principal.role !== Role.ADMIN && userId !== principal.userId) throw new NotFoundError('User');
    return this.get(principal.orgId, userId);
  }

  /** The organization's active members by e-mail, at most `max` (Django-CRM's get-teams-and-users). */
  async activeProfiles(orgId: string, max: number): Promise<UserResponseDto[]> {
    const rows = await this.profiles
      .createQueryBuilder('profile')
      .innerJoinAndSelect('profile.user', 'user')
      .where('profile.orgId = :orgId AND profile.isActive', { orgId })
      .orderBy('user.email', 'ASC')
      .limit(max)
      .getMany();
    return rows.map(toUserResponse);
  }

  async get(orgId: string, userId: string): Promise<UserResponseDto> {
    return toUserResponse(await this.load(this.profiles, orgId, userId));
  }

  /**
   * Changes role, active state, phones, address and Django-CRM's access flags; the last active
   * ADMIN can be neither demoted nor deactivated.
   */
  async update(orgId: string, userId: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.db.withTransaction(async () => {
      const profiles = this.profiles;
      const profile = await this.load(profiles, orgId, userId);
      const role = dto.role ?? profile.role;
      const isActive = dto.is_active ?? profile.isActive;
      const losesAdmin = profile.role === Role.ADMIN && profile.isActive && (role !== Role.ADMIN || !isActive);
      if (losesAdmin) await this.assertAnotherAdmin(orgId, userId);
      const changes: ProfileColumns = {
        role,
        isActive,
        hasSalesAccess: dto.has_sales_access ?? profile.hasSalesAccess,
        hasMarketingAccess: dto.has_marketing_access ?? profile.hasMarketingAccess,
        ...contactColumns(dto),
      };
      await profiles.update({ id: profile.id, orgId }, changes);
      if (profile.isActive && !isActive) await this.ended(orgId, userId);
      this.db.afterCommit(() => this.cache.changed(orgId, userId));
      return toUserResponse(Object.assign(profile, changes, { address: { ...profile.address, ...changes.address } }));
    });
  }

  async remove(orgId: string, userId: string): Promise<void> {
    await this.db.withTransaction(async () => {
      const profiles = this.profiles;
      const profile = await this.load(profiles, orgId, userId);
      if (profile.role === Role.ADMIN && profile.isActive) await this.assertAnotherAdmin(orgId, userId);
      await profiles.delete({ id: profile.id, orgId });
      await this.ended(orgId, userId);
      this.db.afterCommit(() => this.cache.changed(orgId, userId));
    });
  }

  /** What the membership granted elsewhere ends in this transaction (a calendar feed URL, which would work again on return). */
  private async ended(orgId: string, userId: string): Promise<void> {
    await emitInTurn(this.events, MEMBERSHIP_ENDED, { orgId, userId } satisfies MembershipEnded);
  }

  /** The caller's names (the person's, in every organization) and phones and address (this organization's profile). */
  async updateOwn(principal: OrgPrincipal, dto: UpdateProfileDto) {
    await this.db.withTransaction(async () => {
      if (dto.first_name !== undefined || dto.last_name !== undefined) {
        await this.users.updateNames(principal.userId, { firstName: dto.first_name, lastName: dto.last_name });
      }
      const columns = contactColumns(dto);
      if (Object.keys(columns).length) await this.profiles.update({ orgId: principal.orgId, userId: principal.userId }, columns);
    });
    return this.get(principal.orgId, principal.userId);
  }

  referableIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    return this.activeMemberIds(principal.orgId, ids);
  }

  /** Of the given user ids, those with an active profile in the organization (one query). */
  async activeMemberIds(orgId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const profiles = this.profiles;
    const rows = await profiles.find({
      where: { orgId, isActive: true, userId: In([...userIds]) },
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }

  /** The first active members (by e-mail) and how many there are, embedded in a page's statement: the side list of account and lead pages. */
  sideList(orgId: string): EmbeddedRows<UserRefDto> {
    const query = this.profiles
      .createQueryBuilder('profile')
      .innerJoin('profile.user', 'user')
      .select('user.id', 'id')
      .addSelect('user.email', 'email')
      .addSelect('user.firstName', 'firstName')
      .addSelect('user.lastName', 'lastName')
      .where('profile.orgId = :orgId AND profile.isActive', { orgId })
      .orderBy('user.email', 'ASC');
    return { query, read: (row) => toUserRef(row as Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>), bounded: true };
  }

  /**
   * What a record's detail shows of people, in one statement: its assignees (`assigned`, active or
   * not) and the first SIDE_LIST_LIMIT active members to mention, with their total.
   */
  async forDetail(orgId: string, assigned: readonly string[]): Promise<{ assigned: UserRefDto[]; mentions: SideList<UserRefDto> }> {
    const rows = (await this.db.tx.query(
      `WITH people AS (
         SELECT u.id, u.email, u.first_name, u.last_name, p.is_active, u.id = ANY($2::uuid[]) AS assigned,
           count(*) FILTER (WHERE p.is_active) OVER () AS active_total,
           CASE WHEN p.is_active THEN row_number() OVER (PARTITION BY p.is_active ORDER BY u.email) END AS place
         FROM profiles p JOIN users u ON u.id = p.user_id
         WHERE p.org_id = $1)
       SELECT id, email, first_name, last_name, assigned, place, active_total FROM people
       WHERE assigned OR place <= $3 ORDER BY email`,
      [orgId, assigned, SIDE_LIST_LIMIT],
    )) as { id: string; email: string; first_name: string; last_name: string; assigned: boolean; place: string | null; active_total: string }[];
    const ref = (row: (typeof rows)[number]) => toUserRef({ id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name });
    return {
      assigned: rows.filter((row) => row.assigned).map(ref),
      mentions: { results: rows.filter((row) => row.place !== null).map(ref), count: Number(rows[0]?.active_total ?? 0) },
    };
  }

  /** Compact `{id, email, name}` of the given members, active or not. */
  async refs(orgId: string, userIds: readonly string[]): Promise<UserRefDto[]> {
    if (userIds.length === 0) return [];
    const rows = await this.profiles
      .createQueryBuilder('profile')
      .innerJoinAndSelect('profile.user', 'user')
      .where('profile.orgId = :orgId AND profile.userId IN (:...userIds)', { orgId, userIds })
      .orderBy('user.email', 'ASC')
      .getMany();
    return rows.map((profile) => toUserRef(profile.user));
  }

  private async load(profiles: Repository<Profile>, orgId: string, userId: string): Promise<Profile> {
    const profile = await profiles.findOne({ where: { orgId, userId }, relations: { user: true } });
    if (!profile) throw new NotFoundError('User');
    return profile;
  }

  /** Locks the organization's active ADMIN rows, so two concurrent demotions cannot both pass. */
  private async assertAnotherAdmin(orgId: string, userId: string): Promise<void> {
    const admins: { user_id: string }[] = await this.db.tx.query(
      `SELECT user_id FROM profiles WHERE org_id = $1 AND role = 'ADMIN' AND is_active FOR UPDATE`,
      [orgId],
    );
    if (!admins.some((admin) => admin.user_id !== userId)) throw lastAdmin();
  }
}
