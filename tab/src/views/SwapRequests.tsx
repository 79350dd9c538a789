// Swap requests of one published rotation (issue 7), under its grid in the Office rotation view.
// A member asks to swap one of their days, or the whole rotation, with a colleague of the same
// rotation (a dialog: colleague, one day or all, an optional reason) and sees their own requests
// with their status, withdrawing a pending one. A manager of the rotation sees the pending requests
// of others with what they would change, and approves or rejects them (an optional comment, asked
// for in a dialog); after an approval the caller loads the rotation again so that the grid shows
// the swapped days. A refusal reads as the catalogue's sentence for its reason, never the server's
// English. Lists rather than a table, so that it works on a phone as on a desktop.
import {
  Badge,
  Button,
  Card,
  Field,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { formatCalendarDate } from '../../../src/i18n/format.js';
import type { MessageKey, MessageParams } from '../../../src/i18n/translate.js';
import {
  ApiError,
  askForSwap,
  decideSwapRequest,
  getRotations,
  getSwapRequests,
  withdrawSwapRequest,
  type Credentials,
  type Me,
  type Rotation,
  type RotationAssignment,
  type SwapRefusal,
  type SwapRequest,
  type SwapRequestStatus,
} from '../api-client.js';
import { useTexts } from '../i18n.js';
import { ProblemBar, localToday, useLoaded } from './common.js';
import { ModalDialog } from './ModalDialog.js';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
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
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  text: { overflowWrap: 'anywhere' },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  problem: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: 'auto' },
});

const STATUS_BADGE: Record<SwapRequestStatus, BadgeProps['color']> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'informative',
};

const REFUSAL_KEYS: Record<SwapRefusal['reason'], MessageKey> = {
  self: 'rotationSwap.refused.self',
  partner_not_member: 'rotationSwap.refused.partnerNotMember',
  other_site: 'rotationSwap.refused.otherSite',
  date_outside: 'rotationSwap.refused.dateOutside',
  date_past: 'rotationSwap.refused.datePast',
  rotation_over: 'rotationSwap.refused.rotationOver',
  not_work_day: 'rotationSwap.refused.notWorkDay',
  nothing_to_swap: 'rotationSwap.refused.nothingToSwap',
  rule: 'rotationSwap.refused.rule',
  no_approver: 'rotationSwap.refused.noApprover',
};

const RULE_KEYS: Partial<Record<string, MessageKey>> = {
  cap_exceeded: 'rotationSwap.rule.capExceeded',
  cohorts_mixed: 'rotationSwap.rule.cohortsMixed',
  below_min_staff: 'rotationSwap.rule.belowMinStaff',
  no_critical: 'rotationSwap.rule.noCritical',
};

/** Answers after which the list shown is out of date: it is loaded again. */
const STALE_CODES = new Set(['rotation.swap_closed', 'rotation.swap_stale', 'rotation.swap_not_found']);

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The refusal of a swap (`rotation.swap_refused`'s details) as one sentence of the catalogue. */
export function refusalSentence(t: Translate, locale: string, refusal: Partial<SwapRefusal>): string {
  const key = refusal.reason ? REFUSAL_KEYS[refusal.reason] : undefined;
  if (!key) return t('rotationSwap.rule.other');
  return t(key, {
    date: refusal.date ? formatCalendarDate(locale, refusal.date) : '',
    rule: t(RULE_KEYS[refusal.rule ?? ''] ?? 'rotationSwap.rule.other'),
  });
}

/** The refusal carried by a failed request, if it is one. */
function refusalOf(error: unknown): Partial<SwapRefusal> | null {
  if (!(error instanceof ApiError) || error.code !== 'rotation.swap_refused') return null;
  return typeof error.details === 'object' && error.details !== null
    ? (error.details as Partial<SwapRefusal>)
    : {};
}

/** A failed action in the reader's words: the refusal's reason, else the problem of its code. */
function ActionProblem({ error }: { error: unknown }) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const refusal = refusalOf(error);
  if (!refusal) return <ProblemBar error={error} />;
  return (
    <Text role="alert" className={styles.problem}>
      {t('tab.swaps.refused', { reason: refusalSentence(t, locale, refusal) })}
    </Text>
  );
}

