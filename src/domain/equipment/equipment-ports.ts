import type { EquipmentEvent, EquipmentRequest, EquipmentStatus } from './equipment-request.js';

export interface EquipmentFilter {
  requesterAadObjectId?: string;
  statuses?: readonly EquipmentStatus[];
  limit: number;
}

/** Equipment requests and their history; the Store implements it for every backend. */
export interface EquipmentRepository {
  /** Inserts the request and its first event unless its sourceKey is known; true when inserted. */
  insertRequest(request: EquipmentRequest, event: EquipmentEvent): Promise<boolean>;
  /**
   * Inserts a request with its whole history at once (the demo seed, imports of what people held
   * before Crewdesk) unless its sourceKey is known; true when inserted.
   */
  importRequest(request: EquipmentRequest, events: readonly EquipmentEvent[]): Promise<boolean>;
  findRequest(id: string): Promise<EquipmentRequest | null>;
  findRequestBySourceKey(sourceKey: string): Promise<EquipmentRequest | null>;
  /** The number the next request gets (one more than the highest so far). */
  nextRequestNumber(): Promise<number>;
  /**
   * Writes `request` and appends `event` only if the stored version is still `expectedVersion`;
   * false when someone else changed the request first (nothing is written then).
   */
  updateRequest(request: EquipmentRequest, expectedVersion: number, event: EquipmentEvent): Promise<boolean>;
  /** Newest first. */
  listRequests(filter: EquipmentFilter): Promise<EquipmentRequest[]>;
  /** Oldest first. */
  requestEvents(requestId: string): Promise<EquipmentEvent[]>;
}
