// The month's lock for the RHT claim, on top of HR's report: whether the month is locked (when, by
// whom), whether hours changed after the lock (the claim filed may then differ from the report), the
// approvals' tally, and the actions: lock a month that is over; reopen a locked one with a reason,
// which the audit trail keeps. Each action answers the month's new state, shown at once.
import { Badge, Button, Card, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { getMonthStatus, lockMonth, unlockMonth, type Credentials, type MonthStatus } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { ModalDialog } from './ModalDialog.js';
import { LoadState, ProblemBar, instantLabel, localToday, monthLabel, useLoaded } from './common.js';

const useStyles = makeStyles({
  card: { padding: tokens.spacingVerticalM, gap: tokens.spacingVerticalS },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  heading: { margin: 0 },
  changed: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
  },
  // A long sentence in a badge wraps on a phone instead of widening the page.
  longBadge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'left' },
  tally: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  tallyItem: { display: 'flex', gap: tokens.spacingHorizontalXS },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface MonthLockPanelProps {
  month: string;
  credentials: Credentials;
  /** A person's name from their aadObjectId (the report knows everybody's); undefined if unknown. */
  nameOf(aadObjectId: string): string | undefined;
}

/** Give it `key={month}`: a new month starts afresh. */
export function MonthLockPanel({ month, credentials, nameOf }: MonthLockPanelProps) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const loaded = useLoaded((signal) => getMonthStatus(month, credentials, signal), [month, credentials]);
  // The answer of the latest action; newer than what was loaded.
  const [latest, setLatest] = useState<MonthStatus>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [dialogProblem, setDialogProblem] = useState<unknown>(null);
  const hintId = useId();
  const titleId = useId();

  const status = latest ?? (loaded.state === 'ready' ? loaded.data : undefined);
  const monthName = monthLabel(locale, month);
  const over = month < localToday().slice(0, 7);

  async function lock() {
    setBusy(true);
    setProblem(null);
    setNotice('');
    try {
      setLatest(await lockMonth(month, credentials));
      setNotice(t('tab.monthLock.lockedNow', { month: monthName }));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  async function reopen(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    setDialogProblem(null);
    try {
      setLatest(await unlockMonth(month, reason.trim(), credentials));
      setReopening(false);
      setReason('');
      setProblem(null);
      setNotice(t('tab.monthLock.reopened', { month: monthName }));
    } catch (error) {
      setDialogProblem(error);
    } finally {
      setBusy(false);
    }
  }

  const lockState = status?.lock;
  return (
    <Card className={styles.card} role="region" aria-labelledby={titleId}>
      <div className={styles.header}>
        <Text as="h3" size={400} weight="semibold" className={styles.heading} id={titleId}>
          {t('tab.monthLock.title')}
        </Text>
        {status && (
          <Badge appearance={lockState ? 'filled' : 'outline'} color={lockState ? 'brand' : 'informative'}>
            {lockState ? t('tab.monthLock.lockedBadge') : t('tab.monthLock.openBadge')}
          </Badge>
        )}
      </div>
      {!status && <LoadState loaded={loaded} localized />}
      {status && (
        <>
          <Text>
            {lockState
              ? t('tab.monthLock.locked', {
                  at: instantLabel(locale, lockState.lockedAt),
                  name: nameOf(lockState.lockedBy) ?? lockState.lockedBy,
                })
              : t('tab.monthLock.open', { month: monthName })}
          </Text>
          {lockState?.changedAfterLockAt && (
            <div className={styles.changed}>
              <Badge
                appearance="filled"
                color="danger"
                shape="rounded"
                className={styles.longBadge}
                icon={<span aria-hidden>⚠</span>}
              >
                {t('tab.monthLock.changedAfter', {
                  count: lockState.changesAfterLock,
                  at: instantLabel(locale, lockState.changedAfterLockAt),
                })}
              </Badge>
              <Text size={200}>{t('tab.monthLock.changedAfterHint')}</Text>
            </div>
          )}
          <div className={styles.tally}>
            <Text className={styles.term}>{t('tab.monthLock.approvals')}:</Text>
            <dl className={styles.tally}>
              {(
                [
                  ['tab.monthLock.pending', status.approvals.pending],
                  ['tab.monthLock.approved', status.approvals.approved],
                  ['tab.monthLock.sentBack', status.approvals.sentBack],
                ] as const
              ).map(([label, count]) => (
                <div key={label} className={styles.tallyItem}>
                  <dt className={styles.term}>{t(label)}</dt>
                  <dd className={styles.value}>{new Intl.NumberFormat(locale).format(count)}</dd>
                </div>
              ))}
            </dl>
          </div>
          <div className={styles.actions}>
            {lockState ? (
              <Button onClick={() => setReopening(true)} disabled={busy}>
                {t('tab.monthLock.reopen')}
              </Button>
            ) : (
              <>
                <Button
                  appearance="primary"
                  disabledFocusable={!over || busy}
                  aria-describedby={hintId}
                  onClick={() => void lock()}
                >
                  {t('tab.monthLock.lock')}
                </Button>
                <Text size={200} id={hintId} className={styles.hint}>
                  {over ? t('tab.monthLock.lockHint') : t('tab.monthLock.notOver', { month: monthName })}
                </Text>
              </>
            )}
          </div>
        </>
      )}
      {problem !== null && <ProblemBar error={problem} />}
      <Text role="status">{notice}</Text>
      <ModalDialog
        open={reopening}
        title={t('tab.monthLock.reopenTitle', { month: monthName })}
        onDismiss={() => {
          setReopening(false);
          setReasonMissing(false);
          setDialogProblem(null);
        }}
        onSubmit={(event) => void reopen(event)}
        submitLabel={t('tab.monthLock.confirmReopen')}
        cancelLabel={t('tab.monthLock.cancel')}
        busy={busy}
      >
        <Text>{t('tab.monthLock.reopenIntro')}</Text>
        <Field
          label={t('tab.monthLock.reason')}
          required
          validationMessage={reasonMissing ? t('tab.monthLock.reasonRequired') : undefined}
        >
          <Textarea
            value={reason}
            maxLength={500}
            resize="vertical"
            placeholder={t('tab.monthLock.reasonPlaceholder')}
            onChange={(_event, data) => {
              setReason(data.value);
              if (data.value.trim()) setReasonMissing(false);
            }}
          />
        </Field>
        {dialogProblem !== null && <ProblemBar error={dialogProblem} />}
      </ModalDialog>
    </Card>
  );
}
