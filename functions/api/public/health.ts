import { httpRoute } from '../../http/route-handler.ts';

/** GET /health: the function is loaded and answering (no dependencies: a liveness check). */
export const handler = httpRoute({ access: 'public' }, () => ({ status: 200, body: { status: 'ok' } }));
