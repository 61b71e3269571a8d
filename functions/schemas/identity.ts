import * as z from './zod.ts';
import { FreeText, NhsNumber, OdsCode } from './common.ts';

export const Role = z.enum(['patient', 'staff']);
export type Role = z.infer<typeof Role>;

/**
 * The one claim shape every handler sees, whether Cognito's pre-token trigger or
 * local mode's /dev/token put it there. Other claims (iss, exp, scope…) are ignored.
 */
export const Claims = z.discriminatedUnion('role', [
  z.object({
    sub: z.string().check(z.minLength(1)),
    role: z.literal('patient'),
    practice: OdsCode,
    nhs_number: NhsNumber,
  }),
  z.object({ sub: z.string().check(z.minLength(1)), role: z.literal('staff'), practice: OdsCode }),
]);
export type Claims = z.infer<typeof Claims>;

/** The authenticated caller, in domain terms. */
export type Caller =
  | { role: 'patient'; sub: string; practice: string; nhsNumber: string }
  | { role: 'staff'; sub: string; practice: string };
export type PatientCaller = Extract<Caller, { role: 'patient' }>;
export type StaffCaller = Extract<Caller, { role: 'staff' }>;

export const DevTokenBody = z
  .strictObject({
    role: Role,
    practice: OdsCode,
    nhsNumber: z.optional(NhsNumber),
    sub: z.optional(FreeText(1, 128)),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.role === 'patient' && body.nhsNumber === undefined) {
        ctx.addIssue({ code: 'custom', path: ['nhsNumber'], message: 'is required for a patient token' });
      }
    }),
  );
export type DevTokenBody = z.infer<typeof DevTokenBody>;

export const DevTokenResponse = z.object({ token: z.string(), expiresIn: z.number().check(z.int()) });
