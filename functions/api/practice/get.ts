import { httpRoute } from '../../http/route-handler.ts';
import * as practice from '../../routes/practice.ts';
import { describePractice } from '../../usecases/practice.ts';

/** GET /practice */
export const handler = httpRoute(practice.getPractice, async ({ caller }) => ({
  status: 200,
  body: await describePractice(caller.practice),
}));
