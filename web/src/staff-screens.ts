/**
 * Every staff screen, in one module the app imports on demand: patients never download it.
 */
export { auditScreen, dayScreen, queueScreen, rejectScreen } from './staff.ts';
export { letterScreen, unlinkScreen } from './staff-account.ts';
export {
  addMedicationScreen,
  medicationsScreen,
  reviewMedicationScreen,
  stopMedicationScreen,
} from './staff-medications.ts';
export { findPatientScreen, patientScreen, registerPatientScreen, servicesScreen } from './staff-patients.ts';
export { proxyScreen } from './staff-proxies.ts';
export { patternCheckScreen, patternPublishedScreen, patternScreen } from './staff-pattern.ts';
export { addRecordEntryScreen, codedRecordScreen } from './staff-record.ts';
export { reportScreen } from './staff-report.ts';
export { settingsScreen } from './staff-settings.ts';
export { cancelAppointmentScreen, publishSlotScreen, slotBoardScreen, withdrawSlotScreen } from './staff-slots.ts';
