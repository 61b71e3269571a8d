import { httpRoute } from '../../http/route-handler.ts';
import * as practice from '../../routes/practice.ts';
import { describePractice } from '../../usecases/practice.ts';

/** GET /staff/practice: the caller's practice and its current settings. */
export const handler = httpRoute(practice.getStaffPractice, async ({ caller }) => ({
  status: 200,
  body: await describePractice(caller.practice),
}));
