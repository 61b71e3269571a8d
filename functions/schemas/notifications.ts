import * as z from './zod.ts';
import { NhsNumber } from './common.ts';
import { CHANNELS, MESSAGE_KINDS } from './message-kinds.ts';

/**
 * An e-mail address as a mail system takes it: one `@`, a dot-atom local part, and a domain of
 * dot-separated labels ending in a top-level domain; at most 254 characters.
 */
const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const EmailAddress = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.maxLength(254), z.regex(EMAIL_PATTERN, 'must be an e-mail address such as name@example.com'))
    .register(z.globalRegistry, { format: 'email', description: 'E-mail address', example: 'pat@example.com' }),
);

/** A UK mobile number in E.164: +447 and nine more digits. */
export const UkMobile = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.regex(/^\+447\d{9}$/, 'must be a UK mobile number in international format: +447 and 9 more digits'))
    .register(z.globalRegistry, {
      description: 'UK mobile number in E.164 (+447 and 9 digits)',
      example: '+447700900123',
    }),
);

export const NotificationPreferences = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      email: z.nullable(EmailAddress),
      mobile: z.nullable(UkMobile),
      appointmentReminders: z.boolean(),
      statusUpdates: z.boolean(),
    })
    .register(z.globalRegistry, { id: 'NotificationPreferences' }),
);
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** Any subset; `null` removes an address. */
export const UpdateNotificationPreferencesBody = /* @__PURE__ */ z.lazy(() =>
  z.partial(z.built(NotificationPreferences)),
);
export type UpdateNotificationPreferencesBody = z.infer<typeof UpdateNotificationPreferencesBody>;

export const LocalOutboxQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ nhsNumber: z.optional(NhsNumber) }));

export const LocalOutboxMessage = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      messageId: z.string(),
      channel: z.enum(CHANNELS),
      to: z.string(),
      nhsNumber: z.string(),
      kind: z.enum(MESSAGE_KINDS),
      subject: z.optional(z.string()),
      body: z.string(),
      sentAt: z.string(),
    })
    .register(z.globalRegistry, { id: 'LocalOutboxMessage' }),
);

export const LocalOutbox = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(LocalOutboxMessage) }));
