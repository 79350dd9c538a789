import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { EquipmentService } from '../domain/equipment/equipment-service.js';
import type { Clock } from '../domain/shared/clock.js';
import type { SupportService } from '../domain/support/support-service.js';
import { ticketNumberLabel } from '../domain/support/ticket.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { MY_REQUESTS_VERBS, myRequestsCard } from './cards/my-requests-card.js';
import { readChatTurn } from './chat-turn.js';
import { optionalInput } from './card-inputs.js';

export interface MyRequestsDependencies {
  support: Pick<SupportService, 'listOwnRequests' | 'withdraw'>;
  equipment?: Pick<EquipmentService, 'listOwnRequests'>;
  clock: Clock;
  defaultTimeZone: string;
}

/** Open requests are few; a person with more than this sees the newest. */
const SHOWN = 20;

const withdrawData = z.object({
  ticketId: z.string().min(1).max(100),
  version: z.coerce.number().int().min(1),
  locale: optionalInput(z.string().max(35)),
});

/** "My requests" in chat: the person's open tickets and equipment requests. */
export async function myRequestsFor(
  dependencies: MyRequestsDependencies,
  request: { aadObjectId: string; t: Translate; locale: string; notice?: string },
): Promise<AdaptiveCard> {
  const options = { openOnly: true, limit: SHOWN };
  const [tickets, equipment] = await Promise.all([
    dependencies.support.listOwnRequests(request.aadObjectId, options),
    dependencies.equipment?.listOwnRequests(request.aadObjectId, options) ?? [],
  ]);
  return myRequestsCard(request.t, {
    locale: request.locale,
    timeZone: dependencies.defaultTimeZone,
    tickets,
    equipment,
    ...(request.notice ? { notice: request.notice } : {}),
  });
}

/**
 * Withdraw on the "my requests" card: for the person who asked (or reported it), nobody else;
 * the answer is the list as it is now, with what happened above it.
 */
export function registerMyRequestsActions<TState extends TurnState>(
  app: Application<TState>,
  dependencies: MyRequestsDependencies,
): void {
  app.adaptiveCards.actionExecute<unknown>(
    MY_REQUESTS_VERBS.withdrawTicket,
    async (context: TurnContext, _state, data) => {
      const facts = readChatTurn(context.activity, {
        defaultTimeZone: dependencies.defaultTimeZone,
        receivedAt: dependencies.clock.now(),
      });
      const parsed = withdrawData.safeParse(data);
      const locale = (parsed.success ? parsed.data.locale : undefined) ?? facts.locale;
      const t = translatorFor(locale);
      if (!facts.actor)
        return myRequestsCard(t, {
          locale,
          timeZone: dependencies.defaultTimeZone,
          tickets: [],
          equipment: [],
        });
      let notice: string | undefined;
      if (parsed.success) {
        const outcome = await dependencies.support.withdraw({
          ticketId: parsed.data.ticketId,
          expectedVersion: parsed.data.version,
          actorAadObjectId: facts.actor.aadObjectId,
        });
        if (outcome) {
          const number = ticketNumberLabel(outcome.ticket.number);
          notice =
            outcome.outcome === 'done'
              ? t('support.mine.withdrawn', { number })
              : outcome.outcome === 'forbidden'
                ? t('support.mine.notYours')
                : outcome.outcome === 'conflict'
                  ? t('support.mine.conflict', { number })
                  : t('support.mine.closed', {
                      number,
                      status: t(`support.status.${outcome.ticket.status}`),
                    });
        }
      }
      return myRequestsFor(dependencies, {
        aadObjectId: facts.actor.aadObjectId,
        t,
        locale,
        ...(notice ? { notice } : {}),
      });
    },
  );
}
