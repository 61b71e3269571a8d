import { z } from 'zod';

export const ServicesOffered = z.strictObject({
  appointments: z.boolean(),
  prescriptions: z.boolean(),
  record: z.boolean(),
});

export const PracticeSettings = z
  .strictObject({
    bookingHorizonDays: z.number().int().min(1).max(366),
    maxActiveAppointments: z.number().int().min(1).max(50),
    cancellationCutoffMinutes: z.number().int().min(0).max(10_080),
    servicesOffered: ServicesOffered,
    listSize: z.number().int().min(0).max(1_000_000),
    annualGrowthTarget: z.number().min(0).max(10),
    systemSupplier: z.string().min(1).max(50),
  })
  .meta({ id: 'PracticeSettings' });
export type PracticeSettings = z.infer<typeof PracticeSettings>;

/** CONTRACT.md §3 defaults, used until staff change a setting. */
export const DEFAULT_SETTINGS: PracticeSettings = {
  bookingHorizonDays: 28,
  maxActiveAppointments: 2,
  cancellationCutoffMinutes: 60,
  servicesOffered: { appointments: true, prescriptions: true, record: true },
  listSize: 0,
  annualGrowthTarget: 0.1,
  systemSupplier: 'PATIENT-ONLINE',
};

/** Any subset of the settings; `servicesOffered` may itself be partial. */
export const UpdateSettingsBody = PracticeSettings.omit({ servicesOffered: true })
  .partial()
  .extend({ servicesOffered: ServicesOffered.partial().optional() })
  .strict();
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

export const Practice = z
  .object({
    practice: z.string(),
    name: z.string(),
    timeZone: z.string(),
    settings: PracticeSettings,
  })
  .meta({ id: 'Practice' });
export type Practice = z.infer<typeof Practice>;
