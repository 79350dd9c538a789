// My week: every day Monday to Sunday with what is recorded (work with times and place, absences),
// the week's totals against the target, and the balance. Navigates back in time, never past the
// current week (nothing can be recorded ahead).
import { Badge, Button, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { addDays } from '../../../src/domain/shared/calendar-date.js';
import { formatCalendarDate, formatDuration } from '../../../src/i18n/format.js';
import { getMyHours, type HoursDay, type HoursEntry } from '../api-client.js';
import { useTexts } from '../i18n.js';
import {
  LoadState,
  datesFrom,
  localToday,
  mondayOf,
  signedDuration,
  useLoaded,
  weekdayName,
} from './common.js';
import type { ViewProps } from './Views.js';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(9rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  total: { padding: tokens.spacingVerticalM, gap: tokens.spacingVerticalXXS },
  totalLabel: { color: tokens.colorNeutralForeground2 },
  positive: { color: tokens.colorPaletteGreenForeground1 },
  negative: { color: tokens.colorPaletteRedForeground1 },
  days: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  day: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, 14rem) 1fr auto',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 640px)': { gridTemplateColumns: '1fr auto' },
  },
  missingDay: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
  },
  dayName: { fontWeight: tokens.fontWeightSemibold },
  lines: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    '@media (max-width: 640px)': { gridColumn: '1 / -1', gridRow: 2 },
  },
  line: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  quiet: { color: tokens.colorNeutralForeground2 },
  dayTotal: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

function EntryLine({ entry }: { entry: HoursEntry }) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  if (entry.kind === 'absence') {
    return (
      <li className={styles.line}>
        <Badge appearance="tint" color="informative" shape="rounded">
          {t('tab.absenceKind', { kind: entry.absenceKind ?? 'other' })}
        </Badge>
        <span>{formatDuration(locale, entry.minutes)}</span>
      </li>
    );
  }
  return (
    <li className={styles.line}>
      <span>
        {entry.startTime && entry.endTime
          ? t('tab.week.workWithTimes', {
              duration: formatDuration(locale, entry.minutes),
              start: entry.startTime,
              end: entry.endTime,
            })
          : t('tab.week.work', { duration: formatDuration(locale, entry.minutes) })}
      </span>
      {entry.place && (
        <Badge appearance="outline" color="brand" shape="rounded">
          {t('tab.place', { place: entry.place })}
        </Badge>
      )}
      {entry.breakMinutes ? (
        <span className={styles.quiet}>
          {t('tab.week.break', { duration: formatDuration(locale, entry.breakMinutes) })}
        </span>
      ) : null}
    </li>
  );
}

function DayRow({
  date,
  day,
  missing,
  workDay,
  future,
}: {
  date: string;
  day: HoursDay | undefined;
  missing: boolean;
  workDay: boolean;
  future: boolean;
}) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const empty = !day || day.entries.length === 0;
  return (
    <li className={mergeClasses(styles.day, missing && styles.missingDay)}>
      <Text className={styles.dayName}>{formatCalendarDate(locale, date)}</Text>
      {empty ? (
        <ul className={styles.lines}>
          <li className={styles.line}>
            {missing ? (
              <Badge appearance="tint" color="warning" shape="rounded" icon={<span aria-hidden>!</span>}>
                {t('tab.week.nothingRecorded')}
              </Badge>
            ) : (
              <span className={styles.quiet}>
                {future
                  ? t('tab.week.upcoming')
                  : workDay
                    ? t('tab.week.nothingRecorded')
                    : t('tab.week.dayOff')}
              </span>
            )}
          </li>
        </ul>
      ) : (
        <ul className={styles.lines}>
          {day.entries.map((entry) => (
            <EntryLine key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      <Text className={styles.dayTotal}>
        {day && day.targetMinutes > 0
          ? t('tab.week.dayOfTarget', {
              worked: formatDuration(locale, day.workedMinutes),
              target: formatDuration(locale, day.targetMinutes),
            })
          : day
            ? formatDuration(locale, day.workedMinutes)
            : ''}
      </Text>
    </li>
  );
}

export default function WeekView({ me, credentials }: ViewProps) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const today = localToday();
  const thisWeek = mondayOf(today);
  const [monday, setMonday] = useState(thisWeek);
  const sunday = addDays(monday, 6);
  const loaded = useLoaded(
    (signal) => getMyHours({ from: monday, to: sunday }, credentials, signal),
    [monday, credentials],
  );

  return (
    <>
      <div className={styles.toolbar}>
        <Text as="h2" size={500} weight="semibold" className={styles.heading}>
          {t('tab.week.title', { date: formatCalendarDate(locale, monday) })}
        </Text>
        <div className={styles.buttons}>
          <Button onClick={() => setMonday(addDays(monday, -7))}>{t('tab.week.previous')}</Button>
          <Button onClick={() => setMonday(addDays(monday, 7))} disabled={monday >= thisWeek}>
            {t('tab.week.next')}
          </Button>
          {monday !== thisWeek && (
            <Button appearance="subtle" onClick={() => setMonday(thisWeek)}>
              {t('tab.week.current')}
            </Button>
          )}
        </div>
      </div>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' && (
        <>
          <div className={styles.totals} role="group" aria-label={t('tab.week.totals')}>
            {(
              [
                ['tab.week.worked', formatDuration(locale, loaded.data.totals.workedMinutes), undefined],
                ['tab.week.absent', formatDuration(locale, loaded.data.totals.absenceMinutes), undefined],
                ['tab.week.target', formatDuration(locale, loaded.data.totals.targetMinutes), undefined],
                [
                  'tab.week.balance',
                  signedDuration(locale, loaded.data.totals.balanceMinutes),
                  loaded.data.totals.balanceMinutes,
                ],
              ] as const
            ).map(([label, value, balance]) => (
              <Card key={label} className={styles.total}>
                <Text size={200} className={styles.totalLabel}>
                  {t(label)}
                </Text>
                <Text
                  size={500}
                  weight="semibold"
                  className={
                    balance === undefined || balance === 0
                      ? undefined
                      : balance > 0
                        ? styles.positive
                        : styles.negative
                  }
                >
                  {value}
                </Text>
              </Card>
            ))}
          </div>
          <Text>
            {loaded.data.totals.missingDays.length > 0
              ? t('tab.week.missing', { count: loaded.data.totals.missingDays.length })
              : t('tab.week.noneMissing')}
          </Text>
          <ul className={styles.days} aria-label={t('tab.week.days')}>
            {datesFrom(monday, sunday).map((date) => (
              <DayRow
                key={date}
                date={date}
                day={loaded.data.days.find((day) => day.date === date)}
                missing={loaded.data.totals.missingDays.includes(date)}
                workDay={me.workDays.includes(weekdayName(date))}
                future={date > today}
              />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
