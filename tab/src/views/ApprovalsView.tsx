// Timesheet approvals (managers): the month of each direct report — worked, target, absences and
// the work days with nothing recorded — with approve and "send back" (a comment that reaches the
// employee, asked for in a dialog), and "approve all complete" for the months without a missing day.
// The previous month first: that is the one the approval round asks for. A month HR locked for the
// RHT claim is read-only. Cards rather than a table, so that it works on a phone as on a desktop.
import {
  Badge,
  Button,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatDuration } from '../../../src/i18n/format.js';
import {
  approveCompleteTimesheets,
  decideTimesheet,
  getTeamMonth,
  type TeamMonth,
  type TimesheetLine,
  type TimesheetStatus,
} from '../api-client.js';
import { useTexts } from '../i18n.js';
import {
  LoadState,
  ProblemBar,
  localToday,
  monthLabel,
  monthsUpTo,
  problemKey,
  useLoaded,
} from './common.js';
import { ModalDialog } from './ModalDialog.js';
import type { ViewProps } from './Views.js';

const useStyles = makeStyles({
  heading: { margin: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  toolbarHint: { color: tokens.colorNeutralForeground2, flexBasis: '100%' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  card: {
    height: '100%',
    boxSizing: 'border-box',
    padding: tokens.spacingVerticalM,
    gap: tokens.spacingVerticalS,
  },
  incomplete: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  name: { margin: 0, overflowWrap: 'anywhere' },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  missing: {
    alignSelf: 'flex-start',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorNeutralForeground1,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorPaletteDarkOrangeBorder2}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  complete: { color: tokens.colorNeutralForeground2 },
  comment: { fontStyle: 'italic', overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: 'auto' },
});

const STATUS_BADGE: Record<TimesheetStatus | 'none', BadgeProps['color']> = {
  pending: 'warning',
  approved: 'success',
  sent_back: 'danger',
  none: 'informative',
};

/** Answers after which what the view shows is out of date: it loads the month again. */
const STALE_CODES = new Set<string>(['tab.problem.monthLocked', 'tab.problem.stale']);

/** A month that can be approved without looking twice: nothing missing and not approved yet. */
function approvableAtOnce(line: TimesheetLine): boolean {
  return line.missingDays === 0 && line.approval?.status !== 'approved';
}

export default function ApprovalsView({ credentials }: ViewProps) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const months = useMemo(() => monthsUpTo(localToday()), []);
  const [month, setMonth] = useState(months[1] ?? months[0] ?? '');
  // Bumped when a decision meets a month that changed under it (locked, decided by someone else).
  const [revision, setRevision] = useState(0);
  const loaded = useLoaded(
    (signal) => getTeamMonth(month, credentials, signal),
    [month, credentials, revision],
  );
  // The answer of the latest decision; newer than what was loaded.
  const [latest, setLatest] = useState<TeamMonth>();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [sendingBack, setSendingBack] = useState<TimesheetLine>();
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  const [dialogProblem, setDialogProblem] = useState<unknown>(null);
  const hintId = useId();

  const team = latest?.month === month ? latest : loaded.state === 'ready' ? loaded.data : undefined;
  const locked = Boolean(team?.lock);
  const monthName = monthLabel(locale, month);
  const hours = (minutes: number) => formatDuration(locale, minutes);
  const readyToApprove = team?.lines.filter(approvableAtOnce) ?? [];

  function chooseMonth(value: string) {
    setMonth(value);
    setLatest(undefined);
    setProblem(null);
    setNotice('');
  }

  async function decide(line: TimesheetLine, decision: 'approve' | 'send_back', text?: string) {
    try {
      const updated = await decideTimesheet(
        { aadObjectId: line.person.aadObjectId, month, decision, ...(text ? { comment: text } : {}) },
        credentials,
      );
      setLatest(updated);
    } catch (error) {
      if (STALE_CODES.has(problemKey(error))) {
        setLatest(undefined);
        setRevision((value) => value + 1);
      }
      throw error;
    }
  }

  async function approve(line: TimesheetLine) {
    setBusy(line.person.aadObjectId);
    setProblem(null);
    setNotice('');
    try {
      await decide(line, 'approve');
      setNotice(t('tab.approvals.approved', { name: line.person.displayName }));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  // One request: the server approves every complete month of the team in one transaction.
  async function approveAllComplete() {
    setBusy('all');
    setProblem(null);
    setNotice('');
    try {
      const { approvedNow, ...updated } = await approveCompleteTimesheets(month, credentials);
      setLatest(updated);
      if (approvedNow > 0) setNotice(t('tab.approvals.approvedMany', { count: approvedNow }));
    } catch (error) {
      if (STALE_CODES.has(problemKey(error))) {
        setLatest(undefined);
        setRevision((value) => value + 1);
      }
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  function openSendBack(line: TimesheetLine) {
    setSendingBack(line);
    setComment('');
    setCommentMissing(false);
    setDialogProblem(null);
  }

  async function sendBack(event: FormEvent) {
    event.preventDefault();
    if (!sendingBack) return;
    if (!comment.trim()) {
      setCommentMissing(true);
      return;
    }
    setBusy(sendingBack.person.aadObjectId);
    setDialogProblem(null);
    try {
      await decide(sendingBack, 'send_back', comment.trim());
      setNotice(t('tab.approvals.sentBack', { name: sendingBack.person.displayName }));
      setProblem(null);
      setSendingBack(undefined);
    } catch (error) {
      setDialogProblem(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.approvals.title')}
      </Text>
      <div className={styles.toolbar}>
        <Field label={t('tab.approvals.month')}>
          <Select value={month} onChange={(_event, data) => chooseMonth(data.value)}>
            {months.map((value) => (
              <option key={value} value={value}>
                {monthLabel(locale, value)}
              </option>
            ))}
          </Select>
        </Field>
        {team && !locked && team.lines.length > 0 && (
          <>
            <Button
              appearance="primary"
              disabledFocusable={readyToApprove.length === 0 || busy !== null}
              aria-describedby={hintId}
              onClick={() => void approveAllComplete()}
            >
              {t('tab.approvals.approveComplete', { count: readyToApprove.length })}
            </Button>
            <Text size={200} id={hintId} className={styles.toolbarHint}>
              {t('tab.approvals.approveCompleteHint')}
            </Text>
          </>
        )}
      </div>
      {!team && <LoadState loaded={loaded} localized />}
      {problem !== null && <ProblemBar error={problem} />}
      <Text role="status">{notice}</Text>
      {team && (
        <>
          {locked && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{t('tab.approvals.locked', { month: monthName })}</MessageBarBody>
            </MessageBar>
          )}
          <Text>{t('tab.approvals.intro', { count: team.lines.length })}</Text>
          {team.lines.length > 0 && team.lines.every((line) => line.approval?.status === 'approved') && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t('tab.approvals.allApproved')}</MessageBarBody>
            </MessageBar>
          )}
          <ul className={styles.list} aria-label={t('tab.approvals.people')}>
            {team.lines.map((line) => {
              const status = line.approval?.status ?? 'none';
              const name = line.person.displayName;
              return (
                <li key={line.person.aadObjectId}>
                  <Card className={mergeClasses(styles.card, line.missingDays > 0 && styles.incomplete)}>
                    <div className={styles.header}>
                      <Text as="h3" size={400} weight="semibold" className={styles.name}>
                        {name}
                      </Text>
                      <Badge appearance="tint" color={STATUS_BADGE[status]}>
                        {t('tab.approvals.status', { status })}
                      </Badge>
                    </div>
                    <dl className={styles.figures}>
                      {(
                        [
                          ['tab.approvals.worked', line.workedMinutes],
                          ['tab.approvals.target', line.targetMinutes],
                          ['tab.approvals.absences', line.absenceMinutes],
                        ] as const
                      ).map(([label, minutes]) => (
                        <div key={label} className={styles.figure}>
                          <dt className={styles.term}>{t(label)}</dt>
                          <dd className={styles.value}>{hours(minutes)}</dd>
                        </div>
                      ))}
                    </dl>
                    <Text className={line.missingDays > 0 ? styles.missing : styles.complete}>
                      {line.missingDays > 0 && <span aria-hidden>⚠ </span>}
                      {t('tab.approvals.missing', { count: line.missingDays })}
                    </Text>
                    {status === 'sent_back' && line.approval?.comment && (
                      <Text className={styles.comment}>
                        {t('tab.approvals.comment', { comment: line.approval.comment })}
                      </Text>
                    )}
                    {!locked && (
                      <div className={styles.actions}>
                        <Button
                          appearance={status === 'approved' ? 'secondary' : 'primary'}
                          aria-label={t('tab.approvals.approveName', { name })}
                          disabledFocusable={status === 'approved' || busy !== null}
                          onClick={() => void approve(line)}
                        >
                          {t('tab.approvals.approve')}
                        </Button>
                        <Button
                          aria-label={t('tab.approvals.sendBackName', { name })}
                          disabled={busy !== null}
                          onClick={() => openSendBack(line)}
                        >
                          {t('tab.approvals.sendBack')}
                        </Button>
                      </div>
                    )}
                  </Card>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <ModalDialog
        open={sendingBack !== undefined}
        title={t('tab.approvals.dialogTitle', { name: sendingBack?.person.displayName ?? '' })}
        onDismiss={() => setSendingBack(undefined)}
        onSubmit={(event) => void sendBack(event)}
        submitLabel={t('tab.approvals.confirmSendBack')}
        cancelLabel={t('tab.approvals.cancel')}
        busy={busy !== null}
      >
        <Field
          label={t('tab.approvals.commentLabel')}
          required
          hint={t('tab.approvals.commentHint', { name: sendingBack?.person.displayName ?? '' })}
          validationMessage={commentMissing ? t('tab.approvals.commentRequired') : undefined}
        >
          <Textarea
            value={comment}
            maxLength={500}
            resize="vertical"
            placeholder={t('tab.approvals.commentPlaceholder')}
            onChange={(_event, data) => {
              setComment(data.value);
              if (data.value.trim()) setCommentMissing(false);
            }}
          />
        </Field>
        {dialogProblem !== null && <ProblemBar error={dialogProblem} />}
      </ModalDialog>
    </>
  );
}
