/**
 * Audit events: append-only, written with the same executor (transaction) as the change they record.
 */
import type { Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../db/types.js';
import type { Clock } from '../shared/clock.js';
import { insertAuditEvent } from './audit.queries.js';

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditInput {
  actor: { type: AuditEventsTable['actor_type']; id?: string | null };
  action: string;
  target?: { type: string; id: string } | null;
  propertyId?: string | null;
  context?: RequestContext | null;
  details?: Record<string, unknown>;
}

export type AuditRecorder = (db: Kysely<Database>, input: AuditInput) => Promise<void>;

export function createAuditRecorder(clock: Clock): AuditRecorder {
  return (db, input) =>
    insertAuditEvent(db, {
      at: clock.now(),
      actor_type: input.actor.type,
      actor_id: input.actor.id ?? null,
      action: input.action,
      target_type: input.target?.type ?? null,
      target_id: input.target?.id ?? null,
      property_id: input.propertyId ?? null,
      ip: input.context?.ip ?? null,
      user_agent: input.context?.userAgent?.slice(0, 512) ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
    });
}
