import { Global, Module } from '@nestjs/common';
import { AssignmentEvents } from './assignment-events.js';

@Global()
@Module({ providers: [AssignmentEvents], exports: [AssignmentEvents] })
export class EventsModule {}
