import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import {
  InvitationIdParams,
  InvitationSummary,
  InvitationsQuery,
  IssueInvitationBody,
  IssuedInvitation,
  LinkAccountBody,
  LinkedAccount,
} from '../schemas/linkage.ts';
import { NhsNumberParams } from '../schemas/patients.ts';

/*
 * Getting patients online: registration letters (invitations) and linking a sign-in to its patient.
 * Handlers: functions/api/linkage/.
 */

export const issueInvitation = /* @__PURE__ */ defineRoute({
  operationId: 'issueInvitation',
  method: 'POST',
  path: '/staff/patients/{nhsNumber}/invitations',
  access: 'staff',
  entry: 'api/linkage/issue.ts',
  table: 'read-write',
  summary:
    'Issue a registration letter’s details (account ID, linkage key), valid 30 days, single use; revokes the patient’s older unused invitation',
  request: { params: NhsNumberParams, body: IssueInvitationBody },
  response: {
    status: 201,
    description: 'The letter’s details; the linkage key is shown only here',
    schema: IssuedInvitation,
  },
  errors: ['already-linked'],
  tags: ['staff', 'onboarding'],
});

export const listInvitations = /* @__PURE__ */ defineRoute({
  operationId: 'listInvitations',
  method: 'GET',
  path: '/staff/patients/{nhsNumber}/invitations',
  access: 'staff',
  entry: 'api/linkage/list.ts',
  table: 'read',
  summary: 'A patient’s invitations, newest first, with their status (never the key)',
  request: { params: NhsNumberParams, query: InvitationsQuery },
  response: { status: 200, description: 'A page of invitations', schema: /* @__PURE__ */ listOf(InvitationSummary) },
  tags: ['staff', 'onboarding'],
});

export const revokeInvitation = /* @__PURE__ */ defineRoute({
  operationId: 'revokeInvitation',
  method: 'DELETE',
  path: '/staff/invitations/{invitationId}',
  access: 'staff',
  entry: 'api/linkage/revoke.ts',
  table: 'read-write',
  summary: 'Revoke an unused invitation (a used or revoked one stays as it is)',
  request: { params: InvitationIdParams },
  response: { status: 204, description: 'Revoked' },
  tags: ['staff', 'onboarding'],
});

export const unlinkAccount = /* @__PURE__ */ defineRoute({
  operationId: 'unlinkAccount',
  method: 'DELETE',
  path: '/staff/patients/{nhsNumber}/account',
  access: 'staff',
  entry: 'api/linkage/unlink.ts',
  table: 'read-write',
  summary: 'Unlink the patient’s sign-in: from its next request its tokens reach nothing',
  request: { params: NhsNumberParams },
  response: { status: 204, description: 'Unlinked (or nothing was linked)' },
  tags: ['staff', 'onboarding'],
});

export const linkAccount = /* @__PURE__ */ defineRoute({
  operationId: 'linkAccount',
  method: 'POST',
  path: '/me/link',
  access: 'patient',
  actingFor: false,
  allowUnlinked: true,
  entry: 'api/linkage/link.ts',
  table: 'read-write',
  summary:
    'Link the caller’s own sign-in (not yet linked) to a patient with the registration letter’s details and the date of birth',
  request: { body: LinkAccountBody },
  response: {
    status: 200,
    description: 'Linked: the next token of this sign-in carries practice and nhs_number',
    schema: LinkedAccount,
  },
  errors: ['already-linked', 'linkage-failed', 'linkage-locked', 'too-many-requests'],
  tags: ['patient', 'onboarding'],
});
