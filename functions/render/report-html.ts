import { MESSAGE_KINDS, type MessageKind } from '../schemas/message-kinds.ts';
import type { TrendPoint } from '../domain/report-figures.ts';
import { pomiFields, type PomiContext } from '../domain/report-pomi.ts';
import type { MonthlyReport } from '../schemas/report.ts';

/**
 * The monthly report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no
 * fonts, no images, nothing fetched (it is served with a CSP that forbids all of it). Pure. A
 * presentation of the report, not a rule about it: render/ sits above domain/ (whose figures and
 * POMI fields it draws) and below the use cases that serve and file the page.
 */

export interface ReportPageInput {
  report: MonthlyReport;
  trend: readonly TrendPoint[];
  context: PomiContext;
  /** The month had not ended when the report was generated. */
  toDate: boolean;
}

const COLOURS = {
  appointments: '#005eb8',
  prescriptions: '#007f3b',
  detailedRecord: '#7c2855',
  anyService: '#212b32',
} as const;

const SERVICE_LABELS = {
  appointments: 'Appointments',
  prescriptions: 'Repeat prescriptions',
  detailedRecord: 'Detailed coded record',
  anyService: 'Any service',
} as const;

type Series = keyof typeof COLOURS;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const monthName = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
/** `2026-01` → `Jan 2026`: a month and a whole year, never a two-digit year that reads as a day. */
export const shortMonth = (month: string) =>
  `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]!.slice(0, 3)} ${month.slice(0, 4)}`;
/** `2026-11-30` → `30 November 2026`. */
const longDate = (date: string) => `${Number(date.slice(8, 10))} ${monthName(date.slice(0, 7))}`;
const number = (n: number) => n.toLocaleString('en-GB');

/**
 * A percent with as many decimals as its size needs, so that a few enabled patients on a large
 * list never read as "0%" and a nearly full list never reads as "100%": 2 decimals below 1% (and
 * above 99%), else 1; anything between 0 and 0.01% reads "<0.01%" (the report's own precision).
 */
const MESSAGE_LABELS: Record<MessageKind, string> = {
  'appointment-booked': 'Appointment booked',
  'appointment-reminder': 'Appointment reminder',
  'appointment-cancelled-by-practice': 'Appointment cancelled by the practice',
  'prescription-approved': 'Prescription request approved',
  'prescription-rejected': 'Prescription request not approved',
  'prescription-issued': 'Prescription issued',
};

