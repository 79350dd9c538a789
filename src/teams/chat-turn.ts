import type { Activity } from 'botbuilder';
import {
  calendarDateIn,
  isCalendarDate,
  isValidTimeZone,
  type CalendarDate,
} from '../domain/shared/calendar-date.js';
import type { ChatIdentity } from '../domain/directory/newcomer.js';

/** What a handler needs to know about the incoming activity, read once, framework-free. */
export interface ChatTurnFacts {
  activityId: string | undefined;
  conversationId: string;
  channelId: string;
  tenantId: string | undefined;
  /** The person writing; null when the channel does not say (then nothing is recorded for them). */
  actor: ChatIdentity | null;
  /** The activity's locale tag as sent (en-US, fr-CH…); replies follow it unless the words say otherwise. */
  locale: string;
  timeZone: string;
  /** The writer's local calendar date — never the server's. */
  today: CalendarDate;
  text: string;
}

type TimestampedActivity = Partial<Activity> & {
  rawLocalTimestamp?: string;
  rawTimestamp?: string;
  localTimezone?: string;
};

function timeZoneOf(activity: TimestampedActivity, fallback: string): string {
  const clientInfo = (activity.entities ?? []).find((entity) => entity.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  const candidates = [activity.localTimezone, clientInfo?.timezone];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate !== '' && isValidTimeZone(candidate)) return candidate;
  }
  return fallback;
}

/**
 * The user's "today": the date part of the localTimestamp Teams sends (it carries the user's
 * offset), else the UTC timestamp seen in the user's zone. An activity is never refused or
 * re-dated because its timestamp differs from the server's clock.
 */
function localDateOf(activity: TimestampedActivity, timeZone: string, receivedAt: Date): CalendarDate {
  const localStamp =
    activity.rawLocalTimestamp ??
    (typeof activity.localTimestamp === 'string' ? activity.localTimestamp : undefined);
  if (localStamp) {
    const datePart = localStamp.slice(0, 10);
    if (/[+-]\d{2}:?\d{2}$|Z$/.test(localStamp) && isCalendarDate(datePart)) return datePart;
  }
  const stamp = activity.rawTimestamp ?? activity.timestamp;
  const instant = stamp ? new Date(stamp) : receivedAt;
  return calendarDateIn(Number.isNaN(instant.getTime()) ? receivedAt : instant, timeZone);
}

/** The Entra tenant of the activity (Teams puts it in channelData). */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/**
 * A card's language: the one it was shown in (cards carry it in their data, so that a click
 * answers in the card's language), else `fallback`, the invoke's.
 */
export function cardLocale(data: unknown, fallback: string): string {
  const locale = (data as { locale?: unknown } | null)?.locale;
  return typeof locale === 'string' && locale.length > 0 && locale.length <= 35 ? locale : fallback;
}

export function readChatTurn(
  activity: TimestampedActivity,
  options: { defaultTimeZone: string; receivedAt: Date },
): ChatTurnFacts {
  const timeZone = timeZoneOf(activity, options.defaultTimeZone);
  const from = activity.from;
  const aadObjectId = from?.aadObjectId || undefined;
  return {
    activityId: activity.id,
    conversationId: activity.conversation?.id ?? '',
    channelId: activity.channelId ?? '',
    tenantId: tenantIdOf(activity),
    actor: aadObjectId ? { aadObjectId, displayName: from?.name ?? '', locale: activity.locale } : null,
    locale: activity.locale ?? 'en',
    timeZone,
    today: localDateOf(activity, timeZone, options.receivedAt),
    text: (activity.text ?? '').trim(),
  };
}
