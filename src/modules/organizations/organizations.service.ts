import { type Db, InjectDb } from '../../common/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { In, type Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import type { UpdateProfileDto } from '../users/dto/user-requests.dto.js';
import { MembersService } from '../users/members.service.js';
import { UsersService } from '../users/users.service.js';
import type { MeResponseDto, OrganizationListResponseDto, OrganizationResponseDto } from './dto/organization-response.dto.js';
import type { OrganizationSettingsDto, UpdateOrganizationSettingsDto } from './dto/organization-settings.dto.js';
import type { ProfileResponseDto } from './dto/profile-response.dto.js';
import { Organization } from './organization.entity.js';

const toResponse = (organization: Organization, role: Role): OrganizationResponseDto => ({
  id: organization.id,
  name: organization.name,
  role,
  created_on: organization.createdOn.toISOString(),
});

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
    private readonly users: UsersService,
  ) {}

  private get organizations(): Repository<Organization> {
    return this.db.tx.getRepository(Organization);
  }

  async listForUser(userId: string): Promise<OrganizationResponseDto[]> {
    const memberships = await this.members.membershipsOf(userId);
    if (memberships.length === 0) return [];
    const roles = new Map(memberships.map((membership) => [membership.orgId, membership.role]));
    const organizations = await this.organizations.find({
      where: { id: In([...roles.keys()]) },
      order: { name: 'ASC', id: 'ASC' },
    });
    return organizations.map((organization) => toResponse(organization, roles.get(organization.id)!));
  }

  /** The caller's organizations in both shapes: this API's and Django-CRM's `profile_org_list`. */
  async listingFor(userId: string): Promise<OrganizationListResponseDto> {
    const organizations = await this.listForUser(userId);
    return {
      organizations,
      profile_org_list: organizations.map(({ id, name, role }) => ({ role, org: { id, name } })),
    };
  }

  /** The signed-in person and their organizations; a token of a deleted person is refused before this runs. */
  async me(userId: string): Promise<MeResponseDto> {
    const [user, listing] = await Promise.all([this.users.findById(userId), this.listingFor(userId)]);
    if (!user) throw new NotFoundError('User');
    return {
      id: user.id,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      email_verified: user.emailVerifiedAt !== null,
      ...listing,
    };
  }

  /** Creates the organization and makes the caller its first ADMIN, as one write. */
  create(userId: string, name: string): Promise<OrganizationResponseDto> {
    return this.db.withTransaction(async () => {
      // Serialises one person's concurrent creates so the per-person name check cannot race.
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`org-create:${userId}`]);
      const mine = (await this.members.membershipsOf(userId)).map((membership) => membership.orgId);
      const taken =
        mine.length > 0 &&
        (await this.db.tx
          .getRepository(Organization)
          .createQueryBuilder('organization')
          .where('organization.id IN (:...mine) AND lower(organization.name) = lower(:name)', { mine, name })
          .getExists());
      if (taken) {
        throw new ConflictError('ORGANIZATION_NAME_TAKEN', 'You already have an organization with this name', {
          name: ['is already used by one of your organizations'],
        });
      }
      const organization = await this.db.tx.getRepository(Organization).save({ name });
      await this.members.addMember(organization.id, userId, Role.ADMIN);
      return toResponse(organization, Role.ADMIN);
    });
  }

  async settings(orgId: string): Promise<OrganizationSettingsDto> {
    const organization = await this.organizations.findOneBy({ id: orgId });
    if (!organization) throw new NotFoundError('Organization');
    return {
      id: organization.id,
      name: organization.name,
      default_currency: organization.defaultCurrency,
      timezone: organization.timezone,
      invoice_prefix: organization.invoicePrefix,
      require_if_match: organization.requireIfMatch,
    };
  }

  async updateSettings(orgId: string, dto: UpdateOrganizationSettingsDto): Promise<OrganizationSettingsDto> {
    const changes = { defaultCurrency: dto.default_currency, timezone: dto.timezone, invoicePrefix: dto.invoice_prefix, requireIfMatch: dto.require_if_match };
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length) await this.organizations.update({ id: orgId }, given);
    if (dto.require_if_match !== undefined) this.members.forgetCachedMemberships();
    return this.settings(orgId);
  }

  /** The currency of the organization's money when a record names none. */
  async defaultCurrency(orgId: string): Promise<string> {
    return (await this.settings(orgId)).default_currency;
  }

  /** Today's date (YYYY-MM-DD) on the organization's clock (its settings' `timezone`): what "issued today" means to its members. */
  todayIn(timezone: string): string {
    return DateTime.now().setZone(timezone).toISODate()!;
  }

  /** Where the organization's events take place when they name no time zone. */
  async timezone(orgId: string): Promise<string> {
    return (await this.settings(orgId)).timezone;
  }

  async profile(principal: OrgPrincipal): Promise<ProfileResponseDto> {
    const [member, organization] = await Promise.all([
      this.members.get(principal.orgId, principal.userId),
      this.organizations.findOneBy({ id: principal.orgId }),
    ]);
    if (!organization) throw new NotFoundError('Organization');
    return { ...member, organization: { id: organization.id, name: organization.name } };
  }

  async updateProfile(principal: OrgPrincipal, dto: UpdateProfileDto): Promise<ProfileResponseDto> {
    await this.members.updateOwn(principal, dto);
    return this.profile(principal);
  }
}
