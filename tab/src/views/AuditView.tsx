// The audit trail (HR, admin): the newest changes — hours, approvals, month locks, tickets, roles —
// with who, when, about what and why, filtered by action and by person. Read-only: the trail is
// append-only. The API names people by their directory id; the table shows it as given.
import {
  Button,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../src/domain/audit/audit-trail.js';
import { getAuditEvents } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { LoadState, instantLabel, useLoaded } from './common.js';
import { useGridStyles } from './ScheduleView.js';
import type { ViewProps } from './Views.js';

const LIMIT = 200;

const useStyles = makeStyles({
  heading: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  person: { minWidth: 0, maxWidth: '100%' },
  nowrap: { whiteSpace: 'nowrap' },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  reason: { minWidth: '12rem', overflowWrap: 'anywhere' },
});

/** ICU select keys cannot hold dots: `month.lock` reads as `month_lock` in the catalogue. */
function actionLabel(t: ReturnType<typeof useTexts>['t'], action: string): string {
  return t('tab.audit.actionName', { action: action.replace(/\./g, '_') });
}

export default function AuditView({ credentials }: ViewProps) {
  const styles = useStyles();
  const grid = useGridStyles();
  const { t, locale } = useTexts();
  const [action, setAction] = useState('');
  const [personInput, setPersonInput] = useState('');
  const [person, setPerson] = useState('');
  const loaded = useLoaded(
    (signal) =>
      getAuditEvents(
        { action: action || undefined, person: person || undefined, limit: LIMIT },
        credentials,
        signal,
      ),
    [action, person, credentials],
  );

  function applyPerson(event: FormEvent) {
    event.preventDefault();
    setPerson(personInput.trim());
  }

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.audit.title')}
      </Text>
      <Text className={styles.hint}>{t('tab.audit.hint', { count: LIMIT })}</Text>
      <div className={styles.toolbar}>
        <Field label={t('tab.audit.action')}>
          <Select value={action} onChange={(_event, data) => setAction(data.value)}>
            <option value="">{t('tab.common.all')}</option>
            {AUDIT_ACTIONS.map((value) => (
              <option key={value} value={value}>
                {actionLabel(t, value)}
              </option>
            ))}
          </Select>
        </Field>
        <form className={styles.toolbar} onSubmit={applyPerson}>
          <Field label={t('tab.audit.personFilter')} className={styles.person}>
            <Input value={personInput} onChange={(_event, data) => setPersonInput(data.value)} />
          </Field>
          <Button type="submit">{t('tab.audit.filter')}</Button>
        </form>
      </div>
      <LoadState loaded={loaded} localized />
      {loaded.state === 'ready' && (
        <>
          <Text role="status">{t('tab.audit.count', { count: loaded.data.length })}</Text>
          {loaded.data.length > 0 && (
            <div className={grid.scroller} tabIndex={0} role="region" aria-label={t('tab.audit.table')}>
              <table className={grid.table}>
                <thead>
                  <tr>
                    {(
                      [
                        'tab.audit.at',
                        'tab.audit.action',
                        'tab.audit.actor',
                        'tab.audit.subject',
                        'tab.audit.person',
                        'tab.audit.reason',
                      ] as const
                    ).map((label) => (
                      <th key={label} scope="col" className={grid.th}>
                        {t(label)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {loaded.data.map((event) => (
                    <tr key={event.id}>
                      <th scope="row" className={mergeClasses(grid.td, styles.nowrap)}>
                        {instantLabel(locale, event.at)}
                      </th>
                      <td className={mergeClasses(grid.td, styles.nowrap)}>{actionLabel(t, event.action)}</td>
                      <td className={mergeClasses(grid.td, styles.id)}>{event.actor}</td>
                      <td className={mergeClasses(grid.td, styles.id)}>{event.subject}</td>
                      <td className={mergeClasses(grid.td, styles.id)}>{event.personAadObjectId ?? '–'}</td>
                      <td className={mergeClasses(grid.td, styles.reason)}>{event.reason ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
