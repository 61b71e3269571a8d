/**
 * Every PK/SK/GSI string in the system is built here (README "Single-table design").
 *
 *   entity               PK                          SK                     GSI1 (PK / SK)                    GSI2 (PK / SK)
 *   practice settings    PRACTICE#{ods}              SETTINGS
 *   practice counters    PRACTICE#{ods}              MONTH#{yyyy-mm}
 *   enabled totals       PRACTICE#{ods}              ENABLED
 *   slot                 PRACTICE#{ods}              SLOT#{slotId}          FREESLOT#{ods} / {start}#{id}     CLINICIAN#{ods}#{name} / {start}#{id}
 *                                                                          (only while free)                 (until withdrawn)
 *   patient              PATIENT#{ods}#{nhs}         PROFILE
 *   appointment          PATIENT#{ods}#{nhs}         APPT#{appointmentId}   DAY#{ods}#{date} / {start}#{id}   APPT#{ods}#{appointmentId} / APPT
 *   activity (report)    ACTIVITY#{ods}#{yyyy-mm}    {at}#{ref}#{kind}
 *   idempotency record   IDEM#{sub}#{key}            IDEM
 */
export interface Key {
  PK: string;
  SK: string;
}

export const keys = {
  practiceSettings: (ods: string): Key => ({ PK: `PRACTICE#${ods}`, SK: 'SETTINGS' }),
  practiceMonth: (ods: string, month: string): Key => ({ PK: `PRACTICE#${ods}`, SK: `MONTH#${month}` }),
  practiceEnabled: (ods: string): Key => ({ PK: `PRACTICE#${ods}`, SK: 'ENABLED' }),

  slot: (ods: string, slotId: string): Key => ({ PK: `PRACTICE#${ods}`, SK: `SLOT#${slotId}` }),
  freeSlotsPartition: (ods: string) => `FREESLOT#${ods}`,
  clinicianPartition: (ods: string, clinician: string) => `CLINICIAN#${ods}#${clinician}`,
  startSort: (start: string, id: string) => `${start}#${id}`,

  patient: (ods: string, nhsNumber: string): Key => ({ PK: patientPartition(ods, nhsNumber), SK: 'PROFILE' }),
  patientPartition,

  appointment: (ods: string, nhsNumber: string, appointmentId: string): Key => ({
    PK: patientPartition(ods, nhsNumber),
    SK: `APPT#${appointmentId}`,
  }),
  appointmentPrefix: 'APPT#',
  dayPartition: (ods: string, date: string) => `DAY#${ods}#${date}`,
  appointmentIdPartition: (ods: string, appointmentId: string) => `APPT#${ods}#${appointmentId}`,

  activityPartition: (ods: string, month: string) => `ACTIVITY#${ods}#${month}`,

  idempotency: (owner: string, key: string): Key => ({ PK: `IDEM#${owner}#${key}`, SK: 'IDEM' }),
};

function patientPartition(ods: string, nhsNumber: string): string {
  return `PATIENT#${ods}#${nhsNumber}`;
}
