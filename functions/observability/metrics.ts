import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of the business metrics (the dashboard reads the same). */
export const METRICS_NAMESPACE = 'PatientOnline';

/** Business events, each counted once per effect (an idempotent replay is not counted again). */
export const BUSINESS_EVENTS = [
  'AppointmentBooked',
  'AppointmentRescheduled',
  'AppointmentCancelled',
  'PrescriptionOrdered',
  'RecordViewed',
] as const;
export type BusinessEvent = (typeof BUSINESS_EVENTS)[number];

/** A problem answer (4xx, 500 and 503 alike), with its code as a dimension. */
export const PROBLEM_METRIC = 'Problem';
/** 503 `unavailable` answers on their own, for an alarm or graph that needs no search. */
export const UNAVAILABLE_METRIC = 'Unavailable';

/**
 * The only dimensions a metric may have. Never a practice, a patient or a raw path: with 6,500
 * practices a practice dimension would multiply the metrics (and the bill) 6,500 times, and a
 * patient would put personal data in a metric.
 */
export interface MetricDimensions {
  /** The route template, e.g. `POST /appointments/{id}/cancel`. */
  route: string;
  /** patient, staff, or `anonymous` for a public route or a caller not yet authenticated. */
  role: string;
  /** The problem code, for `Problem` only. */
  code?: string;
}

let root: Metrics | undefined;

/**
 * Emits one count as an EMF line on stdout (CloudWatch turns it into a metric; no API call),
 * with exactly the given dimensions: Powertools' default `service` dimension is cleared so that a
 * metric's dimensions are route, role and code and nothing else. Local mode and tests set
 * POWERTOOLS_METRICS_DISABLED.
 */
export function countMetric(
  name: BusinessEvent | typeof PROBLEM_METRIC | typeof UNAVAILABLE_METRIC,
  dimensions: MetricDimensions,
): void {
  root ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'patient-online' });
  const single = root.singleMetric();
  single.clearDefaultDimensions();
  const { route, role, code } = dimensions;
  single.addDimensions(code === undefined ? { route, role } : { route, role, code });
  // A single metric is published as soon as it is added.
  single.addMetric(name, MetricUnit.Count, 1);
}
