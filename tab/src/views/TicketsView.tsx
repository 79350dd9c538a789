// Support tickets (IT agents, admins): the newest tickets, filtered by status, category and site,
// with the first-answer deadline of the SLA — overdue ones stand out (a badge and a tinted row, not
// colour alone). Read-only: agents work tickets from their cards in the queue channel, where each
// change reaches the requester. A table on a desktop, a list of cards on a phone.
import {
  Badge,
  Card,
  Field,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import {
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  getTickets,
  type Ticket,
  type TicketCategory,
  type TicketStatus,
} from '../api-client.js';
import { useTexts } from '../i18n.js';
import { LoadState, instantLabel, useLoaded, useNarrow } from './common.js';
import { useGridStyles } from './ScheduleView.js';
import type { ViewProps } from './Views.js';

const LIMIT = 200;

const useStyles = makeStyles({
  heading: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  overdueRow: { backgroundColor: tokens.colorPaletteRedBackground1 },
  reference: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  summary: { minWidth: '14rem', maxWidth: '28rem', overflowWrap: 'anywhere' },
  stack: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  quiet: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
  rowHeader: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  card: { padding: tokens.spacingVerticalM, gap: tokens.spacingVerticalXS },
  overdueCard: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`,
  },
  cardHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
  },
  cardTitle: { margin: 0 },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  text: { overflowWrap: 'anywhere' },
});

const PRIORITY_BADGE: Record<Ticket['priority'], BadgeProps['color']> = {
  urgent: 'danger',
  high: 'warning',
  normal: 'informative',
  low: 'subtle',
};

const STATUS_BADGE: Record<TicketStatus, BadgeProps['color']> = {
  new: 'brand',
  assigned: 'informative',
  waiting: 'warning',
  resolved: 'success',
  withdrawn: 'subtle',
};

/** Still waiting for its first answer after the SLA's deadline. */
function isOverdue(ticket: Ticket, now: number): boolean {
  const open = ticket.status !== 'resolved' && ticket.status !== 'withdrawn';
  return open && ticket.firstAnsweredAt === null && Date.parse(ticket.firstAnswerDueAt) < now;
}

const ALL = '';

export default function TicketsView({ credentials }: ViewProps) {
  const styles = useStyles();
  const grid = useGridStyles();
  const narrow = useNarrow();
  const { t, locale } = useTexts();
  const [status, setStatus] = useState<TicketStatus | typeof ALL>(ALL);
  const [category, setCategory] = useState<TicketCategory | typeof ALL>(ALL);
  const [site, setSite] = useState(ALL);
  const loaded = useLoaded(
    (signal) =>
      getTickets(
        {
          status: status || undefined,
          category: category || undefined,
          site: site || undefined,
          limit: LIMIT,
        },
        credentials,
        signal,
      ),
    [status, category, site, credentials],
  );
  // The API gives no list of sites: the filter offers every site seen in an answer so far.
  const [sites, setSites] = useState(new Map<string, string | null>());
  useEffect(() => {
    if (loaded.state !== 'ready') return;
    const unseen = loaded.data.filter((ticket) => ticket.siteId !== null && !sites.has(ticket.siteId));
    if (unseen.length === 0) return;
    setSites((known) => {
      const next = new Map(known);
      for (const ticket of unseen) if (ticket.siteId) next.set(ticket.siteId, ticket.canton);
      return next;
    });
  }, [loaded, sites]);

  const tickets = useMemo(
    () =>
      loaded.state === 'ready'
        ? [...loaded.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number)
        : [],
    [loaded],
  );
  const now = Date.now();
  const siteName = (ticket: Ticket) =>
    ticket.siteId === null
      ? t('tab.tickets.noSite')
      : ticket.canton
        ? t('tab.tickets.siteName', { site: ticket.siteId, canton: ticket.canton })
        : ticket.siteId;
  const priority = (ticket: Ticket) => (
    <Badge appearance="tint" color={PRIORITY_BADGE[ticket.priority]}>
      {t(`support.priority.${ticket.priority}`)}
    </Badge>
  );
  const statusBadge = (ticket: Ticket) => (
    <Badge appearance="outline" color={STATUS_BADGE[ticket.status]}>
      {t(`support.status.${ticket.status}`)}
    </Badge>
  );
  const due = (ticket: Ticket) => (
    <span className={styles.stack}>
      <span className={styles.nowrap}>{instantLabel(locale, ticket.firstAnswerDueAt)}</span>
      {isOverdue(ticket, now) && (
        <Badge appearance="filled" color="danger" icon={<span aria-hidden>⚠</span>}>
          {t('tab.tickets.overdue')}
        </Badge>
      )}
      {ticket.firstAnsweredAt && (
        <Text size={200} className={styles.quiet}>
          {t('tab.tickets.answered', { at: instantLabel(locale, ticket.firstAnsweredAt) })}
        </Text>
      )}
    </span>
  );
  const opened = (ticket: Ticket) => (
    <Text size={200} weight="regular" className={styles.quiet}>
      {t('tab.tickets.opened', { at: instantLabel(locale, ticket.createdAt) })}
    </Text>
  );
  const summary = (ticket: Ticket) => (
    <span className={styles.stack}>
      <span className={styles.text}>{ticket.summary}</span>
      <Text size={200} className={styles.quiet}>
        {t(`support.problem.${ticket.problem}`)} ·{' '}
        {t('tab.tickets.categoryName', { category: ticket.category })}
      </Text>
      {ticket.personRequested && (
        <Badge appearance="tint" color="important" size="small">
          {t('tab.tickets.personRequested')}
        </Badge>
      )}
    </span>
  );

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.tickets.title')}
      </Text>
      <Text className={styles.hint}>{t('tab.tickets.hint')}</Text>
      <div className={styles.toolbar}>
        <Field label={t('tab.tickets.status')}>
          <Select value={status} onChange={(_event, data) => setStatus(data.value as TicketStatus)}>
            <option value={ALL}>{t('tab.common.all')}</option>
            {TICKET_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`support.status.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.tickets.category')}>
          <Select value={category} onChange={(_event, data) => setCategory(data.value as TicketCategory)}>
            <option value={ALL}>{t('tab.common.all')}</option>
            {TICKET_CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t('tab.tickets.categoryName', { category: value })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.tickets.site')}>
          <Select value={site} onChange={(_event, data) => setSite(data.value)}>
            <option value={ALL}>{t('tab.common.all')}</option>
            {[...sites]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([id, canton]) => (
                <option key={id} value={id}>
                  {canton ? t('tab.tickets.siteName', { site: id, canton }) : id}
                </option>
              ))}
          </Select>
        </Field>
      </div>
      <LoadState loaded={loaded} localized />
      {loaded.state === 'ready' && (
        <>
          <Text role="status">{t('tab.tickets.count', { count: tickets.length })}</Text>
          {tickets.length > 0 && narrow && (
            <ul className={styles.list} aria-label={t('tab.tickets.table')}>
              {tickets.map((ticket) => (
                <li key={ticket.id}>
                  <Card className={mergeClasses(styles.card, isOverdue(ticket, now) && styles.overdueCard)}>
                    <div className={styles.cardHeader}>
                      <Text
                        as="h3"
                        size={300}
                        weight="semibold"
                        className={mergeClasses(styles.cardTitle, styles.reference)}
                      >
                        {ticket.reference}
                      </Text>
                      <span className={styles.badges}>
                        {priority(ticket)}
                        {statusBadge(ticket)}
                      </span>
                    </div>
                    {opened(ticket)}
                    {summary(ticket)}
                    <Text size={200}>
                      {t('tab.tickets.requester')}: {ticket.requesterName} · {t('tab.tickets.site')}:{' '}
                      {siteName(ticket)}
                    </Text>
                    <span className={styles.stack}>
                      <Text size={200} className={styles.quiet}>
                        {t('tab.tickets.due')}
                      </Text>
                      {due(ticket)}
                    </span>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          {tickets.length > 0 && !narrow && (
            <div className={grid.scroller} tabIndex={0} role="region" aria-label={t('tab.tickets.table')}>
              <table className={grid.table}>
                <thead>
                  <tr>
                    {(
                      [
                        'tab.tickets.reference',
                        'tab.tickets.summary',
                        'tab.tickets.requester',
                        'tab.tickets.site',
                        'tab.tickets.priority',
                        'tab.tickets.status',
                        'tab.tickets.due',
                      ] as const
                    ).map((label) => (
                      <th key={label} scope="col" className={grid.th}>
                        {t(label)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {tickets.map((ticket) => (
                    <tr key={ticket.id} className={isOverdue(ticket, now) ? styles.overdueRow : undefined}>
                      <th scope="row" className={mergeClasses(grid.td, styles.rowHeader)}>
                        <span className={styles.stack}>
                          <span className={styles.reference}>{ticket.reference}</span>
                          {opened(ticket)}
                        </span>
                      </th>
                      <td className={mergeClasses(grid.td, styles.summary)}>{summary(ticket)}</td>
                      <td className={grid.td}>{ticket.requesterName}</td>
                      <td className={mergeClasses(grid.td, styles.nowrap)}>{siteName(ticket)}</td>
                      <td className={grid.td}>{priority(ticket)}</td>
                      <td className={grid.td}>{statusBadge(ticket)}</td>
                      <td className={grid.td}>{due(ticket)}</td>
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
