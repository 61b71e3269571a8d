import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, checkScreen, launchBrowser, openAppPage, screenshots, tabTo } from '../support/browser.ts';
import { startTestApi, type TestApi } from '../support/local-api.ts';

const PRACTICE = 'A99001';
const JOURNEY_TIMEOUT = 60_000;

let api: TestApi;
let browser: Browser;
const visited = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi({ seed: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

// The racing booking's 409 is the answer the journey expects.
const openApp = () =>
  openAppPage(browser, `${api.url}/app/`, problems, { expects: (message) => message.text().includes('status of 409') });

const screen = (page: Page, name: string, heading: string | RegExp) => checkScreen(page, name, heading, { visited });

async function signInAsPatient(page: Page, nhsNumber: string): Promise<void> {
  await screen(page, 'sign-in', 'Sign in');
  await expect.poll(() => page.getByLabel('ODS code').inputValue()).toBe(PRACTICE);
  await page.getByLabel('NHS number').fill(nhsNumber);
  await page.getByRole('button', { name: 'Sign in as patient' }).click();
  await screen(page, 'home', /^Hello,/);
}

/** The day list of free times; today's may be over, so it moves on to the next day with any. */
async function firstFreeSlots(page: Page) {
  const list = page.getByRole('list', { name: /^Free appointments on/ });
  const nextFree = page.getByRole('link', { name: /^Go to the next day with free appointments/ });
  await expect.poll(async () => (await list.isVisible()) || (await nextFree.isVisible())).toBe(true);
  if (!(await list.isVisible())) {
    await nextFree.click();
    await expect.poll(() => list.isVisible()).toBe(true);
  }
  return list.getByRole('link');
}

describe('the web app, served by local mode', () => {
  it('answers a deep link under /app/ with the page and its security headers', async () => {
    const response = await fetch(`${api.url}/app/appointments/book?date=2027-01-04`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('/app/main.js');
  });

  it('keeps the API at the root and answers a missing asset with 404', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    expect((await fetch(`${api.url}/app/missing.js`)).status).toBe(404);
    expect((await fetch(`${api.url}/app`, { redirect: 'manual' })).headers.get('location')).toBe('/app/');
  });
});

describe('the web app, for a patient', () => {
  it('signs in, books a slot, sees it, moves it and cancels it', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await signInAsPatient(page, '9990000018');
    await page.getByRole('link', { name: 'Appointments' }).click();
    await screen(page, 'appointments', 'Your appointments');
    await page.getByRole('button', { name: 'Book an appointment' }).click();
    await screen(page, 'choose-slot', 'Choose a time');
    const slots = await firstFreeSlots(page);
    const chosen = (await slots.first().textContent()) ?? '';
    await slots.first().click();

    await screen(page, 'describe', 'What is the appointment about? (optional)');
    await page.getByLabel('What is the appointment about? (optional)').fill('Cough for two weeks');
    await page.getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'check-booking', 'Check your answers before booking');
    await expect.poll(() => page.getByText('Cough for two weeks').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await screen(page, 'booked', 'Appointment booked');

    await page.getByRole('link', { name: 'View your appointments' }).click();
    await screen(page, 'appointments-booked', 'Your appointments');
    expect(await page.getByText('Booked', { exact: true }).count()).toBe(1);
    expect(
      await page.getByRole('heading', { level: 3, name: new RegExp(`at ${chosen.split(',')[0] ?? ''}$`) }).count(),
    ).toBe(1);

    await page.getByRole('link', { name: /^Change time/ }).click();
    await screen(page, 'move-slot', 'Choose a new time');
    const others = await firstFreeSlots(page);
    await others.nth(1).click();
    await screen(page, 'check-move', 'Check your new appointment');
    await page.getByRole('button', { name: 'Move appointment' }).click();
    await screen(page, 'moved', 'Appointment moved');

    await page.getByRole('link', { name: 'View your appointments' }).click();
    await screen(page, 'appointments-moved', 'Your appointments');
    expect(await page.getByText('Cancelled', { exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: /^Cancel appointment/ }).click();
    await screen(page, 'cancel', 'Cancel your appointment');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Enter why you are cancelling' }).isVisible()).toBe(true);
    expect(await axeViolations(page), 'axe on the cancel error').toEqual([]);
    await screenshots(page, 'cancel-error');
    await page.getByLabel('Why are you cancelling?').fill('I feel better');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await screen(page, 'cancelled', 'Appointment cancelled');

    await page.getByRole('link', { name: 'View your appointments' }).click();
    await screen(page, 'appointments', 'Your appointments');
    expect(await page.getByText('Booked', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Cancelled', { exact: true }).count()).toBe(2);
    await page.context().close();
  });

  it('says the slot was just taken when someone else books it first', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await signInAsPatient(page, '9990000026');
    await page.getByRole('link', { name: 'Appointments' }).click();
    await page.getByRole('button', { name: 'Book an appointment' }).click();
    await screen(page, 'choose-slot', 'Choose a time');
    const slot = (await firstFreeSlots(page)).first();
    const slotId = new URL((await slot.getAttribute('href')) ?? '', api.url).searchParams.get('slot');
    await slot.click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'check-booking', 'Check your answers before booking');

    const racer = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000034' });
    const taken = await api.request('POST', '/appointments', { token: racer, body: { slotId } });
    expect(taken.status).toBe(201);

    await page.getByRole('button', { name: 'Book appointment' }).click();
    const message = page.getByRole('alert');
    await expect.poll(() => message.textContent()).toContain('Someone else has just booked this appointment');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('error-summary');
    expect(await axeViolations(page), 'axe on the slot-taken error').toEqual([]);
    await screenshots(page, 'slot-taken');
    await page.context().close();
  });

  it(
    'orders two repeats with a nominated pharmacy, sees the request waiting and withdraws it',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await openApp();
      await signInAsPatient(page, '9990000018');
      await page.getByRole('link', { name: 'Repeat prescriptions' }).click();
      await screen(page, 'prescriptions', 'Repeat prescriptions');
      await page.getByRole('button', { name: 'Order a repeat prescription' }).click();
      await screen(page, 'choose-medicines', 'Which medicines do you need?');
      const orderable = page.getByRole('checkbox', { disabled: false });
      expect(await orderable.count()).toBeGreaterThanOrEqual(2);
      const names = [
        (await orderable.nth(0).getAttribute('id')) ?? '',
        (await orderable.nth(1).getAttribute('id')) ?? '',
      ];
      const labels = await Promise.all(names.map((id) => page.locator(`label[for="${id}"]`).textContent()));
      await orderable.nth(0).check();
      await orderable.nth(1).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await screen(page, 'pharmacy', 'Pharmacy and note');
      await page.getByLabel('Nominated pharmacy code (optional)').fill('fa 123');
      await page.getByLabel('Note for the surgery (optional)').fill('Running low');
      await page.getByRole('button', { name: 'Continue' }).click();
      await screen(page, 'check-order', 'Check your answers before ordering');
      await expect.poll(() => page.getByText('FA123').isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Order prescription' }).click();
      await screen(page, 'ordered', 'Prescription ordered');
      await page.getByRole('link', { name: 'View your requests' }).click();
      await screen(page, 'prescriptions-requested', 'Repeat prescriptions');
      const row = page.getByRole('row').filter({ hasText: labels[0] ?? '' });
      await expect.poll(() => row.getByText('Requested', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => row.getByText(labels[1] ?? '').isVisible()).toBe(true);

      // Ordered items now say why they cannot be ordered again.
      await page.getByRole('button', { name: 'Order a repeat prescription' }).click();
      await screen(page, 'choose-medicines', 'Which medicines do you need?');
      await expect.poll(() => page.getByRole('checkbox', { name: labels[0] ?? '' }).isDisabled()).toBe(true);
      await expect.poll(() => page.getByText('You have already asked for this').count()).toBeGreaterThanOrEqual(2);

      // Withdrawn while it waits: the request says so.
      await page.getByRole('link', { name: 'Back' }).click();
      await screen(page, 'prescriptions-requested', 'Repeat prescriptions');
      await row.getByRole('link').click();
      await screen(page, 'prescription-request', 'Prescription request');
      await page.getByRole('button', { name: 'Withdraw request' }).click();
      await expect.poll(() => page.getByText('Withdrawn', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Withdraw request' }).count()).toBe(0);
      await page.context().close();
    },
  );

  it('views the record at the level the practice has turned on', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await signInAsPatient(page, '9990000018');
    await page.getByRole('link', { name: 'Your GP health record' }).click();
    await screen(page, 'record', 'Your GP health record');
    for (const section of ['Allergies', 'Medicines', 'Conditions', 'Vaccinations', 'Test results']) {
      expect(await page.getByRole('heading', { level: 2, name: section }).isVisible(), section).toBe(true);
    }
    await page.context().close();
  });

  it('books an appointment with the keyboard alone', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await openApp();
    await screen(page, 'sign-in', 'Sign in');
    await tabTo(page, page.getByLabel('NHS number'));
    await page.keyboard.type('9990000018');
    await tabTo(page, page.getByRole('button', { name: 'Sign in as patient' }));
    await page.keyboard.press('Enter');
    await screen(page, 'home', /^Hello,/);
    await tabTo(page, page.getByRole('link', { name: 'Appointments' }));
    await page.keyboard.press('Enter');
    await screen(page, 'appointments', 'Your appointments');
    await tabTo(page, page.getByRole('button', { name: 'Book an appointment' }));
    await page.keyboard.press('Enter');
    await screen(page, 'choose-slot', 'Choose a time');
    const slots = await firstFreeSlots(page);
    await tabTo(page, slots.first());
    await page.keyboard.press('Enter');
    await screen(page, 'describe', 'What is the appointment about? (optional)');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await screen(page, 'check-booking', 'Check your answers before booking');
    await tabTo(page, page.getByRole('button', { name: 'Book appointment' }));
    await page.keyboard.press('Enter');
    await screen(page, 'booked', 'Appointment booked');
    await page.context().close();
  });

  it('raised no script errors and no console errors on any screen', () => {
    expect(problems).toEqual([]);
    expect(visited.size).toBeGreaterThan(10);
  });
});

describe('the web app, for practice staff', () => {
  it(
    'approves one request, rejects another with a reason, issues the approved one; the patient sees each status',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const patient = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000026' });
      const medications = await api.request<{ items: { medicationId: string; name: string; orderable: boolean }[] }>(
        'GET',
        '/medications',
        { token: patient },
      );
      const [first, second] = medications.json.items.filter((item) => item.orderable);
      for (const item of [first, second]) {
        const ordered = await api.request('POST', '/prescriptions', {
          token: patient,
          body: { medicationIds: [item?.medicationId] },
        });
        expect(ordered.status).toBe(201);
      }

      // A record view for the audit to show.
      const viewer = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: '9990000018' });
      expect((await api.request('GET', '/record', { token: viewer })).status).toBe(200);

      const page = await openApp();
      await screen(page, 'sign-in', 'Sign in');
      await page.getByRole('button', { name: 'Sign in as staff' }).click();
      await screen(page, 'staff-home', /Practice staff/);
      await page.getByRole('link', { name: 'Appointments by day' }).click();
      await screen(page, 'staff-day', /Appointments/);
      await page.getByRole('link', { name: 'Back' }).click();
      await page.getByRole('link', { name: 'Prescription requests' }).click();
      await screen(page, 'staff-queue', 'Prescription requests');
      await page.getByRole('button', { name: new RegExp(`^Approve: ${first?.name ?? ''}`) }).click();
      await screen(page, 'staff-queue-approved', 'Prescription requests');
      await page.getByRole('link', { name: new RegExp(`^Reject\\W+${second?.name ?? ''}`) }).click();
      await screen(page, 'staff-reject', /Reject request/);
      await page.getByLabel('Why is it rejected?').fill('Please book a medication review first');
      await page.getByRole('button', { name: 'Reject request' }).click();
      await screen(page, 'staff-queue-rejected', 'Prescription requests');
      await page.getByRole('button', { name: new RegExp(`^Issue: ${first?.name ?? ''}`) }).click();
      await screen(page, 'staff-queue-issued', 'Prescription requests');
      await expect
        .poll(() => page.getByRole('button', { name: new RegExp(`^Issue: ${first?.name ?? ''}`) }).count())
        .toBe(0);

      await page.getByRole('link', { name: 'Back' }).click();
      await page.getByRole('link', { name: 'Record access' }).click();
      await screen(page, 'staff-audit', 'Record access');
      await expect.poll(() => page.getByRole('cell', { name: '9990000018' }).count()).toBeGreaterThan(0);
      await page.context().close();

      const patientPage = await openApp();
      await signInAsPatient(patientPage, '9990000026');
      await patientPage.getByRole('link', { name: 'Repeat prescriptions' }).click();
      await screen(patientPage, 'prescriptions-decided', 'Repeat prescriptions');
      const row = (name: string) => patientPage.getByRole('row').filter({ hasText: name });
      await expect
        .poll(() =>
          row(first?.name ?? '')
            .getByText('Issued', { exact: true })
            .isVisible(),
        )
        .toBe(true);
      await expect
        .poll(() =>
          row(second?.name ?? '')
            .getByText('Rejected', { exact: true })
            .isVisible(),
        )
        .toBe(true);
      await row(second?.name ?? '')
        .getByRole('link')
        .click();
      await screen(patientPage, 'prescription-rejected', 'Prescription request');
      await expect.poll(() => patientPage.getByText('Please book a medication review first').isVisible()).toBe(true);
      await patientPage.context().close();
    },
  );
});
