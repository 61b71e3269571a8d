import * as z from '../schemas/zod.ts';
import { defineRoute } from './route-spec.ts';
import { listOf } from '../schemas/common.ts';
import {
  BoardSlot,
  PUBLISH_SLOTS_MAX_BODY_BYTES,
  PublishSlotsBody,
  PublishedSlot,
  Slot,
  SlotIdParams,
  SlotsQuery,
  StaffSlotsQuery,
} from '../schemas/slots.ts';

/*
 * Appointment slots: the free ones a patient may book; staff publish, withdraw and see the board.
 * Handlers: functions/api/slots/.
 */

export const listSlots = /* @__PURE__ */ defineRoute({
  operationId: 'listSlots',
  method: 'GET',
  path: '/slots',
  access: 'patient',
  actingFor: 'appointments',
  entry: 'api/slots/list.ts',
  table: 'read',
  summary: 'Free, future slots inside the booking horizon, sorted by start',
  request: { query: SlotsQuery },
  response: { status: 200, description: 'A page of free slots', schema: /* @__PURE__ */ listOf(Slot) },
  errors: ['service-not-enabled'],
  tags: ['patient', 'appointments'],
});

export const publishSlots = /* @__PURE__ */ defineRoute({
  operationId: 'publishSlots',
  method: 'POST',
  path: '/staff/slots',
  access: 'staff',
  entry: 'api/slots/publish.ts',
  table: 'read-write',
  summary: 'Publish 1..500 slots, all or nothing',
  request: { body: PublishSlotsBody, maxBodyBytes: PUBLISH_SLOTS_MAX_BODY_BYTES },
  response: {
    status: 201,
    description: 'The new slots',
    schema: /* @__PURE__ */ z.object({ items: /* @__PURE__ */ z.array(PublishedSlot) }),
  },
  errors: ['slot-overlap'],
  tags: ['staff'],
});

export const withdrawSlot = /* @__PURE__ */ defineRoute({
  operationId: 'withdrawSlot',
  method: 'DELETE',
  path: '/staff/slots/{slotId}',
  access: 'staff',
  entry: 'api/slots/withdraw.ts',
  table: 'read-write',
  summary: 'Withdraw a free slot (409 slot-booked when booked)',
  request: { params: SlotIdParams },
  response: { status: 204, description: 'Withdrawn' },
  errors: ['slot-booked'],
  tags: ['staff'],
});

export const listSlotBoard = /* @__PURE__ */ defineRoute({
  operationId: 'listSlotBoard',
  method: 'GET',
  path: '/staff/slots',
  access: 'staff',
  entry: 'api/slots/board.ts',
  table: 'read',
  summary: 'Every slot starting in a window of at most 14 days: free, booked (with its appointment) or withdrawn',
  request: { query: StaffSlotsQuery },
  response: { status: 200, description: 'A page of slots, by start', schema: /* @__PURE__ */ listOf(BoardSlot) },
  tags: ['staff'],
});
