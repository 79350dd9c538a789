// The tab's view of the Crewdesk HTTP API (same origin as the tab, under /api). Who is asking is
// decided once, by the caller's `credentials`: an Entra SSO token inside Teams, or the demo person
// chosen in the "view as" picker in API local mode.

import {
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  type Priority,
  type ProblemKind,
  type TicketCategory,
  type TicketStatus,
} from '../../src/domain/support/ticket.js';

export type AuthMode = 'local' | 'entra';

export interface ApiConfig {
  authMode: AuthMode;
  clientId: string | null;
}

export interface DemoUser {
  aadObjectId: string;
  displayName: string;
  roles: string[];
  team: string | null;
  siteName: string | null;
}

export interface Me {
  aadObjectId: string;
  displayName: string;
  email: string | null;
  roles: string[];
  locale: string;
  team: string | null;
  site: { id: string; name: string; canton: string; kind: string } | null;
  manager: { aadObjectId: string; displayName: string } | null;
  /** From the contract in force today; null when the person has none. */
  weeklyHours: number | null;
  workDays: string[];
  authMode: AuthMode;
}

/** Headers naming the caller; called before every request, so tokens can be refreshed. */
export type Credentials = () => Promise<Record<string, string>>;

export const DEMO_USER_HEADER = 'X-Crewdesk-Demo-User';

/** An error answer of the API: `{ "error": { "code", "message" } }` with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** What the server adds to an error of the user's making (a swap refusal's reason, say). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const noCredentials: Credentials = () => Promise.resolve({});

export function demoUserCredentials(aadObjectId: string): Credentials {
  return () => Promise.resolve({ [DEMO_USER_HEADER]: aadObjectId });
}

export function bearerCredentials(
  getToken: () => Promise<string>,
  extra: Record<string, string> = {},
): Credentials {
  return async () => ({ ...extra, Authorization: `Bearer ${await getToken()}` });
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = `http.${response.status}`;
  let message = response.statusText;
  let details: unknown;
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    details = body.error?.details;
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  return new ApiError(response.status, code, message, details);
}

async function getJson<T>(path: string, credentials: Credentials, signal?: AbortSignal): Promise<T> {
  const headers = { Accept: 'application/json', ...(await credentials()) };
  const response = await fetch(path, { headers, signal: signal ?? null, credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export function getConfig(signal?: AbortSignal): Promise<ApiConfig> {
  return getJson<ApiConfig>('/api/config', noCredentials, signal);
}

export function getMe(credentials: Credentials, signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/api/me', credentials, signal);
}

/** Demo people (API local mode only); the featured ones come first when `query` is empty. */
export async function searchDemoUsers(
  query: string,
  limit: number,
  signal?: AbortSignal,
): Promise<DemoUser[]> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  const body = await getJson<{ users: DemoUser[] }>(`/api/demo/users?${params}`, noCredentials, signal);
  return body.users;
}

