import type { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * Runs an event's listeners one after another, for events emitted inside a transaction: they
 * share its one connection, and `emitAsync` starts them all at once, which pg only queues today
 * (deprecated; pg 9 refuses a query on a client still running one).
 */
export async function emitInTurn(events: EventEmitter2, name: string, payload: unknown): Promise<void> {
  for (const listener of events.listeners(name)) await listener(payload);
}
