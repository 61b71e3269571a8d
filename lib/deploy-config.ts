import * as z from '../functions/schemas/zod.ts';
import { PracticeListSchema, type PracticeConfig } from '../functions/schemas/practice-config.ts';

/**
 * The deploy configuration: cdk.json context `patientOnline`, each field overridable on the
 * command line (`-c alarmEmail=ops@example.nhs.uk`, `-c corsOrigins=https://a.example,https://b.example`,
 * `-c practices='[{"ods":"A12345","name":"…"}]'`, or the whole object as `-c patientOnline='{…}'`).
 */
export interface DeployConfig {
  practices: PracticeConfig[];
  /** Browser origins allowed to call the API (CORS). Empty (the default): no CORS configuration. */
  corsOrigins: string[];
  /** Where the Hosted UI may send the authorization code (patient and staff frontends). */
  callbackUrls: string[];
  /** Alarm notifications go here; empty (the default): the topic has no subscription. */
  alarmEmail: string;
  /** Hosted UI domain prefix (unique per region); default `patient-online-<account id>`. */
  authDomainPrefix?: string;
  /**
   * The address patients' e-mails come from: an Amazon SES identity verified in the deploy region
   * (the address or its domain). Empty (the default): no e-mail channel, e-mail messages are dropped.
   */
  emailFrom: string;
  /** The alphanumeric sender id text messages show (3-11 characters, a letter among them); empty: none. */
  smsSenderId: string;
  /** An SES configuration set for the e-mails (delivery and bounce events); optional. */
  sesConfigurationSet?: string;
}

const isLocalhost = (url: URL) => url.hostname === 'localhost' || url.hostname === '127.0.0.1';

const parseUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

const Origin = z.string().check(
  z.refine((value) => {
    const url = parseUrl(value);
    return (
      url !== undefined &&
      (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(url))) &&
      `${url.protocol}//${url.host}` === value
    );
  }, 'must be an https origin without path or trailing slash, e.g. https://app.example.nhs.uk (http only for localhost)'),
);

// Cognito accepts http callback URLs only for localhost; fragments are never allowed.
const CallbackUrl = z.string().check(
  z.refine((value) => {
    const url = parseUrl(value);
    return (
      url !== undefined &&
      url.hash === '' &&
      (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(url)))
    );
  }, 'must be an absolute https URL without a #fragment, e.g. https://app.example.nhs.uk/callback (http only for localhost)'),
);

const ALARM_EMAIL_MESSAGE = 'must be an e-mail address, or "" for no alarm e-mails';
const EMAIL_FROM_MESSAGE =
  'must be the e-mail address patients\' messages come from (an SES identity), or "" for no e-mail';

const DeployConfigSchema = z.strictObject({
  practices: PracticeListSchema,
  corsOrigins: z._default(z.array(Origin), []),
  callbackUrls: z
    .array(CallbackUrl)
    .check(z.minLength(1, 'at least one callback URL (the Hosted UI redirects there after sign-in)')),
  alarmEmail: z._default(z.union([z.literal(''), z.email(ALARM_EMAIL_MESSAGE)], ALARM_EMAIL_MESSAGE), ''),
  emailFrom: z._default(z.union([z.literal(''), z.email(EMAIL_FROM_MESSAGE)], EMAIL_FROM_MESSAGE), ''),
  smsSenderId: z._default(
    z
      .string()
      .check(
        z.regex(
          /^$|^(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{3,11}$/,
          'must be 3 to 11 letters or digits with at least one letter (an SMS sender id), or "" for none',
        ),
      ),
    '',
  ),
  sesConfigurationSet: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, - and _)')),
  ),
  authDomainPrefix: z.optional(
    z.string().check(
      z.regex(
        /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'must be lower-case letters, digits and hyphens (1-63), not starting or ending with a hyphen',
      ),
      z.refine(
        (p) => !/aws|amazon|cognito/.test(p),
        'must not contain "aws", "amazon" or "cognito" (Cognito refuses them)',
      ),
    ),
  ),
});

const FIELDS = [
  'practices',
  'corsOrigins',
  'callbackUrls',
  'alarmEmail',
  'authDomainPrefix',
  'emailFrom',
  'smsSenderId',
  'sesConfigurationSet',
] as const;
type Field = (typeof FIELDS)[number];
const LIST_FIELDS: ReadonlySet<Field> = new Set(['corsOrigins', 'callbackUrls']);

export type DeployConfigResult = { ok: true; config: DeployConfig } | { ok: false; errors: string[] };

/**
 * Validates the deploy configuration. `context` is the `patientOnline` context value (an object
 * from cdk.json, or a JSON string from `-c patientOnline=…`); `overrides` are single fields given
 * with `-c`, as the CDK CLI passes them (strings). Every mistake becomes one readable line.
 */
export function parseDeployConfig(
  context: unknown,
  overrides: Partial<Record<Field, unknown>> = {},
): DeployConfigResult {
  const errors: string[] = [];
  let base: unknown = context;
  if (typeof base === 'string') {
    try {
      base = JSON.parse(base);
    } catch {
      return { ok: false, errors: ['patientOnline: the -c value is not valid JSON'] };
    }
  }
  if (base === undefined) base = {};
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    return {
      ok: false,
      errors: ['patientOnline: must be an object with practices, corsOrigins, callbackUrls and alarmEmail'],
    };
  }
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const field of FIELDS) {
    const value = overrides[field];
    if (value === undefined) continue;
    const parsed = fromCommandLine(field, value);
    if (parsed.ok) merged[field] = parsed.value;
    else errors.push(parsed.error);
  }
  if (errors.length > 0) return { ok: false, errors };

  const result = DeployConfigSchema.safeParse(merged);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => {
        const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
        const missing = issue.path.length > 0 && valueAt(merged, issue.path) === undefined;
        const message = missing && issue.code !== 'custom' ? 'is required' : issue.message;
        return `patientOnline${where}: ${message}`;
      }),
    };
  }
  return { ok: true, config: result.data };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `-c` values arrive as strings: lists as JSON or comma-separated, practices as JSON. */
function fromCommandLine(field: Field, value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof value !== 'string') return { ok: true, value };
  const text = value.trim();
  if (field === 'practices' || (LIST_FIELDS.has(field) && text.startsWith('['))) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, error: `-c ${field}: not valid JSON` };
    }
  }
  if (LIST_FIELDS.has(field)) {
    return { ok: true, value: text === '' ? [] : text.split(',').map((s) => s.trim()) };
  }
  return { ok: true, value: text };
}

export const CONFIG_FIELDS = FIELDS;
