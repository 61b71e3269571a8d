import { httpRoute } from '../../http/route-handler.ts';
import * as publicRoutes from '../../routes/public.ts';

/** GET /health: the function is loaded and answering (no dependencies: a liveness check). */
export const handler = httpRoute(publicRoutes.getHealth, () => ({ status: 200, body: { status: 'ok' } }));
