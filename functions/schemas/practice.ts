import * as z from './zod.ts';
import { Decimal, FreeText } from './common.ts';

export const ServicesOffered = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    appointments: z.boolean(),
    prescriptions: z.boolean(),
    record: z.boolean(),
  }),
);

/**
 * How long audit entries written from now on are kept, in whole years; null (the default) keeps
 * them indefinitely. At least a year, so a patient can always ask who saw their record lately;
 * at most 100: the NHS Records Management Code of Practice keeps a GP record, and with it the
 * trail of who saw it, until years after the patient's death, which for a child is most of a
 * century away.
 */
const RETENTION_MESSAGE = 'must be a whole number of years from 1 to 100, or null to keep audit entries indefinitely';
const AuditRetentionYears = /* @__PURE__ */ z.lazy(() =>
  z
    .number()
    .check(z.int(RETENTION_MESSAGE), z.minimum(1, RETENTION_MESSAGE), z.maximum(100, RETENTION_MESSAGE))
    .register(z.globalRegistry, {
      description:
        'Years an audit entry is kept after it is written (whole years, 1 to 100); null keeps them indefinitely. A change applies to entries written from then on',
    }),
);

export const PracticeSettings = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      bookingHorizonDays: z.number().check(z.int(), z.minimum(1), z.maximum(366)),
      maxActiveAppointments: z.number().check(z.int(), z.minimum(1), z.maximum(50)),
      cancellationCutoffMinutes: z.number().check(z.int(), z.minimum(0), z.maximum(10_080)),
      servicesOffered: ServicesOffered,
      listSize: z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)),
      annualGrowthTarget: Decimal(0, 10),
      systemSupplier: FreeText(1, 50)
        .check(z.regex(/^[\p{L}\p{N}]/u, 'must start with a letter or digit'))
        .register(z.globalRegistry, {
          description: 'The GP system supplier named in the POMI CSV; starts with a letter or digit',
        }),
      reminderHoursBefore: z.number().check(z.int(), z.minimum(0), z.maximum(168)).register(z.globalRegistry, {
        description: 'Hours before an appointment its reminder falls due (whole hours, 0 to 168); 0 sends no reminders',
      }),
      auditRetentionYears: z.nullable(AuditRetentionYears),
    })
    .register(z.globalRegistry, { id: 'PracticeSettings' }),
);
export type PracticeSettings = z.infer<typeof PracticeSettings>;

/** The settings' defaults, used until staff change a setting. */
export const DEFAULT_SETTINGS: PracticeSettings = {
  bookingHorizonDays: 28,
  maxActiveAppointments: 2,
  cancellationCutoffMinutes: 60,
  servicesOffered: { appointments: true, prescriptions: true, record: true },
  listSize: 0,
  annualGrowthTarget: 0.1,
  systemSupplier: 'PATIENT-ONLINE',
  reminderHoursBefore: 24,
  auditRetentionYears: null,
};

/** Any subset of the settings; `servicesOffered` may itself be partial. */
export const UpdateSettingsBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    ...z.partial(z.omit(z.built(PracticeSettings), { servicesOffered: true })).shape,
    servicesOffered: z.optional(z.partial(z.built(ServicesOffered))),
  }),
);
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

export const Practice = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      practice: z.string(),
      name: z.string(),
      timeZone: z.string(),
      settings: PracticeSettings,
    })
    .register(z.globalRegistry, { id: 'Practice' }),
);
export type Practice = z.infer<typeof Practice>;