export function formatPercent(p: number | null): string {
  if (p === null) return '—';
  const abs = Math.abs(p);
  if (abs > 0 && abs < 0.01) return p < 0 ? '>-0.01%' : '<0.01%';
  const decimals = abs < 1 || (abs > 99 && abs < 100) ? 2 : 1;
  return `${p.toLocaleString('en-GB', { maximumFractionDigits: decimals })}%`;
}
const signedPct = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${formatPercent(p)}`);

/** The smallest 1, 2 or 5 × 10ⁿ at least `raw`. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (raw <= m * magnitude * (1 + 1e-9)) return m * magnitude;
  return 10 * magnitude;
}

/** Decimals needed to write every multiple of `step` exactly (0.005 → 3, 10 → 0). */
function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * Axis ticks from 0 up to the first tick at or above `max`: evenly spaced by a 1/2/5 × 10ⁿ step,
 * at most `intervals` of them, whole numbers when `integer` (counts). Never empty; an all-zero
 * series gets the axis 0…1.
 */
export function niceTicks(max: number, options: { integer?: boolean; intervals?: number } = {}): number[] {
  const top = max > 0 ? max : 1;
  const raw = niceStep(top / (options.intervals ?? 4));
  const step = options.integer ? Math.max(1, raw) : raw;
  const decimals = stepDecimals(step);
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}

/** Tick labels of one axis: all with the same decimals (those of the step), so none repeat. */
export function tickLabels(ticks: readonly number[], unit: '%' | ''): string[] {
  const decimals = ticks.length > 1 ? stepDecimals(ticks[1]! - ticks[0]!) : 0;
  return ticks.map((t) => {
    const text = t.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return unit === '%' ? `${text}%` : text;
  });
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

interface Chart {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Grid lines with their labels at `ticks` (the last one is the top of the plot), and the months. */
function axes(
  chart: Chart,
  ticks: readonly number[],
  months: readonly string[],
  unit: '%' | '',
  gaps: readonly boolean[],
): string {
  const plotH = chart.height - chart.top - chart.bottom;
  const plotW = chart.width - chart.left - chart.right;
  const max = ticks[ticks.length - 1]!;
  const labels = tickLabels(ticks, unit);
  const grid = ticks
    .map((t, i) => {
      const y = chart.top + plotH - (t / max) * plotH;
      return `<line x1="${chart.left}" x2="${chart.width - chart.right}" y1="${fmt(y)}" y2="${fmt(y)}" class="grid"/><text x="${chart.left - 8}" y="${fmt(y + 4)}" class="tick" text-anchor="end">${labels[i]}</text>`;
    })
    .join('');
  const step = plotW / months.length;
  // Month over year on two lines: twelve "Jan 2026" labels side by side would run into each other.
  const monthLabels = months
    .map((m, i) => {
      const x = fmt(chart.left + step * (i + 0.5));
      const [name, year] = shortMonth(m).split(' ');
      return `<text x="${x}" y="${chart.height - chart.bottom + 18}" class="tick" text-anchor="middle"><tspan x="${x}">${name}</tspan><tspan x="${x}" dy="15">${year}</tspan></text>`;
    })
    .join('');
  // A month without data is a shaded column saying so, never a point or bar at zero.
  const noData = months
    .map((m, i) =>
      gaps[i]
        ? `<rect x="${fmt(chart.left + step * i + 2)}" y="${chart.top}" width="${fmt(step - 4)}" height="${plotH}" class="gap"><title>${shortMonth(m)}: no data</title></rect><text x="${fmt(chart.left + step * (i + 0.5))}" y="${fmt(chart.top + plotH / 2)}" class="nodata" text-anchor="middle">no data</text>`
        : '',
    )
    .join('');
  return grid + noData + monthLabels;
}

/** A month drawn as a gap: no report of it was stored, or it is before the practice's first data. */
const isGap = (p: TrendPoint) => p.noData !== undefined;

const TREND_SERIES: readonly Series[] = ['anyService', 'appointments', 'prescriptions', 'detailedRecord'];

/**
 * For each series drawn on top of an identical earlier one (same value every month, not all
 * zero), that earlier series: the later line is then dashed so both colours show.
 */
function coinciding(values: Record<Series, readonly (number | null)[]>): Partial<Record<Series, Series>> {
  const same: Partial<Record<Series, Series>> = {};
  TREND_SERIES.forEach((s, i) => {
    if (!values[s].some((v) => v !== null && v !== 0)) return;
    const under = TREND_SERIES.slice(0, i).find((e) => values[e].every((v, m) => v === values[s][m]));
    if (under) same[s] = under;
  });
  return same;
}

/** 12-month lines of % enabled per service (or enabled counts while the list size is unknown). */
function enabledTrendChart(trend: readonly TrendPoint[]): {
  svg: string;
  unit: '%' | 'patients';
  same: Partial<Record<Series, Series>>;
} {
  const usePct = trend.some((p) => p.enabledPct.anyService !== null);
  const values = Object.fromEntries(
    TREND_SERIES.map((s) => [s, trend.map((p) => (isGap(p) ? null : usePct ? p.enabledPct[s] : p.enabled[s]))]),
  ) as Record<Series, (number | null)[]>;
  const same = coinciding(values);
  const chart: Chart = { width: 720, height: 316, left: 64, right: 24, top: 16, bottom: 48 };
  const ticks = niceTicks(Math.max(0, ...TREND_SERIES.flatMap((s) => values[s].map((v) => v ?? 0))), {
    integer: !usePct,
  });
  const max = ticks[ticks.length - 1]!;
  const plotH = chart.height - chart.top - chart.bottom;
  const step = (chart.width - chart.left - chart.right) / trend.length;
  const x = (i: number) => chart.left + step * (i + 0.5);
  const y = (v: number) => chart.top + plotH - (v / max) * plotH;
  const lines = TREND_SERIES.map((s) => {
    const points = values[s]
      .map((v, i) => [i, v] as const)
      .filter((pt): pt is readonly [number, number] => pt[1] !== null);
    if (points.length === 0) return '';
    // A line never bridges a gap: after a month without a value it starts again.
    const path = points
      .map(([i, v], n) => `${n === 0 || points[n - 1]![0] !== i - 1 ? 'M' : 'L'}${fmt(x(i))},${fmt(y(v))}`)
      .join(' ');
    const dots = points
      .map(
        ([i, v]) =>
          `<circle cx="${fmt(x(i))}" cy="${fmt(y(v))}" r="3.5" fill="${COLOURS[s]}"><title>${SERVICE_LABELS[s]}, ${shortMonth(trend[i]!.month)}: ${usePct ? formatPercent(v) : number(v)}</title></circle>`,
      )
      .join('');
    const width = s === 'anyService' ? 3.5 : 2.5;
    const dash = same[s] ? ' stroke-dasharray="8 8" stroke-linecap="butt"' : ' stroke-linecap="round"';
    return `<path d="${path}" fill="none" stroke="${COLOURS[s]}" stroke-width="${width}"${dash} stroke-linejoin="round"/>${dots}`;
  }).join('');
  const unit = usePct ? '%' : 'patients';
  const title = usePct
    ? 'Percent of the list size enabled, per service, over 12 months'
    : 'Patients enabled, per service, over 12 months';
  return {
    unit,
    same,
    svg: `<svg viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${title}"><title>${title}</title>${axes(
      chart,
      ticks,
      trend.map((p) => p.month),
      usePct ? '%' : '',
      trend.map(isGap),
    )}${lines}</svg>`,
  };
}

const USE_SERIES = [
  {
    key: 'appointments',
    label: 'Appointments (booked + cancelled)',
    colour: COLOURS.appointments,
    of: (p: TrendPoint) => p.use.appointmentsBooked + p.use.appointmentsCancelled,
  },
  {
    key: 'prescriptions',
    label: 'Prescription requests',
    colour: COLOURS.prescriptions,
    of: (p: TrendPoint) => p.use.prescriptionsOrdered,
  },
  { key: 'record', label: 'Record views', colour: COLOURS.detailedRecord, of: (p: TrendPoint) => p.use.recordViews },
] as const;

/** 12-month stacked bars of online use per service. */
function useTrendChart(trend: readonly TrendPoint[]): string {
  const chart: Chart = { width: 720, height: 316, left: 64, right: 24, top: 24, bottom: 48 };
  const ticks = niceTicks(
    Math.max(0, ...trend.filter((p) => !isGap(p)).map((p) => USE_SERIES.reduce((n, s) => n + s.of(p), 0))),
    {
      integer: true,
    },
  );
  const max = ticks[ticks.length - 1]!;
  const plotH = chart.height - chart.top - chart.bottom;
  const step = (chart.width - chart.left - chart.right) / trend.length;
  const barW = Math.min(36, step * 0.62);
  const bars = trend
    .map((p, i) => {
      if (isGap(p)) return '';
      let base = 0;
      const x = chart.left + step * (i + 0.5) - barW / 2;
      const total = USE_SERIES.reduce((n, s) => n + s.of(p), 0);
      // The bar's total written above it, so a printout (and a zero month) shows the number.
      const label = `<text x="${fmt(chart.left + step * (i + 0.5))}" y="${fmt(chart.top + plotH - (total / max) * plotH - 5)}" class="bar-value" text-anchor="middle">${number(total)}</text>`;
      return (
        label +
        USE_SERIES.map((s) => {
          const v = s.of(p);
          const h = (v / max) * plotH;
          const y = chart.top + plotH - ((base + v) / max) * plotH;
          base += v;
          return v > 0
            ? `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barW)}" height="${fmt(h)}" fill="${s.colour}" rx="2"><title>${s.label}, ${shortMonth(p.month)}: ${number(v)}</title></rect>`
            : '';
        }).join('')
      );
    })
    .join('');
  const title = 'Online use per month, per service, over 12 months';
  return `<svg viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${title}"><title>${title}</title>${axes(
    chart,
    ticks,
    trend.map((p) => p.month),
    '',
    trend.map(isGap),
  )}${bars}</svg>`;
}

