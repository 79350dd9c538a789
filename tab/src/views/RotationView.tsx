// Office rotation: for each site (and team) with a rotation, who is on site on which day in which
// cohort, and the headcount against the site's cap. Filters by site, team and cohort; "only me"
// shows a person's own rotation (the default for someone who plans nobody else's).
import { Field, Select, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { addDays } from '../../../src/domain/shared/calendar-date.js';
import { getRotations, type Rotation } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { LoadState, localToday, mondayOf, useLoaded } from './common.js';
import { RotationGrid, RotationHeader } from './RotationGrid.js';
import { SwapRequests } from './SwapRequests.js';
import type { ViewProps } from './Views.js';

/** Four weeks from this Monday: an A/B pattern shows twice, and the page stays light. */
const WEEKS_SHOWN = 4;

const useStyles = makeStyles({
  heading: { margin: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  rotation: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

export default function RotationView({ me, credentials }: ViewProps) {
  const styles = useStyles();
  const { t } = useTexts();
  const plans = me.roles.some((role) => ['manager', 'hr', 'admin'].includes(role));
  const from = mondayOf(localToday());
  const to = addDays(from, 7 * WEEKS_SHOWN - 1);
  const [site, setSite] = useState('');
  const [team, setTeam] = useState('');
  const [cohort, setCohort] = useState('');
  const [onlyMe, setOnlyMe] = useState(!plans);
  // Bumped when an approved swap changed a rotation: the grid shows the new days.
  const [revision, setRevision] = useState(0);
  const loaded = useLoaded(
    (signal) => getRotations({ site: site || undefined, from, to }, credentials, signal),
    [site, from, to, credentials, revision],
  );
  // The last rotations shown stay on screen while they load again after a swap.
  const [previous, setPrevious] = useState<Rotation[]>([]);
  if (loaded.state === 'ready' && previous !== loaded.data.rotations) setPrevious(loaded.data.rotations);
  const rotations =
    loaded.state === 'ready'
      ? loaded.data.rotations
      : loaded.state === 'loading' && revision > 0
        ? previous
        : [];
  const [sites, setSites] = useState<Map<string, string>>(new Map());
  if (rotations.some((rotation) => !sites.has(rotation.siteId))) {
    setSites(
      new Map([...sites, ...rotations.map((rotation) => [rotation.siteId, rotation.siteName] as const)]),
    );
  }
  const teams = [
    ...new Set(rotations.map((rotation) => rotation.team).filter((name): name is string => Boolean(name))),
  ];
  const cohortNames = [
    ...new Set(rotations.flatMap((rotation) => rotation.cohorts.map((entry) => entry.name))),
  ];
  const shown = rotations
    .filter((rotation) => !team || rotation.team === team)
    .map((rotation) => {
      const cohortIds = new Set(
        rotation.cohorts.filter((entry) => entry.name === cohort).map((entry) => entry.id),
      );
      const assignments = rotation.assignments.filter(
        (person) =>
          (!onlyMe || person.aadObjectId === me.aadObjectId) &&
          (!cohort || (person.cohortId !== null && cohortIds.has(person.cohortId))),
      );
      return { rotation, assignments };
    })
    .filter((entry) => entry.assignments.length > 0 || !onlyMe);

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.rotation.title')}
      </Text>
      <div className={styles.toolbar}>
        <Field label={t('tab.site')}>
          <Select value={site} onChange={(_event, data) => setSite(data.value)}>
            <option value="">{t('tab.common.all')}</option>
            {[...sites].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.team')}>
          <Select value={team} onChange={(_event, data) => setTeam(data.value)}>
            <option value="">{t('tab.common.all')}</option>
            {teams.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.rotation.cohort')}>
          <Select value={cohort} onChange={(_event, data) => setCohort(data.value)}>
            <option value="">{t('tab.common.all')}</option>
            {cohortNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Switch
          checked={onlyMe}
          onChange={(_event, data) => setOnlyMe(data.checked)}
          label={t('tab.rotation.onlyMe')}
        />
      </div>
      {(revision === 0 || loaded.state !== 'loading') && <LoadState loaded={loaded} />}
      {loaded.state === 'ready' && shown.length === 0 && (
        <Text>{onlyMe ? t('tab.rotation.noneForMe') : t('tab.rotation.none')}</Text>
      )}
      {shown.map(({ rotation, assignments }) => (
        <section key={rotation.id} className={styles.rotation} aria-label={rotation.siteName}>
          <RotationHeader rotation={rotation} />
          <RotationGrid
            rotation={rotation}
            assignments={assignments}
            meId={me.aadObjectId}
            label={t('tab.rotation.gridLabel', { site: rotation.siteName })}
          />
          <SwapRequests
            rotation={rotation}
            me={me}
            credentials={credentials}
            onRotationChanged={() => setRevision((value) => value + 1)}
          />
        </section>
      ))}
    </>
  );
}
