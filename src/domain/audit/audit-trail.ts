/**
 * The audit trail (issue 5): every change of hours, approval, month lock, ticket action and role,
 * with who, when, what it was before and after, and why. Append-only — the repository has no way
 * to change or remove an event, and the database refuses it too (migration 0007's triggers) — and
 * readable by HR and admins only (policy 'audit.read').
 */
import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { Person } from '../directory/people.js';
import { authorise } from '../directory/policy.js';
import type { Clock } from '../shared/clock.js';

export const AUDIT_ACTIONS = [
  'hours.create',
  'hours.delete',
  'hours.import',
  'timesheet.request',
  'timesheet.approve',
  'timesheet.send_back',
  'timesheet.resubmit',
  'month.lock',
  'month.unlock',
  'month.change_after_lock',
  'rotation.swap_request',
  'rotation.swap_decision',
  'rotation.swap_withdraw',
  'ticket.change',
  'equipment.change',
  'directory.roles',
  'privacy.export',
  'privacy.erase',
  'privacy.purge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  id: string;
  /** ISO instant. */
  at: string;
  /** Who did it: an aadObjectId, or `system` / `cli:<user>` for what no person clicked. */
  actor: string;
  action: AuditAction;
  /** What it is about: `person:<id>`, `month:<YYYY-MM>`, `ticket:<id>`, `hours:<entry id>`. */
  subject: string;
  /** Whose data it is, when it is a person's (the nFADP export and the HR filter use it). */
  personAadObjectId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditFilter {
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
  actor?: string;
  personAadObjectId?: string;
  subject?: string;
  action?: AuditAction;
  limit: number;
}

export interface AuditRepository {
  append(events: readonly AuditEvent[]): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEvent[]>;
}

/** A writer bound to a clock and an id source, so use cases say only what happened. */
export function auditWriter(audit: AuditRepository, clock: Clock, newId: () => string) {
  return (event: Omit<AuditEvent, 'id' | 'at'> & { at?: string }) =>
    audit.append([{ ...event, id: newId(), at: event.at ?? clock.now().toISOString() }]);
}

/** HR and admins read the trail; nobody else, whatever they ask for. */
export async function readAuditTrail(
  ports: { directory: Pick<DirectoryRepository, 'findPerson'>; audit: Pick<AuditRepository, 'list'> },
  actor: Person,
  filter: AuditFilter,
): Promise<AuditEvent[]> {
  await authorise(ports.directory, actor, 'audit.read');
  return ports.audit.list(filter);
}
