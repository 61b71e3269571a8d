import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMessage, type MessageFacts } from '../../functions/domain/message-templates.ts';
import { CHANNELS, MESSAGE_KINDS, type MessageKind } from '../../functions/schemas/message-kinds.ts';
import type { AppointmentRecord } from '../../functions/domain/model.ts';
import type { PrescriptionRecord } from '../../functions/domain/prescriptions.ts';
import type { GuardedItem } from '../../functions/store/dynamo.ts';
import {
  bookedMessageItems,
  practiceCancelledMessageItems,
  prescriptionMessageItems,
} from '../../functions/store/outbox.ts';
import { practiceConfig } from '../../functions/usecases/deps.ts';
import { useUnitEnv } from '../support/unit-env.ts';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../events/${name}.json`, import.meta.url), 'utf8')) as T;

/** The GSM 03.38 basic character set: an SMS of these alone fits 160 characters in one part. */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

const NOW = new Date('2026-12-01T10:00:00.000Z');

function outboxFacts(items: GuardedItem[]): (MessageFacts & { channel: 'email' | 'sms'; stored: string })[] {
  return items
    .map((i) => i.item.Put?.Item)
    .filter((item): item is Record<string, unknown> => item !== undefined)
    .map((item) => ({
      ...(item as unknown as MessageFacts & { channel: 'email' | 'sms' }),
      stored: JSON.stringify(item),
    }));
}

describe('message templates', () => {
  beforeAll(() => useUnitEnv());

  const appointment = () => fixture<AppointmentRecord>('notification-appointment');
  const prescription = () => fixture<PrescriptionRecord>('notification-prescription');
  /** The fixtures' practice, as its messages name it. */
  const from = () => practiceConfig('A99001');

  /** Every message the outbox would hold for these events, as stored and as rendered. */
  function everyMessage() {
    return outboxFacts([
      ...bookedMessageItems(from(), appointment(), 24, NOW),
      ...practiceCancelledMessageItems(from(), appointment(), NOW),
      ...prescriptionMessageItems(from(), prescription(), 'approve', NOW),
      ...prescriptionMessageItems(from(), prescription(), 'reject', NOW),
      ...prescriptionMessageItems(from(), prescription(), 'issue', NOW),
    ]);
  }

  it('covers every kind in both channels', () => {
    const seen = new Set(everyMessage().map((m) => `${m.kind}/${m.channel}`));
    for (const kind of MESSAGE_KINDS) for (const channel of CHANNELS) expect(seen).toContain(`${kind}/${channel}`);
  });

  it('never carry a medication, a dosage, a note, a reason, an appointment description, clinician or type', () => {
    const clinical = [
      'Sertraline',
      'Methotrexate',
      'One daily',
      'tablets',
      'HIV',
      'depression',
      'Lump',
      'breast',
      'Psychiatry',
      'Mental health',
      'Ada Patel',
    ];
    for (const message of everyMessage()) {
      const rendered = renderMessage(message, message.channel);
      const text = `${rendered.subject ?? ''}\n${rendered.body}`;
      for (const word of clinical) {
        expect(text, `${message.kind}/${message.channel}`).not.toContain(word);
        // Not even kept in the outbox item, where the sender could reach it.
        expect(message.stored, `${message.kind}/${message.channel} as stored`).not.toContain(word);
      }
    }
  });

  it('name the practice, the appointment time as the practice clock shows it, and ask to sign in', () => {
    const sms = renderMessage(
      {
        kind: 'appointment-booked',
        practiceName: 'Riverside Medical Practice',
        timeZone: 'Europe/London',
        start: '2026-07-10T08:30:00.000Z',
      },
      'sms',
    );
    expect(sms.body).toBe(
      'Riverside Medical Practice: Your appointment is booked for Fri 10 Jul at 9:30am. Sign in to Patient Online for details.',
    );
    const email = renderMessage(
      {
        kind: 'appointment-reminder',
        practiceName: 'Hillview Surgery',
        timeZone: 'Europe/London',
        start: '2026-12-10T14:05:00.000Z',
      },
      'email',
    );
    expect(email.subject).toBe('Appointment reminder - Hillview Surgery');
    expect(email.body).toContain('Thu 10 Dec at 2:05pm');
    expect(email.body).toContain('Sign in to Patient Online');
  });

  it('give the nominated pharmacy code when a prescription is issued, and only then', () => {
    const issued = outboxFacts(prescriptionMessageItems(from(), prescription(), 'issue', NOW));
    for (const m of issued) expect(renderMessage(m, m.channel).body).toContain('FA123');
    const noPharmacy = prescription();
    delete noPharmacy.pharmacy;
    for (const m of outboxFacts(prescriptionMessageItems(from(), noPharmacy, 'issue', NOW)))
      expect(renderMessage(m, m.channel).body).toContain('Your prescription has been issued.');
    const approved = outboxFacts(prescriptionMessageItems(from(), prescription(), 'approve', NOW));
    for (const m of approved) expect(renderMessage(m, m.channel).body).not.toContain('FA123');
  });

  it('fit one SMS (160 GSM-7 characters) for a practice name of up to 40 characters', () => {
    const practiceName = 'St Mary and St John Family Health Centre'.slice(0, 40);
    for (const kind of MESSAGE_KINDS as readonly MessageKind[]) {
      const { body } = renderMessage(
        { kind, practiceName, timeZone: 'Europe/London', start: '2026-12-30T11:45:00.000Z', pharmacy: 'FA123' },
        'sms',
      );
      expect(body.length, kind).toBeLessThanOrEqual(160);
      expect(
        [...body].every((c) => GSM7.has(c)),
        kind,
      ).toBe(true);
    }
  });
});
