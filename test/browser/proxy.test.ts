import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../functions/schemas/record.ts';
import { checkScreen, launchBrowser, openAppPage } from '../support/browser.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

/**
 * Proxy access in the browser: a carer signs in, switches to the profile of the person they care
 * for, and every screen says whose profile is in use while every request is made for that person.
 */
const PRACTICE = 'A99001';
const PATIENT = '9990000018';
const PATIENT_NAME = 'Olivia Bennett';
const CARER = testNhsNumber(900);
const JOURNEY_TIMEOUT = 60_000;

let api: TestApi;
let browser: Browser;
let staff: string;
const problems: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi({ seed: true }), launchBrowser()]);
  staff = await api.tokenFor({ role: 'staff', practice: PRACTICE });
  await registeredPatient(api, {
    staff,
    practice: PRACTICE,
    nhsNumber: CARER,
    name: 'Carl Carer',
    dateOfBirth: '1960-01-01',
    services: { appointments: true, prescriptions: true, record: 'none' },
  });
  const granted = await api.write('PUT', `/staff/patients/${PATIENT}/proxies/${CARER}`, {
    token: staff,
    body: { relationship: 'mother', services: { appointments: true, prescriptions: false, record: 'summary' } },
  });
  expect(granted.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

const openApp = () => openAppPage(browser, `${api.url}/app/`, problems);

/** A screen, photographed under the suite's prefix. */
const screen = (page: Page, name: string, heading: string | RegExp) => checkScreen(page, `proxy-${name}`, heading);

const actingBanner = (page: Page) => page.getByText(`You are acting for ${PATIENT_NAME} (mother).`);

describe('the web app, for a carer with proxy access', () => {
  it(
    'switches profile, shows whose profile is in use on every screen, and switches back',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await openApp();
      await expect.poll(() => page.getByLabel('NHS number').isVisible()).toBe(true);
      await page.getByLabel('NHS number').fill(CARER);
      await page.getByRole('button', { name: 'Sign in as patient' }).click();
      await screen(page, 'home-own', 'Hello, Carl Carer');
      expect(await actingBanner(page).count()).toBe(0);

      await page.getByRole('link', { name: 'Switch profile' }).click();
      await screen(page, 'switch', 'Whose profile do you want to use?');
      await page.getByLabel(`${PATIENT_NAME} (mother)`).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await screen(page, 'home-acting', `Acting for ${PATIENT_NAME}`);
      await expect.poll(() => actingBanner(page).isVisible()).toBe(true);
      // Only what the grant gives: appointments and the record summary, not prescriptions.
      expect(await page.getByRole('link', { name: 'Repeat prescriptions' }).count()).toBe(0);

      await page.getByRole('link', { name: 'Your GP health record' }).click();
      await screen(page, 'record-acting', `${PATIENT_NAME}'s GP health record`);
      await expect.poll(() => actingBanner(page).isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Conditions' }).count()).toBe(0);

      await page.goto(`${api.url}/app/`);
      await expect.poll(() => page.getByRole('button', { name: 'Sign in as patient' }).isVisible()).toBe(true);
      // A reload signs out (tokens live in memory), so sign in again and act for the patient once more.
      await page.getByLabel('NHS number').fill(CARER);
      await page.getByRole('button', { name: 'Sign in as patient' }).click();
      await screen(page, 'home-own', 'Hello, Carl Carer');
      await page.getByRole('link', { name: 'Switch profile' }).click();
      await page.getByLabel(`${PATIENT_NAME} (mother)`).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('link', { name: 'Appointments' }).click();
      await screen(page, 'appointments-acting', 'Your appointments');
      await expect.poll(() => actingBanner(page).isVisible()).toBe(true);

      await page.getByRole('link', { name: 'Switch profile' }).click();
      await page.getByLabel('Your own profile').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await screen(page, 'home-own', 'Hello, Carl Carer');
      expect(await actingBanner(page).count()).toBe(0);

      // The record view was made for the patient, by the carer: the audit trail names both.
      const audit = await api.request<{ items: AuditEntry[] }>('GET', `/staff/audit?nhsNumber=${PATIENT}`, {
        token: staff,
      });
      expect(audit.json.items.find((entry) => entry.action === 'view')).toMatchObject({
        nhsNumber: PATIENT,
        proxyNhsNumber: CARER,
        level: 'summary',
      });
      expect(problems).toEqual([]);
    },
  );
});

describe('the web app, for staff managing proxy access', () => {
  it(
    'lists who may act for a patient, gives a second person access with the form, and revokes it',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const SON = testNhsNumber(901);
      await registeredPatient(api, {
        staff,
        practice: PRACTICE,
        nhsNumber: SON,
        name: 'Sam Bennett',
        dateOfBirth: '1990-02-02',
        services: { appointments: true, prescriptions: true, record: 'none' },
      });

      const page = await openApp();
      await expect.poll(() => page.getByRole('button', { name: 'Sign in as staff' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Sign in as staff' }).click();
      await page
        .getByRole('navigation', { name: 'Practice staff' })
        .getByRole('link', { name: 'Patients', exact: true })
        .click();
      await page.getByLabel('NHS number').fill(PATIENT);
      await page.getByRole('button', { name: 'Find patient' }).click();
      await screen(page, 'staff-patient', PATIENT_NAME);
      const proxies = page.getByRole('table', { name: 'People who may act for this patient' });
      await expect.poll(() => proxies.getByText('Carl Carer').isVisible()).toBe(true);

      await page.getByRole('link', { name: 'Give someone proxy access' }).click();
      await screen(page, 'staff-proxy-form', 'Give someone proxy access');
      await page.getByRole('button', { name: 'Save proxy access' }).click();
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('error-summary');
      await screen(page, 'staff-proxy-form-errors', 'Give someone proxy access');

      await page.getByLabel('Proxy’s NHS number').fill(SON);
      await page.getByLabel(`Who is ${PATIENT_NAME} to them?`).fill('mother');
      await page.getByLabel('Book and cancel appointments').check();
      await page.getByRole('button', { name: 'Save proxy access' }).click();
      await screen(page, 'staff-patient-with-proxies', PATIENT_NAME);
      await expect.poll(() => proxies.getByText('Sam Bennett').isVisible()).toBe(true);
      const granted = await api.request<{ items: { proxyNhsNumber: string; services: unknown }[] }>(
        'GET',
        `/staff/patients/${PATIENT}/proxies`,
        { token: staff },
      );
      expect(granted.json.items.find((grant) => grant.proxyNhsNumber === SON)?.services).toEqual({
        appointments: true,
        prescriptions: false,
        record: 'none',
      });

      await page.getByRole('button', { name: 'Revoke Sam Bennett’s proxy access' }).click();
      await screen(page, 'staff-patient-revoked', PATIENT_NAME);
      await expect.poll(() => proxies.getByText('Sam Bennett').count()).toBe(0);
      expect(problems).toEqual([]);
    },
  );
});
