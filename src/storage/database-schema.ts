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
}