/** Horizontal bars: one per row, with the value written beside it. */
function barList(rows: { label: string; value: number; display: string; colour: string }[], max: number): string {
  const rowH = 40;
  const width = 520;
  const labelW = 200;
  const barMax = width - labelW - 96;
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      const w = max > 0 ? Math.max(r.value > 0 ? 3 : 0, (r.value / max) * barMax) : 0;
      return `<text x="0" y="${y + 26}" class="label">${escapeHtml(r.label)}</text><rect x="${labelW}" y="${y + 10}" width="${barMax}" height="22" rx="4" class="track"/><rect x="${labelW}" y="${y + 10}" width="${fmt(w)}" height="22" rx="4" fill="${r.colour}"/><text x="${fmt(labelW + w + 8)}" y="${y + 26}" class="value">${escapeHtml(r.display)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${rows.length * rowH}" role="img" aria-label="${escapeHtml(rows.map((r) => `${r.label} ${r.display}`).join(', '))}">${body}</svg>`;
}

/** Why a month has no figures, in words. */
function gapText(p: TrendPoint): string {
  return p.noData === 'before-first-data' ? 'no data (before the practice’s first data)' : 'no data (no report stored)';
}

/**
 * A chart's figures as a table: visually hidden on screen (a screen reader reads it; the chart is
 * labelled as an image) and printed below the chart, so a printout carries the numbers.
 */
