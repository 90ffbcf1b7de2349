import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organization } from './organization.entity.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { ProfileController } from './profile.controller.js';
import { Profile } from './profile.entity.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, Profile])],
  controllers: [OrganizationsController, ProfileController],
  providers: [OrganizationsService, ProfilesService],
  exports: [OrganizationsService, ProfilesService],
})
export class OrganizationsModule {}
