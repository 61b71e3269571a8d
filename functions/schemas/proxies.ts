import * as z from './zod.ts';
import { FreeText, ListQuery, LocalDate, NhsNumber } from './common.ts';
import { Patient, PatientServices } from './patients.ts';

/**
 * Proxy access: a registered patient (a parent, a carer) acting for another patient of the same
 * practice, within the services staff granted (and only while those are enabled for the patient).
 */

export const ProxyParams = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ nhsNumber: NhsNumber, proxyNhsNumber: NhsNumber }),
);

/** GET /staff/patients/{nhsNumber}/proxies */
export const ProxiesQuery = ListQuery;

/** PUT /staff/patients/{nhsNumber}/proxies/{proxyNhsNumber} */
export const PutProxyBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    relationship: FreeText(1, 100).register(z.globalRegistry, {
      description:
        'Who the patient is to the proxy, as the proxy sees it (e.g. mother, son); shown when they switch profile',
      example: 'mother',
    }),
    /** What the proxy may do for the patient: never more than is enabled for the patient. */
    services: PatientServices,
    until: z.optional(LocalDate).register(z.globalRegistry, {
      description: 'The last day of access (practice time zone): it ends after this day, so a past date ends it now',
    }),
  }),
);
export type PutProxyBody = z.infer<typeof PutProxyBody>;

/** A grant as staff see it. */
export const ProxyGrant = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      nhsNumber: z.string().register(z.globalRegistry, { description: 'The patient acted for' }),
      proxyNhsNumber: z.string().register(z.globalRegistry, { description: 'The patient who acts (the proxy)' }),
      proxyName: z.string(),
      relationship: z.string(),
      services: PatientServices,
      until: z.optional(z.string()),
      live: z.boolean().register(z.globalRegistry, { description: 'false once the day `until` has passed' }),
      grantedAt: z.string(),
      updatedAt: z.string(),
    })
    .register(z.globalRegistry, { id: 'ProxyGrant' }),
);
export type ProxyGrant = z.infer<typeof ProxyGrant>;

/** One patient the signed-in patient may act for (GET /me). */
export const ActingFor = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      nhsNumber: z.string(),
      name: z.string(),
      relationship: z.string(),
      services: PatientServices,
      until: z.optional(z.string()),
    })
    .register(z.globalRegistry, {
      id: 'ActingFor',
      description: 'Someone the signed-in patient may act for; `services`: granted and still enabled for them',
    }),
);
export type ActingFor = z.infer<typeof ActingFor>;

/** GET /me: the patient, and (for their own sign-in) whom they may act for. */
export const Me = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      ...z.built(Patient).shape,
      actingFor: z.array(ActingFor).register(z.globalRegistry, {
        description:
          'Patients this person may act for with the Acting-For header (live grants only); empty when acting for someone',
      }),
    })
    .register(z.globalRegistry, { id: 'Me' }),
);
export type Me = z.infer<typeof Me>;
