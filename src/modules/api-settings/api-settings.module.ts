import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TagsModule } from '../tags/tags.module.js';
import { UsersModule } from '../users/users.module.js';
import { ApiSetting } from './api-setting.entity.js';
import { ApiSettingsController } from './api-settings.controller.js';
import { ApiSettingsService } from './api-settings.service.js';

/** API keys that let a website's form create leads in one organization. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiSetting]), UsersModule, TagsModule],
  controllers: [ApiSettingsController],
  providers: [ApiSettingsService],
  exports: [ApiSettingsService],
})
export class ApiSettingsModule {}
