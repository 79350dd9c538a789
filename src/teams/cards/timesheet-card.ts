import type { TimesheetApproval } from '../../domain/hours/month-closing.js';
import type { TeamMonth, TimesheetLine } from '../../domain/hours/timesheet-service.js';
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import { formatDuration, formatMonth } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import {
  adaptiveCard,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card.js';

/**
 * Month-end approval cards (issue 4). The manager's card lists each direct report's month with
 * Approve and Send back (a comment box that opens in place); every button is an Action.Execute
 * whose answer is the card redrawn from the stored state, so two managers or two clicks always
 * end on what was recorded. Handled in src/teams/timesheet-actions.ts.
 */
export const TIMESHEET_VERBS = {
  approve: 'timesheets.approve',
  sendBack: 'timesheets.sendBack',
  approveComplete: 'timesheets.approveComplete',
  resubmit: 'timesheets.resubmit',
} as const;

function execute(title: string, verb: string, data: Record<string, unknown>, style?: string): CardAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

function statusText(t: Translate, approval: TimesheetApproval | null): { text: string; color: string } {
  switch (approval?.status) {
    case 'approved':
      return { text: `✓ ${t('timesheets.statusApproved')}`, color: 'Good' };
    case 'sent_back':
      return {
        text: t('timesheets.statusSentBack', { comment: approval.comment ?? '' }),
        color: 'Attention',
      };
    default:
      return { text: t('timesheets.statusPending'), color: 'Default' };
  }
}

function lineElements(
  t: Translate,
  locale: string,
  line: TimesheetLine,
  month: string,
  open: boolean,
): CardElement {
  const d = (minutes: number) => formatDuration(locale, minutes);
  const status = statusText(t, line.approval);
  const data = { subject: line.person.aadObjectId, month, locale };
  const sendBackForm: CardAction = {
    type: 'Action.ShowCard',
    title: line.approval?.status === 'approved' ? t('timesheets.reopen') : t('timesheets.sendBack'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: 'comment',
          label: t('timesheets.commentLabel'),
          placeholder: t('timesheets.commentPlaceholder'),
          isMultiline: true,
          maxLength: 500,
          isRequired: true,
          errorMessage: t('timesheets.commentRequired'),
        },
      ],
      actions: [
        execute(
          t('timesheets.confirmSendBack', { name: line.person.displayName }),
          TIMESHEET_VERBS.sendBack,
          data,
        ),
      ],
    },
  };
  const actions: CardAction[] = [];
  if (open && line.approval?.status !== 'approved') {
    actions.push(execute(t('timesheets.approve'), TIMESHEET_VERBS.approve, data, 'positive'));
  }
  if (open) actions.push(sendBackForm);
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: line.person.displayName, weight: 'Bolder', wrap: true },
      paragraph(
        t('timesheets.figures', {
          worked: d(line.workedMinutes),
          target: d(line.targetMinutes),
          absences: d(line.absenceMinutes),
        }),
        { spacing: 'None' },
      ),
      ...(line.missingDays > 0
        ? [
            {
              type: 'TextBlock',
              text: `⚠ ${t('timesheets.missing', { count: line.missingDays })}`,
              color: 'Warning',
              wrap: true,
              spacing: 'None',
            },
          ]
        : []),
      { type: 'TextBlock', text: status.text, color: status.color, wrap: true, spacing: 'Small' },
      ...(actions.length > 0 ? [{ type: 'ActionSet', actions }] : []),
    ],
  };
}

/** The manager's card: their team's month, as stored now. */
export function teamTimesheetsCard(t: Translate, team: TeamMonth, notice?: string): AdaptiveCard {
  const locale = supportedLocaleOf(team.manager.locale);
  const month = formatMonth(locale, team.month);
  const title = t('timesheets.title', { month });
  const open = team.lock === null;
  const complete = team.lines.filter(
    (line) => line.missingDays === 0 && line.approval?.status !== 'approved',
  );
  const body: CardElement[] = [heading(title)];
  if (notice) body.push(paragraph(notice, { subtle: true }));
  if (team.lines.length === 0) {
    body.push(paragraph(t('timesheets.noReports')));
    return adaptiveCard(body, [], title);
  }
  if (!open) body.push(paragraph(t('timesheets.locked', { month })));
  else if (team.lines.every((line) => line.approval?.status === 'approved')) {
    body.push(paragraph(t('timesheets.allApproved')));
  } else {
    body.push(paragraph(t('timesheets.intro', { count: team.lines.length })));
  }
  body.push(...team.lines.map((line) => lineElements(t, locale, line, team.month, open)));
  const actions =
    open && complete.length > 1
      ? [
          execute(
            t('timesheets.approveComplete'),
            TIMESHEET_VERBS.approveComplete,
            { month: team.month, locale },
            'positive',
          ),
        ]
      : [];
  return adaptiveCard(body, actions, title);
}

/** To the employee: approved, or sent back with the manager's comment and a way to hand it in again. */
export function timesheetDecisionCard(
  t: Translate,
  view: { approval: TimesheetApproval; managerName: string; locale: string },
): AdaptiveCard {
  const locale = supportedLocaleOf(view.locale);
  const month = formatMonth(locale, view.approval.month);
  if (view.approval.status === 'approved') {
    const text = t('timesheets.approvedNotice', { month, manager: view.managerName });
    return adaptiveCard([paragraph(text)], [], text);
  }
  const text = t('timesheets.sentBackNotice', {
    month,
    manager: view.managerName,
    comment: view.approval.comment ?? '',
  });
  return adaptiveCard(
    [heading(t('timesheets.title', { month })), paragraph(text)],
    [
      execute(
        t('timesheets.resubmit'),
        TIMESHEET_VERBS.resubmit,
        { month: view.approval.month, locale },
        'positive',
      ),
    ],
    text,
  );
}

/** After "hand it in again". */
export function timesheetResubmittedCard(t: Translate, view: { managerName: string }): AdaptiveCard {
  return adaptiveCard([paragraph(t('timesheets.resubmitted', { manager: view.managerName }))]);
}
