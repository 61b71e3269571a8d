import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock.ts';
import { randomIds } from '../../functions/domain/ids.ts';
import { localMonth } from '../../functions/domain/time.ts';
import type { Patient } from '../../functions/schemas/patients.ts';
import type { MonthlyReport } from '../../functions/schemas/report.ts';
import type {
  InvitationSummary,
  IssuedInvitation,
  LinkedAccount,
  StaffPatient,
} from '../../functions/schemas/linkage.ts';
import { issueInvitation } from '../../functions/usecases/linkage.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * Getting patients online over real HTTP into local mode on DynamoDB Local: staff issue a
 * registration letter's details, a self-created sign-in links itself with them, and from then on
 * acts as that patient until staff unlink it.
 */
const A = 'A99001';
const B = 'A99002';
const DOB = '1980-05-17';

type Problem = { code: string; title: string; detail: string; status: number };
type Page<T> = { items: T[] };

let api: TestApi;
let staffA: string;
let staffB: string;
let next = 300;
let signIns = 0;

const newPatientNumber = () => testNhsNumber(next++);

async function register(nhsNumber: string, practice = A, token = staffA) {
  const res = await api.request('PUT', `/staff/patients/${nhsNumber}`, {
    token,
    body: {
      name: 'Pat Online',
      dateOfBirth: DOB,
      services: { appointments: true, prescriptions: true, record: 'detailed' },
    },
  });
  expect(res.status, `register ${nhsNumber} at ${practice}`).toBe(201);
}

async function invite(nhsNumber: string, token = staffA, headers: Record<string, string> = {}) {
  return api.request<IssuedInvitation & Problem>('POST', `/staff/patients/${nhsNumber}/invitations`, {
    token,
    body: {},
    headers,
  });
}

async function invitationsOf(nhsNumber: string, token = staffA) {
  const res = await api.request<Page<InvitationSummary>>('GET', `/staff/patients/${nhsNumber}/invitations`, { token });
  expect(res.status).toBe(200);
  return res.json.items;
}

/** A dev token for a self-service sign-in: linked or not, as its link record says now. */
async function signInToken(sub: string): Promise<string> {
  const res = await api.request<{ token: string }>('POST', '/dev/token', { body: { role: 'patient', sub } });
  expect(res.status).toBe(200);
  return res.json.token;
}

async function newSignIn(): Promise<{ sub: string; token: string }> {
  const sub = `self-${++signIns}-${randomIds.next()}`;
  return { sub, token: await signInToken(sub) };
}

const letterOf = (issued: IssuedInvitation) => ({
  practice: issued.practice,
  accountId: issued.accountId,
  linkageKey: issued.linkageKey!,
  dateOfBirth: DOB,
});

const link = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  api.request<LinkedAccount & Problem>('POST', '/me/link', { token, body, headers });

/** A registered patient with an open invitation. */
async function invitedPatient() {
  const nhsNumber = newPatientNumber();
  await register(nhsNumber);
  const issued = await invite(nhsNumber);
  expect(issued.status).toBe(201);
  return { nhsNumber, issued: issued.json, letter: letterOf(issued.json) };
}

/** A patient whose own sign-in is linked, and that sign-in's fresh (linked) token. */
async function linkedPatient() {
  const { nhsNumber, letter } = await invitedPatient();
  const { sub, token } = await newSignIn();
  expect((await link(token, letter)).status).toBe(200);
  return { nhsNumber, sub, token: await signInToken(sub) };
}

function expectProblem(res: ApiResponse<Problem>, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.code).toBe(code);
}

/** Changes one character of a letter code to another valid one. */
const alter = (code: string) => (code.startsWith('Z') ? `Y${code.slice(1)}` : `Z${code.slice(1)}`);

beforeAll(async () => {
  api = await startTestApi();
  staffA = await api.tokenFor({ role: 'staff', practice: A });
  staffB = await api.tokenFor({ role: 'staff', practice: B });
});
afterAll(async () => {
  await api?.stop();
});

