import type { App, Context, Page, SignOutReason } from './app.ts';
import { CognitoAuth, SignInError } from './cognito-auth.ts';
import { h } from './dom.ts';
import type { CognitoRuntimeConfig } from './runtime-config.ts';
import { openSession } from './session.ts';
import { button, heading, insetText, p } from './ui.ts';

/** Where Cognito returns the code and where it lands after signing out (the stack registers both). */
const CALLBACK_PATH = '/app/callback';
const SIGNED_OUT_PATH = '/app/signed-out';

/**
 * Deployed sign-in: anyone not signed in goes straight to Cognito's sign-in page (with Cognito's
 * own session still alive, it answers at once: that is how a reload signs in again), comes back
 * to /app/callback, and lands on the page they first asked for. Signing out ends Cognito's
 * session too and lands on /app/signed-out, which waits for the person to choose to sign in.
 */
export function cognitoSignInScreen(app: App, config: CognitoRuntimeConfig): (context: Context) => Promise<Page> {
  const auth = new CognitoAuth(
    {
      authUrl: config.authUrl,
      clientId: config.clientId,
      issuer: `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`,
      redirectUri: `${location.origin}${CALLBACK_PATH}`,
      signedOutUri: `${location.origin}${SIGNED_OUT_PATH}`,
    },
    {
      fetch: (input, init) => fetch(input, init),
      storage: sessionStorage,
      navigate: (url) => location.assign(url),
      now: () => Date.now(),
      setTimer: (run, ms) => window.setTimeout(run, ms),
      clearTimer: (timer) => window.clearTimeout(timer as number),
    },
  );
  app.useApi(config.apiUrl);
  auth.onTokens = (tokens) => {
    if (tokens && app.session) app.session = { ...app.session, token: tokens.accessToken };
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void auth.refreshIfDue();
  });
  app.onSignOut((why: SignOutReason) => {
    // A token the API refused (expired while the tab slept, say): sign in again through Cognito's
    // session, back to the same page. The person chose to sign out: end Cognito's session too.
    if (why === 'token-refused') void auth.signIn(returnPath());
    else void auth.signOut();
  });

  const signInAgain = (label: string) =>
    button(label, {
      onclick: (event: Event) => {
        (event.currentTarget as HTMLButtonElement).disabled = true;
        void auth.signIn('/app/');
      },
    });

  return async (): Promise<Page> => {
    // Signed in, but this page is for the other role.
    if (app.session) {
      return {
        title: 'You cannot open this page',
        body: [
          heading('You cannot open this page'),
          p('This page is not part of the service you are signed in to.'),
          p(h('a', { href: '/app/' }, 'Go to the home page')),
        ],
      };
    }

    if (location.pathname === SIGNED_OUT_PATH) {
      return {
        title: 'You have signed out',
        body: [
          heading('You have signed out'),
          p('You need to sign in again to use the service.'),
          signInAgain('Sign in'),
        ],
      };
    }

    if (location.pathname === CALLBACK_PATH) {
      let returnTo: string;
      try {
        returnTo = await auth.completeSignIn(new URL(location.href));
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        return {
          title: 'You could not be signed in',
          body: [
            heading('You could not be signed in'),
            p(
              error.reason === 'refused'
                ? 'The sign-in was cancelled or refused.'
                : 'The sign-in took too long or was not started from this page.',
            ),
            signInAgain('Try again'),
          ],
        };
      }
      const claims = auth.claims ?? {};
      const role = claims.role;
      const practice = typeof claims.practice === 'string' ? claims.practice : undefined;
      const nhsNumber = typeof claims.nhs_number === 'string' ? claims.nhs_number : undefined;
      if ((role !== 'patient' && role !== 'staff') || !practice || (role === 'patient' && !nhsNumber)) {
        return notReady(app, role === 'patient');
      }
      await openSession(app, {
        token: auth.accessToken ?? '',
        role,
        practice,
        ...(role === 'patient' && nhsNumber ? { nhsNumber } : {}),
      });
      // In place of the callback, so Back never offers the spent code again.
      app.go(returnTo.startsWith('/app/') ? returnTo : '/app/', true);
      return { title: 'Signing in', body: [heading('Signing in'), p('Loading…')] };
    }

    await auth.signIn(returnPath());
    return {
      title: 'Signing in',
      body: [heading('Signing in'), p('Taking you to the sign-in page…')],
    };
  };
}

/** Where to come back to after signing in: this page, unless it is one of sign-in's own. */
function returnPath(): string {
  const path = location.pathname;
  if (!path.startsWith('/app/') || path === CALLBACK_PATH || path === SIGNED_OUT_PATH) return '/app/';
  return `${path}${location.search}`;
}

/** Signed in to Cognito, but the token carries no API role yet (an unlinked patient, staff without MFA). */
function notReady(app: App, patient: boolean): Page {
  return {
    title: 'You cannot use this service yet',
    body: [
      heading('You cannot use this service yet'),
      insetText(
        patient
          ? 'Your sign-in is not linked to your GP record yet. Your GP surgery gives you a registration letter with the details to link it.'
          : 'Staff must set up an authenticator app for their sign-in before they can use the service. Ask your practice manager.',
      ),
      button('Sign out', { onclick: () => app.signOut() }),
    ],
  };
}
