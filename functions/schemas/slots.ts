import * as z from './zod.ts';
import { FreeText, Id, Instant, ListQuery } from './common.ts';
import { clinicianKey } from '../domain/clinician.ts';

export const Channel = z.enum(['in-person', 'telephone', 'video']);

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;

export const NewSlot = z
  .strictObject({
    start: Instant,
    end: Instant,
    clinician: FreeText(1, 100)
      .check(z.refine((name) => clinicianKey(name) !== '', 'must contain a letter or digit'))
      .register(z.globalRegistry, {
        description: 'Shown as given; names differing only in case, spacing or punctuation are one clinician',
      }),
    type: FreeText(1, 60).register(z.globalRegistry, { description: 'e.g. "GP", "Nurse"' }),
    channel: Channel,
  })
  .check(
    z.superRefine((slot, ctx) => {
      const minutes = (Date.parse(slot.end) - Date.parse(slot.start)) / 60_000;
      if (!(minutes >= MIN_SLOT_MINUTES && minutes <= MAX_SLOT_MINUTES)) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: `a slot lasts ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES} minutes`,
        });
      }
    }),
  );
export type NewSlot = z.infer<typeof NewSlot>;

/** 500 slots with long clinician names are ~150 bytes each: more than the usual 64 KiB. */
export const PUBLISH_SLOTS_MAX_BODY_BYTES = 256 * 1024;

export const PublishSlotsBody = z.strictObject({ slots: z.array(NewSlot).check(z.minLength(1), z.maxLength(500)) });

export const Slot = z
  .object({
    slotId: z.string(),
    start: z.string(),
    end: z.string(),
    clinician: z.string(),
    type: z.string(),
    channel: Channel,
  })
  .register(z.globalRegistry, { id: 'Slot' });
export type Slot = z.infer<typeof Slot>;

export const MAX_SLOT_WINDOW_DAYS = 14;

export const SlotsQuery = z
  .strictObject({
    ...ListQuery.shape,
    from: Instant,
    to: Instant,
    type: z.optional(FreeText(1, 60)),
    channel: z.optional(Channel),
    clinician: z.optional(FreeText(1, 100)),
  })
  .check(
    z.superRefine((q, ctx) => {
      const span = Date.parse(q.to) - Date.parse(q.from);
      if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      else if (span > MAX_SLOT_WINDOW_DAYS * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `the window is at most ${MAX_SLOT_WINDOW_DAYS} days` });
    }),
  );
export type SlotsQuery = z.infer<typeof SlotsQuery>;

export const SlotIdParams = z.strictObject({ slotId: Id });
