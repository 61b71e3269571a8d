import { apiClient, ApiProblem, type ApiClient, type Schemas } from './api/client.ts';
import { append, h, type Child } from './dom.ts';
import { messageFor } from './messages.ts';
import { backLink, errorSummary, insetText, type FieldError } from './ui.ts';

/** Someone the signed-in patient may act for (from their own GET /me). */
export type Profile = Schemas['ActingFor'];

/** Who is signed in. Kept in memory only: a reload asks the person to sign in again. */
export interface Session {
  token: string;
  role: 'patient' | 'staff';
  practice: string;
  practiceName: string;
  timeZone: string;
  nhsNumber?: string;
  /** The people this patient may act for, as their own GET /me listed them. */
  profiles?: Profile[];
  /** The profile in use when the patient acts for someone else: every request is made for them. */
  actingFor?: Profile;
}

/** One screen, ready to show. */
export interface Page {
  title: string;
  back?: string;
  body: Child[];
}

export interface Context {
  params: string[];
  query: URLSearchParams;
  /** Errors to show at the top and next to their fields (a refused submission). */
  errors: FieldError[];
}

export type SignOutReason = 'signed-out' | 'token-refused';

export type Screen = (context: Context) => Promise<Page> | Page;

interface Route {
  pattern: RegExp;
  screen: Screen;
  /** Who may open it; public screens have none. */
  role?: Session['role'];
}

const SERVICE = 'Patient Online';

/** The app: the session, the API client, the router and the page shell. */
export class App {
  session: Session | undefined;
  /** The API client: the page's own origin (local mode) until {@link useApi} names another. */
  api: ApiClient = this.clientFor(location.origin);
  private readonly routes: Route[] = [];
  private current: { route: Route; context: Context } | undefined;
  /** Called after each screen is shown (the staff navigation redraws itself this way). */
  readonly shown: (() => void)[] = [];
  private renderCount = 0;

  private signIn: Screen = () => ({ title: 'Sign in', body: [] });
  private endSession: ((why: SignOutReason) => void) | undefined;

  constructor(
    private readonly main: HTMLElement,
    private readonly back: HTMLElement,
  ) {}

  /** The screen shown to anyone not signed in (or signed in with another role). */
  signInWith(screen: Screen): void {
    this.signIn = screen;
  }

  route(path: string, screen: Screen, role?: Session['role']): void {
    const pattern = new RegExp(`^/app${path.replace(/:[a-z]+/gi, '([^/]+)')}/?$`);
    this.routes.push({ pattern, screen, role });
  }

