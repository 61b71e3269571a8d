import { ApiProblem, retryingFetch } from './api/client.ts';
import type { App, Context, Page, Session } from './app.ts';
import { errorFor } from './app.ts';
import { h } from './dom.ts';
import { cognitoSignInScreen } from './deployed-sign-in.ts';
import { openSession } from './session.ts';
import { runtimeConfig } from './runtime-config.ts';
import { button, heading, p, secondaryButton, textInput } from './ui.ts';

/** What was typed, kept for a re-shown form (never put in the address bar: it is an NHS number). */
let typed: { practice?: string; nhsNumber?: string } = {};

/**
 * POST /dev/token is local mode's own route, absent from the deployed API's document, so it is
 * the one call made without the generated client.
 */
async function devToken(body: { role: Session['role']; practice: string; nhsNumber?: string }): Promise<string> {
  const request = new Request('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const response = await retryingFetch()(request);
  const json = (await response.json()) as { token?: string };
  if (!response.ok || !json.token) throw new ApiProblem({ ...(json as object), status: response.status });
  return json.token;
}

const NHS_NUMBER = /^\d{10}$/;

/** Local sign-in: an ODS code and an NHS number, as a patient or as the practice's staff. */
export function signInScreen(app: App) {
  let deployed: ((context: Context) => Promise<Page>) | undefined;
  return async (context: Context): Promise<Page> => {
    const config = await runtimeConfig();
    // Deployed, the runtime config names Cognito: its sign-in pages instead of this form.
    if (config.signIn === 'cognito') {
      deployed ??= cognitoSignInScreen(app, config);
      return deployed(context);
    }
    const practices = config.practices;
    const form = h(
      'form',
      { novalidate: true, onsubmit: (event: Event) => event.preventDefault() },
      textInput({
        id: 'practice',
        label: 'ODS code',
        hint: 'The code of the GP surgery, for example A99001',
        value: typed.practice ?? practices[0] ?? '',
        error: errorFor(context, 'practice'),
        width: 10,
        attrs: { autocomplete: 'off', spellcheck: 'false' },
      }),
      textInput({
        id: 'nhsNumber',
        label: 'NHS number',
        hint: 'A 10 digit number, like 999 000 0018. Only needed to sign in as a patient.',
        value: typed.nhsNumber ?? '',
        error: errorFor(context, 'nhsNumber'),
        width: 10,
        attrs: { inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
      }),
      h(
        'div',
        { class: 'nhsuk-button-group' },
        button('Sign in as patient', {
          onclick: (event: Event) => void signIn('patient', event.currentTarget as HTMLButtonElement),
        }),
        secondaryButton('Sign in as staff', {
          onclick: (event: Event) => void signIn('staff', event.currentTarget as HTMLButtonElement),
        }),
      ),
    );

    const value = (id: string) =>
      (form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').replace(/\s+/g, '').toUpperCase();

    async function signIn(role: Session['role'], pressed: HTMLButtonElement): Promise<void> {
      const practice = value('practice');
      const nhsNumber = value('nhsNumber');
      const errors = [];
      if (!practice) errors.push({ field: 'practice', message: 'Enter the ODS code of the GP surgery' });
      if (role === 'patient' && !nhsNumber) errors.push({ field: 'nhsNumber', message: 'Enter your NHS number' });
      else if (role === 'patient' && !NHS_NUMBER.test(nhsNumber))
        errors.push({ field: 'nhsNumber', message: 'NHS number must be 10 digits' });
      if (errors.length > 0) {
        typed = { practice, nhsNumber };
        await app.showErrors(errors);
        return;
      }
      await app.submit(pressed, 'Signing in…', async () => {
        const token = await devToken(role === 'patient' ? { role, practice, nhsNumber } : { role, practice });
        await openSession(app, { token, role, practice, ...(role === 'patient' ? { nhsNumber } : {}) });
        typed = {};
        // A deep link opens once signed in; otherwise the home page.
        app.go(location.pathname.startsWith('/app/') ? location.pathname + location.search : '/app/');
      });
    }

    return {
      title: 'Sign in',
      body: [
        heading('Sign in'),
        p(
          "This is the local version of the service. Sign in with any test NHS number registered at the surgery, or as the surgery's staff.",
        ),
        form,
      ],
    };
  };
}
