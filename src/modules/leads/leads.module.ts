import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersModule } from '../users/users.module.js';
import { Lead } from './lead.entity.js';
import { LeadsController } from './leads.controller.js';
import { LeadsService } from './leads.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Lead]),
    UsersModule,
    TeamsModule,
    ContactsModule,
    TagsModule,
    AccountsModule,
    CommentsModule,
  ],
  controllers: [LeadsController],
  providers: [LeadsService],
  exports: [LeadsService],
})
export class LeadsModule {}
