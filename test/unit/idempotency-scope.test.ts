import { describe, expect, it } from 'vitest';
import { readIdempotencyClaim } from '../../functions/http/idempotency.ts';
import type { Caller } from '../../functions/schemas/identity.ts';
import { idempotencyKey } from '../../functions/store/idempotency.ts';
import { apiEvent } from '../support/events.ts';

/** The claim a request with `key` makes, built exactly as the HTTP layer builds it. */
function claimOf(caller: Caller, key: string, options: { headers?: Record<string, string>; body?: unknown } = {}) {
  const body = options.body ?? { reason: 'Clinician unwell' };
  const event = apiEvent({
    method: 'POST',
    path: '/staff/appointments/a1/cancel',
    body,
    headers: { 'idempotency-key': key, ...options.headers },
  });
  return readIdempotencyClaim(event, caller, body)!;
}

const pk = (caller: Caller, key: string) => idempotencyKey(claimOf(caller, key))!.PK;

describe('Idempotency-Key scope', () => {
  it('gives a patient and a staff member who share a sub different key spaces', () => {
    const patient: Caller = { role: 'patient', sub: 'same', practice: 'A99001', nhsNumber: '9990000018' };
    const staff: Caller = { role: 'staff', sub: 'same', practice: 'A99001' };
    expect(pk(patient, 'k')).not.toBe(pk(staff, 'k'));
  });

  it('gives one sub at two practices, or as two patients, different key spaces', () => {
    const at = (practice: string): Caller => ({ role: 'staff', sub: 'same', practice });
    expect(pk(at('A99001'), 'k')).not.toBe(pk(at('A99002'), 'k'));
    const as = (nhsNumber: string): Caller => ({ role: 'patient', sub: 'same', practice: 'A99001', nhsNumber });
    expect(pk(as('9990000018'), 'k')).not.toBe(pk(as('9990000026'), 'k'));
  });

  it('cannot be made to collide by shifting characters between the parts of the identity and the key', () => {
    const staff = (sub: string, practice = 'A99001'): Caller => ({ role: 'staff', sub, practice });
    // Joined with a separator, these would all be `…a#b#c…`.
    expect(pk(staff('a#b'), 'c')).not.toBe(pk(staff('a'), 'b#c'));
    expect(pk(staff('x#A99001'), 'k')).not.toBe(pk(staff('x'), 'A99001#k'));
    expect(pk(staff('a#staff'), 'k')).not.toBe(pk(staff('a'), 'staff#k'));
  });

  it('keeps the same identity and key in the same place, and reveals neither the sub nor the NHS number', () => {
    const patient: Caller = { role: 'patient', sub: 'patient-1', practice: 'A99001', nhsNumber: '9990000018' };
    expect(pk(patient, 'k')).toBe(pk({ ...patient }, 'k'));
    expect(pk(patient, 'k')).not.toContain('9990000018');
    expect(pk(patient, 'k')).not.toContain('patient-1');
  });
});

describe('Idempotency-Key fingerprint', () => {
  const staff: Caller = { role: 'staff', sub: 'staff-A99001', practice: 'A99001' };

  it('differs with the patient acted for (Acting-For), not with the order of the body’s fields', () => {
    const own = claimOf(staff, 'k', { body: { reason: 'x', extra: { b: 1, a: 2 } } });
    const reordered = claimOf(staff, 'k', { body: { extra: { a: 2, b: 1 }, reason: 'x' } });
    const forAnother = claimOf(staff, 'k', {
      body: { reason: 'x', extra: { b: 1, a: 2 } },
      headers: { 'acting-for': '9990000026' },
    });
    expect(reordered.fingerprint).toBe(own.fingerprint);
    expect(forAnother.fingerprint).not.toBe(own.fingerprint);
  });
});
