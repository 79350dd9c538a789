import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { personRecipient, type Outbox } from '../domain/proactive/outbound-message.js';
import type { RotationView } from '../domain/rotation/rotation-service.js';
import { translatorFor } from '../i18n/translate.js';
import { officeDaysCard } from './cards/office-days-card.js';

/** The first two weeks are what a person plans with; the tab and "when am I in the office?" show the rest. */
const DAYS_TOLD = 14;

/**
 * A published rotation tells each member, in their directory language, which days they are on
 * site — once per rotation and person (idempotency key), through the one proactive sender.
 */
export async function notifyRotationMembers(
  dependencies: { outbox: Outbox; directory: Pick<DirectoryRepository, 'findPerson'> },
  rotation: RotationView,
): Promise<number> {
  let queued = 0;
  for (const assignment of rotation.assignments) {
    const person = await dependencies.directory.findPerson(assignment.aadObjectId);
    if (!person?.active) continue;
    const t = translatorFor(person.locale);
    const cohort = rotation.cohorts.find((candidate) => candidate.id === assignment.cohortId)?.name ?? null;
    const card = officeDaysCard(t, {
      locale: person.locale,
      days: assignment.days.slice(0, DAYS_TOLD).map((day) => ({ ...day, cohort })),
    });
    const sent = await dependencies.outbox.send({
      recipientKey: personRecipient(person.aadObjectId),
      idempotencyKey: `rotation:${rotation.id}:${person.aadObjectId}`,
      category: 'rotation',
      payload: { kind: 'card', card: { ...card }, fallbackText: t('rotation.title') },
      locale: person.locale,
    });
    if (sent) queued += 1;
  }
  return queued;
}
