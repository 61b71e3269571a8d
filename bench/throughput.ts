import type { CountedAction } from '../functions/domain/activity.ts';
import { lapsedBookings, newAppointment } from '../functions/domain/appointments.ts';
import { randomIds, timeOrderedId } from '../functions/domain/ids.ts';
import type { PatientRecord, SlotRecord } from '../functions/domain/model.ts';
import type { Slot } from '../functions/schemas/slots.ts';
import { commitAppointmentChange } from '../functions/store/appointments.ts';
import { getPatient } from '../functions/store/patients.ts';
import { retryOnConflict } from '../functions/store/transact.ts';
import { practiceConfig, servedPractice, withPractices } from '../functions/usecases/deps.ts';
import { DEFAULT_SETTINGS } from '../functions/schemas/practice.ts';
import { PRACTICE, type BenchApi } from './api.ts';
import type { CommandLog, CommandRecord } from './commands.ts';
import { profileWhile, type ProfileLine } from './profile.ts';
import { formatMs, formatRate, formatRatio, median, type Results } from './results.ts';

export const THROUGHPUT_BUDGET = 0.6;
/** Bookings per patient in this section (the practice's limit is raised above it). */
export const BOOKINGS_PER_PATIENT = 40;

export interface ThroughputPlan {
  /** Measured bookings per side (HTTP, direct). */
  requests: number;
  /** Unmeasured bookings per side first (JIT, connections, DynamoDB Local warm-up). */
  warmup: number;
  concurrency: number;
}

/**
 * Each client's bookings: a warm-up phase, two measured halves (ABBA order) and one spare half
 * for a profiling run should the budget be missed.
 */
function phases(plan: ThroughputPlan) {
  const warmup = Math.ceil(plan.warmup / plan.concurrency);
  const half = Math.ceil(plan.requests / plan.concurrency / 2);
  return { warmup, half, perClient: warmup + 3 * half };
}

/** Slots one side needs. */
export const slotsPerSide = (plan: ThroughputPlan) => phases(plan).perClient * plan.concurrency;

/** Patients one side needs: each client books with its own, BOOKINGS_PER_PATIENT each. */
export const patientsPerSide = (plan: ThroughputPlan) =>
  Math.ceil(phases(plan).perClient / BOOKINGS_PER_PATIENT) * plan.concurrency;

interface HttpJob {
  token: string;
  slotId: string;
}

