// One rotation as a grid: people (grouped by cohort) × days, cells in their cohort's colour on the
// days they are on site, the site's headcount against its cap under it, conflicts listed above.
// Colour never carries meaning alone: cells name the place, headcount states have an icon and a word.
import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatCalendarDate } from '../../../src/i18n/format.js';
import type { HeadcountState, Rotation, RotationAssignment } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { datesFrom, shortDate, textColorOn } from './common.js';
import { useGridStyles } from './ScheduleView.js';

const STATE_ICON: Record<HeadcountState, string> = { ok: '✓', near: '▲', over: '✕', under: '▼' };
const STATE_COLOR = { ok: 'success', near: 'warning', over: 'danger', under: 'danger' } as const;

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  swatch: {
    display: 'inline-block',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  onSite: { fontWeight: tokens.fontWeightSemibold, textAlign: 'center' },
  conflicts: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorPaletteRedForeground1 },
  conflictColumn: { boxShadow: `inset 0 -3px 0 ${tokens.colorPaletteRedBorder2}` },
  me: { fontWeight: tokens.fontWeightSemibold },
  count: { whiteSpace: 'nowrap' },
});

export function RotationGrid({
  rotation,
  assignments,
  meId,
  label,
}: {
  rotation: Rotation;
  /** The rows to show (filtered by the caller); the headcount is the whole site's. */
  assignments: RotationAssignment[];
  meId: string;
  label: string;
}) {
  const grid = useGridStyles();
  const styles = useStyles();
  const { t, locale } = useTexts();
  const dates = datesFrom(rotation.startDate, rotation.endDate);
  const cohortOf = new Map(rotation.cohorts.map((cohort) => [cohort.id, cohort]));
  const conflictDates = new Set(rotation.conflicts.map((conflict) => conflict.date));
  return (
    <>
      <ul className={styles.legend} aria-label={t('tab.rotation.cohorts')}>
        {rotation.cohorts.map((cohort) => (
          <li key={cohort.id}>
            <span
              className={styles.swatch}
              style={{ backgroundColor: cohort.color, color: textColorOn(cohort.color) }}
            >
              {cohort.name}
            </span>
          </li>
        ))}
      </ul>
      {rotation.conflicts.length > 0 && (
        <ul className={styles.conflicts} aria-label={t('tab.rotation.conflicts')}>
          {rotation.conflicts.map((conflict, index) => (
            <li key={`${conflict.date}-${index}`}>
              <span aria-hidden>⚠ </span>
              {t('tab.rotation.conflictLine', {
                date: formatCalendarDate(locale, conflict.date),
                message: conflict.message,
              })}
            </li>
          ))}
        </ul>
      )}
      <div className={grid.scroller} tabIndex={0} role="region" aria-label={label}>
        <table className={grid.table}>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(grid.th, grid.rowHeader)}>
                {t('tab.schedule.person')}
              </th>
              <th scope="col" className={grid.th}>
                {t('tab.rotation.cohort')}
              </th>
              {dates.map((date) => (
                <th
                  key={date}
                  scope="col"
                  abbr={formatCalendarDate(locale, date)}
                  className={mergeClasses(grid.th, conflictDates.has(date) && styles.conflictColumn)}
                >
                  {conflictDates.has(date) && <span aria-hidden>⚠ </span>}
                  {shortDate(locale, date)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {assignments.map((person) => {
              const cohort = person.cohortId ? cohortOf.get(person.cohortId) : undefined;
              return (
                <tr key={person.aadObjectId}>
                  <th
                    scope="row"
                    className={mergeClasses(grid.rowHeader, person.aadObjectId === meId && styles.me)}
                  >
                    {person.displayName}
                    {person.critical && (
                      <>
                        {' '}
                        <Badge size="small" appearance="outline" color="important">
                          {t('tab.rotation.critical')}
                        </Badge>
                      </>
                    )}
                  </th>
                  <td className={grid.td}>{cohort?.name ?? '–'}</td>
                  {dates.map((date) => {
                    const place = person.days.find((day) => day.date === date)?.place ?? null;
                    const onSite = (place === 'office' || place === 'store') && cohort;
                    return (
                      <td
                        key={date}
                        className={mergeClasses(grid.td, onSite && styles.onSite)}
                        style={
                          onSite
                            ? { backgroundColor: cohort.color, color: textColorOn(cohort.color) }
                            : undefined
                        }
                      >
                        {place ? t('tab.place', { place }) : '–'}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2} className={mergeClasses(grid.rowHeader, grid.th)}>
                {t('tab.rotation.headcount')}
              </th>
              {dates.map((date) => {
                const count = rotation.headcount.find((entry) => entry.date === date);
                return (
                  <td key={date} className={grid.td}>
                    {count && (
                      <Badge
                        className={styles.count}
                        appearance="tint"
                        color={STATE_COLOR[count.state]}
                        shape="rounded"
                        size="small"
                        icon={<span aria-hidden>{STATE_ICON[count.state]}</span>}
                      >
                        {t('tab.rotation.headcountValue', {
                          count: count.count,
                          cap: count.cap,
                          state: count.state,
                        })}
                      </Badge>
                    )}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

export function RotationHeader({ rotation }: { rotation: Rotation }) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  return (
    <div className={styles.header}>
      <Text as="h3" size={400} weight="semibold" style={{ margin: 0 }}>
        {rotation.team
          ? t('tab.rotation.titleWithTeam', { site: rotation.siteName, team: rotation.team })
          : rotation.siteName}
      </Text>
      <Badge
        appearance={rotation.status === 'published' ? 'filled' : 'outline'}
        color={rotation.status === 'published' ? 'success' : 'warning'}
      >
        {t('tab.rotation.status', { status: rotation.status })}
      </Badge>
      <Text size={200}>
        {t('tab.rotation.summary', {
          pattern: t('tab.rotation.pattern', { kind: rotation.pattern.kind }),
          cohorts: rotation.pattern.cohorts,
          cap: rotation.capPercent,
          from: formatCalendarDate(locale, rotation.startDate),
          to: formatCalendarDate(locale, rotation.endDate),
        })}
      </Text>
    </div>
  );
}
