import { App } from './app.ts';
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
import { signInScreen } from './sign-in.ts';
import { auditScreen, dayScreen, queueScreen, rejectScreen } from './staff.ts';

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
  app.route('/notifications', notificationsScreen(app), 'patient');
  app.route('/notifications/saved', notificationsSavedScreen, 'patient');
  app.route('/staff/appointments', dayScreen(app), 'staff');
  app.route('/staff/prescriptions', queueScreen(app), 'staff');
  app.route('/staff/prescriptions/:id/reject', rejectScreen(app), 'staff');
  app.route('/staff/audit', auditScreen(app), 'staff');
  app.start();
}
