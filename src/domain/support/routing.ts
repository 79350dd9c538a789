import type { QueueCategory, SupportQueue } from './support-ports.js';
import type { TicketCategory } from './ticket.js';

/**
 * Where a ticket goes: the first channel registered for its category, else the default queue
 * (the first channel registered for `all`), else nowhere — then admins are warned.
 * TODO(issue 6): consider the site's language region when several channels serve a category.
 */
export function routeTicket(category: TicketCategory, queues: readonly SupportQueue[]): SupportQueue | null {
  const byAge = [...queues].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  return (
    byAge.find((queue) => queue.category === category) ??
    byAge.find((queue) => queue.category === ('all' satisfies QueueCategory)) ??
    null
  );
}
