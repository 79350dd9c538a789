import type { EquipmentRequest } from '../../domain/equipment/equipment-request.js';
import { requestNumberLabel } from '../../domain/equipment/equipment-request.js';
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import { ticketNumberLabel, type Ticket } from '../../domain/support/ticket.js';
import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { ownActions } from './equipment-card.js';
import { formatInstant } from './support-card.js';

export const MY_REQUESTS_VERBS = { withdrawTicket: 'support.withdraw' } as const;

/**
 * "My requests": the person's open tickets and equipment requests, each with what they can do
 * about it themselves (withdraw a ticket; confirm receipt, return or withdraw equipment).
 */
export function myRequestsCard(
  t: Translate,
  view: {
    locale: string;
    timeZone: string;
    tickets: Ticket[];
    equipment: EquipmentRequest[];
    notice?: string;
  },
): AdaptiveCard {
  const locale = supportedLocaleOf(view.locale);
  const title = t('support.mine.title');
  const body: CardElement[] = [heading(title)];
  if (view.notice) body.push(paragraph(view.notice, { subtle: true }));
  if (view.tickets.length === 0 && view.equipment.length === 0) {
    body.push(paragraph(t('support.mine.none')));
    return adaptiveCard(body, [], title);
  }
  for (const ticket of view.tickets) {
    const number = ticketNumberLabel(ticket.number);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'TextBlock',
          text: `${number} · ${t(`support.problem.${ticket.problem}`)}`,
          weight: 'Bolder',
          wrap: true,
        },
        paragraph(
          `${t(`support.status.${ticket.status}`)} · ${t('support.card.due')}: ${formatInstant(locale, ticket.firstAnswerDueAt, view.timeZone)}`,
          { subtle: true, spacing: 'None' },
        ),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Execute',
              title: t('support.mine.withdraw', { number }),
              verb: MY_REQUESTS_VERBS.withdrawTicket,
              data: { ticketId: ticket.id, version: ticket.version, locale },
            },
          ],
        },
      ],
    });
  }
  for (const request of view.equipment) {
    const actions = ownActions(t, locale, request);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'TextBlock',
          text: `${requestNumberLabel(request.number)} · ${t(`equipment.kind.${request.kind}`)}`,
          weight: 'Bolder',
          wrap: true,
        },
        paragraph(t(`equipment.status.${request.status}`), { subtle: true, spacing: 'None' }),
        ...(actions.length > 0 ? [{ type: 'ActionSet', actions }] : []),
      ],
    });
  }
  return adaptiveCard(body, [], title);
}
