import type { RotationAssignment } from './rotation-ports.js';
import type { RotationSwapRequest, SwapRequestStatus } from './swap-request.js';

/** Swap requests of published rotations (issue 7); the Store implements it for every backend. */
export interface RotationSwapRequestRepository {
  insertSwapRequest(request: RotationSwapRequest): Promise<void>;
  findSwapRequest(id: string): Promise<RotationSwapRequest | null>;
  /** Writes only if the stored version is still `expectedVersion`; false when someone was first. */
  updateSwapRequest(request: RotationSwapRequest, expectedVersion: number): Promise<boolean>;
  /** A rotation's requests, newest first; with `aadObjectId`, those where they are requester or partner. */
  listSwapRequests(filter: {
    rotationId: string;
    aadObjectId?: string;
    status?: SwapRequestStatus;
  }): Promise<RotationSwapRequest[]>;
  /**
   * Holds the rotation for the rest of the transaction, so that two approvals of one rotation run
   * one after the other and each checks the rules against the other's result. False when there
   * is no such rotation.
   */
  lockRotation(rotationId: string): Promise<boolean>;
  /** Replaces the assignments of these people in the rotation (the swap's two people). */
  replacePeopleAssignments(
    rotationId: string,
    aadObjectIds: readonly string[],
    assignments: readonly RotationAssignment[],
  ): Promise<void>;
}
