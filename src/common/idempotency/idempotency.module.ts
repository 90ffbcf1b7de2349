import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyPruning } from './idempotency-pruning.js';
import { IdempotentRequests } from './idempotent-requests.js';

/** Idempotency-Key on every write (IdempotentRequests, a global interceptor set up in configure-app.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  providers: [IdempotentRequests, IdempotencyPruning],
  exports: [IdempotentRequests],
})
export class IdempotencyModule {}
