import { PracticeListSchema, type PracticeConfig } from '../schemas/practice-config.ts';

/** Parses a practice list (JSON), with one readable line per mistake. */
export function parsePracticeList(json: string): PracticeConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('the practice list is not valid JSON');
  }
  const parsed = PracticeListSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `practices${i.path.map((p) => `[${String(p)}]`).join('')}: ${i.message}`,
    );
    throw new Error(`Invalid practice configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
