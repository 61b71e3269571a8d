import { App, type Screen } from './app.ts';
import {
  appointmentsScreen,
  cancelScreen,
  checkBookingScreen,
  chooseSlotScreen,
  describeScreen,
  doneScreen,
} from './patient-appointments.ts';
import { homeScreen, recordScreen } from './patient-home.ts';
import { notificationsSavedScreen, notificationsScreen } from './patient-notifications.ts';
import {
  checkOrderScreen,
  chooseMedicationsScreen,
  orderedScreen,
  pharmacyScreen,
  prescriptionsScreen,
  requestScreen,
} from './patient-prescriptions.ts';
import { profilesScreen } from './profiles.ts';
import { signInScreen } from './sign-in.ts';
import { drawStaffNavigation } from './staff-nav.ts';

type StaffScreens = typeof import('./staff-screens.ts');
let staffScreens: Promise<StaffScreens> | undefined;

/** A staff screen, loaded with the rest of the staff code the first time any is opened. */
function staff(app: App, name: keyof StaffScreens): Screen {
  let screen: Screen | undefined;
  return async (context) => {
    screen ??= (await (staffScreens ??= import('./staff-screens.ts')))[name](app);
    return screen(context);
  };
}

const main = document.getElementById('main-content');
const back = document.getElementById('back');
if (main && back) {
  const app = new App(main, back);
  app.signInWith(signInScreen(app));
  app.route('/', homeScreen(app));
  app.route('/appointments', appointmentsScreen(app), 'patient');
  app.route('/appointments/book', chooseSlotScreen(app), 'patient');
  app.route('/appointments/book/details', describeScreen(app), 'patient');
  app.route('/appointments/book/check', checkBookingScreen(app), 'patient');
  app.route('/appointments/booked', doneScreen(app, 'booked'), 'patient');
  app.route('/appointments/moved', doneScreen(app, 'moved'), 'patient');
  app.route('/appointments/cancelled', doneScreen(app, 'cancelled'), 'patient');
  app.route('/appointments/:id/cancel', cancelScreen(app), 'patient');
  app.route('/prescriptions', prescriptionsScreen(app), 'patient');
  app.route('/prescriptions/order', chooseMedicationsScreen(app), 'patient');
  app.route('/prescriptions/order/pharmacy', pharmacyScreen(app), 'patient');
  app.route('/prescriptions/order/check', checkOrderScreen(app), 'patient');
  app.route('/prescriptions/ordered', orderedScreen(), 'patient');
  app.route('/prescriptions/:id', requestScreen(app), 'patient');
  app.route('/record', recordScreen(app), 'patient');
  app.route('/profiles', profilesScreen(app), 'patient');
  app.route('/staff/appointments', staff(app, 'dayScreen'), 'staff');
  app.route('/staff/appointments/:id/cancel', staff(app, 'cancelAppointmentScreen'), 'staff');
  app.route('/staff/prescriptions', staff(app, 'queueScreen'), 'staff');
  app.route('/staff/prescriptions/:id/reject', staff(app, 'rejectScreen'), 'staff');
  app.route('/staff/audit', staff(app, 'auditScreen'), 'staff');
  app.route('/staff/slots', staff(app, 'slotBoardScreen'), 'staff');
  app.route('/staff/slots/new', staff(app, 'publishSlotScreen'), 'staff');
  app.route('/staff/slots/:id/withdraw', staff(app, 'withdrawSlotScreen'), 'staff');
  app.route('/staff/slots/pattern', staff(app, 'patternScreen'), 'staff');
  app.route('/staff/slots/pattern/check', staff(app, 'patternCheckScreen'), 'staff');
  app.route('/staff/slots/pattern/published', staff(app, 'patternPublishedScreen'), 'staff');
  app.route('/staff/patients', staff(app, 'findPatientScreen'), 'staff');
  app.route('/staff/patients/register', staff(app, 'registerPatientScreen'), 'staff');
  app.route('/staff/patient', staff(app, 'patientScreen'), 'staff');
  app.route('/staff/patient/services', staff(app, 'servicesScreen'), 'staff');
  app.route('/staff/patient/proxy', staff(app, 'proxyScreen'), 'staff');
  app.route('/staff/patient/letter', staff(app, 'letterScreen'), 'staff');
  app.route('/staff/patient/unlink', staff(app, 'unlinkScreen'), 'staff');
  app.route('/staff/patient/medications', staff(app, 'medicationsScreen'), 'staff');
  app.route('/staff/patient/medications/new', staff(app, 'addMedicationScreen'), 'staff');
  app.route('/staff/patient/medications/:id/review', staff(app, 'reviewMedicationScreen'), 'staff');
  app.route('/staff/patient/medications/:id/stop', staff(app, 'stopMedicationScreen'), 'staff');
  app.route('/staff/patient/record', staff(app, 'codedRecordScreen'), 'staff');
  app.route('/staff/patient/record/add', staff(app, 'addRecordEntryScreen'), 'staff');
  app.route('/staff/settings', staff(app, 'settingsScreen'), 'staff');
  app.route('/staff/reports', staff(app, 'reportScreen'), 'staff');
  app.shown.push(() => drawStaffNavigation(app));
  app.route('/notifications', notificationsScreen(app), 'patient');
  app.route('/notifications/saved', notificationsSavedScreen, 'patient');
  app.start();
}
