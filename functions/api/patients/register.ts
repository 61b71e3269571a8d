import { httpRoute } from '../../http/route-handler.ts';
import { NhsNumberParams, RegisterPatientBody } from '../../schemas/patients.ts';
import { registerPatient } from '../../usecases/patients.ts';

/** PUT /staff/patients/{nhsNumber}: 201 when newly registered, 200 when updated. */
export const handler = httpRoute(
  { access: 'staff', params: NhsNumberParams, body: RegisterPatientBody },
  async ({ caller, params, body }) => {
    const { patient, created } = await registerPatient(caller.practice, params.nhsNumber, body);
    if (!created) return { status: 200, body: patient };
    return { status: 201, body: patient, headers: { location: `/staff/patients/${patient.nhsNumber}` } };
  },
);