interface DirectJob {
  patient: { current: PatientRecord };
  slot: SlotRecord;
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
 * Splits one side's bookings over `concurrency` clients: client c books with its own patients
 * (BOOKINGS_PER_PATIENT each, one after another), so clients never contend for a patient.
 */
function assign<T>(
  plan: ThroughputPlan,
  slots: readonly Slot[],
  patients: readonly string[],
  make: (slot: Slot, patient: string) => T,
): T[][] {
  const { perClient } = phases(plan);
  const patientsPerClient = patients.length / plan.concurrency;
  return Array.from({ length: plan.concurrency }, (_, c) =>
    Array.from({ length: perClient }, (_, j) => {
      const slot = slots[c * perClient + j]!;
      const patient = patients[c * patientsPerClient + Math.floor(j / BOOKINGS_PER_PATIENT)]!;
      return make(slot, patient);
    }),
  );
}

/** Runs each client's jobs [from, to) in order, all clients at once. */
async function runPhase<T>(
  jobs: T[][],
  from: number,
  to: number,
  log: CommandLog,
  work: (job: T) => Promise<boolean>,
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

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);
const conflicts = (phase: PhaseResult) => phase.commands.filter((c) => !c.ok).length;

/**
 * Section 3: POST /appointments over HTTP through local mode vs the same TransactWriteItems (built
 * by the store's own builders) sent straight to the same DynamoDB Local, both with `concurrency`
 * clients, in ABBA order (direct, HTTP, HTTP, direct) so drift hits both sides alike.
 */
export async function benchThroughput(
  results: Results,
  api: BenchApi,
  log: CommandLog,
  plan: ThroughputPlan,
  pools: ThroughputPools,
): Promise<void> {
  // The direct side builds its items as a request would, with the practice read from the registry.
  const practice = await servedPractice(PRACTICE);
  if (!practice) throw new Error(`practice ${PRACTICE} is not in the registry`);
  await withPractices([practice], () => measureThroughput(results, api, log, plan, pools));
}

interface ThroughputPools {
  httpSlots: Slot[];
  directSlots: Slot[];
  httpPatients: string[];
  directPatients: string[];
}

async function measureThroughput(
  results: Results,
  api: BenchApi,
  log: CommandLog,
  plan: ThroughputPlan,
  pools: ThroughputPools,
): Promise<void> {
  results.heading(
    `Local mode throughput: POST /appointments, ${plan.requests} bookings per side, ${plan.concurrency} concurrent clients`,
    "baseline = the same TransactWriteItems (the store's booking commit: slot, appointment, patient bookings, counter + activity, outbox messages) sent directly to the same DynamoDB Local",
  );
  const practice = practiceConfig(PRACTICE);
  const tokens = new Map<string, string>();
  for (const nhsNumber of pools.httpPatients) tokens.set(nhsNumber, await api.patientToken(nhsNumber));
  const records = new Map<string, { current: PatientRecord }>();
  for (const nhsNumber of pools.directPatients) {
    const patient = await getPatient(PRACTICE, nhsNumber);
    if (!patient) throw new Error(`patient ${nhsNumber} is not registered`);
    records.set(nhsNumber, { current: patient });
  }

  const httpJobs = assign(plan, pools.httpSlots, pools.httpPatients, (slot, p): HttpJob => ({
    token: tokens.get(p)!,
    slotId: slot.slotId,
  }));
  const directJobs = assign(plan, pools.directSlots, pools.directPatients, (slot, p): DirectJob => ({
    patient: records.get(p)!,
    slot: { ...slot, practice: PRACTICE, status: 'free', bookableOnline: true },
  }));

  let firstHttpFailure: string | undefined;
  const bookOverHttp = async (job: HttpJob) => {
    const response = await api.call('POST', '/appointments', { token: job.token, body: { slotId: job.slotId } });
    if (response.status !== 201)
      firstHttpFailure ??= `${response.status} ${(response.json as { code?: string } | undefined)?.code ?? ''}`;
    return response.status === 201;
  };
  let firstDirectFailure: string | undefined;
  const bookDirectly = async (job: DirectJob) => {
    const now = new Date();
    const patient = job.patient.current;
    const appointment = newAppointment({
      appointmentId: timeOrderedId(new Date(job.slot.start), randomIds.next()),
      slot: job.slot,
      patient,
      now,
    });
    const booked: CountedAction = { kind: 'appointment-booked', at: now, ref: appointment.appointmentId };
    try {
      // Conflicts on the shared practice-month counter are retried exactly as the use case does.
      await retryOnConflict(
        () =>
          commitAppointmentChange(
            {
              practice,
              now,
              book: {
                appointment,
                slot: job.slot,
                patient,
                lapsed: lapsedBookings(patient, now),
                reminderHoursBefore: DEFAULT_SETTINGS.reminderHoursBefore,
              },
              counted: [booked],
            },
            undefined,
          ),
        (conflict) => conflict,
      );
    } catch (error) {
      firstDirectFailure ??= (error as Error).message;
      return false;
    }
    job.patient.current = {
      ...patient,
      version: patient.version + 1,
      bookings: { ...patient.bookings, [appointment.appointmentId]: appointment.start },
    };
    return true;
  };

  const { warmup: w, half } = phases(plan);
  await runPhase(directJobs, 0, w, log, bookDirectly);
  await runPhase(httpJobs, 0, w, log, bookOverHttp);
  const direct1 = await runPhase(directJobs, w, w + half, log, bookDirectly);
  const http1 = await runPhase(httpJobs, w, w + half, log, bookOverHttp);
  const http2 = await runPhase(httpJobs, w + half, w + 2 * half, log, bookOverHttp);
  const direct2 = await runPhase(directJobs, w + half, w + 2 * half, log, bookDirectly);
  const http = sum([http1, http2]);
  const direct = sum([direct1, direct2]);

  const httpRate = (http.requests - http.failed) / (http.ms / 1000);
  const directRate = (direct.requests - direct.failed) / (direct.ms / 1000);
  const ratio = httpRate / directRate;
  const pass = ratio >= THROUGHPUT_BUDGET && http.failed === 0;
  results.add({
    section: 'throughput',
    name: 'POST /appointments over HTTP',
    measured: formatRate(httpRate),
    baseline: formatRate(directRate),
    ratio,
    budget: `≥ ${formatRatio(THROUGHPUT_BUDGET)} of direct`,
    pass,
    ...(http.failed ? { note: `${http.failed} requests failed (first: ${firstHttpFailure})` } : {}),
  });
  if (direct.failed) results.note(`direct: ${direct.failed} transactions failed (first: ${firstDirectFailure})`);

  const httpDynamo = dynamoTime(http);
  const directDynamo = dynamoTime(direct);
  const httpLatency = mean(http.latencies);
  results.note(
    `HTTP booking: mean ${formatMs(httpLatency)} (p50 ${formatMs(median(http.latencies))}) = DynamoDB ${httpDynamo.text} + ` +
      `HTTP, auth, middy, handler ${formatMs(Math.max(0, httpLatency - httpDynamo.msPerRequest))}`,
  );
  results.note(
    `direct booking: mean ${formatMs(mean(direct.latencies))} (p50 ${formatMs(median(direct.latencies))}) = DynamoDB ${directDynamo.text}`,
  );
  results.note(
    `Node CPU per booking (client + server + SDK, all in this process): HTTP ${formatMs(http.cpuMs / http.requests)} vs direct ${formatMs(direct.cpuMs / direct.requests)}; ` +
      `write conflicts retried: HTTP ${conflicts(http)}, direct ${conflicts(direct)}`,
  );

  if (!pass) {
    results.note('below budget: CPU profile of a further HTTP run (self time by module, this process):');
    const lines: ProfileLine[] = await profileWhile(() =>
      runPhase(httpJobs, w + 2 * half, w + 3 * half, log, bookOverHttp),
    );
    for (const line of lines) results.note(`  ${line.share.toFixed(1).padStart(5)}%  ${line.where}`);
  }
}
