import * as z from './zod.ts';
import { CalendarDate, Id, ListQuery, OdsCode, SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE } from './common.ts';
import { Patient } from './patients.ts';

export const InvitationIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ invitationId: Id }));
export type InvitationIdParams = z.infer<typeof InvitationIdParams>;

/** `POST /staff/patients/{nhsNumber}/invitations` takes nothing but an empty object. */
export const IssueInvitationBody = /* @__PURE__ */ z.lazy(() => z.strictObject({}));

export const IssuedInvitation = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      invitationId: z.string(),
      accountId: z.string().register(z.globalRegistry, { description: 'For the letter: XXXX-XXXX-XXXX' }),
      linkageKey: z.optional(
        z.string().register(z.globalRegistry, {
          description:
            'For the letter: XXXX-XXXX-XXXX-XXXX. Shown only in this answer (stored hashed), so absent from an idempotent replay: if the first answer was lost, issue a new invitation',
        }),
      ),
      practice: z.string().register(z.globalRegistry, { description: 'ODS code, for the letter' }),
      expiresAt: z.string().register(z.globalRegistry, { format: 'date-time', description: '30 days after issue' }),
    })
    .register(z.globalRegistry, { id: 'IssuedInvitation' }),
);
export type IssuedInvitation = z.infer<typeof IssuedInvitation>;

export const InvitationSummary = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      invitationId: z.string(),
      accountId: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      status: z.enum(['open', 'used', 'revoked', 'expired', 'locked']),
    })
    .register(z.globalRegistry, { id: 'Invitation' }),
);
export type InvitationSummary = z.infer<typeof InvitationSummary>;

export const InvitationsQuery = ListQuery;
export type InvitationsQuery = z.infer<typeof InvitationsQuery>;

/** What the patient types from their letter. A malformed account id or key is a wrong detail (422), not a 400. */
const LetterCode = /* @__PURE__ */ z.lazy(() =>
  z.string().check(z.minLength(1), z.maxLength(64), z.regex(SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE)),
);

export const LinkAccountBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    practice: OdsCode,
    accountId: LetterCode,
    linkageKey: LetterCode,
    dateOfBirth: CalendarDate('The patient’s date of birth, YYYY-MM-DD'),
  }),
);
export type LinkAccountBody = z.infer<typeof LinkAccountBody>;

export const LinkedAccount = /* @__PURE__ */ z.lazy(() =>
  z.object({ practice: z.string(), nhsNumber: z.string() }).register(z.globalRegistry, { id: 'LinkedAccount' }),
);
export type LinkedAccount = z.infer<typeof LinkedAccount>;

/** `GET /staff/patients/{nhsNumber}`: the patient plus whether a sign-in is linked to them. */
export const StaffPatient = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      ...z.built(Patient).shape,
      account: z.object({ linked: z.boolean(), linkedAt: z.optional(z.string()) }),
    })
    .register(z.globalRegistry, { id: 'StaffPatient' }),
);
export type StaffPatient = z.infer<typeof StaffPatient>;