describe('POST /staff/patients/{nhsNumber}/invitations', () => {
  it('answers 201 with a random account id and linkage key, valid 30 days, and lists it as open without the key', async () => {
    const nhsNumber = newPatientNumber();
    await register(nhsNumber);
    const before = Date.now();
    const res = await invite(nhsNumber);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      invitationId: expect.any(String) as string,
      accountId: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) as string,
      linkageKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) as string,
      practice: A,
      expiresAt: expect.any(String) as string,
    });
    const validFor = new Date(res.json.expiresAt).getTime() - before;
    expect(Math.abs(validFor - 30 * 24 * 3600_000)).toBeLessThan(60_000);
    const [listed] = await invitationsOf(nhsNumber);
    expect(listed).toEqual({
      invitationId: res.json.invitationId,
      accountId: res.json.accountId,
      createdAt: expect.any(String) as string,
      expiresAt: res.json.expiresAt,
      status: 'open',
    });
    expect(JSON.stringify(await invitationsOf(nhsNumber))).not.toContain(res.json.linkageKey);
  });

  it('revokes the older unused invitation when a new one is issued: its details no longer link', async () => {
    const { nhsNumber, issued: first, letter } = await invitedPatient();
    const second = await invite(nhsNumber);
    const statuses = Object.fromEntries((await invitationsOf(nhsNumber)).map((i) => [i.invitationId, i.status]));
    expect(statuses).toEqual({ [first.invitationId]: 'revoked', [second.json.invitationId]: 'open' });
    expectProblem(await link((await newSignIn()).token, letter), 422, 'linkage-failed');
    expect((await link((await newSignIn()).token, letterOf(second.json))).status).toBe(200);
  });

  it('replays a retried issue (same Idempotency-Key) without the key, which is stored only hashed', async () => {
    const nhsNumber = newPatientNumber();
    await register(nhsNumber);
    const first = await invite(nhsNumber, staffA, { 'idempotency-key': `issue-${nhsNumber}` });
    const again = await invite(nhsNumber, staffA, { 'idempotency-key': `issue-${nhsNumber}` });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { linkageKey, ...rest } = first.json;
    expect(linkageKey).toBeDefined();
    expect(again.json).toEqual(rest);
    expect(await invitationsOf(nhsNumber)).toHaveLength(1);
  });

  it('answers 409 already-linked while a sign-in is linked to the patient, and 404 for a patient not registered here', async () => {
    const { nhsNumber } = await linkedPatient();
    expectProblem(await invite(nhsNumber), 409, 'already-linked');
    expectProblem(await invite(newPatientNumber()), 404, 'not-found');
  });
});

describe('staff of another practice, and patients', () => {
  it('are refused every invitation and account route for a patient of this practice', async () => {
    const { nhsNumber, issued } = await invitedPatient();
    expectProblem(await invite(nhsNumber, staffB), 404, 'not-found');
    expectProblem(
      await api.request<Problem>('GET', `/staff/patients/${nhsNumber}/invitations`, { token: staffB }),
      404,
      'not-found',
    );
    expectProblem(
      await api.request<Problem>('DELETE', `/staff/invitations/${issued.invitationId}`, { token: staffB }),
      404,
      'not-found',
    );
    expectProblem(
      await api.request<Problem>('DELETE', `/staff/patients/${nhsNumber}/account`, { token: staffB }),
      404,
      'not-found',
    );
    expect((await invitationsOf(nhsNumber))[0]?.status).toBe('open');

    const patient = await api.tokenFor({ role: 'patient', practice: A, nhsNumber });
    const unlinked = (await newSignIn()).token;
    for (const token of [patient, unlinked]) {
      expectProblem(await invite(nhsNumber, token), 403, 'forbidden');
      expectProblem(
        await api.request<Problem>('DELETE', `/staff/patients/${nhsNumber}/account`, { token }),
        403,
        'forbidden',
      );
    }
    expectProblem(await link(staffA, { ...letterOf(issued) }), 403, 'forbidden');
  });
});

describe('DELETE /staff/invitations/{invitationId}', () => {
  it('answers 204 and the invitation can no longer be used; revoking again is 204 too', async () => {
    const { nhsNumber, issued, letter } = await invitedPatient();
    const path = `/staff/invitations/${issued.invitationId}`;
    expect((await api.request('DELETE', path, { token: staffA })).status).toBe(204);
    expect((await api.request('DELETE', path, { token: staffA })).status).toBe(204);
    expect((await invitationsOf(nhsNumber))[0]?.status).toBe('revoked');
    expectProblem(await link((await newSignIn()).token, letter), 422, 'linkage-failed');
  });
});

describe('an unlinked sign-in', () => {
  it('is refused every patient route but POST /me/link with 403 forbidden', async () => {
    const { token } = await newSignIn();
    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['GET', '/practice', undefined],
      ['GET', '/appointments', undefined],
      ['GET', '/medications', undefined],
      ['GET', '/record', undefined],
      ['POST', '/prescriptions', { medicationIds: ['x'] }],
    ] as const) {
      expectProblem(await api.request<Problem>(method, path, { token, body }), 403, 'forbidden');
    }
  });
});

