import * as z from './zod.ts';
import { CalendarDate, FreeText, NhsNumber } from './common.ts';

export const RecordLevel = /* @__PURE__ */ z.lazy(() => z.enum(['none', 'summary', 'detailed']));
export type RecordLevel = z.infer<typeof RecordLevel>;

export const PatientServices = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    appointments: z.boolean(),
    prescriptions: z.boolean(),
    record: RecordLevel,
  }),
);
export type PatientServices = z.infer<typeof PatientServices>;

export const RegisterPatientBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: FreeText(1, 200),
    dateOfBirth: CalendarDate('YYYY-MM-DD from 1900-01-01, not after today in the practice time zone'),
    services: PatientServices,
  }),
);
export type RegisterPatientBody = z.infer<typeof RegisterPatientBody>;

export const Patient = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      nhsNumber: z.string(),
      name: z.string(),
      dateOfBirth: z.string(),
      practice: z.string(),
      services: PatientServices,
    })
    .register(z.globalRegistry, { id: 'Patient' }),
);
export type Patient = z.infer<typeof Patient>;

export const NhsNumberParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ nhsNumber: NhsNumber }));

/** DELETE /staff/patients/{nhsNumber}: why the patient leaves online services. */
export const RemovePatientBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ reason: z.enum(['left-practice', 'deceased', 'other']) }),
);
export type RemovePatientBody = z.infer<typeof RemovePatientBody>;
