import { httpRoute } from '../../http/route-handler.ts';
import * as record from '../../routes/record.ts';
import { replaceRecord } from '../../usecases/record.ts';

/** PUT /staff/patients/{nhsNumber}/record: load the coded record, replacing what was there. */
export const handler = httpRoute(record.replaceRecord, async ({ caller, params, body, idempotency }) => {
  const { value, replayed } = await replaceRecord(caller, params.nhsNumber, body, idempotency);
  return { status: 200, body: value, replayed };
});
