// Team schedule: who works where on which day, absences and missing records, for a week or a
// month, filtered by team or site. A people × days table on a wide screen; one card per person, days
// as a list, on a phone. Employees get their team's places without hours (the API leaves them out).
// HR and admins may show the whole organisation: one call for everyone's week (the API serves a
// week at most), which the team and site choices then filter here, without asking again. A name
// typed narrows whatever is shown.
import {
  Badge,
  Button,
  Card,
  Field,
  SearchBox,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import { addDays } from '../../../src/domain/shared/calendar-date.js';
import { formatCalendarDate, formatDuration } from '../../../src/i18n/format.js';
import { getSchedule, type ScheduleDay, type SchedulePerson } from '../api-client.js';
import { useTexts } from '../i18n.js';
import {
  LoadState,
  datesFrom,
  localToday,
  mondayOf,
  monthEnd,
  nameFilter,
  shortDate,
  useLoaded,
  useNarrow,
} from './common.js';
import type { ViewProps } from './Views.js';

/** Rows shown at once; "show more" adds as many (a site can hold hundreds of people). */
const PAGE = 50;

export const useGridStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  heading: { margin: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  scroller: {
    overflowX: 'auto',
    maxWidth: '100%',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, minWidth: '100%' },
  th: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  rowHeader: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  td: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: 'top',
    minWidth: '4.5rem',
  },
  cell: { display: 'flex', flexDirection: 'column', gap: '2px' },
  missing: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorNeutralForeground1,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorPaletteDarkOrangeBorder2}`,
    outlineOffset: '-2px',
  },
  quiet: { color: tokens.colorNeutralForeground2 },
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingVerticalM },
  dayList: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  dayItem: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
  },
});

function DayCell({ day }: { day: ScheduleDay | undefined }) {
  const styles = useGridStyles();
  const { t, locale } = useTexts();
  if (!day) return <span className={styles.quiet}>–</span>;
  return (
    <span className={styles.cell}>
      {day.absence ? (
        <Badge appearance="tint" color="informative" shape="rounded" size="small">
          {t('tab.absenceKind', { kind: day.absence })}
        </Badge>
      ) : day.place ? (
        <span>{t('tab.place', { place: day.place })}</span>
      ) : (
        <span className={styles.quiet}>–</span>
      )}
      {day.workedMinutes !== null && day.workedMinutes > 0 && (
        <span>{formatDuration(locale, day.workedMinutes)}</span>
      )}
      {day.missing && (
        <Badge
          appearance="filled"
          color="warning"
          shape="rounded"
          size="small"
          icon={<span aria-hidden>!</span>}
        >
          {t('tab.schedule.missing')}
        </Badge>
      )}
    </span>
  );
}

function ScheduleTable({ people, dates }: { people: SchedulePerson[]; dates: string[] }) {
  const styles = useGridStyles();
  const { t, locale } = useTexts();
  return (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label={t('tab.schedule.gridLabel')}>
      <table className={styles.table}>
        <caption className={styles.quiet} style={{ textAlign: 'left', padding: tokens.spacingVerticalXS }}>
          {t('tab.schedule.caption', { count: people.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.th} ${styles.rowHeader}`}>
              {t('tab.schedule.person')}
            </th>
            {dates.map((date) => (
              <th key={date} scope="col" className={styles.th} abbr={formatCalendarDate(locale, date)}>
                {shortDate(locale, date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.aadObjectId}>
              <th scope="row" className={styles.rowHeader}>
                {person.displayName}
              </th>
              {dates.map((date) => {
                const day = person.days.find((candidate) => candidate.date === date);
                return (
                  <td key={date} className={`${styles.td} ${day?.missing ? styles.missing : ''}`}>
                    <DayCell day={day} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScheduleCards({ people, dates }: { people: SchedulePerson[]; dates: string[] }) {
  const styles = useGridStyles();
  const { locale } = useTexts();
  return (
    <div className={styles.cards}>
      {people.map((person) => (
        <Card key={person.aadObjectId} className={styles.card}>
          <Text as="h3" weight="semibold" className={styles.heading}>
            {person.displayName}
          </Text>
          <ul className={styles.dayList}>
            {dates.map((date) => {
              const day = person.days.find((candidate) => candidate.date === date);
              return (
                <li key={date} className={`${styles.dayItem} ${day?.missing ? styles.missing : ''}`}>
                  <span>{formatCalendarDate(locale, date)}</span>
                  <DayCell day={day} />
                </li>
              );
            })}
          </ul>
        </Card>
      ))}
    </div>
  );
}

type Scope = 'team' | 'organisation';

export default function ScheduleView({ me, credentials }: ViewProps) {
  const styles = useGridStyles();
  const { t, locale } = useTexts();
  const narrow = useNarrow();
  const today = localToday();
  const mayShowOrganisation = me.roles.includes('hr') || me.roles.includes('admin');
  const [scope, setScope] = useState<Scope>('team');
  const organisationWide = mayShowOrganisation && scope === 'organisation';
  const [span, setSpan] = useState<'week' | 'month'>('week');
  const [start, setStart] = useState(mondayOf(today));
  const [team, setTeam] = useState('');
  const [site, setSite] = useState('');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [shown, setShown] = useState(PAGE);
  const end = span === 'week' ? addDays(start, 6) : monthEnd(start.slice(0, 7));
  // The whole organisation comes in one answer; its team and site choices filter it here.
  const asked = organisationWide
    ? { from: start, to: end, scope: 'organisation' as const }
    : { from: start, to: end, team: team || undefined, site: site || undefined };
  const loaded = useLoaded(
    (signal) => getSchedule(asked, credentials, signal),
    [start, end, organisationWide, organisationWide ? '' : team, organisationWide ? '' : site, credentials],
  );
  const answered = loaded.state === 'ready' ? loaded.data.people : [];

  // Filter choices come from what was seen so far, so that choosing one does not empty the list.
  const [seen, setSeen] = useState<{ teams: Set<string>; sites: Map<string, string> }>(() => ({
    teams: new Set(me.team ? [me.team] : []),
    sites: new Map(me.site ? [[me.site.id, me.site.name]] : []),
  }));
  const unseen = answered.some(
    (person) =>
      (person.team && !seen.teams.has(person.team)) || (person.siteId && !seen.sites.has(person.siteId)),
  );
  if (unseen) {
    const teams = new Set(seen.teams);
    const sites = new Map(seen.sites);
    for (const person of answered) {
      if (person.team) teams.add(person.team);
      if (person.siteId) sites.set(person.siteId, person.siteName ?? person.siteId);
    }
    setSeen({ teams, sites });
  }
  // A name typed narrows any list (HR looking for one person among 1,500); team and site choices
  // filter the whole organisation here, and are asked of the API otherwise.
  const people = useMemo(() => {
    const matches = nameFilter(deferredSearch, locale);
    return answered.filter(
      (person) =>
        matches(person.displayName) &&
        (!organisationWide || ((!team || person.team === team) && (!site || person.siteId === site))),
    );
  }, [answered, organisationWide, team, site, deferredSearch, locale]);
  const dates = useMemo(() => datesFrom(start, end), [start, end]);

  const move = (direction: 1 | -1) => {
    setShown(PAGE);
    if (span === 'week') setStart(addDays(start, 7 * direction));
    else {
      const [year, month] = start.split('-').map(Number) as [number, number];
      const next = new Date(Date.UTC(year, month - 1 + direction, 1));
      setStart(next.toISOString().slice(0, 10));
    }
  };
  const choose = (next: 'week' | 'month') => {
    setSpan(next);
    setShown(PAGE);
    setStart(next === 'week' ? mondayOf(today) : `${today.slice(0, 7)}-01`);
  };
  const chooseScope = (next: Scope) => {
    setScope(next);
    setShown(PAGE);
    // The API serves the whole organisation a week at a time.
    if (next === 'organisation' && span === 'month') choose('week');
  };

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t(organisationWide ? 'tab.schedule.organisationTitle' : 'tab.schedule.title', {
          from: formatCalendarDate(locale, start),
          to: formatCalendarDate(locale, end),
        })}
      </Text>
      <div className={styles.toolbar}>
        {mayShowOrganisation && (
          <Field label={t('tab.schedule.scope')}>
            <Select value={scope} onChange={(_event, data) => chooseScope(data.value as Scope)}>
              <option value="team">{t('tab.schedule.scopeTeam')}</option>
              <option value="organisation">{t('tab.schedule.scopeOrganisation')}</option>
            </Select>
          </Field>
        )}
        <div className={styles.buttons} role="group" aria-label={t('tab.schedule.span')}>
          <ToggleButton checked={span === 'week'} onClick={() => choose('week')}>
            {t('tab.schedule.week')}
          </ToggleButton>
          <ToggleButton
            checked={span === 'month'}
            disabled={organisationWide}
            onClick={() => choose('month')}
          >
            {t('tab.schedule.month')}
          </ToggleButton>
        </div>
        <div className={styles.buttons}>
          <Button onClick={() => move(-1)}>{t('tab.schedule.previous')}</Button>
          <Button onClick={() => move(1)}>{t('tab.schedule.next')}</Button>
        </div>
        <Field label={t('tab.team')}>
          <Select
            value={team}
            onChange={(_event, data) => {
              setTeam(data.value);
              setShown(PAGE);
            }}
          >
            <option value="">{t('tab.common.all')}</option>
            {[...seen.teams].sort().map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.site')}>
          <Select
            value={site}
            onChange={(_event, data) => {
              setSite(data.value);
              setShown(PAGE);
            }}
          >
            <option value="">{t('tab.common.all')}</option>
            {[...seen.sites]
              .sort((a, b) => a[1].localeCompare(b[1], locale))
              .map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
          </Select>
        </Field>
        <Field label={t('tab.common.searchByName')}>
          <SearchBox
            value={search}
            onChange={(_event, data) => {
              setSearch(data.value);
              setShown(PAGE);
            }}
          />
        </Field>
      </div>
      {organisationWide && <Text className={styles.quiet}>{t('tab.schedule.organisationWeekOnly')}</Text>}
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' &&
        (people.length === 0 ? (
          <Text>{t('tab.schedule.nobody')}</Text>
        ) : narrow ? (
          <ScheduleCards people={people.slice(0, shown)} dates={dates} />
        ) : (
          <ScheduleTable people={people.slice(0, shown)} dates={dates} />
        ))}
      {people.length > shown && (
        <Button onClick={() => setShown(shown + PAGE)}>
          {t('tab.common.showMore', { shown, total: people.length })}
        </Button>
      )}
    </>
  );
}
