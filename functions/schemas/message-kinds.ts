/**
 * The messages the service sends patients and the channels it sends them on: named in the
 * contract (notification preferences, the monthly report's counts) and ruled on in
 * domain/notifications.ts.
 */
export const MESSAGE_KINDS = [
  'appointment-booked',
  'appointment-reminder',
  'appointment-cancelled-by-practice',
  'prescription-approved',
  'prescription-rejected',
  'prescription-issued',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
