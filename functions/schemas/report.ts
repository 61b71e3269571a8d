import * as z from './zod.ts';
import { Month } from './common.ts';
import { MESSAGE_KINDS, type MessageKind } from './message-kinds.ts';

/** `/staff/reports/monthly/{month}`: a calendar month in the practice's time zone. */
export const ReportMonthParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ month: Month }));
export type ReportMonthParams = z.infer<typeof ReportMonthParams>;

export const ReportFormat = /* @__PURE__ */ z.lazy(() => z.enum(['json', 'csv', 'html']));
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    format: z._default(ReportFormat, 'json').register(z.globalRegistry, {
      description:
        'json (the report), csv (NHS Digital POMI long format, text/csv) or html (one self-contained page with charts)',
    }),
  }),
);
export type ReportQuery = z.infer<typeof ReportQuery>;

/** A whole count; a function, so that a field's own description never lands on every count. */
const count = () => z.number().check(z.int(), z.minimum(0));
const percent = /* @__PURE__ */ z.lazy(() =>
  z
    .nullable(z.number())
    .register(z.globalRegistry, { description: 'Percent, 2 decimals; null when it cannot be computed' }),
);

/** The monthly report of one practice, field for field as the README's report section lists them. */
export const MonthlyReport = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      practice: z.string().register(z.globalRegistry, { description: 'ODS code' }),
      month: z.string().register(z.globalRegistry, { description: 'YYYY-MM, practice time zone' }),
      periodEnd: z.string().register(z.globalRegistry, {
        description: "The month's last calendar day, YYYY-MM-DD (also for a month in progress)",
      }),
      generatedAt: z
        .string()
        .register(z.globalRegistry, { description: 'RFC 3339 UTC; before the end of the month means "to date"' }),
      listSize: count(),
      enabled: z.object({
        appointments: count(),
        prescriptions: count(),
        detailedRecord: count(),
        anyService: count(),
        newInMonth: count(),
      }),
      enabledPct: z.object({
        appointments: percent,
        prescriptions: percent,
        detailedRecord: percent,
        anyService: percent,
      }),
      use: z.object({
        appointmentsBooked: count(),
        appointmentsCancelled: count(),
        prescriptionsOrdered: count(),
        prescriptionItemsOrdered: count(),
        recordViews: count(),
        byProxy: count().register(z.globalRegistry, {
          description: 'Of the counted actions (total), those a proxy did for the patient',
        }),
        total: count(),
      }),
      onboarding: z
        .object({ invitationsIssued: count(), accountsLinked: count() })
        .register(z.globalRegistry, { description: 'Invitations issued and sign-ins linked in the month' }),
      messages: z
        .object({
          sent: z.object(
            Object.fromEntries(MESSAGE_KINDS.map((k) => [k, count()])) as Record<MessageKind, ReturnType<typeof count>>,
          ),
          failed: count(),
        })
        .register(z.globalRegistry, {
          description:
            'Messages to patients (e-mail and SMS) sent in the month, per kind, and given up on after every retry (failed)',
        }),
      growth: z.object({ monthOnMonthPct: percent, yearOnYearPct: percent }),
      target: z.object({ annualGrowthTarget: z.number(), onTrack: z.nullable(z.boolean()) }),
    })
    .register(z.globalRegistry, { id: 'MonthlyReport' }),
);
export type MonthlyReport = z.infer<typeof MonthlyReport>;

/**
 * One month of the 12-month trend the report's HTML page draws, as stored with the report (not
 * part of the API). `noData` marks a month drawn as a gap; `onboarding` is absent from trends
 * stored before it was counted.
 */
export const TrendPoint = /* @__PURE__ */ z.lazy(() =>
  z.object({
    month: z.string(),
    noData: z.optional(z.enum(['not-generated', 'before-first-data'])),
    listSize: z.number(),
    enabled: z.object({
      appointments: z.number(),
      prescriptions: z.number(),
      detailedRecord: z.number(),
      anyService: z.number(),
    }),
    enabledPct: z.object({
      appointments: z.nullable(z.number()),
      prescriptions: z.nullable(z.number()),
      detailedRecord: z.nullable(z.number()),
      anyService: z.nullable(z.number()),
    }),
    use: z.object({
      appointmentsBooked: z.number(),
      appointmentsCancelled: z.number(),
      prescriptionsOrdered: z.number(),
      prescriptionItemsOrdered: z.number(),
      recordViews: z.number(),
      byProxy: z.number(),
      total: z.number(),
    }),
    onboarding: z.optional(z.object({ invitationsIssued: z.number(), accountsLinked: z.number() })),
  }),
);

/** What a report's POMI CSV needs beyond the report, as stored with it: who the practice is and what it offers. */
export const PomiContext = /* @__PURE__ */ z.lazy(() =>
  z.object({
    practice: z.object({
      ods: z.string(),
      name: z.string(),
      regionCode: z.optional(z.string()),
      regionName: z.optional(z.string()),
      subIcbCode: z.optional(z.string()),
      subIcbName: z.optional(z.string()),
    }),
    systemSupplier: z.string(),
    servicesOffered: z.object({ appointments: z.boolean(), prescriptions: z.boolean(), record: z.boolean() }),
  }),
);
