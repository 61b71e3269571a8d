/**
 * Benchmark results: each check is printed as `measured vs baseline = ratio (budget …) PASS/FAIL`,
 * both sides measured in the same run. A miss never fails the process (timings are not tests):
 * it is printed in red and summed up loudly at the end.
 */
export interface Check {
  section: string;
  name: string;
  measured: string;
  baseline: string;
  /** measured / baseline; undefined when there is nothing to divide (e.g. "not available"). */
  ratio?: number;
  budget: string;
  pass?: boolean;
  note?: string;
  /** Short name of the measure when several share a line (see addRow). */
  label?: string;
}

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = (text: string) => paint(31, text);
export const green = (text: string) => paint(32, text);
export const bold = (text: string) => paint(1, text);
export const dim = (text: string) => paint(2, text);

export class Results {
  readonly checks: Check[] = [];
  private readonly started = performance.now();

  heading(title: string, explanation?: string): void {
    console.log(`\n${bold(title)}`);
    if (explanation) console.log(dim(`  ${explanation}`));
  }

  /** Records a check and prints its line at once, so a long run shows progress. */
  add(check: Check): void {
    this.checks.push(check);
    console.log(formatLine(check, this.nameWidth(check.section)));
  }

  /** Several checks of one subject on one line: `subject  size … PASS │ cold init … FAIL`. */
  addRow(subject: string, checks: (Check & { label: string })[]): void {
    this.checks.push(...checks);
    const parts = checks.map((c) => `${c.label} ${formatComparison(c)}`);
    console.log(`  ${subject.padEnd(this.nameWidth(checks[0]?.section ?? ''))} ${parts.join(dim(' │ '))}`);
  }

  note(text: string): void {
    console.log(`  ${text}`);
  }

  private nameWidth(section: string): number {
    const widths: Record<string, number> = { 'round trips': 37, bundle: 27, throughput: 37, rollup: 37 };
    return widths[section] ?? 32;
  }

  /** The closing summary; returns how many budgets were missed. */
  summary(): number {
    const misses = this.checks.filter((c) => c.pass === false);
    const unknown = this.checks.filter((c) => c.pass === undefined);
    const seconds = ((performance.now() - this.started) / 1000).toFixed(0);
    console.log('');
    if (misses.length === 0) {
      console.log(
        green(bold(`All budgets met (${this.checks.length - unknown.length} checks)`)) + dim(` (${seconds} s)`),
      );
    } else {
      const banner = `!!! ${misses.length} of ${this.checks.length - unknown.length} BUDGETS MISSED !!!`;
      console.log(red(bold('!'.repeat(banner.length))));
      console.log(red(bold(banner)));
      console.log(red(bold('!'.repeat(banner.length))));
      const groups = Map.groupBy(misses, (c) => `${c.section}${c.label ? ` ${c.label}` : ''}`);
      for (const [group, checks] of groups) {
        if (checks.length <= 3) {
          for (const c of checks)
            console.log(red(`  ✗ [${c.section}] ${c.name}: ${c.measured} vs ${c.baseline} (budget ${c.budget})`));
        } else {
          const worst = [...checks].sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0));
          const list = worst.map(
            (c) =>
              `${c.name.replace(`${c.label ?? ''} `, '')} ${c.ratio === undefined ? c.measured : formatRatio(c.ratio)}`,
          );
          console.log(red(`  ✗ [${group}] ${checks.length} over budget ${checks[0]!.budget}: ${list.join(', ')}`));
        }
      }
      console.log(dim(`  (${seconds} s; exit code stays 0: benchmarks report, tests decide)`));
    }
    for (const u of unknown) console.log(`  ? [${u.section}] ${u.name}: ${u.measured}${u.note ? ` — ${u.note}` : ''}`);
    return misses.length;
  }
}

function verdictOf(c: Check): string {
  return c.pass === undefined ? dim('n/a') : c.pass ? green('PASS') : red(bold('FAIL'));
}

function formatLine(c: Check, nameWidth: number): string {
  const ratio = c.ratio === undefined ? '' : ` = ${formatRatio(c.ratio)}`;
  const comparison = c.baseline
    ? `${c.measured.padStart(10)} vs ${c.baseline.padEnd(10)}${ratio.padEnd(10)}`
    : c.measured.padEnd(34);
  const note = c.note ? dim(`  ${c.note}`) : '';
  return `  ${c.name.padEnd(nameWidth)} ${comparison} (budget ${c.budget}) ${verdictOf(c)}${note}`;
}

/** The compact form: `826 KB vs 334 KB = 2.48× (≤ 900 KB) PASS`. */
function formatComparison(c: Check): string {
  const ratio = c.ratio === undefined ? '' : ` = ${formatRatio(c.ratio)}`;
  const note = c.note ? dim(` ${c.note}`) : '';
  return `${c.measured.padStart(8)} vs ${c.baseline.padEnd(8)}${ratio.padEnd(8)} (${c.budget}) ${verdictOf(c)}${note}`;
}

export const formatRatio = (ratio: number) => `${ratio.toFixed(2)}×`;
export const formatMs = (ms: number) => `${ms.toFixed(1)} ms`;
export const formatKb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const formatRate = (perSecond: number) => `${perSecond.toFixed(0)}/s`;

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile (0–1) with linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)]!;
  const above = sorted[Math.ceil(at)]!;
  return below + (above - below) * (at - Math.floor(at));
}