export function SwapRequests({
  rotation,
  me,
  credentials,
  onRotationChanged,
}: {
  rotation: Rotation;
  me: Me;
  credentials: Credentials;
  /** An approval changed the rotation: load it again. */
  onRotationChanged(): void;
}) {
  const styles = useStyles();
  const { t, locale } = useTexts();
  const today = localToday();
  const mine = rotation.assignments.find((person) => person.aadObjectId === me.aadObjectId);
  const plans = me.roles.some((role) => ['manager', 'hr', 'admin'].includes(role));
  const [revision, setRevision] = useState(0);
  const loaded = useLoaded(
    (signal) => getSwapRequests(rotation.id, credentials, signal),
    [rotation.id, credentials, revision],
  );
  // Requests as the latest actions answered; newer than what was loaded.
  const [updates, setUpdates] = useState<SwapRequest[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  // Asking.
  const [asking, setAsking] = useState(false);
  const [colleagues, setColleagues] = useState<RotationAssignment[] | null>(null);
  const [partner, setPartner] = useState('');
  const [scope, setScope] = useState<'day' | 'all'>('day');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<{ partner?: boolean; date?: boolean }>({});
  const [askProblem, setAskProblem] = useState<unknown>(null);

  // Rejecting.
  const [rejecting, setRejecting] = useState<SwapRequest>();
  const [comment, setComment] = useState('');
  const [rejectProblem, setRejectProblem] = useState<unknown>(null);

  const loadedRequests = loaded.state === 'ready' ? loaded.data : [];
  const requests = [
    ...updates.filter((update) => !loadedRequests.some((request) => request.id === update.id)),
    ...loadedRequests.map((request) => updates.find((update) => update.id === request.id) ?? request),
  ];
  const myRequests = requests.filter(
    (request) =>
      request.requester.aadObjectId === me.aadObjectId || request.partner.aadObjectId === me.aadObjectId,
  );
  const toDecide = plans
    ? requests.filter((request) => request.status === 'pending' && !myRequests.includes(request))
    : [];
  // A planner who neither manages nor belongs to this rotation: nothing to show.
  const forbidden = loaded.state === 'failed' && loaded.code === 'auth.forbidden';
  if (rotation.status !== 'published' || (!mine && !plans) || (forbidden && !mine)) return null;

  const myDays = (mine?.days ?? []).filter(
    (day) => day.date >= today && day.place !== null && day.place !== 'off',
  );
  const when = (request: SwapRequest) =>
    t('tab.swaps.when', { date: request.date === null ? 'none' : formatCalendarDate(locale, request.date) });
  const nameOf = (id: string, request: SwapRequest) =>
    id === request.requester.aadObjectId ? request.requester.displayName : request.partner.displayName;

  function remember(request: SwapRequest) {
    setUpdates((previous) => [request, ...previous.filter((entry) => entry.id !== request.id)]);
  }

  function startOver(error: unknown) {
    if (error instanceof ApiError && STALE_CODES.has(error.code)) {
      setUpdates([]);
      setRevision((value) => value + 1);
    }
  }

  async function openAsk() {
    setAsking(true);
    setPartner('');
    setScope('day');
    setDate('');
    setReason('');
    setMissing({});
    setAskProblem(null);
    if (colleagues !== null) return;
    try {
      // The whole site's rotation: without a site the API answers a member their own days only.
      const { rotations } = await getRotations(
        { site: rotation.siteId, from: rotation.startDate, to: rotation.endDate },
        credentials,
      );
      const full = rotations.find((entry) => entry.id === rotation.id) ?? rotation;
      setColleagues(full.assignments.filter((person) => person.aadObjectId !== me.aadObjectId));
    } catch (error) {
      setAskProblem(error);
      setColleagues([]);
    }
  }

  async function ask(event: FormEvent) {
    event.preventDefault();
    const lacking = { partner: !partner, date: scope === 'day' && !date };
    setMissing(lacking);
    if (lacking.partner || lacking.date) return;
    setBusy('ask');
    setAskProblem(null);
    try {
      const request = await askForSwap(
        rotation.id,
        {
          partner,
          ...(scope === 'day' ? { date } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
        credentials,
      );
      remember(request);
      setNotice(
        t('tab.swaps.sent', {
          approvers: request.approvers.map((approver) => approver.displayName).join(', '),
        }),
      );
      setProblem(null);
      setAsking(false);
    } catch (error) {
      setAskProblem(error);
    } finally {
      setBusy(null);
    }
  }

  async function withdraw(request: SwapRequest) {
    setBusy(request.id);
    setProblem(null);
    setNotice('');
    try {
      remember(await withdrawSwapRequest(request.id, credentials));
      setNotice(t('tab.swaps.withdrawn'));
    } catch (error) {
      startOver(error);
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  async function approve(request: SwapRequest) {
    setBusy(request.id);
    setProblem(null);
    setNotice('');
    try {
      remember(await decideSwapRequest(request.id, { decision: 'approve' }, credentials));
      setNotice(
        t('tab.swaps.approved', {
          requester: request.requester.displayName,
          partner: request.partner.displayName,
        }),
      );
      onRotationChanged();
    } catch (error) {
      startOver(error);
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  async function reject(event: FormEvent) {
    event.preventDefault();
    if (!rejecting) return;
    setBusy(rejecting.id);
    setRejectProblem(null);
    try {
      remember(
        await decideSwapRequest(
          rejecting.id,
          { decision: 'reject', ...(comment.trim() ? { comment: comment.trim() } : {}) },
          credentials,
        ),
      );
      setNotice(t('tab.swaps.rejected', { requester: rejecting.requester.displayName }));
      setProblem(null);
      setRejecting(undefined);
    } catch (error) {
      startOver(error);
      setRejectProblem(error);
    } finally {
      setBusy(null);
    }
  }

  function details(request: SwapRequest) {
    return (
      <>
        {request.reason && (
          <Text className={styles.text}>{t('tab.swaps.reasonLine', { reason: request.reason })}</Text>
        )}
        {request.status === 'pending' && request.problem && (
          <Text className={styles.problem}>
            <span aria-hidden>⚠ </span>
            {t('tab.swaps.notNow', { reason: refusalSentence(t, locale, request.problem) })}
          </Text>
        )}
        {request.changes.length > 0 && request.status !== 'rejected' && request.status !== 'withdrawn' && (
          <ul className={styles.changes} aria-label={t('tab.swaps.changes')}>
            {request.changes.map((change) => (
              <li key={`${change.aadObjectId}-${change.date}`}>
                {t('tab.swaps.change', {
                  date: formatCalendarDate(locale, change.date),
                  name: nameOf(change.aadObjectId, request),
                  before: t('tab.place', { place: change.before }),
                  after: t('tab.place', { place: change.after }),
                })}
              </li>
            ))}
          </ul>
        )}
        {request.decidedBy && request.status !== 'withdrawn' && (
          <Text className={styles.text}>
            {t('tab.swaps.decidedBy', { name: request.decidedBy.displayName })}
          </Text>
        )}
        {request.comment && (
          <Text className={styles.text}>{t('tab.swaps.comment', { comment: request.comment })}</Text>
        )}
      </>
    );
  }

  function header(request: SwapRequest, title: string) {
    return (
      <div className={styles.header}>
        <Text as="h4" weight="semibold" className={styles.title}>
          {title}
        </Text>
        <Badge appearance="tint" color={STATUS_BADGE[request.status]}>
          {t('tab.swaps.status', { status: request.status })}
        </Badge>
      </div>
    );
  }

  return (
    <section
      className={styles.panel}
      aria-label={t('tab.swaps.region', {
        from: formatCalendarDate(locale, rotation.startDate),
        to: formatCalendarDate(locale, rotation.endDate),
      })}
    >
      <Text as="h4" size={400} weight="semibold" className={styles.heading}>
        {t('tab.swaps.title')}
      </Text>
      {mine && (
        <div className={styles.toolbar}>
          <Button appearance="primary" disabled={busy !== null} onClick={() => void openAsk()}>
            {t('tab.swaps.ask')}
          </Button>
          <Text size={200} className={styles.hint}>
            {t('tab.swaps.askIntro')}
          </Text>
        </div>
      )}
      {loaded.state === 'loading' && <Spinner size="tiny" labelPosition="after" label={t('tab.loading')} />}
      {loaded.state === 'failed' && !forbidden && <ProblemBar error={{ code: loaded.code }} />}
      {problem !== null && <ActionProblem error={problem} />}
      <Text role="status">{notice}</Text>

      {mine && loaded.state === 'ready' && myRequests.length > 0 && (
        <>
          <Text as="h5" weight="semibold" className={styles.heading}>
            {t('tab.swaps.mine')}
          </Text>
          <ul className={styles.list} aria-label={t('tab.swaps.mine')}>
            {myRequests.map((request) => {
              const asked = request.requester.aadObjectId === me.aadObjectId;
              return (
                <li key={request.id}>
                  <Card className={styles.card}>
                    {header(
                      request,
                      asked
                        ? t('tab.swaps.withPartner', {
                            partner: request.partner.displayName,
                            when: when(request),
                          })
                        : t('tab.swaps.askedByOther', {
                            requester: request.requester.displayName,
                            when: when(request),
                          }),
                    )}
                    {details(request)}
                    {asked && request.status === 'pending' && (
                      <div className={styles.actions}>
                        <Button
                          aria-label={t('tab.swaps.withdrawName', { name: request.partner.displayName })}
                          disabled={busy !== null}
                          onClick={() => void withdraw(request)}
                        >
                          {t('tab.swaps.withdraw')}
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

      {plans && loaded.state === 'ready' && (
        <>
          <Text as="h5" weight="semibold" className={styles.heading}>
            {t('tab.swaps.toDecide')}
          </Text>
          {toDecide.length === 0 ? (
            <Text>{t('tab.swaps.noneToDecide')}</Text>
          ) : (
            <ul className={styles.list} aria-label={t('tab.swaps.toDecide')}>
              {toDecide.map((request) => {
                const names = {
                  requester: request.requester.displayName,
                  partner: request.partner.displayName,
                };
                return (
                  <li key={request.id}>
                    <Card className={styles.card}>
                      {header(request, t('tab.swaps.between', { ...names, when: when(request) }))}
                      {details(request)}
                      <div className={styles.actions}>
                        <Button
                          appearance="primary"
                          aria-label={t('tab.swaps.approveName', names)}
                          disabledFocusable={busy !== null || request.problem !== null}
                          onClick={() => void approve(request)}
                        >
                          {t('tab.swaps.approve')}
                        </Button>
                        <Button
                          aria-label={t('tab.swaps.rejectName', names)}
                          disabled={busy !== null}
                          onClick={() => {
                            setRejecting(request);
                            setComment('');
                            setRejectProblem(null);
                          }}
                        >
                          {t('tab.swaps.reject')}
                        </Button>
                      </div>
                    </Card>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}

      <ModalDialog
        open={asking}
        title={t('tab.swaps.dialogTitle')}
        onDismiss={() => setAsking(false)}
        onSubmit={(event) => void ask(event)}
        submitLabel={t('tab.swaps.send')}
        cancelLabel={t('tab.swaps.cancel')}
        busy={busy !== null || colleagues === null}
      >
        {colleagues === null ? (
          <Spinner size="tiny" labelPosition="after" label={t('tab.loading')} />
        ) : colleagues.length === 0 ? (
          <Text>{t('tab.swaps.noColleagues')}</Text>
        ) : (
          <Field
            label={t('tab.swaps.partner')}
            required
            validationMessage={missing.partner ? t('tab.swaps.partnerRequired') : undefined}
          >
            <Select
              value={partner}
              onChange={(_event, data) => {
                setPartner(data.value);
                setMissing((previous) => ({ ...previous, partner: false }));
              }}
            >
              <option value="">{t('tab.swaps.choose')}</option>
              {colleagues.map((person) => (
                <option key={person.aadObjectId} value={person.aadObjectId}>
                  {person.displayName}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t('tab.swaps.scope')}>
          <RadioGroup
            value={scope}
            onChange={(_event, data) => setScope(data.value === 'all' ? 'all' : 'day')}
          >
            <Radio value="day" label={t('tab.swaps.oneDay')} />
            <Radio value="all" label={t('tab.swaps.wholeRotation')} />
          </RadioGroup>
        </Field>
        {scope === 'day' && (
          <Field
            label={t('tab.swaps.day')}
            required
            hint={myDays.length === 0 ? t('tab.swaps.noDays') : undefined}
            validationMessage={missing.date ? t('tab.swaps.dayRequired') : undefined}
          >
            <Select
              value={date}
              onChange={(_event, data) => {
                setDate(data.value);
                setMissing((previous) => ({ ...previous, date: false }));
              }}
            >
              <option value="">{t('tab.swaps.choose')}</option>
              {myDays.map((day) => (
                <option key={day.date} value={day.date}>
                  {`${formatCalendarDate(locale, day.date)} · ${t('tab.place', { place: day.place ?? 'other' })}`}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t('tab.swaps.reason')} hint={t('tab.swaps.reasonHint')}>
          <Textarea
            value={reason}
            maxLength={500}
            resize="vertical"
            onChange={(_event, data) => setReason(data.value)}
          />
        </Field>
        {askProblem !== null && <ActionProblem error={askProblem} />}
      </ModalDialog>

      <ModalDialog
        open={rejecting !== undefined}
        title={t('tab.swaps.rejectTitle', {
          requester: rejecting?.requester.displayName ?? '',
          partner: rejecting?.partner.displayName ?? '',
        })}
        onDismiss={() => setRejecting(undefined)}
        onSubmit={(event) => void reject(event)}
        submitLabel={t('tab.swaps.confirmReject')}
        cancelLabel={t('tab.swaps.cancel')}
        busy={busy !== null}
      >
        <Field label={t('tab.swaps.commentLabel', { name: rejecting?.requester.displayName ?? '' })}>
          <Textarea
            value={comment}
            maxLength={500}
            resize="vertical"
            onChange={(_event, data) => setComment(data.value)}
          />
        </Field>
        {rejectProblem !== null && <ActionProblem error={rejectProblem} />}
      </ModalDialog>
    </section>
  );
}
