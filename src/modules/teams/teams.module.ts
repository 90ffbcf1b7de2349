import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { Team } from './team.entity.js';
import { TeamsAndUsersController } from './teams-and-users.controller.js';
import { TeamsController } from './teams.controller.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Team]), UsersModule],
  controllers: [TeamsController, TeamsAndUsersController],
  providers: [TeamsService],
  exports: [TeamsService],
})
export class TeamsModule {}
