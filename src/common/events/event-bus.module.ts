import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Assignments } from './assignment-events.js';

/** Events between modules (@nestjs/event-emitter), so no module has to import its listeners. */
@Global()
@Module({ imports: [EventEmitterModule.forRoot()], providers: [Assignments], exports: [Assignments] })
export class EventBusModule {}
