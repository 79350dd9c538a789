import type { Generated } from 'kysely';

/**
 * Row types as both engines store them. Portable on purpose: text ids, dates as `YYYY-MM-DD`
 * text, instants as ISO-8601 UTC text, booleans as 0/1 integers, lists as `;`-joined text.
 */
export interface SitesTable {
  id: string;
  name: string;
  canton: string;
  kind: string;
  seats: number;
  cap_percent: number;
  min_staff: number | null;
  open_days: string | null;
  updated_at: string;
}

export interface PeopleTable {
  aad_object_id: string;
  display_name: string;
  email: string | null;
  team: string | null;
  site_id: string | null;
  manager_aad_object_id: string | null;
  roles: string;
  locale: string;
  ahv_number: string | null;
  active: number;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface ContractsTable {
  aad_object_id: string;
  valid_from: string;
  weekly_minutes: number;
  work_days: string;
}

export interface HoursEntriesTable {
  id: string;
  aad_object_id: string;
  date: string;
  kind: string;
  minutes: number;
  start_time: string | null;
  end_time: string | null;
  break_minutes: number | null;
  place: string | null;
  absence_kind: string | null;
  source_activity_id: string | null;
  created_at: string;
  entered_by: string | null;
  deleted_at: string | null;
  version: number;
}

export interface HoursEntryVersionsTable {
  entry_id: string;
  version: number;
  aad_object_id: string;
  change: string;
  changed_by: string;
  changed_at: string;
  reason: string | null;
  before: string | null;
  after: string | null;
}

export interface ProcessedActivitiesTable {
  activity_key: string;
  conversation_id: string;
  received_at: string;
  /** 'processing' while its turn runs, 'done' once it finished. */
  state: Generated<string>;
  /** The process that claimed it; another process finding it 'processing' knows that one died. */
  instance_id: string | null;
}

export interface BotStateTable {
  state_key: string;
  document: string;
  etag: string;
  updated_at: string;
}

export interface Database {
  sites: SitesTable;
  people: PeopleTable;
  contracts: ContractsTable;
  hours_entries: HoursEntriesTable;
  hours_entry_versions: HoursEntryVersionsTable;
  processed_activities: ProcessedActivitiesTable;
  bot_state: BotStateTable;
  conversation_references: ConversationReferencesTable;
  outbound_messages: OutboundMessagesTable;
  reminder_preferences: ReminderPreferencesTable;
  rotations: RotationsTable;
  rotation_assignments: RotationAssignmentsTable;
  calendar_tokens: CalendarTokensTable;
}

export interface ConversationReferencesTable {
  key: string;
  reference: string;
  tenant: string | null;
  scope: string;
  time_zone: string | null;
  updated_at: string;
}

export interface OutboundMessagesTable {
  id: string;
  idempotency_key: string;
  recipient_key: string;
  category: string;
  payload: string;
  locale: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  locked_by: string | null;
  locked_until: string | null;
}

export interface ReminderPreferencesTable {
  aad_object_id: string;
  snoozed_until: string | null;
  opted_out: number;
  updated_at: string;
}

export interface RotationsTable {
  id: string;
  site_id: string;
  team: string | null;
  /** JSON: the pattern and the critical people. */
  pattern: string;
  cap_percent: number;
  start_date: string;
  end_date: string;
  status: string;
  created_by: string;
  created_at: string;
  published_at: string | null;
}

export interface RotationAssignmentsTable {
  rotation_id: string;
  aad_object_id: string;
  date: string;
  place: string;
  cohort: string | null;
}

export interface CalendarTokensTable {
  aad_object_id: string;
  token: string;
  created_at: string;
}

// ---- support (migration 0005_support) ------------------------------------------------------------

/** The support tables join the `Database` interface above (declaration merging). */
export interface Database {
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  support_queues: SupportQueuesTable;
}

export interface TicketsTable {
  id: string;
  number: number;
  category: string;
  problem: string;
  summary: string;
  requester_aad_object_id: string;
  requester_name: string;
  requester_locale: string;
  reporter_aad_object_id: string;
  site_id: string | null;
  canton: string | null;
  /** JSON: the triage answers. */
  triage: string;
  priority: string;
  status: string;
  assignee_aad_object_id: string | null;
  queue_conversation_id: string | null;
  person_requested: number;
  created_at: string;
  updated_at: string;
  first_answer_due_at: string;
  first_answered_at: string | null;
  resolved_at: string | null;
  version: number;
  source_key: string;
  escalated_at: string | null;
}

export interface TicketEventsTable {
  ticket_id: string;
  version: number;
  action: string;
  actor_aad_object_id: string;
  at: string;
  note: string | null;
}

export interface SupportQueuesTable {
  conversation_id: string;
  category: string;
  registered_by: string;
  registered_at: string;
  locale: string;
}

// ---- equipment (migration 0008_equipment) --------------------------------------------------------

/** The equipment tables join the `Database` interface above (declaration merging). */
export interface Database {
  equipment_requests: EquipmentRequestsTable;
  equipment_events: EquipmentEventsTable;
}

export interface EquipmentRequestsTable {
  id: string;
  number: number;
  kind: string;
  details: string;
  reason: string;
  delivery_kind: string;
  delivery_address: string | null;
  delivery_site_id: string | null;
  requester_aad_object_id: string;
  requester_name: string;
  requester_locale: string;
  approver_aad_object_id: string | null;
  status: string;
  duplicate_of: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  source: string | null;
  asset_tag: string | null;
  serial: string | null;
  tracking_number: string | null;
  queue_conversation_id: string | null;
  created_at: string;
  updated_at: string;
  received_at: string | null;
  returned_at: string | null;
  version: number;
  source_key: string;
}

export interface EquipmentEventsTable {
  request_id: string;
  version: number;
  action: string;
  actor_aad_object_id: string;
  at: string;
  note: string | null;
}

/** Month end and the audit trail (migration 0007). */
export interface Database {
  timesheet_approvals: TimesheetApprovalsTable;
  month_locks: MonthLocksTable;
  audit_events: AuditEventsTable;
}

export interface TimesheetApprovalsTable {
  aad_object_id: string;
  month: string;
  status: string;
  approver_aad_object_id: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  version: number;
}

export interface MonthLocksTable {
  month: string;
  locked_by: string;
  locked_at: string;
  changed_after_lock_at: string | null;
  changes_after_lock: Generated<number>;
}

export interface AuditEventsTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  person_aad_object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

/** Swap requests of published rotations (migration 0011). */
export interface Database {
  rotation_swap_requests: RotationSwapRequestsTable;
}

export interface RotationSwapRequestsTable {
  id: string;
  rotation_id: string;
  requester_aad_object_id: string;
  partner_aad_object_id: string;
  date: string | null;
  reason: string | null;
  /** JSON array of aadObjectIds. */
  approvers: string;
  status: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  version: number;
}
