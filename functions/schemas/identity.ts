import * as z from './zod.ts';
import { FreeText, NhsNumber, OdsCode } from './common.ts';

export const Role = /* @__PURE__ */ z.lazy(() => z.enum(['patient', 'staff', 'admin']));
export type Role = z.infer<typeof Role>;

/**
 * The one claim shape every handler sees, whether Cognito's pre-token trigger or
 * local mode's /dev/token put it there. Other claims (iss, exp, scope…) are ignored.
 */
export const Claims = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('role', [
    // A patient sign-in: linked (practice and nhs_number) or not yet (neither). `linked_at` marks a
    // sign-in the patient linked themselves, whose link is checked on every request.
    z
      .object({
        sub: z.string().check(z.minLength(1)),
        role: z.literal('patient'),
        practice: z.optional(OdsCode),
        nhs_number: z.optional(NhsNumber),
        linked_at: z.optional(z.string().check(z.minLength(1))),
      })
      .check(
        z.refine(
          (c) => (c.practice === undefined) === (c.nhs_number === undefined),
          'practice and nhs_number go together',
        ),
        z.refine((c) => c.linked_at === undefined || c.practice !== undefined, 'linked_at needs a link'),
      ),
    z.object({ sub: z.string().check(z.minLength(1)), role: z.literal('staff'), practice: OdsCode }),
    // The stack's operator: manages the practices it serves and reads reports across them; no practice.
    z.object({ sub: z.string().check(z.minLength(1)), role: z.literal('admin') }),
  ]),
);
export type Claims = z.infer<typeof Claims>;

/**
 * The authenticated caller, in domain terms. A patient caller is a linked sign-in; `linkedAt` is
 * set when the patient linked it themselves (its link must still stand on each request), absent
 * for a permanently linked one.
 */
export type Caller =
  | {
      role: 'patient';
      sub: string;
      practice: string;
      /** The patient the request is for: the sign-in's own, or the one named by Acting-For. */
      nhsNumber: string;
      linkedAt?: string;
      /** Set when a proxy acts for the patient (Acting-For): the proxy, who is recorded as having done it. */
      proxy?: { nhsNumber: string };
    }
  | { role: 'staff'; sub: string; practice: string }
  | { role: 'admin'; sub: string; practice?: undefined };
export type PatientCaller = Extract<Caller, { role: 'patient' }>;
export type StaffCaller = Extract<Caller, { role: 'staff' }>;
export type AdminCaller = Extract<Caller, { role: 'admin' }>;

/** A patient sign-in, linked or not (only POST /me/link accepts an unlinked one). */
export type PatientSignIn =
  PatientCaller | { role: 'patient'; sub: string; practice?: undefined; nhsNumber?: undefined; linkedAt?: undefined };

/**
 * `staff` needs `practice`; `admin` takes neither practice nor NHS number. `patient` with `practice` and `nhsNumber`: a permanently linked
 * sign-in; with only `sub`: a self-service sign-in, linked or not as its link record says.
 */
export const DevTokenBody = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      role: Role,
      practice: z.optional(OdsCode),
      nhsNumber: z.optional(NhsNumber),
      sub: z.optional(FreeText(1, 128)),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.role === 'admin') {
          for (const field of ['practice', 'nhsNumber'] as const) {
            if (body[field] !== undefined)
              ctx.addIssue({ code: 'custom', path: [field], message: 'is not taken by an admin token' });
          }
        }
        if (body.role === 'staff' && body.practice === undefined) {
          ctx.addIssue({ code: 'custom', path: ['practice'], message: 'is required for a staff token' });
        }
        if (body.role === 'patient' && body.practice !== undefined && body.nhsNumber === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['nhsNumber'],
            message: 'is required with practice for a patient token',
          });
        }
        if (body.role === 'patient' && body.practice === undefined && body.nhsNumber !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['practice'],
            message: 'is required with nhsNumber for a patient token',
          });
        }
        if (body.role === 'patient' && body.practice === undefined && body.sub === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['sub'],
            message: 'is required for a patient sign-in without practice',
          });
        }
      }),
    ),
);
export type DevTokenBody = z.infer<typeof DevTokenBody>;

export const DevTokenResponse = /* @__PURE__ */ z.lazy(() =>
  z.object({ token: z.string(), expiresIn: z.number().check(z.int()) }),
);
