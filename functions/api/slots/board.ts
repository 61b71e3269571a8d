import { listRoute } from '../../http/page-token.ts';
import * as slots from '../../routes/slots.ts';
import { slotBoard } from '../../usecases/practice-operations.ts';

/** GET /staff/slots?from&to&clinician: the slot board of a window of at most 14 days. */
export const handler = listRoute(slots.listSlotBoard, async ({ caller, query }) => ({
  status: 200,
  body: await slotBoard(caller, query),
}));
