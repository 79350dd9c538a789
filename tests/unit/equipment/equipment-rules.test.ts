import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { catalogueOf, DEFAULT_CATALOGUE, EQUIPMENT_KINDS } from '../../../src/domain/equipment/catalogue.js';
import {
  applyChange,
  duplicatesOf,
  holdingOf,
  mayApply,
  needsLaptopFirst,
  requestNumberLabel,
  type EquipmentRequest,
  type EquipmentStatus,
} from '../../../src/domain/equipment/equipment-request.js';
import { DomainError } from '../../../src/domain/shared/errors.js';

function request(overrides: Partial<EquipmentRequest> = {}): EquipmentRequest {
  return {
    id: 'r1',
    number: 7,
    kind: 'headset',
    details: '',
    reason: 'calls from home',
    delivery: { kind: 'home', address: 'Rue du Lac 12, 1003 Lausanne' },
    requesterAadObjectId: 'camille',
    requesterName: 'Camille Rochat',
    requesterLocale: 'fr-CH',
    approverAadObjectId: 'alex',
    status: 'pending_approval',
    duplicateOf: null,
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    source: null,
    assetTag: null,
    serial: null,
    trackingNumber: null,
    queueConversationId: null,
    createdAt: '2026-11-26T08:00:00.000Z',
    updatedAt: '2026-11-26T08:00:00.000Z',
    receivedAt: null,
    returnedAt: null,
    version: 1,
    sourceKey: 'form:1',
    ...overrides,
  };
}

const AT = '2026-11-26T09:00:00.000Z';
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
  return null;
};

describe('equipment request life', () => {
  it('walks from request to return, one version and one event per step', () => {
    let current = request();
    const steps = [
      { action: 'approved', actorAadObjectId: 'alex' },
      { action: 'allocated', actorAadObjectId: 'it', fulfilment: { assetTag: 'HS-1', serial: 'SN1' } },
      { action: 'shipped', actorAadObjectId: 'it', fulfilment: { trackingNumber: '99.60.1' } },
      { action: 'received', actorAadObjectId: 'camille' },
      { action: 'returned', actorAadObjectId: 'camille' },
    ] as const;
    const statuses: EquipmentStatus[] = [];
    for (const [index, step] of steps.entries()) {
      const { request: next, event } = applyChange(current, { ...step, at: AT });
      expect(next.version).toBe(index + 2);
      expect(event).toMatchObject({
        requestId: 'r1',
        version: index + 2,
        action: step.action,
        actorAadObjectId: step.actorAadObjectId,
        at: AT,
      });
      statuses.push(next.status);
      current = next;
    }
    expect(statuses).toEqual(['approved', 'allocated', 'shipped', 'received', 'returned']);
    expect(current).toMatchObject({
      source: 'stock',
      assetTag: 'HS-1',
      serial: 'SN1',
      trackingNumber: '99.60.1',
      decidedBy: 'alex',
      receivedAt: AT,
      returnedAt: AT,
    });
  });

  it('records an ordered device as coming from the supplier', () => {
    const ordered = applyChange(request({ status: 'approved' }), {
      action: 'ordered',
      actorAadObjectId: 'it',
      at: AT,
    }).request;
    const allocated = applyChange(ordered, {
      action: 'allocated',
      actorAadObjectId: 'it',
      at: AT,
      fulfilment: { assetTag: 'SC-1', serial: 'S' },
    });
    expect(allocated.request).toMatchObject({ status: 'allocated', source: 'order' });
  });

  it('refuses a rejection without a comment, and keeps the comment of one with it', () => {
    expect(
      codeOf(() =>
        applyChange(request(), { action: 'rejected', actorAadObjectId: 'alex', at: AT, note: '  ' }),
      ),
    ).toBe('equipment.comment_required');
    const { request: rejected, event } = applyChange(request(), {
      action: 'rejected',
      actorAadObjectId: 'alex',
      at: AT,
      note: 'Use the office headset',
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      decisionComment: 'Use the office headset',
      decidedBy: 'alex',
    });
    expect(event.note).toBe('Use the office headset');
  });

  it('needs asset tag and serial to allocate a device, and only a key id for a licence', () => {
    const approved = request({ status: 'approved' });
    expect(
      codeOf(() =>
        applyChange(approved, {
          action: 'allocated',
          actorAadObjectId: 'it',
          at: AT,
          fulfilment: { serial: 'SN1' },
        }),
      ),
    ).toBe('equipment.asset_required');
    const licence = request({ status: 'approved', kind: 'vpn_licence' });
    expect(
      applyChange(licence, {
        action: 'allocated',
        actorAadObjectId: 'it',
        at: AT,
        fulfilment: { serial: 'KEY-1' },
      }).request.assetTag,
    ).toBeNull();
    expect(
      codeOf(() =>
        applyChange(licence, { action: 'allocated', actorAadObjectId: 'it', at: AT, fulfilment: {} }),
      ),
    ).toBe('equipment.asset_required');
  });

  it('needs a tracking number for a parcel to a home address, not for a site delivery', () => {
    const home = request({ status: 'allocated' });
    expect(codeOf(() => applyChange(home, { action: 'shipped', actorAadObjectId: 'it', at: AT }))).toBe(
      'equipment.tracking_required',
    );
    const toSite = request({ status: 'allocated', delivery: { kind: 'site', siteId: 'S001' } });
    expect(applyChange(toSite, { action: 'shipped', actorAadObjectId: 'it', at: AT }).request.status).toBe(
      'shipped',
    );
  });

  it('refuses changes the status does not allow', () => {
    expect(mayApply(request({ status: 'rejected' }), 'approved')).toBe(false);
    expect(mayApply(request({ status: 'shipped' }), 'withdrawn')).toBe(false);
    expect(mayApply(request({ status: 'approved' }), 'received')).toBe(false);
    expect(
      codeOf(() =>
        applyChange(request({ status: 'approved' }), {
          action: 'approved',
          actorAadObjectId: 'alex',
          at: AT,
        }),
      ),
    ).toBe('equipment.not_allowed_now');
  });

  it('numbers requests EQ-000042', () => {
    expect(requestNumberLabel(42)).toBe('EQ-000042');
  });
});

