import { httpRoute } from '../../http/route-handler.ts';
import { PrescriptionIdParams } from '../../schemas/prescriptions.ts';
import { decidePrescription } from '../../usecases/prescriptions.ts';

/** POST /staff/prescriptions/{id}/issue: approved → issued. */
export const handler = httpRoute({ access: 'staff', params: PrescriptionIdParams }, async ({ caller, params }) => ({
  status: 200,
  body: await decidePrescription(caller, params.id, 'issue'),
}));
