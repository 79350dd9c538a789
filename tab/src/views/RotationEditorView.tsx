// Rotation editor (managers, HR, admin): choose a pattern, the cap, the start and the horizon and
// who is critical; generate a draft; swap two people; publish. The generator explains an
// infeasible request (422 `rotation.infeasible`); its message is shown as given.
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { addDays } from '../../../src/domain/shared/calendar-date.js';
import { formatCalendarDate } from '../../../src/i18n/format.js';
import {
  PATTERN_KINDS,
  generateRotation,
  getSchedule,
  publishRotation,
  swapInRotation,
  type PatternKind,
  type Rotation,
} from '../api-client.js';
import { useTexts } from '../i18n.js';
import { LoadState, datesFrom, failureOf, localToday, mondayOf, useLoaded, type Loaded } from './common.js';
import { RotationGrid, RotationHeader } from './RotationGrid.js';
import type { ViewProps } from './Views.js';

const useStyles = makeStyles({
  heading: { margin: 0 },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    '& > *': { minWidth: 0 },
  },
  control: { width: '100%', minWidth: 0 },
  wide: { gridColumn: '1 / -1' },
  critical: {
    gridColumn: '1 / -1',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    padding: tokens.spacingHorizontalS,
    maxHeight: '12rem',
    overflowY: 'auto',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  draft: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

type Action = { state: 'idle' } | { state: 'busy' } | { state: 'done'; message: string } | Loaded<never>;

export default function RotationEditorView({ me, credentials }: ViewProps) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const [scope, setScope] = useState<'team' | 'site'>(me.team ? 'team' : 'site');
  const [kind, setKind] = useState<PatternKind>('ab_weeks');
  const [cohorts, setCohorts] = useState('2');
  const [cap, setCap] = useState('50');
  const [startDate, setStartDate] = useState(addDays(mondayOf(localToday()), 7));
  const [weeks, setWeeks] = useState('4');
  const [critical, setCritical] = useState<string[]>([]);
  const [draft, setDraft] = useState<Rotation>();
  const [action, setAction] = useState<Action>({ state: 'idle' });
  const [swapA, setSwapA] = useState('');
  const [swapB, setSwapB] = useState('');
  const [swapDate, setSwapDate] = useState('');

  // The team (or site) to choose critical people from: this week's schedule lists them.
  const monday = mondayOf(localToday());
  const members = useLoaded(
    (signal) =>
      getSchedule(
        {
          from: monday,
          to: addDays(monday, 6),
          team: scope === 'team' ? (me.team ?? undefined) : undefined,
          site: scope === 'site' ? me.site?.id : undefined,
        },
        credentials,
        signal,
      ),
    [scope, monday, credentials],
  );
  const people =
    members.state === 'ready'
      ? members.data.people
      : (draft?.assignments ?? []).map((person) => ({
          aadObjectId: person.aadObjectId,
          displayName: person.displayName,
        }));

  async function run(task: () => Promise<Rotation>, done: string) {
    setAction({ state: 'busy' });
    try {
      setDraft(await task());
      setAction({ state: 'done', message: done });
    } catch (error) {
      setAction(failureOf(error));
    }
  }

  function generate(event: FormEvent) {
    event.preventDefault();
    void run(
      () =>
        generateRotation(
          {
            ...(me.site ? { siteId: me.site.id } : {}),
            ...(scope === 'team' && me.team ? { team: me.team } : {}),
            pattern: kind,
            ...(kind === 'cohorts' || kind === 'custom' ? { cohorts: Number(cohorts) || 2 } : {}),
            capPercent: Number(cap) || 50,
            startDate,
            weeks: Number(weeks) || 4,
            critical,
          },
          credentials,
        ),
      t('tab.editor.generated'),
    );
  }

  const busy = action.state === 'busy';
  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.editor.title')}
      </Text>
      <form className={styles.form} onSubmit={generate} aria-label={t('tab.editor.title')}>
        <Field label={t('tab.editor.scope')}>
          <Select
            className={styles.control}
            value={scope}
            onChange={(_event, data) => setScope(data.value === 'site' ? 'site' : 'team')}
          >
            {me.team && <option value="team">{t('tab.editor.scopeTeam', { team: me.team })}</option>}
            <option value="site">
              {t('tab.editor.scopeSite', { site: me.site?.name ?? t('tab.notSet') })}
            </option>
          </Select>
        </Field>
        <Field label={t('tab.editor.pattern')}>
          <Select
            className={styles.control}
            value={kind}
            onChange={(_event, data) => setKind(data.value as PatternKind)}
          >
            {PATTERN_KINDS.map((option) => (
              <option key={option} value={option}>
                {t('tab.rotation.pattern', { kind: option })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.editor.cohorts')}>
          <Input
            className={styles.control}
            type="number"
            min={2}
            max={6}
            value={cohorts}
            onChange={(_event, data) => setCohorts(data.value)}
          />
        </Field>
        <Field label={t('tab.editor.cap')}>
          <Input
            className={styles.control}
            type="number"
            min={1}
            max={100}
            value={cap}
            onChange={(_event, data) => setCap(data.value)}
          />
        </Field>
        <Field label={t('tab.editor.start')}>
          <Input
            className={styles.control}
            type="date"
            value={startDate}
            onChange={(_event, data) => setStartDate(data.value)}
            required
          />
        </Field>
        <Field label={t('tab.editor.weeks')}>
          <Input
            className={styles.control}
            type="number"
            min={1}
            max={12}
            value={weeks}
            onChange={(_event, data) => setWeeks(data.value)}
          />
        </Field>
        <fieldset className={styles.critical}>
          <legend className={styles.legend}>{t('tab.editor.critical')}</legend>
          {members.state === 'loading' && <LoadState loaded={members} />}
          {people.length === 0 && members.state !== 'loading' && (
            <Text className={styles.wide}>{t('tab.editor.noMembers')}</Text>
          )}
          {people.map((person) => (
            <Checkbox
              key={person.aadObjectId}
              label={person.displayName}
              checked={critical.includes(person.aadObjectId)}
              onChange={(_event, data) =>
                setCritical(
                  data.checked
                    ? [...critical, person.aadObjectId]
                    : critical.filter((id) => id !== person.aadObjectId),
                )
              }
            />
          ))}
        </fieldset>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {t('tab.editor.generate')}
          </Button>
        </div>
      </form>
      {action.state === 'done' && (
        <MessageBar intent="success">
          <MessageBarBody>{action.message}</MessageBarBody>
        </MessageBar>
      )}
      {(action.state === 'failed' || action.state === 'unavailable') && <LoadState loaded={action} />}
      {draft && (
        <section className={styles.draft} aria-label={t('tab.editor.draft')}>
          <RotationHeader rotation={draft} />
          <RotationGrid
            rotation={draft}
            assignments={draft.assignments}
            meId={me.aadObjectId}
            label={t('tab.rotation.gridLabel', { site: draft.siteName })}
          />
          <div className={styles.actions} role="group" aria-label={t('tab.editor.swap')}>
            <Field label={t('tab.editor.swapA')}>
              <Select value={swapA} onChange={(_event, data) => setSwapA(data.value)}>
                <option value="">{t('tab.editor.choose')}</option>
                {draft.assignments.map((person) => (
                  <option key={person.aadObjectId} value={person.aadObjectId}>
                    {person.displayName}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('tab.editor.swapB')}>
              <Select value={swapB} onChange={(_event, data) => setSwapB(data.value)}>
                <option value="">{t('tab.editor.choose')}</option>
                {draft.assignments.map((person) => (
                  <option key={person.aadObjectId} value={person.aadObjectId}>
                    {person.displayName}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('tab.editor.swapDate')}>
              <Select value={swapDate} onChange={(_event, data) => setSwapDate(data.value)}>
                <option value="">{t('tab.editor.allDays')}</option>
                {datesFrom(draft.startDate, draft.endDate).map((date) => (
                  <option key={date} value={date}>
                    {formatCalendarDate(locale, date)}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              disabled={busy || !swapA || !swapB || swapA === swapB}
              onClick={() =>
                void run(
                  () =>
                    swapInRotation(
                      draft.id,
                      { a: swapA, b: swapB, ...(swapDate ? { date: swapDate } : {}) },
                      credentials,
                    ),
                  t('tab.editor.swapped'),
                )
              }
            >
              {t('tab.editor.swapButton')}
            </Button>
            <Button
              appearance="primary"
              disabled={busy || draft.status === 'published'}
              onClick={() =>
                void run(() => publishRotation(draft.id, credentials), t('tab.editor.published'))
              }
            >
              {t('tab.editor.publish')}
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
