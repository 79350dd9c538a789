// What every view shares: loading an API answer into a state, the "not available yet" state for
// routes still being built, calendar arithmetic in the reader's local time, and a phone breakpoint.
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type DependencyList } from 'react';
import { addDays, dayOfWeek, type CalendarDate } from '../../../src/domain/shared/calendar-date.js';
import { formatDuration } from '../../../src/i18n/format.js';
import type { MessageKey } from '../../../src/i18n/translate.js';
import { ApiError, isNotAvailable } from '../api-client.js';
import { useTexts } from '../i18n.js';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'unavailable' }
  | { state: 'failed'; message: string; code?: string };

/** Loads `load()` again whenever `deps` change; an older answer never overwrites a newer one. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    load(controller.signal).then(
      (data) => setLoaded({ state: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded(failureOf(error));
      },
    );
    return () => controller.abort();
  }, deps);
  return loaded;
}

export function failureOf(error: unknown): Loaded<never> {
  if (isNotAvailable(error)) return { state: 'unavailable' };
  return error instanceof ApiError
    ? { state: 'failed', message: error.message, code: error.code }
    : { state: 'failed', message: '' };
}

// The error codes an action of the month-end, approval and ticket views may meet, as sentences
// of the catalogue: the server's English message is for logs, never shown.
const PROBLEM_OF_CODE: Partial<Record<string, MessageKey>> = {
  'auth.forbidden': 'tab.problem.forbidden',
  'auth.unauthenticated': 'tab.signInRequired',
  'timesheet.comment_required': 'tab.problem.commentRequired',
  'hours.month_locked': 'tab.problem.monthLocked',
  'month.not_over': 'tab.problem.monthNotOver',
  'month.not_locked': 'tab.problem.monthNotLocked',
  'hours.reason_required': 'tab.problem.reasonRequired',
  'timesheet.stale': 'tab.problem.stale',
  'storage.conflict': 'tab.problem.stale',
  'input.invalid': 'tab.problem.invalid',
  'directory.unknown_person': 'tab.problem.unknownPerson',
  'rotation.not_published': 'tab.swaps.notPublished',
  'rotation.swap_closed': 'tab.swaps.closed',
  'rotation.swap_stale': 'tab.swaps.stale',
  'rotation.swap_not_found': 'tab.swaps.notFound',
};

/** The localized sentence for a failed request; a code we do not know reads "could not do this". */
export function problemKey(error: unknown): MessageKey {
  const code = error instanceof ApiError ? error.code : (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && PROBLEM_OF_CODE[code]) || 'tab.problem.failed';
}

/** A failed action or load, in the reader's words. */
export function ProblemBar({ error }: { error: unknown }) {
  const { t } = useTexts();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{t(problemKey(error))}</MessageBarBody>
    </MessageBar>
  );
}

const useStyles = makeStyles({
  waiting: { alignSelf: 'flex-start', padding: tokens.spacingVerticalM },
});

/**
 * Loading, "not available yet" and failure, the same in every view; null once there is data.
 * `localized`: a failure reads as the catalogue's sentence for its code, not the server's words.
 */
export function LoadState({ loaded, localized = false }: { loaded: Loaded<unknown>; localized?: boolean }) {
  const styles = useStyles();
  const { t } = useTexts();
  switch (loaded.state) {
    case 'loading':
      return (
        <Spinner className={styles.waiting} size="small" labelPosition="after" label={t('tab.loading')} />
      );
    case 'unavailable':
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('tab.common.notAvailableTitle')}</MessageBarTitle>
            {t('tab.common.notAvailable')}
          </MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return localized ? (
        <ProblemBar error={{ code: loaded.code === undefined ? 'failed' : loaded.code }} />
      ) : (
        <ErrorBar message={loaded.message} />
      );
    default:
      return null;
  }
}

export function ErrorBar({ message }: { message: string }) {
  const { t } = useTexts();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {message ? t('tab.common.failedWith', { message }) : t('tab.loadFailed')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The month before `today` first, then back a year; the current one on top. */
export function monthsUpTo(today: string, count = 13): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(year, month - 1 - index, 1)).toISOString().slice(0, 7),
  );
}

/** "November 2026", "novembre 2026"… */
export function monthLabel(locale: string, month: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
}

/** An instant on the reader's clock: "2 Nov 2026, 08:30". */
export function instantLabel(locale: string, instant: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(instant));
}

/** Today as a calendar date on the reader's clock. */
/**
 * Whether a name holds what was typed, whatever the case and the accents: "lea" finds "Léa",
 * "muller" finds "Müller" — people type names the quick way.
 */
export function nameFilter(typed: string, locale: string): (name: string) => boolean {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale);
  const needle = fold(typed.trim());
  return (name) => needle === '' || fold(name).includes(needle);
}

export function localToday(now = new Date()): CalendarDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The Monday of the week holding `date` (Swiss weeks start on Monday). */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

export function datesFrom(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export function monthEnd(month: string): CalendarDate {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Mon", "Tue"… as the directory writes work days. */
export function weekdayName(date: CalendarDate): (typeof WEEKDAY_NAMES)[number] {
  return WEEKDAY_NAMES[dayOfWeek(date)] ?? 'Mon';
}

/** "Mo 23.11." — a compact column heading; the full date goes in its accessible name. */
export function shortDate(locale: string, date: CalendarDate): string {
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${date}T12:00:00Z`));
}

/** A balance always shows its sign: "+1h30", "−0h45", "0h". */
export function signedDuration(locale: string, minutes: number): string {
  return minutes > 0 ? `+${formatDuration(locale, minutes)}` : formatDuration(locale, minutes);
}

/** True on a phone-sized screen (Teams mobile), where grids become lists of cards. */
export function useNarrow(query = '(max-width: 640px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const update = () => setNarrow(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [query]);
  return narrow;
}

/** Black or white text, whichever reads better on `background` (`#rrggbb`), per WCAG luminance. */
export function textColorOn(background: string): string {
  const match = /^#?([0-9a-f]{6})$/i.exec(background.trim());
  if (!match?.[1]) return '#000000';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): pick the larger.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
