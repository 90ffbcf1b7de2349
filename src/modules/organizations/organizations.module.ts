import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { Organization } from './organization.entity.js';
import { OrganizationSettingsController } from './organization-settings.controller.js';
import { MeController } from './me.controller.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { ProfileController } from './profile.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organization]), UsersModule],
  controllers: [MeController, OrganizationsController, OrganizationSettingsController, ProfileController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
