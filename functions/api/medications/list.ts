import { listRoute } from '../../http/page-token.ts';
import * as medications from '../../routes/medications.ts';
import { listMedications } from '../../usecases/prescriptions.ts';

/** GET /medications: the repeat list, each item with whether it can be ordered now and why not. */
export const handler = listRoute(medications.listMedications, async ({ caller, query }) => ({
  status: 200,
  body: await listMedications(caller, query),
}));
