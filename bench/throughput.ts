import type { PatientCaller } from '../functions/schemas/identity.ts';
import type { Slot } from '../functions/schemas/slots.ts';
import { bookAppointment } from '../functions/usecases/appointments.ts';
import { runOnPractice } from '../functions/usecases/deps.ts';
import { PRACTICE, type BenchApi } from './api.ts';
import type { CommandLog, CommandRecord } from './commands.ts';
import { profileWhile, type ProfileLine } from './profile.ts';
import { formatMs, formatRate, formatRatio, median, type Results } from './results.ts';

export const THROUGHPUT_BUDGET = 0.6;
/** Bookings per patient in this section (the practice's limit is raised above it). */
export const BOOKINGS_PER_PATIENT = 40;
/** Concurrent clients: one alone (latency-bound), a busy surgery, and a burst. */
export const CONCURRENCY_LEVELS = [1, 16, 64] as const;

export interface ThroughputPlan {
  /** Measured bookings per side (HTTP, direct) at each concurrency level. */
  requests: number;
  /** Unmeasured bookings per side first (JIT, connections, DynamoDB Local warm-up). */
  warmup: number;
  levels: readonly number[];
}

/**
 * Each client's bookings at one level: a warm-up phase, two measured halves (ABBA order) and one
 * spare half for a profiling run should the budget be missed.
 */
function phases(plan: ThroughputPlan, concurrency: number) {
  const warmup = Math.ceil(plan.warmup / concurrency);
  const half = Math.ceil(plan.requests / concurrency / 2);
  return { warmup, half, perClient: warmup + 3 * half };
}

/** Slots one side needs at one level. */
const levelSlots = (plan: ThroughputPlan, c: number) => phases(plan, c).perClient * c;
/** Patients one side needs at one level: each client books with its own, BOOKINGS_PER_PATIENT each. */
const levelPatients = (plan: ThroughputPlan, c: number) =>
  Math.ceil(phases(plan, c).perClient / BOOKINGS_PER_PATIENT) * c;

const total = (plan: ThroughputPlan, per: (plan: ThroughputPlan, c: number) => number) =>
  plan.levels.reduce((sum, c) => sum + per(plan, c), 0);

/** Slots one side needs over all levels. */
export const slotsPerSide = (plan: ThroughputPlan) => total(plan, levelSlots);

/** Patients one side needs over all levels. */
export const patientsPerSide = (plan: ThroughputPlan) => total(plan, levelPatients);

/** One booking, as either side makes it. */
interface Job {
  nhsNumber: string;
  slotId: string;
}

interface PhaseResult {
  requests: number;
  failed: number;
  ms: number;
  cpuMs: number;
  latencies: number[];
  commands: CommandRecord[];
}

/**
 * Splits one side's bookings at one level over `concurrency` clients: client c books with its own
 * patients (BOOKINGS_PER_PATIENT each, one after another), so clients never contend for a patient.
 */
function assign(
  plan: ThroughputPlan,
  concurrency: number,
  slots: readonly Slot[],
  patients: readonly string[],
): Job[][] {
  const { perClient } = phases(plan, concurrency);
  const patientsPerClient = patients.length / concurrency;
  return Array.from({ length: concurrency }, (_, c) =>
    Array.from({ length: perClient }, (_, j) => ({
      slotId: slots[c * perClient + j]!.slotId,
      nhsNumber: patients[c * patientsPerClient + Math.floor(j / BOOKINGS_PER_PATIENT)]!,
    })),
  );
}