  start(): void {
    window.addEventListener('popstate', () => void this.render());
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
        return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !url.pathname.startsWith('/app/') || link.target) return;
      event.preventDefault();
      this.go(url.pathname + url.search);
    });
    void this.render();
  }

  /** The API at another origin (deployed, the page and the API have their own). */
  useApi(baseUrl: string): void {
    this.api = this.clientFor(baseUrl);
  }

  /** A client sending the session's token and, while a patient acts for someone, `Acting-For`. */
  private clientFor(baseUrl: string): ApiClient {
    return apiClient(
      baseUrl,
      () => this.session?.token,
      () => (this.session?.role === 'patient' ? this.session.actingFor?.nhsNumber : undefined),
    );
  }

  /** What signing out does besides forgetting the session (deployed: Cognito's part). */
  onSignOut(end: (why: SignOutReason) => void): void {
    this.endSession = end;
  }

  /** Opens another screen (a new history entry, or in place of this one). */
  go(path: string, replace = false): void {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    void this.render();
  }

  /** Shows the current screen again with these errors at the top and by their fields. */
  async showErrors(errors: FieldError[]): Promise<void> {
    if (!this.current) return;
    await this.show(this.current.route, { ...this.current.context, errors });
    document.getElementById('error-summary')?.focus();
  }

  /** Runs a submission: the button shows progress and is disabled until the answer arrives. */
  async submit(button: HTMLButtonElement | null, busyText: string, action: () => Promise<void>): Promise<void> {
    const text = button?.textContent ?? '';
    if (button) {
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
      button.textContent = busyText;
    }
    this.main.setAttribute('aria-busy', 'true');
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'unauthenticated') {
        this.signOut('token-refused');
        return;
      }
      await this.showErrors(problemErrors(error));
    } finally {
      this.main.removeAttribute('aria-busy');
      if (button?.isConnected) {
        button.disabled = false;
        button.removeAttribute('aria-disabled');
        button.textContent = text;
      }
    }
  }

  /** Ends the session: the person chose to, or the API no longer accepts the token. */
  signOut(why: SignOutReason = 'signed-out'): void {
    this.session = undefined;
    if (this.endSession) this.endSession(why);
    else this.go('/app/');
  }

  formatDate(
    iso: string,
    options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  ): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: this.session?.timeZone ?? 'Europe/London', ...options }).format(
      new Date(iso),
    );
  }

  formatTime(iso: string): string {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: this.session?.timeZone ?? 'Europe/London',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    })
      .format(new Date(iso))
      .replace(' ', '');
  }

  /** The calendar date (YYYY-MM-DD) of an instant in the practice's time zone. */
  localDate(iso: string | Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.session?.timeZone ?? 'Europe/London' }).format(
      new Date(iso),
    );
  }

  private async render(): Promise<void> {
    const path = location.pathname;
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const context: Context = {
      params: route ? (route.pattern.exec(path)?.slice(1) ?? []) : [],
      query: new URLSearchParams(location.search),
      errors: [],
    };
    if (!this.session || (route?.role && route.role !== this.session.role)) {
      await this.show({ pattern: /.*/, screen: this.signIn }, context);
      return;
    }
    if (!route) {
      await this.show(
        {
          pattern: /.*/,
          screen: () => ({
            title: 'Page not found',
            body: [
              h('h1', { tabindex: '-1' }, 'Page not found'),
              h('p', {}, h('a', { href: '/app/' }, 'Go to the home page')),
            ],
          }),
        },
        context,
      );
      return;
    }
    await this.show(route, context);
  }

  private async show(route: Route, context: Context): Promise<void> {
    const count = ++this.renderCount;
    this.current = { route, context };
    this.main.setAttribute('aria-busy', 'true');
    const loading = window.setTimeout(() => {
      if (count === this.renderCount)
        this.replace(this.main, [h('p', { class: 'nhsuk-body', role: 'status' }, 'Loading…')]);
    }, 150);
    let page: Page;
    try {
      page = await route.screen(context);
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'unauthenticated') {
        window.clearTimeout(loading);
        this.signOut('token-refused');
        return;
      }
      page = {
        title: 'Sorry, there is a problem',
        body: [
          h('h1', { tabindex: '-1' }, 'Sorry, there is a problem'),
          h('p', { class: 'nhsuk-body' }, messageFor(error)),
          h('p', {}, h('a', { href: '/app/' }, 'Go to the home page')),
        ],
      };
    }
    window.clearTimeout(loading);
    // A later navigation has already replaced this one.
    if (count !== this.renderCount) return;
    this.main.removeAttribute('aria-busy');
    document.title = `${context.errors.length > 0 ? 'Error: ' : ''}${page.title} - ${SERVICE}`;
    this.replace(this.back, page.back ? [backLink(page.back)] : []);
    this.replace(this.main, [
      context.errors.length > 0 ? errorSummary(context.errors) : null,
      actingBanner(this.session),
      ...page.body,
    ]);
    for (const listener of this.shown) listener();
    const target =
      context.errors.length > 0 ? document.getElementById('error-summary') : this.main.querySelector<HTMLElement>('h1');
    target?.focus();
  }

  private replace(parent: HTMLElement, children: Child[]): void {
    parent.replaceChildren();
    append(parent, children);
  }
}

/** On every screen while a patient acts for someone else: whose profile is in use, and the way back. */
function actingBanner(session: Session | undefined): HTMLElement | null {
  const profile = session?.role === 'patient' ? session.actingFor : undefined;
  if (!profile) return null;
  return insetText(
    h(
      'p',
      { class: 'nhsuk-body', id: 'acting-for' },
      'You are acting for ',
      h('strong', {}, profile.name),
      ` (${profile.relationship}). `,
      h('a', { href: '/app/profiles' }, 'Switch profile'),
    ),
  );
}

/**
 * Errors from a failed call, for the error summary: a validation failure names each field
 * (its `errors[].path` is the field's id), anything else is one sentence chosen by its code.
 */
export function problemErrors(error: unknown): FieldError[] {
  if (error instanceof ApiProblem && error.code === 'validation-failed' && error.problem.errors?.length) {
    return error.problem.errors.map((item) => ({ field: item.path.split('.')[0] || undefined, message: item.message }));
  }
  if (error instanceof ApiProblem && error.code === 'medication-not-orderable') {
    return [{ field: 'medication', message: messageFor(error) }];
  }
  return [{ message: messageFor(error) }];
}

/** The message for one field, if the summary has one for it. */
export function errorFor(context: Context, field: string): string | undefined {
  return context.errors.find((error) => error.field === field)?.message;
}
