import * as z from './zod.ts';
import { PracticeConfigSchema, PracticeEntrySchema } from './practice-config.ts';
import { ListQuery } from './common.ts';
import { MonthlyReport } from './report.ts';

/** `{ods}`: the same rule, with the same message, as the deploy configuration's practice list. */
export const AdminPracticeParams = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ ods: z.built(PracticeConfigSchema).shape.ods }),
);
export type AdminPracticeParams = z.infer<typeof AdminPracticeParams>;

/** PUT /admin/practices/{ods}: the practice's details, validated as the deploy configuration's are. */
export const PutPracticeBody = PracticeEntrySchema;
export type PutPracticeBody = z.infer<typeof PutPracticeBody>;

export const AdminPracticesQuery = ListQuery;
export type AdminPracticesQuery = z.infer<typeof AdminPracticesQuery>;

export const RegisteredPractice = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      ods: z.string(),
      name: z.string(),
      timeZone: z.string(),
      regionCode: z.optional(z.string()),
      regionName: z.optional(z.string()),
      subIcbCode: z.optional(z.string()),
      subIcbName: z.optional(z.string()),
      source: z.enum(['config', 'admin']).register(z.globalRegistry, {
        description:
          'config: as the deploy configuration added it; admin: an admin changed it since (deploys leave it)',
      }),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .register(z.globalRegistry, { id: 'RegisteredPractice', description: 'A practice the stack serves' }),
);
export type RegisteredPractice = z.infer<typeof RegisteredPractice>;

export const AdminReportQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    format: z._default(z.enum(['json', 'csv']), 'json').register(z.globalRegistry, {
      description: 'json (the summed figures) or csv (the NHS Digital POMI rows of every practice, text/csv)',
    }),
  }),
);
export type AdminReportQuery = z.infer<typeof AdminReportQuery>;

/** The all-practices summary of a month: every figure summed over the practices it covers. */
export const ReportSummary = /* @__PURE__ */ z.lazy(() => {
  const { enabled, enabledPct, use, growth } = z.built(MonthlyReport).shape;
  return z
    .object({
      month: z.string(),
      periodEnd: z.string(),
      generatedAt: z.string(),
      practices: z.number().check(z.int(), z.minimum(0)),
      listSize: z.number().check(z.int(), z.minimum(0)),
      enabled,
      enabledPct,
      use,
      usePerService: z.object({
        appointments: z.number(),
        prescriptions: z.number(),
        detailedRecord: z.number(),
      }),
      growth,
    })
    .register(z.globalRegistry, {
      id: 'ReportSummary',
      description: 'A month summed over every practice the stack serves (growth over those with the earlier figure)',
    });
});