async function sendJson<T>(
  method: 'POST',
  path: string,
  body: unknown,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<T> {
  const headers = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
    ...(await credentials()),
  };
  const response = await fetch(path, {
    method,
    headers,
    body: JSON.stringify(body),
    signal: signal ?? null,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** The API routes that another part of Crewdesk has not shipped yet answer like this. */
export function isNotAvailable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 405 || error.status === 501);
}

function query(params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return new URLSearchParams(defined).toString();
}

// --- Hours ------------------------------------------------------------------------------------

export type WorkPlace = 'office' | 'home' | 'store';
export type AbsenceKind =
  'vacation' | 'sick' | 'accident' | 'military' | 'holiday' | 'training' | 'unpaid' | 'other';

export interface HoursEntry {
  id: string;
  kind: 'work' | 'absence';
  minutes: number;
  startTime: string | null;
  endTime: string | null;
  breakMinutes: number | null;
  place: WorkPlace | null;
  absenceKind: AbsenceKind | null;
  enteredBy: string;
  createdAt: string;
  version: number;
}

export interface HoursDay {
  date: string;
  workedMinutes: number;
  targetMinutes: number;
  absences: { kind: AbsenceKind; minutes: number }[];
  entries: HoursEntry[];
}

export interface HoursOverview {
  aadObjectId: string;
  displayName: string;
  from: string;
  to: string;
  totals: {
    targetMinutes: number;
    workedMinutes: number;
    absenceMinutes: number;
    balanceMinutes: number;
    missingDays: string[];
  };
  days: HoursDay[];
}

export function getMyHours(
  range: { from: string; to: string },
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<HoursOverview> {
  return getJson<HoursOverview>(`/api/me/hours?${query(range)}`, credentials, signal);
}

// --- Team schedule ----------------------------------------------------------------------------

// The answer's shape is the server's own (src/domain/rotation/schedule.ts): one definition for both.
import type { RotationPlace as SchedulePlace } from '../../src/domain/rotation/rotation-plan.js';
import type { Schedule, ScheduleDay, SchedulePerson } from '../../src/domain/rotation/schedule.js';
export type { Schedule, ScheduleDay, SchedulePerson, SchedulePlace };

/**
 * Without `team`, `site` and `scope`: the caller's team and reports. `scope: 'organisation'` (HR
 * and admin, a week at most): every active person in one answer, instead of one call per site.
 */
export function getSchedule(
  request: {
    from: string;
    to: string;
    team?: string | undefined;
    site?: string | undefined;
    scope?: 'organisation' | undefined;
  },
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<Schedule> {
  return getJson<Schedule>(`/api/schedule?${query({ ...request })}`, credentials, signal);
}

// --- Office rotation --------------------------------------------------------------------------

/** The pattern kinds the rotation generator knows; the editor offers them in this order. */
export const PATTERN_KINDS = ['ab_weeks', 'alternating_days', 'cohorts', 'custom'] as const;
export type PatternKind = (typeof PATTERN_KINDS)[number];

export interface RotationCohort {
  id: string;
  name: string;
  /** A CSS colour (`#rrggbb`). */
  color: string;
}

export interface RotationAssignment {
  aadObjectId: string;
  displayName: string;
  cohortId: string | null;
  critical: boolean;
  days: { date: string; place: SchedulePlace | null }[];
}

export type HeadcountState = 'ok' | 'near' | 'over' | 'under';

export interface Rotation {
  id: string;
  siteId: string;
  siteName: string;
  team: string | null;
  status: 'draft' | 'published';
  pattern: { kind: string; cohorts: number };
  capPercent: number;
  startDate: string;
  endDate: string;
  cohorts: RotationCohort[];
  assignments: RotationAssignment[];
  headcount: {
    date: string;
    siteId: string;
    count: number;
    cap: number;
    minStaff: number | null;
    state: HeadcountState;
  }[];
  conflicts: { date: string; kind: string; siteId: string; message: string }[];
}

export function getRotations(
  request: { site?: string | undefined; from: string; to: string },
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<{ rotations: Rotation[] }> {
  return getJson<{ rotations: Rotation[] }>(`/api/rotations?${query({ ...request })}`, credentials, signal);
}

export interface GenerateRotationRequest {
  siteId?: string;
  team?: string;
  pattern: PatternKind;
  /** For `cohorts` and `custom`: how many cohorts. */
  cohorts?: number;
  capPercent?: number;
  startDate: string;
  weeks: number;
  critical?: string[];
}

export function generateRotation(
  request: GenerateRotationRequest,
  credentials: Credentials,
): Promise<Rotation> {
  return sendJson<Rotation>('POST', '/api/rotations/generate', request, credentials);
}

export function swapInRotation(
  rotationId: string,
  swap: { a: string; b: string; date?: string },
  credentials: Credentials,
): Promise<Rotation> {
  return sendJson<Rotation>(
    'POST',
    `/api/rotations/${encodeURIComponent(rotationId)}/swap`,
    swap,
    credentials,
  );
}

export function publishRotation(rotationId: string, credentials: Credentials): Promise<Rotation> {
  return sendJson<Rotation>(
    'POST',
    `/api/rotations/${encodeURIComponent(rotationId)}/publish`,
    {},
    credentials,
  );
}

// --- Swap requests (a member asks, a manager of the rotation decides) --------------------------

export type SwapRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** Why a swap cannot be asked for or approved (`rotation.swap_refused`'s `details.reason`). */
export type SwapRefusalReason =
  | 'self'
  | 'partner_not_member'
  | 'other_site'
  | 'date_outside'
  | 'date_past'
  | 'rotation_over'
  | 'not_work_day'
  | 'nothing_to_swap'
  | 'rule'
  | 'no_approver';

export interface SwapRefusal {
  reason: SwapRefusalReason;
  /** With `rule`: the rotation's rule the swap would break (`no_critical`, `cap_exceeded`…). */
  rule?: string;
  date?: string;
}

export interface SwapRequest {
  id: string;
  rotationId: string;
  siteId: string;
  siteName: string;
  requester: { aadObjectId: string; displayName: string };
  partner: { aadObjectId: string; displayName: string };
  /** One day; null: the whole rotation. */
  date: string | null;
  reason: string | null;
  status: SwapRequestStatus;
  approvers: { aadObjectId: string; displayName: string }[];
  requestedAt: string;
  decidedBy: { aadObjectId: string; displayName: string } | null;
  decidedAt: string | null;
  comment: string | null;
  version: number;
  /** Pending: what the swap would change if approved now; approved: what it changed. */
  changes: { aadObjectId: string; date: string; before: SchedulePlace; after: SchedulePlace }[];
  /** Pending: why it could not be approved now. */
  problem: SwapRefusal | null;
}

/** The rotation's managers get every request of it; a member their own. */
export async function getSwapRequests(
  rotationId: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<SwapRequest[]> {
  const body = await getJson<{ requests: SwapRequest[] }>(
    `/api/rotations/${encodeURIComponent(rotationId)}/swap-requests`,
    credentials,
    signal,
  );
  return body.requests;
}

export function askForSwap(
  rotationId: string,
  request: { partner: string; date?: string; reason?: string },
  credentials: Credentials,
): Promise<SwapRequest> {
  return sendJson<SwapRequest>(
    'POST',
    `/api/rotations/${encodeURIComponent(rotationId)}/swap-requests`,
    request,
    credentials,
  );
}

export function decideSwapRequest(
  requestId: string,
  decision: { decision: 'approve' | 'reject'; comment?: string },
  credentials: Credentials,
): Promise<SwapRequest> {
  return sendJson<SwapRequest>(
    'POST',
    `/api/swap-requests/${encodeURIComponent(requestId)}/decision`,
    decision,
    credentials,
  );
}

export function withdrawSwapRequest(requestId: string, credentials: Credentials): Promise<SwapRequest> {
  return sendJson<SwapRequest>(
    'POST',
    `/api/swap-requests/${encodeURIComponent(requestId)}/withdraw`,
    {},
    credentials,
  );
}

// --- RHT report -------------------------------------------------------------------------------

export interface RhtRow {
  aadObjectId: string;
  displayName: string;
  ahvNumber: string | null;
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  lostMinutes: number;
  lossPercent: number;
  waitingDayMinutes: number;
  lossAbove85Percent: boolean;
  warnings: string[];
}

export interface RhtReport {
  month: string;
  provisional: boolean;
  /** HR's lock of the month for the claim; null while it is open. */
  lock?: Omit<MonthLock, 'month'> | null;
  rows: RhtRow[];
  totals: {
    targetMinutes: number;
    workedMinutes: number;
    absenceMinutes: number;
    lostMinutes: number;
    lossPercent: number;
    waitingDayMinutes: number;
    employees: number;
    employeesWithLoss: number;
    employeesAbove85Percent: number;
    belowMinimumLoss: boolean;
  };
}

export function getRhtReport(
  month: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<RhtReport> {
  return getJson<RhtReport>(`/api/reports/rht?${query({ month })}`, credentials, signal);
}

/**
 * The report as a file. Fetched (not a plain link) so that the request carries the bearer token
 * in Entra mode; the caller saves the Blob.
 */
export async function downloadRhtReport(
  request: { month: string; format: 'csv' | 'xlsx'; lang: string },
  credentials: Credentials,
): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetch(`/api/reports/rht?${query(request)}`, {
    headers: await credentials(),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName =
    /filename="([^"]+)"/.exec(disposition)?.[1] ?? `crewdesk-rht-${request.month}.${request.format}`;
  return { blob: await response.blob(), fileName };
}

// --- Month end: locks and timesheet approvals --------------------------------------------------

/** HR's lock of a month for the RHT claim. */
export interface MonthLock {
  month: string;
  /** The aadObjectId of the person who locked it. */
  lockedBy: string;
  lockedAt: string;
  /** Set by the first change after the lock: the claim filed may differ from the records now. */
  changedAfterLockAt: string | null;
  changesAfterLock: number;
}

export interface MonthStatus {
  month: string;
  lock: MonthLock | null;
  approvals: { pending: number; approved: number; sentBack: number };
}

export function getMonthStatus(
  month: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<MonthStatus> {
  return getJson<MonthStatus>(`/api/months/${encodeURIComponent(month)}`, credentials, signal);
}

export function lockMonth(month: string, credentials: Credentials): Promise<MonthStatus> {
  return sendJson<MonthStatus>('POST', `/api/months/${encodeURIComponent(month)}/lock`, {}, credentials);
}

export function unlockMonth(month: string, reason: string, credentials: Credentials): Promise<MonthStatus> {
  return sendJson<MonthStatus>(
    'POST',
    `/api/months/${encodeURIComponent(month)}/unlock`,
    { reason },
    credentials,
  );
}

export type TimesheetStatus = 'pending' | 'approved' | 'sent_back';

export interface TimesheetApproval {
  aadObjectId: string;
  month: string;
  status: TimesheetStatus;
  approverAadObjectId: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  version: number;
}

/** One direct report's month as the manager decides on it. */
export interface TimesheetLine {
  person: { aadObjectId: string; displayName: string };
  /** Null until the month was asked for approval (or decided on). */
  approval: TimesheetApproval | null;
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  /** Past work days with a target and nothing recorded. */
  missingDays: number;
}

export interface TeamMonth {
  manager: { aadObjectId: string; displayName: string };
  month: string;
  lock: MonthLock | null;
  lines: TimesheetLine[];
}

export function getTeamMonth(
  month: string,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<TeamMonth> {
  return getJson<TeamMonth>(`/api/timesheets?${query({ month })}`, credentials, signal);
}

export function decideTimesheet(
  request: { aadObjectId: string; month: string; decision: 'approve' | 'send_back'; comment?: string },
  credentials: Credentials,
): Promise<TeamMonth> {
  const { aadObjectId, month, ...body } = request;
  return sendJson<TeamMonth>(
    'POST',
    `/api/timesheets/${encodeURIComponent(aadObjectId)}/${encodeURIComponent(month)}/decision`,
    body,
    credentials,
  );
}

/** Approves, in one transaction, each direct report's month without a missing day. */
export function approveCompleteTimesheets(
  month: string,
  credentials: Credentials,
): Promise<TeamMonth & { approvedNow: number }> {
  return sendJson<TeamMonth & { approvedNow: number }>(
    'POST',
    `/api/timesheets/${encodeURIComponent(month)}/approve-complete`,
    {},
    credentials,
  );
}

// --- Support tickets --------------------------------------------------------------------------

export { TICKET_CATEGORIES, TICKET_STATUSES };
export type { TicketCategory, TicketStatus };
export type { Priority as TicketPriority, ProblemKind as TicketProblem };

export interface Ticket {
  id: string;
  /** CD-000123. */
  reference: string;
  number: number;
  category: TicketCategory;
  problem: ProblemKind;
  summary: string;
  requesterAadObjectId: string;
  requesterName: string;
  siteId: string | null;
  canton: string | null;
  priority: Priority;
  status: TicketStatus;
  assigneeAadObjectId: string | null;
  personRequested: boolean;
  createdAt: string;
  updatedAt: string;
  /** The SLA: the first answer is due by then. */
  firstAnswerDueAt: string;
  firstAnsweredAt: string | null;
  resolvedAt: string | null;
}

export interface TicketFilter {
  status?: TicketStatus | undefined;
  category?: TicketCategory | undefined;
  site?: string | undefined;
  limit?: number;
}

export async function getTickets(
  filter: TicketFilter,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<Ticket[]> {
  const params = query({ ...filter, limit: filter.limit === undefined ? undefined : String(filter.limit) });
  const body = await getJson<{ tickets: Ticket[] }>(`/api/tickets?${params}`, credentials, signal);
  return body.tickets;
}

// --- Audit trail ------------------------------------------------------------------------------

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  personAadObjectId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditFilter {
  action?: string | undefined;
  person?: string | undefined;
  limit?: number;
}

export async function getAuditEvents(
  filter: AuditFilter,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<AuditEvent[]> {
  const params = query({ ...filter, limit: filter.limit === undefined ? undefined : String(filter.limit) });
  const body = await getJson<{ events: AuditEvent[] }>(`/api/audit?${params}`, credentials, signal);
  return body.events;
}
