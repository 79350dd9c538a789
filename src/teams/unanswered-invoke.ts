import type { Activity } from 'botbuilder';

/**
 * An `invoke` that no handler answered — an unknown verb or invoke name, or a card action whose
 * turn failed (the person was already told in chat). botbuilder answers those 501, which the Bot
 * Connector would treat as the bot's fault; this is a client mistake, so Crewdesk answers 200 with
 * the Universal Actions error response (Teams shows its own "could not do that" on the card).
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
export function isUnansweredInvoke(activity: Partial<Activity>, status: number | undefined): boolean {
  return activity.type === 'invoke' && (status === undefined || status === 501);
}

export const UNANSWERED_INVOKE = {
  status: 200,
  body: {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'BadRequest', message: 'This action could not be carried out.' },
  },
} as const;
