import { httpRoute } from '../../http/route-handler.ts';
import { describePractice } from '../../usecases/practice.ts';

/** GET /practice */
export const handler = httpRoute({ access: 'patient', actingFor: 'any' }, async ({ caller }) => ({
  status: 200,
  body: await describePractice(caller.practice),
}));
