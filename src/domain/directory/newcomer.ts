import { supportedLocaleOf } from '../shared/locale.js';
import {
  BEGINNING_OF_RECORDS,
  MONDAY_TO_FRIDAY,
  NEWCOMER_WEEKLY_MINUTES,
  type Contract,
  type Person,
} from './people.js';

/** Who is writing, as the chat activity tells it. */
export interface ChatIdentity {
  aadObjectId: string;
  displayName: string;
  /** The activity's locale (any BCP 47 tag). */
  locale: string | undefined;
}

/**
 * Someone who chats with the bot before HR lists them: usable at once with the design's defaults
 * (42 h over Mon–Fri, no site); a later directory import takes them over.
 */
export function newcomerFrom(identity: ChatIdentity): { person: Person; contract: Contract } {
  return {
    person: {
      aadObjectId: identity.aadObjectId,
      displayName: identity.displayName.trim() || identity.aadObjectId,
      email: null,
      team: null,
      siteId: null,
      managerAadObjectId: null,
      roles: ['employee'],
      locale: supportedLocaleOf(identity.locale),
      ahvNumber: null,
      active: true,
      source: 'activity',
    },
    contract: {
      aadObjectId: identity.aadObjectId,
      validFrom: BEGINNING_OF_RECORDS,
      weeklyMinutes: NEWCOMER_WEEKLY_MINUTES,
      workDays: [...MONDAY_TO_FRIDAY],
    },
  };
}
