import { fromAddress } from '../../common/database/address.embedded.js';
import type { UserRefDto, UserResponseDto } from './dto/user-response.dto.js';
import type { Profile } from './profile.entity.js';
import type { User } from './user.entity.js';

export const displayName = (user: Pick<User, 'firstName' | 'lastName' | 'email'>) =>
  [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;

export function toUserRef(user: Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>): UserRefDto {
  return { id: user.id, email: user.email, name: displayName(user) };
}

/** A membership with its person loaded (`profile.user`). */
export function toUserResponse(profile: Profile): UserResponseDto {
  return {
    id: profile.user.id,
    email: profile.user.email,
    first_name: profile.user.firstName,
    last_name: profile.user.lastName,
    role: profile.role,
    is_active: profile.isActive,
    created_on: profile.createdOn.toISOString(),
    phone: profile.phone,
    alternate_phone: profile.alternatePhone,
    ...fromAddress(profile.address),
    has_sales_access: profile.hasSalesAccess,
    has_marketing_access: profile.hasMarketingAccess,
  };
}
