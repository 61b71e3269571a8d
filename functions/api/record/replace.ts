import { httpRoute } from '../../http/route-handler.ts';
import { NhsNumberParams } from '../../schemas/patients.ts';
import { ReplaceRecordBody } from '../../schemas/record.ts';
import { replaceRecord } from '../../usecases/record.ts';

/** PUT /staff/patients/{nhsNumber}/record: load the coded record, replacing what was there. */
export const handler = httpRoute(
  { access: 'staff', params: NhsNumberParams, body: ReplaceRecordBody },
  async ({ caller, params, body }) => ({ status: 200, body: await replaceRecord(caller, params.nhsNumber, body) }),
);
