import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { ConflictError } from '../../common/errors/app-error.js';
import type { OrganizationResponseDto } from './dto/organization-response.dto.js';
import { Organization } from './organization.entity.js';
import { Profile } from './profile.entity.js';

const toResponse = (organization: Organization, role: Role): OrganizationResponseDto => ({
  id: organization.id,
  name: organization.name,
  role,
  created_on: organization.createdOn.toISOString(),
});

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Profile) private readonly profiles: Repository<Profile>,
  ) {}

  async listForUser(userId: string): Promise<OrganizationResponseDto[]> {
    const memberships = await this.profiles.find({
      where: { userId, isActive: true },
      relations: { organization: true },
      order: { organization: { name: 'ASC' }, orgId: 'ASC' },
    });
    return memberships.map((profile) => toResponse(profile.organization, profile.role));
  }

  /** Creates the organization and makes the caller its first ADMIN, as one write. */
  create(userId: string, name: string): Promise<OrganizationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises one person's concurrent creates so the per-person name check cannot race.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`org-create:${userId}`]);
      const taken = await manager
        .getRepository(Profile)
        .createQueryBuilder('profile')
        .innerJoin('profile.organization', 'organization')
        .where('profile.userId = :userId', { userId })
        .andWhere('lower(organization.name) = lower(:name)', { name })
        .getExists();
      if (taken) {
        throw new ConflictError('ORGANIZATION_NAME_TAKEN', 'You already have an organization with this name', {
          name: ['is already used by one of your organizations'],
        });
      }
      const organization = await manager.getRepository(Organization).save({ name });
      await manager.getRepository(Profile).insert({ userId, orgId: organization.id, role: Role.ADMIN });
      return toResponse(organization, Role.ADMIN);
    });
  }
}