function dataTable(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly string[] | string)[],
  months: readonly string[],
  /** Shown on screen too (a table that is the figure itself), not only to screen readers and on paper. */
  visible = false,
): string {
  const body = rows
    .map((cells, i) => {
      const month = `<th scope="row">${shortMonth(months[i]!)}</th>`;
      return typeof cells === 'string'
        ? `<tr>${month}<td colspan="${head.length - 1}">${escapeHtml(cells)}</td></tr>`
        : `<tr>${month}${cells.map((c) => `<td class="num">${c}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table${visible ? '' : ' class="chart-data"'}><caption>${escapeHtml(caption)}</caption><thead><tr>${head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function enabledTable(trend: readonly TrendPoint[]): string {
  const cell = (p: TrendPoint, s: Series) =>
    p.enabledPct[s] === null ? number(p.enabled[s]) : `${number(p.enabled[s])} · ${formatPercent(p.enabledPct[s])}`;
  return dataTable(
    'Patients enabled at each month’s end (number · percent of the list size)',
    ['Month', ...TREND_SERIES.map((s) => SERVICE_LABELS[s]), 'List size'],
    trend.map((p) => (isGap(p) ? gapText(p) : [...TREND_SERIES.map((s) => cell(p, s)), number(p.listSize)])),
    trend.map((p) => p.month),
  );
}

function useTable(trend: readonly TrendPoint[]): string {
  return dataTable(
    'Online use per month',
    ['Month', ...USE_SERIES.map((s) => s.label), 'Total'],
    trend.map((p) =>
      isGap(p)
        ? gapText(p)
        : [...USE_SERIES.map((s) => number(s.of(p))), number(USE_SERIES.reduce((n, s) => n + s.of(p), 0))],
    ),
    trend.map((p) => p.month),
  );
}

/**
 * Which months the charts draw as gaps, and how to fill in the ones that only lack a stored report:
 * the CLI, the staff route, or the scheduled run.
 */
/**
 * Getting patients online, as steps: registered for online services (enabled at the month's end),
 * invited (registration letters issued in the month), linked (patients who linked their own
 * sign-in in the month) and used (online actions in the month).
 */
function onboardingSection(report: ReportPageInput['report'], trend: readonly TrendPoint[], toDate: boolean): string {
  // Reports stored before onboarding was counted have none: nothing was counted then.
  const onboarding = (report as Partial<Pick<MonthlyReport, 'onboarding'>>).onboarding ?? {
    invitationsIssued: 0,
    accountsLinked: 0,
  };
  const steps = [
    { label: 'Registered for online services', value: report.enabled.anyService, colour: COLOURS.anyService },
    { label: 'Invited (registration letters)', value: onboarding.invitationsIssued, colour: '#41b6e6' },
    { label: 'Linked their own sign-in', value: onboarding.accountsLinked, colour: COLOURS.prescriptions },
    { label: 'Used: online actions', value: report.use.total, colour: COLOURS.detailedRecord },
  ].map((step) => ({ ...step, display: number(step.value) }));
  const max = Math.max(1, ...steps.map((step) => step.value));
  const table = dataTable(
    'Getting patients online over 12 months',
    ['Month', 'Registered', 'Invited', 'Linked', 'Used'],
    trend.map((p) =>
      isGap(p)
        ? gapText(p)
        : [
            number(p.enabled.anyService),
            number(p.onboarding?.invitationsIssued ?? 0),
            number(p.onboarding?.accountsLinked ?? 0),
            number(p.use.total),
          ],
    ),
    trend.map((p) => p.month),
    true,
  );
  return `<section><h2>Getting patients online</h2><p class="note">Registered: enabled for any service ${toDate ? 'now' : 'at the month’s end'}; invited and linked: letters issued and sign-ins linked ${toDate ? 'to date' : 'in the month'}; used: online actions.</p>${barList(steps, max)}${table}</section>`;
}

function missingMonthsNote(trend: readonly TrendPoint[], ods: string, month: string): string {
  const notGenerated = trend.filter((p) => p.noData === 'not-generated').map((p) => p.month);
  const beforeData = trend.filter((p) => p.noData === 'before-first-data').map((p) => p.month);
  if (notGenerated.length === 0 && beforeData.length === 0) return '';
  const list = (months: readonly string[]) =>
    months.length === 1
      ? shortMonth(months[0]!)
      : `${months.slice(0, -1).map(shortMonth).join(', ')} and ${shortMonth(months.at(-1)!)}`;
  const parts: string[] = [];
  if (notGenerated.length > 0) {
    const example = notGenerated[0]!;
    parts.push(
      `<p><strong>Missing months:</strong> no report was stored for ${list(notGenerated)} when this report was generated, so the charts show ${notGenerated.length === 1 ? 'it' : 'them'} as gaps. To generate a month (here ${shortMonth(example)}): run <code>npm run rollup -- --month ${example} --practice ${escapeHtml(ods)}</code>, or send <code>POST /staff/reports/monthly/${example}</code> as the practice’s staff; the scheduled run on the 1st of each month (02:00 Europe/London) generates the month that has just ended. Then generate ${monthName(month)} again to redraw these charts.</p>`,
    );
  }
  if (beforeData.length > 0) {
    // Always the first months of the twelve, one after another.
    const span =
      beforeData.length > 2 ? `${shortMonth(beforeData[0]!)} to ${shortMonth(beforeData.at(-1)!)}` : list(beforeData);
    parts.push(
      `<p><strong>Before the practice’s first data:</strong> ${span} ${beforeData.length === 1 ? 'has' : 'have'} nothing to draw.</p>`,
    );
  }
  return `<section class="missing"><h2>Months without data</h2>${parts.join('')}</section>`;
}

function legend(items: { label: string; colour: string; note?: string | undefined }[]): string {
  return `<ul class="legend">${items.map((i) => `<li><span class="swatch" style="background:${i.colour}"></span>${escapeHtml(i.label)}${i.note ? ` <span class="legend-note">(${escapeHtml(i.note)})</span>` : ''}</li>`).join('')}</ul>`;
}

function growthCard(label: string, value: number | null): string {
  const cls = value === null ? 'flat' : value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  const arrow = value === null ? '' : value > 0 ? '▲ ' : value < 0 ? '▼ ' : '';
  const text = signedPct(value);
  // "+233.3%" and longer no longer fit a narrow card in the big-number font.
  const size = text.length > 6 ? ' text' : '';
  return `<div class="card"><div class="card-label">${label}</div><div class="card-value${size} ${cls}">${arrow}${text}</div><div class="card-note">patients enabled for any service</div></div>`;
}

const STYLE = `
:root{--blue:#005eb8;--dark:#003087;--ink:#212b32;--grey:#4c6272;--line:#d8dde0;--bg:#f0f4f5;--green:#007f3b;--red:#d5281b}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
header{background:var(--blue);color:#fff;padding:28px 32px 24px}
header h1{margin:0;font-size:28px;line-height:1.2}
header .sub{margin-top:6px;opacity:.92}
.badge{display:inline-block;margin-left:10px;padding:2px 10px;border-radius:999px;font-size:13px;font-weight:600;vertical-align:middle;background:#fff;color:var(--blue)}
.badge.todate{background:#ffeb3b;color:var(--ink)}
main{max-width:1080px;margin:0 auto;padding:24px 24px 48px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:16px;margin-top:-8px}
.card{background:#fff;border-radius:8px;padding:16px 18px;border-top:4px solid var(--blue);box-shadow:0 1px 2px rgba(0,0,0,.06)}
.card-label{font-size:14px;color:var(--grey);font-weight:600}
.card-value{font-size:24px;font-weight:700;line-height:1.25;margin-top:4px;white-space:nowrap}
.card-value.text{font-size:18px;line-height:1.35;white-space:normal;overflow-wrap:anywhere;padding-top:2px}
.card-note{font-size:13px;color:var(--grey)}
.up{color:var(--green)}.down{color:var(--red)}.flat{color:var(--ink)}
.ontrack{border-top-color:var(--green)}.offtrack{border-top-color:var(--red)}
section{background:#fff;border-radius:8px;padding:20px 24px;margin-top:20px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
section h2{margin:0 0 4px;font-size:20px}
section p.note{margin:0 0 12px;color:var(--grey);font-size:14px}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:20px;margin-top:20px}
.two section{margin-top:0}
svg{width:100%;height:auto;display:block}
svg .grid{stroke:var(--line);stroke-width:1}
svg .tick{fill:var(--grey);font-size:13px}
svg .label{fill:var(--ink);font-size:15px}
svg .value{fill:var(--ink);font-size:15px;font-weight:600}
svg .track{fill:#eef1f3}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:10px 0 0;font-size:14px}
.legend-note{color:var(--grey)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:13px}
svg .gap{fill:#f6f7f8}
svg .nodata{fill:var(--grey);font-size:11px;font-style:italic}
svg .tick.month{font-size:11px}
svg .bar-value{fill:var(--ink);font-size:12px;font-weight:600}
.missing{border-left:4px solid #ffb81c}
.missing p{margin:6px 0 0;font-size:14px}
.chart-data{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
caption{text-align:left;font-weight:600;padding:0 0 6px}
footer{max-width:1080px;margin:0 auto;padding:0 24px 32px;color:var(--grey);font-size:13px}
@media print{body{background:#fff}.chart-data{position:static;width:100%;height:auto;margin:12px 0 0;overflow:visible;clip:auto;clip-path:none;white-space:normal}section,.card{box-shadow:none;border:1px solid var(--line)}header{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The whole page. Everything from outside (names, codes) is escaped. */
export function renderReportPage(input: ReportPageInput): string {
  const { report, trend, context, toDate } = input;
  const practiceName = escapeHtml(context.practice.name);
  const title = `${practiceName} (${escapeHtml(report.practice)}): online services, ${monthName(report.month)}`;
  const { enabled, enabledPct, use, growth, target } = report;
  // One wording wherever the period is named: a month in progress is "to date", with its end.
  const period = toDate
    ? `to date (period ends ${longDate(report.periodEnd)})`
    : `report period end ${longDate(report.periodEnd)}`;

  const targetCls = target.onTrack === null ? '' : target.onTrack ? ' ontrack' : ' offtrack';
  const targetText = target.onTrack === null ? 'Not yet known' : target.onTrack ? 'On track' : 'Behind';
  const cards = [
    `<div class="card"><div class="card-label">Enabled for any service</div><div class="card-value">${number(enabled.anyService)}</div><div class="card-note">${formatPercent(enabledPct.anyService)} of ${number(report.listSize)} registered</div></div>`,
    `<div class="card"><div class="card-label">Newly enabled this month</div><div class="card-value">${number(enabled.newInMonth)}</div><div class="card-note">first enabled in ${monthName(report.month)}</div></div>`,
    `<div class="card"><div class="card-label">Online use</div><div class="card-value">${number(use.total)}</div><div class="card-note">actions by patients${toDate ? ' to date' : ''}</div></div>`,
    growthCard('Month on month', growth.monthOnMonthPct),
    growthCard('Year on year', growth.yearOnYearPct),
    `<div class="card${targetCls}"><div class="card-label">Annual growth target</div><div class="card-value text ${target.onTrack === false ? 'down' : target.onTrack ? 'up' : 'flat'}">${targetText}</div><div class="card-note">target ${formatPercent(Math.round(target.annualGrowthTarget * 10000) / 100)} a year</div></div>`,
  ].join('');

  const services = (['appointments', 'prescriptions', 'detailedRecord', 'anyService'] as const).map((s) => ({
    label: SERVICE_LABELS[s],
    value: enabledPct[s] ?? enabled[s],
    display: enabledPct[s] === null ? number(enabled[s]) : `${number(enabled[s])} · ${formatPercent(enabledPct[s])}`,
    colour: COLOURS[s],
  }));
  const servicesMax = enabledPct.anyService === null ? Math.max(1, ...services.map((s) => s.value)) : 100;

  const useRows = [
    { label: 'Appointments booked', value: use.appointmentsBooked, colour: COLOURS.appointments },
    { label: 'Appointments cancelled', value: use.appointmentsCancelled, colour: '#41b6e6' },
    { label: 'Prescription requests', value: use.prescriptionsOrdered, colour: COLOURS.prescriptions },
    { label: 'Prescription items', value: use.prescriptionItemsOrdered, colour: '#78be20' },
    { label: 'Record views', value: use.recordViews, colour: COLOURS.detailedRecord },
    // Stored reports from before proxy access have no byProxy: none were made then.
    { label: 'Of these, by a proxy', value: use.byProxy ?? 0, colour: '#768692' },
  ].map((r) => ({ ...r, display: number(r.value) }));
  const useMax = Math.max(1, ...useRows.map((r) => r.value));

  const messageRows = MESSAGE_KINDS.map(
    (k) => `<tr><td>${MESSAGE_LABELS[k]}</td><td class="num">${number(report.messages.sent[k])}</td></tr>`,
  ).join('');
  const messagesSection = `<section><h2>Messages to patients</h2><p class="note">E-mails and text messages sent${toDate ? ' to date' : ' in the month'}; not delivered after every retry: ${number(report.messages.failed)}.</p><table><thead><tr><th>Message</th><th class="num">Sent</th></tr></thead><tbody>${messageRows}<tr><td>Not delivered (failed)</td><td class="num">${number(report.messages.failed)}</td></tr></tbody></table></section>`;

  const enabledTrend = enabledTrendChart(trend);
  const pomi = pomiFields(report, context.servicesOffered)
    .map(([field, value]) => `<tr><td><code>${field}</code></td><td class="num">${number(value)}</td></tr>`)
    .join('');
  const geography = [context.practice.regionName, context.practice.subIcbName]
    .filter(Boolean)
    .map((g) => escapeHtml(g!))
    .join(' · ');

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${practiceName} <span class="badge${toDate ? ' todate' : ''}">${toDate ? 'To date' : 'Final'}</span></h1>
<div class="sub">${escapeHtml(report.practice)}${geography ? ` · ${geography}` : ''} · Online services report for <strong>${monthName(report.month)}</strong>${toDate ? `, ${period}, figures as of ${escapeHtml(report.generatedAt.slice(0, 10))}` : ''}</div>
</header>
<main>
<div class="cards">${cards}</div>
<div class="two">
<section><h2>Patients enabled</h2><p class="note">${toDate ? `Enabled now, ${period}` : 'At the end of the month'}${enabledPct.anyService === null ? '; set the practice list size to see percentages' : ', as a share of the list size'}.</p>${barList(services, servicesMax)}</section>
<section><h2>Online use this month</h2><p class="note">Counted only when done online by the patient or by a proxy acting for them (a carer or parent).</p>${barList(useRows, useMax)}</section>
</div>
${missingMonthsNote(trend, report.practice, report.month)}
<section><h2>Enabled over 12 months</h2><p class="note">${enabledTrend.unit === '%' ? 'Percent of the registered list enabled at each month’s end' : 'Patients enabled at each month’s end'}.</p>${enabledTrend.svg}${legend(TREND_SERIES.map((s) => ({ label: SERVICE_LABELS[s], colour: COLOURS[s], note: enabledTrend.same[s] && `dashed: same as ${SERVICE_LABELS[enabledTrend.same[s]]}` })))}${enabledTable(trend)}</section>
<section><h2>Monthly online use over 12 months</h2><p class="note">Appointments booked and cancelled, prescription requests and record views, per month.</p>${useTrendChart(trend)}${legend(USE_SERIES.map((s) => ({ label: s.label, colour: s.colour })))}${useTable(trend)}</section>
${onboardingSection(report, trend, toDate)}
${messagesSection}
<section><h2>POMI return</h2><p class="note">The figures of the NHS Digital POMI file for this month, ${period}; system supplier ${escapeHtml(context.systemSupplier)}.</p><table><thead><tr><th>Field</th><th class="num">Value</th></tr></thead><tbody>${pomi}</tbody></table></section>
</main>
<footer>Generated ${escapeHtml(report.generatedAt)} by Patient Online. A reschedule counts as one cancellation and one booking; a withdrawn request still counts as ordered; a refused record view is not a view.</footer>
</body>
</html>
`;
}
