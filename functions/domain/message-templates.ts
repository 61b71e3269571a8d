import type { Channel, MessageKind } from '../schemas/message-kinds.ts';

/**
 * Every message the service sends, in both channels, in one place. Short and plain, and never
 * clinical: a message names the practice, the date and time (appointments), the nominated
 * pharmacy's code (an issued prescription) and asks the patient to sign in for the rest. Nothing
 * else reaches a template (no medication, no appointment description, no patient name), because
 * e-mail and SMS are read on lock screens and shared devices.
 */
export interface MessageFacts {
  kind: MessageKind;
  practiceName: string;
  /** The practice's time zone: appointment times are written as the practice's clock shows them. */
  timeZone: string;
  /** The appointment's start (appointment kinds). */
  start?: string;
  /** ODS code of the nominated pharmacy (prescription-issued, when there is one). */
  pharmacy?: string;
}

export interface RenderedMessage {
  subject?: string;
  body: string;
}

const SIGN_IN = 'Sign in to Patient Online for details.';

/** "Tue 1 Dec at 9:30am": day, date and a 12-hour time, as the practice's clock shows it. */
export function appointmentTime(start: string, timeZone: string): string {
  const at = new Date(start);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(at);
  const time = part({ hour: 'numeric', minute: '2-digit', hour12: true }).replace(/\s/g, '').toLowerCase();
  return `${part({ weekday: 'short' })} ${part({ day: 'numeric' })} ${part({ month: 'short' })} at ${time}`;
}

function lines(facts: MessageFacts): { subject: string; text: string } {
  const when = facts.start ? appointmentTime(facts.start, facts.timeZone) : '';
  switch (facts.kind) {
    case 'appointment-booked':
      return { subject: 'Appointment booked', text: `Your appointment is booked for ${when}.` };
    case 'appointment-reminder':
      return { subject: 'Appointment reminder', text: `Reminder: you have an appointment on ${when}.` };
    case 'appointment-cancelled-by-practice':
      return {
        subject: 'Appointment cancelled',
        text: `The practice has cancelled your appointment on ${when}.`,
      };
    case 'prescription-approved':
      return { subject: 'Prescription request approved', text: 'Your prescription request has been approved.' };
    case 'prescription-rejected':
      return {
        subject: 'Prescription request not approved',
        text: 'Your prescription request was not approved. Contact the practice for help.',
      };
    case 'prescription-issued':
      return {
        subject: 'Prescription issued',
        text: facts.pharmacy
          ? `Your prescription has been issued to pharmacy ${facts.pharmacy}.`
          : 'Your prescription has been issued.',
      };
  }
}

/** The message of `facts.kind` for one channel: e-mail has a subject and a signed-off body. */
export function renderMessage(facts: MessageFacts, channel: Channel): RenderedMessage {
  const { subject, text } = lines(facts);
  if (channel === 'sms') return { body: `${facts.practiceName}: ${text} ${SIGN_IN}` };
  return {
    subject: `${subject} - ${facts.practiceName}`,
    body: [
      'Hello,',
      '',
      text,
      '',
      SIGN_IN,
      '',
      facts.practiceName,
      '',
      'This is an automatic message. Please do not reply.',
    ].join('\n'),
  };
}
