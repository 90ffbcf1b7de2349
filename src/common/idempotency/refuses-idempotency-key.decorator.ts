import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const REFUSES_IDEMPOTENCY_KEY = 'refusesIdempotencyKey';
/** The operation's mark in the OpenAPI document: the document declares no Idempotency-Key on it. */
export const NO_IDEMPOTENCY_EXTENSION = 'x-idempotency-key';

/**
 * A write whose answer cannot be stored with its writes (a lead import that runs on in the
 * background beyond its request): it answers 400 to an Idempotency-Key instead of pretending to
 * honour it (IdempotentRequests).
 */
export const RefusesIdempotencyKey = () => applyDecorators(SetMetadata(REFUSES_IDEMPOTENCY_KEY, true), ApiExtension(NO_IDEMPOTENCY_EXTENSION, false));