describe('POST /me/link', () => {
  it('links the sign-in: 200 { practice, nhsNumber }, and its next token acts as that patient', async () => {
    const { nhsNumber, issued, letter } = await invitedPatient();
    const { sub, token } = await newSignIn();
    // Typed as people do: lower case, spaces instead of hyphens, O for 0.
    const typed = {
      ...letter,
      accountId: letter.accountId.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'),
      linkageKey: letter.linkageKey.toLowerCase(),
    };
    const res = await link(token, typed);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ practice: A, nhsNumber });

    const linked = await signInToken(sub);
    const me = await api.request<Patient>('GET', '/me', { token: linked });
    expect(me.status).toBe(200);
    expect(me.json.nhsNumber).toBe(nhsNumber);

    const seen = await api.request<StaffPatient>('GET', `/staff/patients/${nhsNumber}`, { token: staffA });
    expect(seen.json.account).toEqual({ linked: true, linkedAt: expect.any(String) as string });
    expect((await invitationsOf(nhsNumber)).find((i) => i.invitationId === issued.invitationId)?.status).toBe('used');
    // Single use: the same letter does not link another sign-in.
    expectProblem(await link((await newSignIn()).token, letter), 422, 'linkage-failed');
  });

  it('gives one answer, 422 linkage-failed, whichever detail is wrong', async () => {
    const { letter } = await invitedPatient();
    const wrong = [
      { ...letter, practice: B },
      { ...letter, accountId: alter(letter.accountId) },
      { ...letter, accountId: 'not an account id' },
      { ...letter, linkageKey: alter(letter.linkageKey) },
      { ...letter, dateOfBirth: '1980-05-18' },
    ];
    const answers: unknown[] = [];
    for (const body of wrong) {
      const res = await link((await newSignIn()).token, body);
      expectProblem(res, 422, 'linkage-failed');
      answers.push(res.json);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Four of those five named the right account id: one more failure locks it, but not yet.
    expect((await link((await newSignIn()).token, letter)).status).toBe(200);
  });

  it('locks an account id after 5 failures within 24 h (423, even with the right details) until staff issue a new invitation', async () => {
    const { nhsNumber, letter } = await invitedPatient();
    for (let i = 0; i < 5; i++) {
      expectProblem(
        await link((await newSignIn()).token, { ...letter, linkageKey: alter(letter.linkageKey) }),
        422,
        'linkage-failed',
      );
    }
    expectProblem(await link((await newSignIn()).token, letter), 423, 'linkage-locked');
    expect((await invitationsOf(nhsNumber))[0]?.status).toBe('locked');

    const reissued = await invite(nhsNumber);
    expect((await link((await newSignIn()).token, letterOf(reissued.json))).status).toBe(200);
  });

  it('counts concurrent wrong guesses one by one: of 8 at once, at most 5 are answered 422 before the lock', async () => {
    const { nhsNumber, letter } = await invitedPatient();
    const tokens = await Promise.all(Array.from({ length: 8 }, async () => (await newSignIn()).token));
    const answers = await Promise.all(
      tokens.map((token) => link(token, { ...letter, linkageKey: alter(letter.linkageKey) })),
    );
    const failed = answers.filter((r) => r.json.code === 'linkage-failed').length;
    expect(failed).toBeLessThanOrEqual(5);
    for (const r of answers) expect(['linkage-failed', 'linkage-locked', 'unavailable']).toContain(r.json.code);
    if (failed === 5) expect((await invitationsOf(nhsNumber))[0]?.status).toBe('locked');
  });

  it('allows one sign-in 10 failed attempts an hour, whatever account ids: then 429 too-many-requests with Retry-After', async () => {
    const { letter } = await invitedPatient();
    const { token } = await newSignIn();
    for (let i = 0; i < 10; i++) {
      // Each a different (unknown) account id, so no invitation locks.
      const accountId = `${String(i).padStart(4, '0')}-0000-0000`;
      expectProblem(await link(token, { ...letter, accountId }), 422, 'linkage-failed');
    }
    const limited = await link(token, letter);
    expectProblem(limited, 429, 'too-many-requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Another sign-in is not limited, and the letter still works.
    expect((await link((await newSignIn()).token, letter)).status).toBe(200);
  });

  it('links exactly one of two sign-ins racing with the same letter', async () => {
    for (let round = 0; round < 3; round++) {
      const { nhsNumber, letter } = await invitedPatient();
      const racers = await Promise.all([newSignIn(), newSignIn()]);
      const answers = await Promise.all(racers.map(({ token }) => link(token, letter)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
      const winner = racers[answers.findIndex((a) => a.status === 200)]!;
      const loser = racers[answers.findIndex((a) => a.status !== 200)]!;
      const me = await api.request<Patient>('GET', '/me', { token: await signInToken(winner.sub) });
      expect(me.json.nhsNumber).toBe(nhsNumber);
      expectProblem(
        await api.request<Problem>('GET', '/me', { token: await signInToken(loser.sub) }),
        403,
        'forbidden',
      );
    }
  });

  it('answers 409 already-linked to a linked sign-in, whether linked through /me/link or for good', async () => {
    const { token: linkedToken, sub } = await linkedPatient();
    const { letter } = await invitedPatient();
    expectProblem(await link(linkedToken, letter), 409, 'already-linked');
    // Its token from before the link, too: the link record decides.
    expectProblem(await link(await signInToken(sub), letter), 409, 'already-linked');
    const permanent = await api.tokenFor({ role: 'patient', practice: A, nhsNumber: testNhsNumber(0) });
    expectProblem(await link(permanent, letter), 409, 'already-linked');
    // The letter was not spent by those refusals.
    expect((await link((await newSignIn()).token, letter)).status).toBe(200);
  });

  it('replays a retried link (same Idempotency-Key) and links once', async () => {
    const { letter } = await invitedPatient();
    const { token } = await newSignIn();
    const first = await link(token, letter, { 'idempotency-key': 'link-1' });
    const again = await link(token, letter, { 'idempotency-key': 'link-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
  });

  it('refuses an invitation past its 30 days with 422, and lists it as expired', async () => {
    const nhsNumber = newPatientNumber();
    await register(nhsNumber);
    const staff = { role: 'staff' as const, sub: 'staff-A99001', practice: A };
    const old = await issueInvitation(staff, nhsNumber, undefined, {
      clock: fixedClock(new Date(Date.now() - 31 * 24 * 3600_000)),
      ids: randomIds,
    });
    expect((await invitationsOf(nhsNumber))[0]?.status).toBe('expired');
    expectProblem(await link((await newSignIn()).token, letterOf(old.value)), 422, 'linkage-failed');
  });
});

describe('DELETE /staff/patients/{nhsNumber}/account', () => {
  it('unlinks: from the very next request the sign-in’s token reaches nothing, reads and writes alike', async () => {
    const { nhsNumber, sub, token } = await linkedPatient();
    expect((await api.request('GET', '/me', { token })).status).toBe(200);

    const res = await api.request('DELETE', `/staff/patients/${nhsNumber}/account`, { token: staffA });
    expect(res.status).toBe(204);

    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['GET', '/appointments', undefined],
      ['GET', '/record', undefined],
      ['POST', '/appointments', { slotId: 'no-such-slot' }],
    ] as const) {
      expectProblem(await api.request<Problem>(method, path, { token, body }), 403, 'forbidden');
    }
    // Its next token carries no patient; staff see the patient unlinked and may invite again.
    expectProblem(await api.request<Problem>('GET', '/me', { token: await signInToken(sub) }), 403, 'forbidden');
    const seen = await api.request<StaffPatient>('GET', `/staff/patients/${nhsNumber}`, { token: staffA });
    expect(seen.json.account).toEqual({ linked: false });
    expect((await invite(nhsNumber)).status).toBe(201);
    // Unlinking again is a no-op.
    expect((await api.request('DELETE', `/staff/patients/${nhsNumber}/account`, { token: staffA })).status).toBe(204);
  });

  it('never touches a permanently linked sign-in (no link record): it keeps working', async () => {
    const nhsNumber = newPatientNumber();
    await register(nhsNumber);
    const permanent = await api.tokenFor({ role: 'patient', practice: A, nhsNumber });
    expect((await api.request('DELETE', `/staff/patients/${nhsNumber}/account`, { token: staffA })).status).toBe(204);
    expect((await api.request('GET', '/me', { token: permanent })).status).toBe(200);
  });
});

describe('the monthly report', () => {
  it('counts invitations issued and sign-ins linked in the month', async () => {
    const month = localMonth(new Date(), 'Europe/London');
    const report = async () =>
      (await api.request<MonthlyReport>('POST', `/staff/reports/monthly/${month}`, { token: staffA })).json;
    const before = (await report()).onboarding;
    const { nhsNumber } = await linkedPatient();
    await invitedPatient();
    expect((await report()).onboarding).toEqual({
      invitationsIssued: before.invitationsIssued + 2,
      accountsLinked: before.accountsLinked + 1,
    });
    expect(nhsNumber).toBeDefined();
  });
});
