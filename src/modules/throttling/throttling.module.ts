import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimits } from './rate-limits.js';
import { ThrottleGuard } from './throttle.guard.js';

/** Rate limits for sign-in, web forms and mail quotas: RateLimits, and the guard behind @Throttle(). */
@Global()
@Module({
  providers: [RateLimits, { provide: APP_GUARD, useClass: ThrottleGuard }],
  exports: [RateLimits],
})
export class ThrottlingModule {}
