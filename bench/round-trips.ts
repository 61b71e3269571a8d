import type { Slot } from '../functions/schemas/slots.ts';
import { expectStatus, type BenchApi } from './api.ts';
import { describeCommands, type CommandLog, type CommandRecord } from './commands.ts';
import { formatRatio, type Results } from './results.ts';

/** The design: one TransactWriteItems and at most one read (a BatchGetItem) per change. */
const CHANGE_BUDGET = { writes: 1, reads: 1 };
const trips = (n: number) => `${n} trip${n === 1 ? '' : 's'}`;
const READS = new Set(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand']);

function changeCheck(results: Results, name: string, commands: CommandRecord[], expectWrite: boolean): void {
  const writes = commands.filter((c) => c.command === 'TransactWriteItemsCommand').length;
  const reads = commands.filter((c) => READS.has(c.command)).length;
  const other = commands.length - writes - reads;
  const pass =
    (expectWrite ? writes === CHANGE_BUDGET.writes : writes === 0) && reads <= CHANGE_BUDGET.reads && other === 0;
  const budgetTrips = CHANGE_BUDGET.writes + CHANGE_BUDGET.reads;
  results.add({
    section: 'round trips',
    name,
    measured: trips(commands.length),
    baseline: trips(budgetTrips),
    ratio: commands.length / budgetTrips,
    budget: expectWrite ? '1 TransactWriteItems + ≤ 1 read' : '≤ 1 read, no write',
    pass,
    note: describeCommands(commands),
  });
}

/**
 * Section 1: DynamoDB round trips per request, counted on the handlers' own document client
 * while local mode serves real HTTP requests one at a time.
 */
export async function benchRoundTrips(
  results: Results,
  api: BenchApi,
  log: CommandLog,
  input: { patient: string; proxy: string; freeSlots: Slot[]; publishedInWindow: number },
): Promise<void> {
  results.heading(
    'DynamoDB round trips per request (counted on the handlers\u2019 document client, real HTTP through local mode)',
    'baseline = the design: book, cancel, reschedule = 1 TransactWriteItems + at most 1 read; GET /slots = 1 Query per page over free slots only',
  );
  const token = await api.patientToken(input.patient);
  const [a, b, c] = input.freeSlots;
  if (!a || !b || !c) throw new Error('round trips need three free slots');

  const measure = async (
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    status = 201,
    as = token,
  ) => {
    log.take();
    const response = await api.call(method, path, { token: as, body, headers });
    expectStatus(response, status, `${method} ${path}`);
    return { json: response.json as { appointmentId: string }, commands: log.take() };
  };

  const first = await measure('POST', '/appointments', { slotId: a.slotId });
  changeCheck(results, 'POST /appointments', first.commands, true);
  const keyed = await measure('POST', '/appointments', { slotId: b.slotId }, { 'idempotency-key': 'bench-1' });
  changeCheck(results, 'POST /appointments + Idempotency-Key', keyed.commands, true);
  const replay = await measure('POST', '/appointments', { slotId: b.slotId }, { 'idempotency-key': 'bench-1' });
  changeCheck(results, 'POST /appointments replayed', replay.commands, false);
  const cancel = await measure(
    'POST',
    `/appointments/${first.json.appointmentId}/cancel`,
    { reason: 'bench' },
    {},
    200,
  );
  changeCheck(results, 'POST /appointments/{id}/cancel', cancel.commands, true);
  const moved = await measure(
    'POST',
    `/appointments/${keyed.json.appointmentId}/reschedule`,
    { slotId: c.slotId },
    {},
    200,
  );
  changeCheck(results, 'POST /appointments/{id}/reschedule', moved.commands, true);

  // The same changes by a proxy (Acting-For): the grant rides in the change's own BatchGetItem
  // and its ConditionCheck in the same TransactWriteItems, so the budget is the same.
  const [d, e] = input.freeSlots.slice(3);
  if (!d || !e) throw new Error('round trips need two more free slots for the proxy');
  const granted = await api.call('PUT', `/staff/patients/${input.patient}/proxies/${input.proxy}`, {
    token: api.staffToken,
    body: { relationship: 'carer', services: { appointments: true, prescriptions: false, record: 'none' } },
  });
  expectStatus(granted, 201, 'grant proxy access');
  const proxyToken = await api.patientToken(input.proxy);
  const actingFor = { 'acting-for': input.patient };
  const proxyBooked = await measure('POST', '/appointments', { slotId: d.slotId }, actingFor, 201, proxyToken);
  changeCheck(results, 'POST /appointments (proxy)', proxyBooked.commands, true);
  const proxyCancel = await measure(
    'POST',
    `/appointments/${proxyBooked.json.appointmentId}/cancel`,
    { reason: 'bench' },
    actingFor,
    200,
    proxyToken,
  );
  changeCheck(results, 'POST /appointments/{id}/cancel (proxy)', proxyCancel.commands, true);
  const proxyMoved = await measure(
    'POST',
    `/appointments/${moved.json.appointmentId}/reschedule`,
    { slotId: e.slotId },
    actingFor,
    200,
    proxyToken,
  );
  changeCheck(results, 'POST /appointments/{id}/reschedule (proxy)', proxyMoved.commands, true);

  // GET /slots over a 14-day window that holds every slot published, most of them booked by now.
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
  let pages = 0;
  let items = 0;
  const commands: CommandRecord[] = [];
  let queriesPerPageOk = true;
  let nextToken: string | undefined;
  log.take();
  do {
    const query = new URLSearchParams({ from, to, limit: '100', ...(nextToken ? { nextToken } : {}) });
    const response = await api.call('GET', `/slots?${query.toString()}`, { token });
    expectStatus(response, 200, 'GET /slots');
    const page = response.json as { items: Slot[]; nextToken?: string };
    const pageCommands = log.take();
    if (pageCommands.filter((r) => r.command === 'QueryCommand').length !== 1) queriesPerPageOk = false;
    commands.push(...pageCommands);
    pages++;
    items += page.items.length;
    nextToken = page.nextToken;
  } while (nextToken);
  const queries = commands.filter((r) => r.command === 'QueryCommand');
  const count = queries.reduce((n, q) => n + (q.count ?? 0), 0);
  const scanned = queries.reduce((n, q) => n + (q.scannedCount ?? 0), 0);
  results.add({
    section: 'round trips',
    name: `GET /slots Query per page`,
    measured: `${queries.length} Query`,
    baseline: `${pages} pages`,
    ratio: queries.length / pages,
    budget: '1 Query per page',
    pass: queriesPerPageOk,
    note: `${describeCommands(commands)} over ${pages} pages of ≤ 100`,
  });
  const booked = input.publishedInWindow - items;
  results.add({
    section: 'round trips',
    name: 'GET /slots ScannedCount vs Count',
    measured: `${scanned}`,
    baseline: `${count}`,
    ratio: count ? scanned / count : undefined,
    budget: `= ${formatRatio(1)}`,
    pass: count > 0 && scanned === count,
    note: `${items} free slots listed; the window also holds ${booked} booked ones, none of them read`,
  });
}