/** Runs each client's jobs [from, to) in order, all clients at once. */
async function runPhase(
  jobs: Job[][],
  from: number,
  to: number,
  log: CommandLog,
  work: (job: Job) => Promise<boolean>,
): Promise<PhaseResult> {
  log.take();
  const latencies: number[] = [];
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    jobs.map(async (own) => {
      for (const job of own.slice(from, to)) {
        const t = performance.now();
        if (!(await work(job))) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    requests: latencies.length,
    failed,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    latencies,
    commands: log.take(),
  };
}

function sum(phases: PhaseResult[]): PhaseResult {
  return {
    requests: phases.reduce((a, p) => a + p.requests, 0),
    failed: phases.reduce((a, p) => a + p.failed, 0),
    ms: phases.reduce((a, p) => a + p.ms, 0),
    cpuMs: phases.reduce((a, p) => a + p.cpuMs, 0),
    latencies: phases.flatMap((p) => p.latencies),
    commands: phases.flatMap((p) => p.commands),
  };
}

/** Mean DynamoDB time per request by operation, e.g. "BatchGetItem 4.1 ms + TransactWriteItems 9.8 ms". */
function dynamoTime(phase: PhaseResult): { text: string; msPerRequest: number } {
  const byCommand = new Map<string, number>();
  for (const c of phase.commands) byCommand.set(c.command, (byCommand.get(c.command) ?? 0) + c.ms);
  const parts = [...byCommand].map(
    ([command, ms]) => `${command.replace(/Command$/, '')} ${formatMs(ms / phase.requests)}`,
  );
  const total = [...byCommand.values()].reduce((a, b) => a + b, 0) / phase.requests;
  return { text: parts.join(' + '), msPerRequest: total };
}

/** "1 BatchGetItem + 1 TransactWriteItems": the commands a booking sent, on average (retries included). */
function commandsPerBooking(phase: PhaseResult): string {
  const counts = new Map<string, number>();
  for (const c of phase.commands) counts.set(c.command, (counts.get(c.command) ?? 0) + 1);
  const each = (n: number) => String(Number((n / phase.requests).toFixed(2)));
  return [...counts].map(([command, n]) => `${each(n)} ${command.replace(/Command$/, '')}`).join(' + ') || 'none';
}

const clients = (n: number) => `${n} ${n === 1 ? 'client' : 'clients'}`;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);
const conflicts = (phase: PhaseResult) => phase.commands.filter((c) => !c.ok).length;

interface ThroughputPools {
  httpSlots: Slot[];
  directSlots: Slot[];
  httpPatients: string[];
  directPatients: string[];
}

/** The side that does what the route does (the same use case, reads and writes) without HTTP. */
interface Sides {
  http: (job: Job) => Promise<boolean>;
  direct: (job: Job) => Promise<boolean>;
  firstFailure: { http?: string; direct?: string };
}

async function sides(api: BenchApi, patients: readonly string[]): Promise<Sides> {
  const tokens = new Map<string, string>();
  for (const nhsNumber of patients) tokens.set(nhsNumber, await api.patientToken(nhsNumber));
  const firstFailure: Sides['firstFailure'] = {};
  return {
    firstFailure,
    http: async ({ nhsNumber, slotId }) => {
      const response = await api.call('POST', '/appointments', { token: tokens.get(nhsNumber)!, body: { slotId } });
      if (response.status !== 201)
        firstFailure.http ??= `${response.status} ${(response.json as { code?: string } | undefined)?.code ?? ''}`;
      return response.status === 201;
    },
    // What the route's handler runs once the caller is authenticated: the booking use case on the
    // practice's registry entry (which rides along with its BatchGetItem), then its transaction.
    direct: async ({ nhsNumber, slotId }) => {
      const caller: PatientCaller = {
        role: 'patient',
        sub: `bench-patient-${nhsNumber}`,
        practice: PRACTICE,
        nhsNumber,
      };
      try {
        await runOnPractice(PRACTICE, () => bookAppointment(caller, { slotId }, undefined));
        return true;
      } catch (error) {
        firstFailure.direct ??= (error as Error).message;
        return false;
      }
    },
  };
}

/** Splits a pool over the levels in order, each level taking what `per` says it needs. */
function perLevel<T>(
  plan: ThroughputPlan,
  pool: readonly T[],
  per: (plan: ThroughputPlan, c: number) => number,
): T[][] {
  let from = 0;
  return plan.levels.map((c) => pool.slice(from, (from += per(plan, c))));
}

interface LevelResult {
  concurrency: number;
  http: PhaseResult;
  direct: PhaseResult;
  ratio: number;
  httpRate: number;
  directRate: number;
}

/**
 * POST /appointments over HTTP through local mode vs the same use case called in this process
 * against the same DynamoDB Local (the same BatchGetItem, registry entry riding along, and the
 * same TransactWriteItems, retried alike), at each concurrency level, in ABBA order (direct, HTTP,
 * HTTP, direct) so drift hits both sides alike.
 */
export async function benchThroughput(
  results: Results,
  api: BenchApi,
  log: CommandLog,
  plan: ThroughputPlan,
  pools: ThroughputPools,
): Promise<void> {
  results.heading(
    `Local mode throughput: POST /appointments, ${plan.requests} bookings per side at each of ${plan.levels.join(', ')} concurrent clients`,
    'baseline = the same booking use case called in-process (its one BatchGetItem with the registry entry riding along, ' +
      'its one TransactWriteItems) against the same DynamoDB Local: the difference is HTTP, the JWT check and the middy stack',
  );
  const side = await sides(api, pools.httpPatients);
  const slots = {
    http: perLevel(plan, pools.httpSlots, levelSlots),
    direct: perLevel(plan, pools.directSlots, levelSlots),
  };
  const patients = {
    http: perLevel(plan, pools.httpPatients, levelPatients),
    direct: perLevel(plan, pools.directPatients, levelPatients),
  };

  const levels: LevelResult[] = [];
  for (const [i, concurrency] of plan.levels.entries()) {
    const httpJobs = assign(plan, concurrency, slots.http[i]!, patients.http[i]!);
    const directJobs = assign(plan, concurrency, slots.direct[i]!, patients.direct[i]!);
    const { warmup: w, half } = phases(plan, concurrency);
    await runPhase(directJobs, 0, w, log, side.direct);
    await runPhase(httpJobs, 0, w, log, side.http);
    const direct1 = await runPhase(directJobs, w, w + half, log, side.direct);
    const http1 = await runPhase(httpJobs, w, w + half, log, side.http);
    const http2 = await runPhase(httpJobs, w + half, w + 2 * half, log, side.http);
    const direct2 = await runPhase(directJobs, w + half, w + 2 * half, log, side.direct);
    const http = sum([http1, http2]);
    const direct = sum([direct1, direct2]);
    const httpRate = (http.requests - http.failed) / (http.ms / 1000);
    const directRate = (direct.requests - direct.failed) / (direct.ms / 1000);
    levels.push({ concurrency, http, direct, httpRate, directRate, ratio: httpRate / directRate });

    if (httpRate / directRate < THROUGHPUT_BUDGET) {
      results.note(
        `${clients(concurrency)} below budget: CPU profile of a further HTTP run (self time by module, this process):`,
      );
      const lines: ProfileLine[] = await profileWhile(() =>
        runPhase(httpJobs, w + 2 * half, w + 3 * half, log, side.http),
      );
      for (const line of lines) results.note(`  ${line.share.toFixed(1).padStart(5)}%  ${line.where}`);
    }
  }

  results.addRow(
    'POST /appointments over HTTP',
    levels.map(({ concurrency, http, httpRate, directRate, ratio }) => ({
      section: 'throughput',
      label: clients(concurrency),
      name: `POST /appointments, ${concurrency} concurrent`,
      measured: formatRate(httpRate),
      baseline: formatRate(directRate),
      ratio,
      budget: `≥ ${formatRatio(THROUGHPUT_BUDGET)}`,
      pass: ratio >= THROUGHPUT_BUDGET && http.failed === 0,
      ...(http.failed ? { note: `${http.failed} failed (first: ${side.firstFailure.http})` } : {}),
    })),
  );
  for (const { concurrency, http, direct } of levels) {
    if (direct.failed)
      results.note(
        `direct, ${clients(concurrency)}: ${direct.failed} bookings failed (first: ${side.firstFailure.direct})`,
      );
    const httpDynamo = dynamoTime(http);
    const directDynamo = dynamoTime(direct);
    const httpLatency = mean(http.latencies);
    results.note(
      `${clients(concurrency).padStart(10)} · HTTP: mean ${formatMs(httpLatency)} (p50 ${formatMs(median(http.latencies))}) = ` +
        `DynamoDB ${httpDynamo.text} + HTTP, auth, middy ${formatMs(Math.max(0, httpLatency - httpDynamo.msPerRequest))}; ` +
        `direct: mean ${formatMs(mean(direct.latencies))} (p50 ${formatMs(median(direct.latencies))}) = DynamoDB ${directDynamo.text}`,
    );
    results.note(
      `           per booking: ${commandsPerBooking(http)} vs ${commandsPerBooking(direct)}; ` +
        `Node CPU (client + server + SDK, this process) ${formatMs(http.cpuMs / http.requests)} vs ${formatMs(direct.cpuMs / direct.requests)}; ` +
        `write conflicts retried ${conflicts(http)} vs ${conflicts(direct)}`,
    );
  }
}
