import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { Person } from '../domain/directory/people.js';
import type { OutboundPayload } from '../domain/proactive/outbound-message.js';
import type {
  SwapRequestRenderer,
  SwapRequestService,
  SwapRequestView,
} from '../domain/rotation/swap-request-service.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError, type DomainError } from '../domain/shared/errors.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import { adaptiveCard, paragraph, type AdaptiveCard } from './cards/adaptive-card.js';
import {
  ROTATION_SWAP_VERBS,
  swapApprovalCard,
  swapDecisionCard,
  swapPartnerCard,
  swapReceiptCard,
  swapRefusalText,
  swapWithdrawnCard,
} from './cards/rotation-swap-card.js';
import { optionalInput } from './card-inputs.js';
import { readChatTurn } from './chat-turn.js';

export interface RotationSwapActionDependencies {
  swapRequests: SwapRequestService;
  directory: Pick<DirectoryRepository, 'findPerson'>;
  clock: Clock;
  defaultTimeZone: string;
}

const actionData = z.object({
  requestId: z.string().min(1).max(100),
  locale: optionalInput(z.string().max(35)),
  comment: optionalInput(z.string().max(500)),
});

function noticeCard(text: string): AdaptiveCard {
  return adaptiveCard([paragraph(text)], [], text);
}

/** The sentence for a refusal the clicker can understand; null for our own failures. */
function refusalOf(error: DomainError, t: Translate, locale: string, verb: string): string | null {
  switch (error.code) {
    case 'auth.forbidden':
      return verb === ROTATION_SWAP_VERBS.withdraw
        ? t('rotationSwap.notRequester')
        : t('rotationSwap.notAllowed');
    case 'rotation.swap_not_found':
    case 'rotation.not_found':
      return t('rotationSwap.notFound');
    case 'rotation.swap_refused':
      return t('rotationSwap.problem', { reason: swapRefusalText(t, locale, error.details) });
    case 'rotation.swap_closed':
      return t('rotationSwap.closed', { status: String(error.details.status ?? 'withdrawn') });
    case 'rotation.swap_stale':
      return t('rotationSwap.stale');
    default:
      return null;
  }
}

/**
 * The swap request cards' buttons (Action.Execute). They act for whoever clicks: the service
 * checks that the clicker may manage the rotation (or, for Withdraw, is the requester), so a card
 * forwarded to a colleague changes nothing for them. The answer is the card redrawn from what is
 * stored now, with the refusal above it when there is one.
 */
export function registerRotationSwapActions<TState extends TurnState>(
  app: Application<TState>,
  dependencies: RotationSwapActionDependencies,
): void {
  const { swapRequests, directory, clock, defaultTimeZone } = dependencies;

  async function act(
    context: TurnContext,
    data: unknown,
    verb: string,
    run: (actor: Person, request: z.infer<typeof actionData>, today: string) => Promise<SwapRequestView>,
    draw: (t: Translate, view: SwapRequestView, locale: string, notice?: string) => AdaptiveCard,
  ): Promise<AdaptiveCard> {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const parsed = actionData.safeParse(data);
    const locale = (parsed.success ? parsed.data.locale : undefined) ?? facts.locale;
    const t = translatorFor(locale);
    if (!parsed.success) return noticeCard(t('rotationSwap.unreadable'));
    const actor = facts.actor ? await directory.findPerson(facts.actor.aadObjectId) : null;
    if (!actor)
      return noticeCard(
        verb === ROTATION_SWAP_VERBS.withdraw ? t('rotationSwap.notRequester') : t('rotationSwap.notAllowed'),
      );
    try {
      return draw(t, await run(actor, parsed.data, facts.today), locale);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const refusal = refusalOf(error, t, locale, verb);
      if (refusal === null) throw error;
      // Someone not allowed learns nothing more about the request.
      if (error.code === 'auth.forbidden' || error.code === 'rotation.swap_not_found')
        return noticeCard(refusal);
      const view = await swapRequests.show({ actor, requestId: parsed.data.requestId, today: facts.today });
      return draw(t, view, locale, refusal);
    }
  }

  for (const [verb, decision] of [
    [ROTATION_SWAP_VERBS.approve, 'approve'],
    [ROTATION_SWAP_VERBS.reject, 'reject'],
  ] as const) {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) =>
      act(
        context,
        data,
        verb,
        async (actor, request, today) =>
          (
            await swapRequests.decide({
              actor,
              requestId: request.requestId,
              decision,
              comment: request.comment ?? null,
              today,
            })
          ).view,
        swapApprovalCard,
      ),
    );
  }

  app.adaptiveCards.actionExecute<unknown>(ROTATION_SWAP_VERBS.withdraw, async (context, _state, data) =>
    act(
      context,
      data,
      ROTATION_SWAP_VERBS.withdraw,
      async (actor, request, today) =>
        (await swapRequests.withdraw({ actor, requestId: request.requestId, today })).view,
      swapReceiptCard,
    ),
  );
}

/** How swap request messages look: cards in the recipient's directory language. */
export function rotationSwapRenderer(): SwapRequestRenderer {
  const card = (adaptive: AdaptiveCard): OutboundPayload => ({
    kind: 'card',
    card: adaptive as unknown as Record<string, unknown>,
    ...(adaptive.fallbackText ? { fallbackText: adaptive.fallbackText } : {}),
  });
  return {
    approvalRequest: (view, locale) => card(swapApprovalCard(translatorFor(locale), view, locale)),
    requesterReceipt: (view, locale) => card(swapReceiptCard(translatorFor(locale), view, locale)),
    partnerNotice: (view, locale) => card(swapPartnerCard(translatorFor(locale), view, locale)),
    decisionNotice: (view, recipient, locale, newDays) =>
      card(swapDecisionCard(translatorFor(locale), view, recipient, locale, newDays)),
    withdrawnNotice: (view, locale) => card(swapWithdrawnCard(translatorFor(locale), view, locale)),
  };
}
