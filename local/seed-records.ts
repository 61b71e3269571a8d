import type { RecordContent } from '../functions/schemas/record.ts';
import type { SeedStep } from './seed-step.ts';

/**
 * Demo GP records: realistic coded content (SNOMED CT concept ids, UK extension where UK practice
 * records use it) for the demo patients, loaded through PUT /staff/patients/{nhsNumber}/record as
 * the practice's staff. Test results carry their value in `display`: the contract's coded entry is
 * `{ code?, display, date? }`.
 */
const NO_KNOWN_ALLERGY = { code: '716186003', display: 'No known allergy' };

export const DEMO_RECORDS: Readonly<Record<string, Readonly<Record<string, RecordContent>>>> = {
  A99001: {
    // Olivia Bennett, 1984 (detailed): asthma since childhood, anxiety, penicillin allergy.
    '9990000018': {
      allergies: [
        { code: '91936005', display: 'Allergy to penicillin', date: '2003-06-14' },
        { code: '418689008', display: 'Allergy to grass pollen', date: '2011-05-02' },
      ],
      problems: [
        { code: '195967001', display: 'Asthma', date: '1992-09-21' },
        { code: '61582004', display: 'Allergic rhinitis', date: '2011-05-02' },
        { code: '37796009', display: 'Migraine', date: '2016-02-11' },
        { code: '197480006', display: 'Anxiety disorder', date: '2022-01-18' },
      ],
      immunisations: [
        { code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-07' },
        { code: '86198006', display: 'Seasonal influenza vaccination', date: '2024-10-15' },
        { code: '1324681000000101', display: 'COVID-19 vaccination, first dose', date: '2021-04-20' },
        { code: '1324691000000104', display: 'COVID-19 vaccination, second dose', date: '2021-07-06' },
      ],
      testResults: [
        { code: '75367002', display: 'Blood pressure: 118/76 mmHg', date: '2025-09-30' },
        { code: '60621009', display: 'Body mass index: 23.4 kg/m2', date: '2025-09-30' },
        { code: '26604007', display: 'Full blood count: within normal limits', date: '2025-03-18' },
      ],
    },
    // Mohammed Rahman, 1957 (summary): type 2 diabetes with hypertension.
    '9990000026': {
      allergies: [{ code: '293586001', display: 'Allergy to aspirin', date: '1998-11-23' }],
      problems: [
        { code: '44054006', display: 'Type 2 diabetes mellitus', date: '2012-04-17' },
        { code: '38341003', display: 'Hypertension', date: '2009-08-05' },
        { code: '55822004', display: 'Hyperlipidaemia', date: '2012-04-17' },
      ],
      immunisations: [
        { code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-02' },
        { code: '12866006', display: 'Pneumococcal vaccination', date: '2022-11-09' },
      ],
      testResults: [
        { code: '999791000000106', display: 'HbA1c (IFCC): 53 mmol/mol', date: '2025-08-12' },
        { code: '1005671000000105', display: 'Serum cholesterol: 4.6 mmol/L', date: '2025-08-12' },
        { code: '1000731000000107', display: 'Serum creatinine: 92 umol/L', date: '2025-08-12' },
        { code: '75367002', display: 'Blood pressure: 136/82 mmHg', date: '2025-08-12' },
      ],
    },
    // Chloe Williams, 1999 (no online record access): loaded all the same, never shown online.
    '9990000034': {
      allergies: [NO_KNOWN_ALLERGY],
      problems: [{ code: '24079001', display: 'Atopic dermatitis', date: '2004-01-19' }],
      immunisations: [{ code: '38598009', display: 'Measles, mumps and rubella vaccination', date: '2000-08-01' }],
      testResults: [],
    },
    // Arthur Jenkins, 1941 (summary): atrial fibrillation, osteoarthritis, CKD stage 3.
    '9990000042': {
      allergies: [{ code: '300916003', display: 'Latex allergy', date: '2001-03-30' }],
      problems: [
        { code: '49436004', display: 'Atrial fibrillation', date: '2015-06-22' },
        { code: '396275006', display: 'Osteoarthritis', date: '2006-10-11' },
        { code: '433144002', display: 'Chronic kidney disease stage 3', date: '2019-02-07' },
        { code: '266569009', display: 'Benign prostatic hyperplasia', date: '2010-12-01' },
      ],
      immunisations: [
        { code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-09-24' },
        { code: '722215002', display: 'Shingles vaccination', date: '2013-10-16' },
        { code: '12866006', display: 'Pneumococcal vaccination', date: '2008-11-04' },
      ],
      testResults: [
        { code: '80274001', display: 'eGFR: 48 mL/min/1.73m2', date: '2025-07-03' },
        { code: '1000731000000107', display: 'Serum creatinine: 118 umol/L', date: '2025-07-03' },
      ],
    },
  },
  A99002: {
    // Siobhan Murphy, 1972 (detailed): hypothyroidism, depression, reflux.
    '9990000050': {
      allergies: [{ code: '91935009', display: 'Allergy to peanuts', date: '1980-07-12' }],
      problems: [
        { code: '40930008', display: 'Hypothyroidism', date: '2014-03-04' },
        { code: '35489007', display: 'Depressive disorder', date: '2019-11-26' },
        { code: '235595009', display: 'Gastro-oesophageal reflux disease', date: '2021-05-13' },
      ],
      immunisations: [
        { code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-14' },
        { code: '16584000', display: 'Hepatitis B vaccination', date: '2018-05-09' },
      ],
      testResults: [
        { code: '27113001', display: 'Body weight: 71 kg', date: '2025-06-17' },
        { code: '75367002', display: 'Blood pressure: 124/80 mmHg', date: '2025-06-17' },
      ],
    },
    // Daniel Kowalski, 1990 (summary): hay fever.
    '9990000069': {
      allergies: [{ code: '418689008', display: 'Allergy to grass pollen', date: '2008-06-03' }],
      problems: [{ code: '61582004', display: 'Allergic rhinitis', date: '2008-06-03' }],
      immunisations: [{ code: '38598009', display: 'Measles, mumps and rubella vaccination', date: '1991-10-15' }],
      testResults: [],
    },
    // Aisha Begum, 1965 (no online record access).
    '9990000077': {
      allergies: [NO_KNOWN_ALLERGY],
      problems: [
        { code: '44054006', display: 'Type 2 diabetes mellitus', date: '2017-01-30' },
        { code: '38341003', display: 'Hypertension', date: '2017-01-30' },
        { code: '396275006', display: 'Osteoarthritis', date: '2021-09-14' },
      ],
      immunisations: [{ code: '86198006', display: 'Seasonal influenza vaccination', date: '2025-10-21' }],
      testResults: [{ code: '999791000000106', display: 'HbA1c (IFCC): 49 mmol/mol', date: '2025-09-02' }],
    },
    // George Thompson, 2004 (summary): asthma, no known allergies.
    '9990000085': {
      allergies: [NO_KNOWN_ALLERGY],
      problems: [{ code: '195967001', display: 'Asthma', date: '2009-04-27' }],
      immunisations: [{ code: '38598009', display: 'Measles, mumps and rubella vaccination', date: '2005-03-08' }],
      testResults: [],
    },
  },
};

/** Loads each demo patient's record (after the patients step: a record needs a registered patient). */
export const recordsStep: SeedStep = {
  name: 'records',
  async run({ call, practices }) {
    for (const practice of practices) {
      const records = DEMO_RECORDS[practice.config.ods] ?? {};
      for (const { nhsNumber } of practice.patients) {
        const record = records[nhsNumber];
        if (!record) continue;
        await call({
          method: 'PUT',
          path: `/staff/patients/${nhsNumber}/record`,
          staffOf: practice.config.ods,
          body: record,
        });
      }
    }
  },
};
