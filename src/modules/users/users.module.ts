import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailVerification } from './email-verification.entity.js';
import { EmailVerificationsService } from './email-verifications.service.js';
import { Invitation } from './invitation.entity.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';
import { MembershipCache } from './membership-cache.js';
import { PasswordHasher } from './password-hasher.js';
import { Profile } from './profile.entity.js';
import { User } from './user.entity.js';
import { UserAliasController } from './user-alias.controller.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** People and their memberships: the organization's directory of users. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Profile, Invitation, EmailVerification])],
  controllers: [UsersController, UserAliasController],
  providers: [UsersService, MembersService, MembershipCache, InvitationsService, EmailVerificationsService, PasswordHasher],
  exports: [UsersService, MembersService, MembershipCache, InvitationsService, EmailVerificationsService, PasswordHasher],
})
export class UsersModule {}
