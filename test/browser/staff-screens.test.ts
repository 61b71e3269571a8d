import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, checkScreen, launchBrowser, openAppPage, screenshots, tabTo } from '../support/browser.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

const PRACTICE = 'A99001';
const JOURNEY_TIMEOUT = 90_000;
const DAY_MS = 86_400_000;
/** Two cores shared with other suites: give each screen time to arrive. */
const POLL = { timeout: 10_000 };

let api: TestApi;
let browser: Browser;
let staffToken: string;
const visited = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi({ seed: true }), launchBrowser()]);
  staffToken = await api.tokenFor({ role: 'staff', practice: PRACTICE });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** Today's date at the practice (Europe/London), and dates counted from it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The Monday after today (at least one day ahead, so no time of it has passed). */
function nextMonday(): string {
  const weekday = (new Date(`${today()}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today(), 7 - weekday);
}
const partsOf = (date: string) => date.split('-').map(Number) as [number, number, number];

/**
 * Expected answers: 409 in the races, 400 for the refused setting, 404 for a patient not yet
 * registered (the search then offers to register them).
 */
const openApp = (path = '/app/') =>
  openAppPage(browser, `${api.url}${path}`, problems, {
    acceptDownloads: true,
    expects: (message) =>
      /status of (409|400)/.test(message.text()) ||
      (/status of 404/.test(message.text()) && message.location().url.includes('/staff/patients/')),
  });

const screen = (page: Page, name: string, heading: string | RegExp) =>
  checkScreen(page, `staff-${name}`, heading, { visited, timeout: POLL.timeout });

async function signInAsStaff(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: 'Sign in as staff' }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Sign in as staff' }).click();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Practice staff' });

async function fillDate(group: Locator, date: string): Promise<void> {
  const [y, m, d] = partsOf(date);
  await group.getByLabel('Day').fill(String(d));
  await group.getByLabel('Month').fill(String(m));
  await group.getByLabel('Year').fill(String(y));
}

async function slotsOf(clinician: string, from: string, to: string) {
  const res = await api.request<{ items: { slotId: string; start: string; status: string }[] }>(
    'GET',
    `/staff/slots?from=${from}T00:00:00Z&to=${to}T00:00:00Z&clinician=${encodeURIComponent(clinician)}&limit=100`,
    { token: staffToken },
  );
  expect(res.status).toBe(200);
  return res.json.items;
}

describe('the web app, for practice staff', () => {
  it('reaches every staff screen from the navigation at 320 px', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await signInAsStaff(page);
    await screen(page, 'home', /Practice staff/);
    await page.setViewportSize({ width: 320, height: 800 });
    for (const [link, heading] of [
      ['Slots', /Slots/],
      ['Patients', 'Find a patient'],
      ['Reports', /Monthly report/],
      ['Settings', /Practice settings/],
      ['Appointments', /Appointments/],
      ['Prescriptions', 'Prescription requests'],
      ['Audit', 'Record access'],
      ['Home', /Practice staff/],
    ] as const) {
      await nav(page).getByRole('link', { name: link, exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).isVisible()).toBe(true);
      expect(await nav(page).getByRole('link', { name: link, exact: true }).getAttribute('aria-current')).toBe('page');
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(
        0,
      );
    }
    await page.getByRole('link', { name: 'Sign out' }).click();
    await expect.poll(() => nav(page).count()).toBe(0);
    await page.context().close();
  });

  it(
    'publishes a weekly pattern week by week: the week with an overlap is refused and says why, and a patient sees the others',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const clinician = 'Dr Pattern Test';
      const monday = nextMonday();
      // Already in the diary: a long slot on the second week's Tuesday, across the pattern's session.
      const clash = await api.write('POST', '/staff/slots', {
        token: staffToken,
        body: {
          slots: [
            {
              start: `${addDays(monday, 8)}T07:00:00Z`,
              end: `${addDays(monday, 8)}T11:00:00Z`,
              clinician,
              type: 'GP',
              channel: 'in-person',
            },
          ],
        },
      });
      expect(clash.status).toBe(201);

      const page = await openApp();
      await signInAsStaff(page);
      await nav(page).getByRole('link', { name: 'Slots', exact: true }).click();
      await screen(page, 'slots', /Slots/);
      await page.getByRole('button', { name: 'Publish a weekly pattern' }).click();
      await screen(page, 'pattern', 'Publish a weekly pattern');

      // Refused before anything is sent: each field says what is wrong.
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('error-summary');
      await expect.poll(() => page.getByRole('link', { name: 'Enter the clinician' }).isVisible()).toBe(true);
      expect(await axeViolations(page), 'axe on the pattern errors').toEqual([]);
      await screenshots(page, 'staff-pattern-errors');

      await page.getByLabel('Clinician').fill(clinician);
      await page.getByLabel('Appointment type').fill('GP');
      await fillDate(page.getByRole('group', { name: 'First day' }), monday);
      await fillDate(page.getByRole('group', { name: 'Last day' }), addDays(monday, 18));
      await page.getByLabel('Session starts').fill('09:00');
      await page.getByLabel('Session ends').fill('10:00');
      await page.getByLabel('Each slot lasts (minutes)').fill('20');
      await page.getByRole('button', { name: 'Continue' }).click();
      await screen(page, 'pattern-check', 'Check the pattern before publishing');
      await expect.poll(() => page.getByText('45 slots in 3 weeks', { exact: false }).isVisible()).toBe(true);

      // Slowed down so each week's progress can be seen.
      await page.route('**/staff/slots', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.getByRole('button', { name: 'Publish 3 weeks' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
        .toMatch(/Publishing week \d of 3/);
      await expect.poll(() => page.getByText('Publishing', { exact: true }).count()).toBeGreaterThan(0);
      await screenshots(page, 'staff-pattern-progress');
      await screen(page, 'pattern-published', 'Some weeks were not published');
      await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
      expect(await page.getByText('2 weeks published, 1 week not published.').isVisible()).toBe(true);
      const rows = page.getByRole('row');
      const week = (n: number) =>
        rows.filter({ hasText: new RegExp(`Week beginning \\w+,? ${Number(addDays(monday, 7 * n).slice(8))} `) });
      await expect.poll(() => week(0).getByText('Published', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => week(2).getByText('Published', { exact: true }).isVisible()).toBe(true);
      expect(await week(1).getByText('Not published', { exact: true }).isVisible()).toBe(true);
      expect(await week(1).textContent()).toMatch(
        new RegExp(`overlaps slots ${clinician} already has: Tuesday \\d+ \\w+ \\d+(:\\d\\d)?[ap]m to`),
      );

      // All or nothing: the refused week has only the slot that was there; the others are whole.
      expect(await slotsOf(clinician, addDays(monday, 7), addDays(monday, 14))).toHaveLength(1);
      expect(await slotsOf(clinician, monday, addDays(monday, 7))).toHaveLength(15);
      expect(await slotsOf(clinician, addDays(monday, 14), addDays(monday, 21))).toHaveLength(15);

      await page.getByRole('link', { name: 'View the published slots' }).click();
      await screen(page, 'slots-published', /Slots/);
      await expect.poll(() => page.getByRole('table', { name: clinician }).getByRole('row').count()).toBe(4);
      await page.context().close();

      const patient = await openApp(`/app/appointments/book?date=${monday}&clinician=${encodeURIComponent(clinician)}`);
      await patient.getByLabel('NHS number').fill('9990000018');
      await patient.getByRole('button', { name: 'Sign in as patient' }).click();
      await expect.poll(() => patient.getByRole('heading', { level: 1, name: 'Choose a time' }).isVisible()).toBe(true);
      const list = patient.getByRole('list', { name: /^Free appointments on/ });
      await expect.poll(() => list.getByRole('link').count()).toBe(3);
      expect(await list.getByRole('link').first().textContent()).toContain(clinician);
      await patient.context().close();
    },
  );

  it(
    'says a slot was just booked instead of withdrawing it, then cancels that appointment',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const clinician = 'Nurse Race Test';
      const date = addDays(nextMonday(), 2);
      const page = await openApp(`/app/staff/slots?date=${date}`);
      await signInAsStaff(page);
      await screen(page, 'slots-day', /Slots/);
      await page.getByRole('button', { name: 'Publish a slot' }).click();
      await screen(page, 'publish-slot', 'Publish a slot');
      await fillDate(page.getByRole('group', { name: 'Date' }), date);
      await page.getByLabel('Start time').fill('14:00');
      await page.getByLabel('Length in minutes').fill('15');
      await page.getByLabel('Clinician').fill(clinician);
      await page.getByLabel('Appointment type').fill('Nurse');
      await page.getByRole('radio', { name: 'Telephone' }).check();
      await page.getByRole('button', { name: 'Publish slot' }).click();
      await screen(page, 'slots-day', /Slots/);
      const [slot] = await slotsOf(clinician, date, addDays(date, 1));
      expect(slot?.status).toBe('free');
      const slotId = slot?.slotId;

      await page
        .getByRole('table', { name: clinician })
        .getByRole('link', { name: /^Withdraw/ })
        .click();
      await screen(page, 'withdraw', 'Withdraw this slot?');

      const racer = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000034' });
      expect((await api.request('POST', '/appointments', { token: racer, body: { slotId } })).status).toBe(201);

      await page.getByRole('button', { name: 'Withdraw slot' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('This slot has just been booked');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('error-summary');
      expect(await axeViolations(page), 'axe on the slot-booked error').toEqual([]);
      await screenshots(page, 'staff-withdraw-booked');

      await page.getByRole('link', { name: 'Back', exact: true }).click();
      await screen(page, 'slots-day', /Slots/);
      await page
        .getByRole('table', { name: clinician })
        .getByRole('link', { name: /^Cancel appointment/ })
        .click();
      await screen(page, 'cancel-appointment', 'Cancel appointment');
      await page.getByLabel('Why is it cancelled?').fill('The nurse is off sick');
      await page.getByRole('button', { name: 'Cancel appointment' }).click();
      await screen(page, 'slots-day', /Slots/);
      await expect
        .poll(() => page.getByRole('table', { name: clinician }).getByText('Free', { exact: true }).isVisible())
        .toBe(true);
      await page.context().close();
    },
  );

  it('publishes a weekly pattern with the keyboard alone', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await tabTo(page, page.getByRole('button', { name: 'Sign in as staff' }));
    await page.keyboard.press('Enter');
    await screen(page, 'home', /Practice staff/);
    await tabTo(page, nav(page).getByRole('link', { name: 'Slots', exact: true }));
    await page.keyboard.press('Enter');
    await screen(page, 'slots', /Slots/);
    await tabTo(page, page.getByRole('button', { name: 'Publish a weekly pattern' }));
    await page.keyboard.press('Enter');
    await screen(page, 'pattern', 'Publish a weekly pattern');
    const from = addDays(nextMonday(), 28);
    const to = addDays(from, 11);
    const type = async (target: Locator, text: string) => {
      await tabTo(page, target);
      await page.keyboard.type(text);
    };
    await type(page.getByLabel('Clinician'), 'Dr Keyboard Only');
    await type(page.getByLabel('Appointment type'), 'GP');
    // Telephone: arrow keys move between radios, as they do for anyone using a keyboard.
    await tabTo(page, page.getByRole('radio', { name: 'In person' }));
    await page.keyboard.press('ArrowDown');
    const first = page.getByRole('group', { name: 'First day' });
    const last = page.getByRole('group', { name: 'Last day' });
    await type(first.getByLabel('Day'), String(partsOf(from)[2]));
    await type(first.getByLabel('Month'), String(partsOf(from)[1]));
    await type(first.getByLabel('Year'), String(partsOf(from)[0]));
    await type(last.getByLabel('Day'), String(partsOf(to)[2]));
    await type(last.getByLabel('Month'), String(partsOf(to)[1]));
    await type(last.getByLabel('Year'), String(partsOf(to)[0]));
    await tabTo(page, page.getByRole('checkbox', { name: 'Friday' }));
    await page.keyboard.press('Space');
    await type(page.getByLabel('Session starts'), '14:00');
    await type(page.getByLabel('Session ends'), '15:00');
    await tabTo(page, page.getByLabel('Each slot lasts (minutes)'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await screen(page, 'pattern-check', 'Check the pattern before publishing');
    expect(await page.getByText('Telephone', { exact: false }).count()).toBeGreaterThan(0);
    await tabTo(page, page.getByRole('button', { name: 'Publish 2 weeks' }));
    await page.keyboard.press('Enter');
    await screen(page, 'pattern-all-published', 'Weekly pattern published');
    expect(await page.getByText('2 weeks published, 0 weeks not published.').isVisible()).toBe(true);
    // Monday to Thursday, two slots each, for two weeks.
    expect(await slotsOf('Dr Keyboard Only', from, addDays(to, 1))).toHaveLength(16);
    await page.context().close();
  });

  it(
    'registers a patient, issues a registration letter that prints without the navigation and links, then unlinks',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const nhsNumber = testNhsNumber(40);
      const page = await openApp();
      await signInAsStaff(page);
      await nav(page).getByRole('link', { name: 'Patients', exact: true }).click();
      await screen(page, 'find-patient', 'Find a patient');
      await page.getByLabel('NHS number').fill('123 456 7890');
      await page.getByRole('button', { name: 'Find patient' }).click();
      await expect.poll(() => page.getByRole('link', { name: /^Enter a valid NHS number/ }).isVisible()).toBe(true);
      await page
        .getByLabel('NHS number')
        .fill(`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`);
      await page.getByRole('button', { name: 'Find patient' }).click();
      await screen(page, 'register', /Register a patient for online services/);
      await page.getByLabel('Full name').fill('Alex Letter');
      await fillDate(page.getByRole('group', { name: 'Date of birth' }), '1984-03-15');
      await page.getByRole('checkbox', { name: 'Repeat prescriptions' }).uncheck();
      await page.getByRole('radio', { name: 'Detailed' }).check();
      await page.getByRole('button', { name: 'Register patient' }).click();
      await screen(page, 'patient', /Alex Letter/);
      await expect.poll(() => page.getByText('Not linked', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText('Detailed GP record').isVisible()).toBe(true);
      expect(nhsNumber).not.toBe('');
      expect(page.url()).not.toContain(nhsNumber);

      await page.getByRole('button', { name: 'Issue a registration letter' }).click();
      await screen(page, 'letter', 'Use your GP surgery’s services online');
      const letter = page.getByRole('article');
      const detail = async (key: string) =>
        ((await letter.locator('.nhsuk-summary-list__row', { hasText: key }).locator('dd').textContent()) ?? '').trim();
      const accountId = await detail('Account ID');
      const linkageKey = await detail('Linkage key');
      expect(accountId).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){2}$/);
      expect(linkageKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      expect(await detail('Practice code')).toBe(PRACTICE);
      expect(await letter.getByText(/A99001/).count()).toBeGreaterThan(0);
      expect(await letter.getByRole('listitem').count()).toBe(4);

      await page.emulateMedia({ media: 'print' });
      expect(await nav(page).isVisible()).toBe(false);
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print this letter' }).isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'Back', exact: true }).isVisible()).toBe(false);
      expect(await letter.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      await page.screenshot({
        path: new URL('../../.screenshots/staff-letter-print.png', import.meta.url).pathname,
        fullPage: true,
      });
      await page.emulateMedia({ media: 'screen' });
      expect(await nav(page).isVisible()).toBe(true);

      // The letter's details link a self-created sign-in.
      const signIn = await api.request<{ token: string }>('POST', '/dev/token', {
        body: { role: 'patient', sub: 'letter-reader' },
      });
      const linked = await api.request('POST', '/me/link', {
        token: signIn.json.token,
        body: { practice: PRACTICE, accountId, linkageKey, dateOfBirth: '1984-03-15' },
      });
      expect(linked.status).toBe(200);

      await page.getByRole('link', { name: 'Back to the patient' }).click();
      await screen(page, 'patient-linked', /Alex Letter/);
      await expect.poll(() => page.getByText('Linked', { exact: true }).isVisible()).toBe(true);
      expect(
        await page.getByRole('row').filter({ hasText: accountId }).getByText('Used', { exact: true }).isVisible(),
      ).toBe(true);
      await page.getByRole('link', { name: /^Unlink/ }).click();
      await screen(page, 'unlink', /^Unlink Alex Letter/);
      await page.getByRole('button', { name: 'Unlink account' }).click();
      await screen(page, 'patient', /Alex Letter/);
      await expect.poll(() => page.getByText('Not linked', { exact: true }).isVisible()).toBe(true);

      // A second letter, then revoked: it can no longer be used.
      await page.getByRole('button', { name: 'Issue a registration letter' }).click();
      await screen(page, 'letter', 'Use your GP surgery’s services online');
      await page.getByRole('link', { name: 'Back to the patient' }).click();
      await screen(page, 'patient', /Alex Letter/);
      await page.getByRole('button', { name: /^Revoke the letter/ }).click();
      await screen(page, 'patient', /Alex Letter/);
      await expect.poll(() => page.getByText('Revoked', { exact: true }).isVisible()).toBe(true);

      // Services changed: prescriptions on.
      await page.getByRole('link', { name: 'Change online services' }).click();
      await screen(page, 'services', /Change details and services/);
      await page.getByRole('checkbox', { name: 'Repeat prescriptions' }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await screen(page, 'patient', /Alex Letter/);
      await expect.poll(() => page.getByText('Repeat prescriptions', { exact: true }).isVisible()).toBe(true);
      await page.context().close();
    },
  );

  it(
    'adds, reviews and stops a repeat medicine and adds an allergy to the record',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await openApp();
      await signInAsStaff(page);
      await nav(page).getByRole('link', { name: 'Patients', exact: true }).click();
      await screen(page, 'find-patient', 'Find a patient');
      await page.getByLabel('NHS number').fill('9990000026');
      await page.getByRole('button', { name: 'Find patient' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Repeat medicines' }).isVisible()).toBe(true);
      await page.getByRole('link', { name: /^Repeat medicines:/ }).click();
      await screen(page, 'medicines', /Repeat medicines/);
      await page.getByRole('button', { name: 'Add a repeat medicine' }).click();
      await screen(page, 'add-medicine', /Add a repeat medicine/);
      await page.getByLabel('Medicine').fill('Testamol 10mg tablets');
      await page.getByLabel('Dosage').fill('One tablet daily');
      await page.getByLabel('Quantity').fill('28');
      await fillDate(page.getByRole('group', { name: 'Next review date' }), addDays(today(), 180));
      await page.getByRole('button', { name: 'Add medicine' }).click();
      await screen(page, 'medicines', /Repeat medicines/);
      const row = page.getByRole('row').filter({ hasText: 'Testamol 10mg tablets' });
      await expect.poll(() => row.getByText('Can be ordered').isVisible()).toBe(true);
      await row.getByRole('link', { name: /^Review/ }).click();
      await screen(page, 'review-medicine', /Review Testamol/);
      await page.getByLabel('Quantity').fill('56');
      await page.getByRole('button', { name: 'Save review' }).click();
      await screen(page, 'medicines', /Repeat medicines/);
      await expect.poll(() => row.getByText('One tablet daily, 56').isVisible()).toBe(true);
      await row.getByRole('link', { name: /^Stop/ }).click();
      await screen(page, 'stop-medicine', /Stop Testamol/);
      await page.getByRole('button', { name: 'Stop medicine' }).click();
      await screen(page, 'medicines', /Repeat medicines/);
      await expect.poll(() => row.getByText('Stopped').isVisible()).toBe(true);

      await page.getByRole('link', { name: 'Back', exact: true }).click();
      await page.getByRole('link', { name: /^Coded record/ }).click();
      await screen(page, 'record', /GP record/);
      await page.getByRole('link', { name: 'Add an allergy' }).click();
      await screen(page, 'add-entry', /Add an allergy/);
      await page.getByLabel('Allergy').fill('Allergy to testing');
      await page.getByRole('button', { name: 'Add allergy' }).click();
      await screen(page, 'record', /GP record/);
      await expect.poll(() => page.getByText('Allergy to testing').isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Remove Allergy to testing' }).click();
      await expect.poll(() => page.getByText('Allergy to testing').count()).toBe(0);
      await page.context().close();
    },
  );

  it('changes a setting, with a refused value explained by its field', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await signInAsStaff(page);
    await nav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await screen(page, 'settings', /Practice settings/);
    const horizon = page.getByLabel('How many days ahead patients can book');
    await horizon.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('error-summary');
    const message = 'Enter how many days ahead patients can book, from 1 to 366';
    expect(await page.getByRole('link', { name: message }).isVisible()).toBe(true);
    expect(await page.locator('#bookingHorizonDays-error').textContent()).toContain(message);
    expect(await axeViolations(page), 'axe on the settings error').toEqual([]);
    await screenshots(page, 'staff-settings-error');
    await page.getByRole('link', { name: message }).click();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('bookingHorizonDays');
    await horizon.fill('35');
    const retention = page.getByLabel('Years to keep the record-access audit');
    expect(await retention.inputValue(), 'kept indefinitely by default').toBe('');
    await retention.fill('8');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await screen(page, 'settings-saved', /Practice settings/);
    expect(await page.getByText('Settings saved').isVisible()).toBe(true);
    const practice = await api.request<{
      settings: { bookingHorizonDays: number; auditRetentionYears: number | null };
    }>('GET', '/staff/practice', { token: staffToken });
    expect(practice.json.settings.bookingHorizonDays).toBe(35);
    expect(practice.json.settings.auditRetentionYears).toBe(8);
    // Emptied again: audit entries are kept indefinitely once more.
    await retention.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await screen(page, 'settings-saved', /Practice settings/);
    const cleared = await api.request<{ settings: { auditRetentionYears: number | null } }>('GET', '/staff/practice', {
      token: staffToken,
    });
    expect(cleared.json.settings.auditRetentionYears).toBeNull();
    await page.context().close();
  });

  it(
    "opens this month's report, downloads its CSV and page, and picks another month",
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await openApp();
      await signInAsStaff(page);
      await nav(page).getByRole('link', { name: 'Reports', exact: true }).click();
      await screen(page, 'reports', /Monthly report/);
      await page.getByRole('link', { name: /^This month/ }).click();
      const [y, m] = partsOf(`${today()}`);
      const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, 15)),
      );
      await screen(page, 'report', monthName);
      expect(await page.getByRole('table', { name: 'Online use' }).isVisible()).toBe(true);

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Download the CSV/ }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe(`report-${PRACTICE}-${today().slice(0, 7)}.csv`);
      const csvText = readFileSync((await csv.path()) ?? '', 'utf8');
      expect(csvText.split('\n')[0]).toContain('report_period_end,region_code');
      expect(csvText).toContain(`,${PRACTICE},`);
      const [html] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Download the report page/ }).click(),
      ]);
      expect(readFileSync((await html.path()) ?? '', 'utf8')).toContain('<svg');

      await page.getByLabel('Month').selectOption({ label: 'January' });
      await page.getByLabel('Year').fill('2026');
      await page.getByRole('button', { name: 'Show report' }).click();
      await screen(page, 'report-january', 'January 2026');
      await page.context().close();
    },
  );

  it('raised no script errors and no console errors on any screen', () => {
    expect(problems).toEqual([]);
    expect(visited.size).toBeGreaterThan(15);
  });
});
