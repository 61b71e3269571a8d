import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, checkScreen, launchBrowser, openAppPage, screenshots, tabTo } from '../support/browser.ts';
import { registeredPatient, startTestApi, type TestApi } from '../support/local-api.ts';
import { testNhsNumber } from '../support/nhs.ts';

const PRACTICE = 'A99001';
const PATIENT = testNhsNumber(880);
const JOURNEY_TIMEOUT = 60_000;

let api: TestApi;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
  await registeredPatient(api, {
    staff: await api.tokenFor({ role: 'staff', practice: PRACTICE }),
    practice: PRACTICE,
    nhsNumber: PATIENT,
    name: 'Nora Notify',
    dateOfBirth: '1985-03-04',
    services: { appointments: true, prescriptions: true, record: 'summary' },
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

const openApp = () => openAppPage(browser, `${api.url}/app/`, problems);

const screen = (page: Page, name: string, heading: string | RegExp) => checkScreen(page, name, heading);

async function preferences() {
  const token = await api.tokenFor({ role: 'patient', practice: PRACTICE, nhsNumber: PATIENT });
  return (await api.request('GET', '/me/notifications', { token })).json;
}

describe('the notification settings screen', () => {
  it(
    'shows errors by each field, then saves an e-mail, a mobile and the choices',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await openApp();
      await page.getByLabel('NHS number').fill(PATIENT);
      await page.getByRole('button', { name: 'Sign in as patient' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Hello,/ }).isVisible()).toBe(true);
      await page.getByRole('link', { name: 'How we contact you' }).click();
      await screen(page, 'notifications', 'How we contact you');
      expect(await page.getByLabel('Appointment reminders').isChecked()).toBe(true);
      expect(await page.getByLabel('Updates about your appointments and prescriptions').isChecked()).toBe(true);

      await page.getByLabel('Email address').fill('nora@');
      await page.getByLabel('UK mobile phone number').fill('0161 496 0000');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).isVisible()).toBe(true);
      const summary = page.getByRole('alert');
      await expect
        .poll(() => summary.getByRole('link').allTextContents())
        .toEqual([
          'Enter an email address in the correct format, like name@example.com',
          'Enter a UK mobile phone number, like 07700 900123',
        ]);
      // Each message is also by its field, and what was typed is still there.
      await expect.poll(() => page.locator('#email-error').textContent()).toContain('correct format');
      await expect.poll(() => page.locator('#mobile-error').textContent()).toContain('UK mobile');
      expect(await page.getByLabel('Email address').inputValue()).toBe('nora@');
      expect(await page.title()).toMatch(/^Error: /);
      expect(await axeViolations(page), 'axe on the refused form').toEqual([]);
      await screenshots(page, 'notifications-errors');
      expect(await preferences()).toEqual({
        email: null,
        mobile: null,
        appointmentReminders: true,
        statusUpdates: true,
      });

      // Corrected with the keyboard only.
      await summary.getByRole('link', { name: /email address/ }).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('nora@example.com');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('07700 900123');
      await tabTo(page, page.getByLabel('Appointment reminders'));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Save' }));
      await page.keyboard.press('Enter');
      await screen(page, 'notifications-saved', 'Your contact choices have been saved');
      expect(await preferences()).toEqual({
        email: 'nora@example.com',
        mobile: '+447700900123',
        appointmentReminders: false,
        statusUpdates: true,
      });

      await page.getByRole('link', { name: 'Check or change how we contact you' }).click();
      await screen(page, 'notifications', 'How we contact you');
      expect(await page.getByLabel('Email address').inputValue()).toBe('nora@example.com');
      expect(await page.getByLabel('UK mobile phone number').inputValue()).toBe('07700 900123');
      expect(await page.getByLabel('Appointment reminders').isChecked()).toBe(false);
      expect(problems).toEqual([]);
    },
  );
});
