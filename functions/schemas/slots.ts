import * as z from './zod.ts';
import { FreeText, Id, Instant, ListQuery } from './common.ts';
import { clinicianKey } from './clinician.ts';

export const Channel = /* @__PURE__ */ z.lazy(() => z.enum(['in-person', 'telephone', 'video']));

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;

export const NewSlot = /* @__PURE__ */ z.lazy(() =>
  z
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
      bookableOnline: z._default(z.boolean(), true).register(z.globalRegistry, {
        description:
          'false: held back for the practice to book (phone or desk); never listed to or bookable by patients',
      }),
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
    ),
);
/** As requested: `bookableOnline` may be left out (true). */
export type NewSlot = Omit<z.infer<typeof NewSlot>, 'bookableOnline'> & { bookableOnline?: boolean };

/** 500 slots with long clinician names are ~150 bytes each: more than the usual 64 KiB. */
export const PUBLISH_SLOTS_MAX_BODY_BYTES = 256 * 1024;

export const PublishSlotsBody = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ slots: z.array(NewSlot).check(z.minLength(1), z.maxLength(500)) }),
);

export const Slot = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      slotId: z.string(),
      start: z.string(),
      end: z.string(),
      clinician: z.string(),
      type: z.string(),
      channel: Channel,
    })
    .register(z.globalRegistry, { id: 'Slot' }),
);
export type Slot = z.infer<typeof Slot>;

/** A slot as the practice sees it: the patient's view plus whether patients may book it online. */
export const PublishedSlot = /* @__PURE__ */ z.lazy(() =>
  z.object({ ...z.built(Slot).shape, bookableOnline: z.boolean() }).register(z.globalRegistry, { id: 'PublishedSlot' }),
);
export type PublishedSlot = z.infer<typeof PublishedSlot>;

/** GET /staff/slots: every slot of the window with its state. */
export const BoardSlot = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      ...z.built(PublishedSlot).shape,
      status: z.enum(['free', 'booked', 'withdrawn']),
      appointmentId: z
        .optional(z.string())
        .register(z.globalRegistry, { description: 'With `booked`: the appointment holding the slot' }),
    })
    .register(z.globalRegistry, { id: 'BoardSlot' }),
);
export type BoardSlot = z.infer<typeof BoardSlot>;

export const MAX_SLOT_WINDOW_DAYS = 14;

const windowCheck = z.superRefine((q: { from: string; to: string }, ctx) => {
  const span = Date.parse(q.to) - Date.parse(q.from);
  if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (span > MAX_SLOT_WINDOW_DAYS * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the window is at most ${MAX_SLOT_WINDOW_DAYS} days` });
});

/** GET /staff/slots: a window of at most 14 days, optionally one clinician's slots only. */
export const StaffSlotsQuery = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      ...z.built(ListQuery).shape,
      from: Instant,
      to: Instant,
      clinician: z.optional(FreeText(1, 100)),
    })
    .check(windowCheck),
);
export type StaffSlotsQuery = z.infer<typeof StaffSlotsQuery>;

export const SlotsQuery = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      ...z.built(ListQuery).shape,
      from: Instant,
      to: Instant,
      type: z.optional(FreeText(1, 60)),
      channel: z.optional(Channel),
      clinician: z.optional(FreeText(1, 100)),
    })
    .check(windowCheck),
);
export type SlotsQuery = z.infer<typeof SlotsQuery>;

export const SlotIdParams = /* @__PURE__ */ z.lazy(() => z.strictObject({ slotId: Id }));
