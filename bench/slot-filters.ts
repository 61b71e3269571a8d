import type { Slot } from '../functions/schemas/slots.ts';
import { expectStatus, type BenchApi } from './api.ts';
import { describeCommands, type CommandLog } from './commands.ts';
import { formatRatio, type Results } from './results.ts';

/** A practice with many clinicians: each a morning of 5-minute slots, two weeks out. */
const CLINICIANS = 20;
const SLOTS_EACH = 50;
/** Items read per item listed by a filtered GET /slots. */
const READ_BUDGET = 2;
const SLOTS_PER_REQUEST = 250;

/**
 * GET /slots with filters: items read (ScannedCount summed over the pages' Queries, counted on the
 * handlers' document client) against items listed, for a clinician among many, a combination, a
 * type, and filters that match nothing (one Query, nothing read). The slots sit two weeks out,
 * outside the window the round-trip section lists.
 */
export async function benchSlotFilters(results: Results, api: BenchApi, log: CommandLog, patient: string) {
  const day = new Date();
  day.setUTCHours(24 * 15, 0, 0, 0);
  const wanted = Array.from({ length: CLINICIANS * SLOTS_EACH }, (_, i) => {
    const clinician = Math.floor(i / SLOTS_EACH);
    const start = new Date(day.getTime() + 7 * 3_600_000 + (i % SLOTS_EACH) * 5 * 60_000);
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + 5 * 60_000).toISOString(),
      clinician: `Filter Clinician ${clinician}`,
      type: clinician % 4 === 0 ? 'Nurse' : 'GP',
      channel: clinician % 3 === 0 ? ('telephone' as const) : ('in-person' as const),
    };
  });
  for (let i = 0; i < wanted.length; i += SLOTS_PER_REQUEST) {
    const body = { slots: wanted.slice(i, i + SLOTS_PER_REQUEST) };
    expectStatus(await api.call('POST', '/staff/slots', { token: api.staffToken, body }), 201, 'publish slots');
  }
  const token = await api.patientToken(patient);
  const from = day.toISOString();
  const to = new Date(day.getTime() + 86_400_000).toISOString();

  const list = async (filters: Record<string, string>) => {
    let pages = 0;
    let listed = 0;
    let nextToken: string | undefined;
    log.take();
    do {
      const query = new URLSearchParams({ from, to, limit: '100', ...filters, ...(nextToken ? { nextToken } : {}) });
      const response = await api.call('GET', `/slots?${query.toString()}`, { token });
      expectStatus(response, 200, 'GET /slots');
      const page = response.json as { items: Slot[]; nextToken?: string };
      pages++;
      listed += page.items.length;
      nextToken = page.nextToken;
    } while (nextToken);
    const commands = log.take();
    const queries = commands.filter((c) => c.command === 'QueryCommand');
    const read = queries.reduce((n, q) => n + (q.scannedCount ?? 0), 0);
    return { pages, listed, read, queries: queries.length, commands };
  };

  results.heading(
    'GET /slots filters: items read vs items listed (ScannedCount over every page, real HTTP through local mode)',
    `${CLINICIANS * SLOTS_EACH} free slots of ${CLINICIANS} clinicians in one day; a FilterExpression on the free-slot index would read all of them`,
  );
  const everything = await list({});
  const cases: [string, Record<string, string>][] = [
    ['clinician (1 of 20)', { clinician: 'filter clinician 7' }],
    ['clinician + channel', { clinician: 'Filter Clinician 9', channel: 'telephone' }],
    ['type', { type: 'Nurse' }],
    ['type + channel', { type: 'Nurse', channel: 'telephone' }],
  ];
  for (const [name, filters] of cases) {
    const r = await list(filters);
    results.add({
      section: 'slot filters',
      name: `GET /slots ${name}`,
      measured: `${r.read} read`,
      baseline: `${r.listed} listed`,
      ratio: r.listed ? r.read / r.listed : undefined,
      budget: `≤ ${formatRatio(READ_BUDGET)}, 1 Query per page`,
      pass: r.listed > 0 && r.read <= READ_BUDGET * r.listed && r.queries === r.pages,
      note: `${describeCommands(r.commands)} over ${r.pages} page${r.pages === 1 ? '' : 's'}; unfiltered: ${everything.read} read`,
    });
  }
  for (const [name, filters] of [
    ['matching nothing (channel)', { channel: 'video' }],
    ['matching nothing (clinician)', { clinician: 'Dr Nobody' }],
  ] as const) {
    const r = await list(filters);
    results.add({
      section: 'slot filters',
      name: `GET /slots ${name}`,
      measured: `${r.queries} Query`,
      baseline: '1 Query',
      ratio: r.queries,
      budget: '1 Query, 0 read, 0 listed',
      pass: r.queries === 1 && r.read === 0 && r.listed === 0,
      note: `${r.read} read; ${describeCommands(r.commands)}`,
    });
  }
}
