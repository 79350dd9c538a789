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
