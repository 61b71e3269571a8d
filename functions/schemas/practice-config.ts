import * as z from './zod.ts';
import { FreeText } from './common.ts';

/**
 * A practice a stack serves, as the practice registry in the table holds it. The deploy
 * configuration (cdk.json context `patientOnline.practices`) seeds the registry on each deploy and
 * each local start; an admin changes it through PUT /admin/practices/{ods}. Both are validated
 * by these same rules, so both say the same thing about the same mistake.
 */
export const PracticeConfigSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    ods: z
      .string()
      .check(z.regex(/^[A-Z][0-9A-Z]{5}$/, 'an ODS practice code: a letter and five letters or digits, e.g. A99001')),
    name: FreeText(1, 200),
    timeZone: z._default(
      z.string().check(z.refine(isTimeZone, 'an IANA time zone such as Europe/London')),
      'Europe/London',
    ),
    regionCode: z.optional(FreeText(1, 100)),
    regionName: z.optional(FreeText(1, 200)),
    subIcbCode: z.optional(FreeText(1, 100)),
    subIcbName: z.optional(FreeText(1, 200)),
  }),
);

export type PracticeConfig = z.infer<typeof PracticeConfigSchema>;

export const PracticeListSchema = /* @__PURE__ */ z.lazy(() =>
  z.array(PracticeConfigSchema).check(
    z.minLength(1, 'at least one practice'),
    z.refine((list) => new Set(list.map((p) => p.ods)).size === list.length, 'ODS codes must be unique'),
  ),
);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What an admin sends to add or change a practice (the ODS code is in the path). */
export const PracticeEntrySchema = /* @__PURE__ */ z.lazy(() => z.omit(z.built(PracticeConfigSchema), { ods: true }));