describe('duplicates, the laptop rule and holdings', () => {
  const held = request({
    id: 'h',
    kind: 'screen',
    status: 'received',
    receivedAt: AT,
    assetTag: 'SC-1',
    serial: 'S1',
  });
  const pending = request({ id: 'p', kind: 'screen', status: 'ordered' });
  const gone = request({ id: 'g', kind: 'screen', status: 'returned' });

  it('points out what is held and what is on the way, not what was returned or refused', () => {
    const finding = duplicatesOf('screen', [
      held,
      pending,
      gone,
      request({ id: 'x', kind: 'screen', status: 'rejected' }),
    ]);
    expect(finding.holds.map((r) => r.id)).toEqual(['h']);
    expect(finding.pending.map((r) => r.id)).toEqual(['p']);
    expect(duplicatesOf('headset', [held, pending])).toEqual({ holds: [], pending: [] });
  });

  it('asks for a laptop first for VPN access without a company laptop held or pending', () => {
    expect(needsLaptopFirst('vpn_token', [])).toBe(true);
    expect(needsLaptopFirst('vpn_licence', [request({ kind: 'laptop', status: 'returned' })])).toBe(true);
    expect(needsLaptopFirst('vpn_token', [request({ kind: 'laptop', status: 'received' })])).toBe(false);
    expect(needsLaptopFirst('vpn_token', [request({ kind: 'laptop', status: 'pending_approval' })])).toBe(
      false,
    );
    expect(needsLaptopFirst('headset', [])).toBe(false);
  });

  it('reads a holding from a received request only', () => {
    expect(holdingOf(held)).toMatchObject({
      requestId: 'h',
      kind: 'screen',
      assetTag: 'SC-1',
      since: AT,
      aadObjectId: 'camille',
    });
    expect(holdingOf(pending)).toBeNull();
  });
});

describe('the catalogue', () => {
  it('offers every kind by default, VPN access needing a laptop', () => {
    expect(DEFAULT_CATALOGUE.items.map((item) => item.kind)).toEqual([...EQUIPMENT_KINDS]);
    expect(DEFAULT_CATALOGUE.items.filter((item) => item.requiresLaptop).map((item) => item.kind)).toEqual([
      'vpn_licence',
      'vpn_token',
    ]);
  });

  it('is configurable, keeps the laptop when VPN access is offered, and refuses unknown kinds', () => {
    expect(catalogueOf(['headset', 'screen']).items.map((item) => item.kind)).toEqual(['headset', 'screen']);
    expect(catalogueOf(['vpn_token', 'headset']).items.map((item) => item.kind)).toEqual([
      'laptop',
      'vpn_token',
      'headset',
    ]);
    expect(codeOf(() => catalogueOf(['tablet']))).toBe('input.invalid');
  });
});

describe('the catalogue setting', () => {
  it('reads CREWDESK_EQUIPMENT_CATALOGUE as the kinds offered, in order, and refuses unknown ones', () => {
    expect(loadConfig({ CREWDESK_EQUIPMENT_CATALOGUE: '' }).equipmentKinds).toBeNull();
    expect(loadConfig({ CREWDESK_EQUIPMENT_CATALOGUE: ' headset, screen ' }).equipmentKinds).toEqual([
      'headset',
      'screen',
    ]);
    expect(() => loadConfig({ CREWDESK_EQUIPMENT_CATALOGUE: 'headset,tablet' })).toThrow(
      /CREWDESK_EQUIPMENT_CATALOGUE/,
    );
  });
});
