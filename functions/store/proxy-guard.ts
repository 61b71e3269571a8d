import { AsyncLocalStorage } from 'node:async_hooks';
import { ProblemError } from '../domain/errors.ts';
import type { OnlineService } from '../domain/services.ts';
import { tableName } from './client.ts';
import { grantFrom, grantIsLive, grantKey, type GrantRecord } from './grant-record.ts';
import { guardedPractice } from './registry-guard.ts';
import type { GuardedItem } from './dynamo.ts';
import { RideAlong, type Rider } from './request-guard.ts';

/**
 * A request made with `Acting-For` runs as the patient acted for, and only while the proxy's
 * grant gives it: live (not revoked, not past `until`) and covering the route's service. Like the
 * link guard (store/link-guard.ts), the grant is checked twice over and never in front of the
 * route's own work:
 * - its reads: the grant item rides along with the first BatchGetItem the route makes (it lives in
 *   the patient's partition, beside the profile every patient route reads), or, for a route that
 *   makes none, is read by one GetItem alongside; the answer is withheld unless the grant allows it;
 * - its writes: every transaction the request commits carries a ConditionCheck on the grant, so a
 *   revocation or an end date that lands mid-request commits nothing.
 */
export interface ProxyRequest {
  practice: string;
  /** The patient acted for. */
  nhsNumber: string;
  proxyNhsNumber: string;
  /** The service the route serves; `any`: a live grant suffices (the profile, the practice). */
  service: OnlineService | 'any';
  /** The practice's calendar date now (YYYY-MM-DD), asked once the practice's registry entry has arrived. */
  today: () => string;
}

interface GuardState {
  request: ProxyRequest;
  grant: RideAlong<GrantRecord | undefined>;
}

const current = new AsyncLocalStorage<GuardState>();

/** 403 forbidden: not this patient's proxy (never granted, revoked, ended). */
function notAProxy(): ProblemError {
  return new ProblemError('forbidden', 'You cannot act for this patient: ask their GP surgery for proxy access');
}

const notGranted = (service: OnlineService) =>
  new ProblemError('service-not-enabled', `You have not been given access to this patient's online ${service}`);

/** Whether the grant allows the request: undefined if so, else the refusal. */
function refusal(grant: GrantRecord | undefined, request: ProxyRequest): ProblemError | undefined {
  if (!grant || !grantIsLive(grant, request.today())) return notAProxy();
  const { service } = request;
  if (service === 'any') return undefined;
  const granted = service === 'record' ? grant.services.record !== 'none' : grant.services[service];
  return granted ? undefined : notGranted(service);
}

/** Runs a request's work as the patient acted for, guarded by the proxy's grant (see above). */
export async function withProxyGuard<T>(request: ProxyRequest, work: () => Promise<T>): Promise<T> {
  const state: GuardState = {
    request,
    grant: new RideAlong(grantKey(request.practice, request.nhsNumber, request.proxyNhsNumber), grantFrom),
  };
  return state.grant.guard(current.run(state, work), async (grant) => {
    // Today is the practice's: its registry entry (read alongside, like the grant) says the time zone.
    await guardedPractice(request.practice);
    // A refused grant outranks whatever the route answered, success or refusal.
    const refused = refusal(grant, request);
    if (refused) throw refused;
  });
}

/** For store/read.ts getItems: the grant's key to add to this batch, once per request. */
export function grantRideAlong(): Rider | undefined {
  return current.getStore()?.grant.take();
}

/** The grant of the request's proxy, when the request is made by one (a use case that needs its details). */
export async function actingProxyGrant(): Promise<GrantRecord | undefined> {
  const state = current.getStore();
  if (!state) return undefined;
  const grant = await state.grant.value;
  await guardedPractice(state.request.practice);
  const refused = refusal(grant, state.request);
  if (refused) throw refused;
  return grant;
}

/** The ConditionCheck a proxy request's transactions carry (none outside one). */
export function proxyGuardItems(): GuardedItem[] {
  const state = current.getStore();
  if (!state) return [];
  const { service } = state.request;
  const today = state.request.today();
  const serviceCondition =
    service === 'any'
      ? ''
      : service === 'record'
        ? ' AND services.#service <> :none'
        : ' AND services.#service = :granted';
  return [
    {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: state.grant.key,
          ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(#until) OR #until >= :today)${serviceCondition}`,
          ExpressionAttributeNames: { '#until': 'until', ...(service === 'any' ? {} : { '#service': service }) },
          ExpressionAttributeValues: {
            ':today': today,
            ...(service === 'any' ? {} : service === 'record' ? { ':none': 'none' } : { ':granted': true }),
          },
        },
      },
      onConditionFailed: () => notAProxy(),
    },
  ];
}
