import { lastBookableDate } from '../domain/appointments.ts';
import { ProblemError, type FieldError } from '../domain/errors.ts';
import type { SlotRecord } from '../domain/model.ts';
import { toSlot } from '../domain/model.ts';
import { assertServiceEnabled } from '../domain/services.ts';
import { addDays, startOfLocalDay } from '../domain/time.ts';
import type { PatientCaller, StaffCaller } from '../schemas/identity.ts';
import { MAX_SLOT_MINUTES, type NewSlot, type Slot, type SlotsQuery } from '../schemas/slots.ts';
import { patientFrom, patientKey } from '../store/patients.ts';
import { settingsFrom, settingsKey } from '../store/practices.ts';
import { getItems, type Page } from '../store/read.ts';
import { clinicianSlotsStartingBetween, insertSlots, queryFreeSlots, withdrawFreeSlot } from '../store/slots.ts';
import { defaultDeps, practiceConfig, type Deps } from './deps.ts';

/** Staff may publish slots up to this far ahead. */
export const MAX_PUBLISH_AHEAD_DAYS = 366;

/**
 * GET /slots: free, future slots inside the booking horizon. One BatchGetItem (patient and
 * settings) and one Query per page on the free-slot index; the window is clamped to
 * [now, end of the horizon's last day) so nothing unbookable is ever read.
 */
export async function listFreeSlots(
  caller: PatientCaller,
  query: SlotsQuery,
  deps: Deps = defaultDeps,
): Promise<Page<Slot>> {
  const now = deps.clock.now();
  const { timeZone } = practiceConfig(caller.practice);
  const [patientItem, settingsItem] = await getItems([
    patientKey(caller.practice, caller.nhsNumber),
    settingsKey(caller.practice),
  ]);
  const settings = settingsFrom(settingsItem);
  assertServiceEnabled(patientFrom(patientItem), settings, 'appointments');

  const horizonEnd = startOfLocalDay(addDays(lastBookableDate(settings, now, timeZone), 1), timeZone);
  const from = new Date(Math.max(Date.parse(query.from), now.getTime() + 1));
  const to = new Date(Math.min(Date.parse(query.to), horizonEnd.getTime()));
  if (from >= to) return { items: [] };
  return queryFreeSlots({
    practice: caller.practice,
    from: from.toISOString(),
    to: to.toISOString(),
    type: query.type,
    channel: query.channel,
    clinician: query.clinician,
    limit: query.limit,
    nextToken: query.nextToken,
  });
}

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

/** Start in the future and within a year: a 400 naming each offending slot. */
function assertPublishable(slots: NewSlot[], now: Date): void {
  const latest = now.getTime() + MAX_PUBLISH_AHEAD_DAYS * 86_400_000;
  const errors: FieldError[] = [];
  slots.forEach((slot, i) => {
    const start = Date.parse(slot.start);
    if (start <= now.getTime()) errors.push({ path: `slots.${i}.start`, message: 'must be in the future' });
    else if (start > latest)
      errors.push({ path: `slots.${i}.start`, message: `must be within ${MAX_PUBLISH_AHEAD_DAYS} days` });
  });
  if (errors.length) throw new ProblemError('validation-failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

function overlapError(detail: string): ProblemError {
  return new ProblemError('slot-overlap', detail);
}

/**
 * POST /staff/slots: 1..500 slots, all or nothing. No two slots of one clinician may overlap,
 * within the request or with the clinician's existing live slots (one Query per clinician).
 */
export async function publishSlots(caller: StaffCaller, input: NewSlot[], deps: Deps = defaultDeps): Promise<Slot[]> {
  const now = deps.clock.now();
  assertPublishable(input, now);
  const slots: SlotRecord[] = input.map((s) => ({
    slotId: deps.ids.next(),
    practice: caller.practice,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    clinician: s.clinician,
    type: s.type,
    channel: s.channel,
    status: 'free',
  }));

  const byClinician = Map.groupBy(slots, (s) => s.clinician);
  for (const [clinician, own] of byClinician) {
    const sorted = [...own].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i++) {
      if (overlaps(sorted[i - 1]!, sorted[i]!)) {
        throw overlapError(`${clinician}: slots at ${sorted[i - 1]!.start} and ${sorted[i]!.start} overlap`);
      }
    }
    // Any existing slot that overlaps starts before our last end and at most MAX_SLOT_MINUTES before our first start.
    const windowFrom = new Date(Date.parse(sorted[0]!.start) - MAX_SLOT_MINUTES * 60_000).toISOString();
    const windowTo = sorted.at(-1)!.end;
    const existing = await clinicianSlotsStartingBetween(caller.practice, clinician, windowFrom, windowTo);
    for (const slot of sorted) {
      const clash = existing.find((e) => overlaps(e, slot));
      if (clash)
        throw overlapError(`${clinician} already has a slot ${clash.start}–${clash.end} overlapping ${slot.start}`);
    }
  }
  await insertSlots(slots);
  return slots.map(toSlot);
}

/** DELETE /staff/slots/{slotId}: 204 for a free (or already withdrawn) slot; 409 slot-booked. */
export async function withdrawSlot(caller: StaffCaller, slotId: string, deps: Deps = defaultDeps): Promise<void> {
  await withdrawFreeSlot(caller.practice, slotId, deps.clock.now());
}
