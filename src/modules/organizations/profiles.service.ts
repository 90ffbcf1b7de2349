import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import type { Role } from '../../common/auth/role.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import type { ProfileResponseDto } from './dto/profile-response.dto.js';
import { Profile } from './profile.entity.js';

export interface Membership {
  profileId: string;
  role: Role;
}

@Injectable()
export class ProfilesService {
  constructor(@InjectRepository(Profile) private readonly profiles: Repository<Profile>) {}

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

  async getOwn(principal: OrgPrincipal): Promise<ProfileResponseDto> {
    const profile = await this.profiles.findOne({
      where: { id: principal.profileId, orgId: principal.orgId },
      relations: { user: true, organization: true },
    });
    if (!profile) throw new NotFoundError('Profile');
    return {
      id: profile.user.id,
      email: profile.user.email,
      first_name: profile.user.firstName,
      last_name: profile.user.lastName,
      role: profile.role,
      is_active: profile.isActive,
      organization: { id: profile.organization.id, name: profile.organization.name },
      created_on: profile.createdOn.toISOString(),
    };
  }
}
