import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvitesService } from './invites.service.js';
import { MembersService } from './members.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Profile } from './profile.entity.js';
import { UserInvite } from './user-invite.entity.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** People and their memberships: the organization's directory of users. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Profile, UserInvite])],
  controllers: [UsersController],
  providers: [UsersService, MembersService, InvitesService, PasswordHasher],
  exports: [UsersService, MembersService, InvitesService, PasswordHasher],
})
export class UsersModule {}
