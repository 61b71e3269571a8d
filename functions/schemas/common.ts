import * as z from './zod.ts';
import { STATUS_OF_CODE, type ErrorCode } from './error-codes.ts';

/**
 * NHS numbers: 10 digits whose last is the Modulus 11 check digit of the first nine, and not all
 * ten the same digit (every such number, `0000000000` included, passes the check; none is issued).
 */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value) || /^(\d)\1{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => acc + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
}

export const NhsNumber = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.refine(isValidNhsNumber, 'must be a 10-digit NHS number with a valid check digit, not all the same digit'))
    .register(z.globalRegistry, { description: '10-digit NHS number (Modulus 11 check digit)', example: '9990000018' }),
);

export const OdsCode = /* @__PURE__ */ z.lazy(() =>
  z.string().check(z.regex(/^[A-Z0-9]{3,8}$/, 'must be an ODS code such as A99001 or FA123')),
);

// ── Values the table can hold ───────────────────────────────────────────────────────────────
// Calendar arithmetic uses JS Dates, which read years 0000–0099 as 1900–1999 and cannot write
// years past 9999, and DynamoDB numbers stop at 1e-130 and 1e126 in magnitude: requests are held
// to ranges every layer represents exactly, so nothing is silently changed or fails on write.

/** `YYYY-MM-DD`, a real calendar date from 1900-01-01 to 2100-12-31 (2000 leap, 1900 and 2100 not). */
const DATE = String.raw`(?:(?:19|20)(?:0[48]|[2468][048]|[13579][26])-02-29|2000-02-29|(?:19\d\d|20\d\d|2100)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))`;
export const DATE_PATTERN = new RegExp(`^${DATE}$`);
/** RFC 3339 date-time with seconds and an offset (`Z` or ±hh:mm), its date as DATE_PATTERN. */
export const INSTANT_PATTERN = new RegExp(
  `^${DATE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`,
);
export const MONTH_PATTERN = /^(?:20\d\d|2100)-(?:0[1-9]|1[0-2])$/;

/** Any RFC 3339 timestamp with an offset (Z or ±hh:mm), in the years 1900 to 2100. */
export const Instant = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.regex(INSTANT_PATTERN, 'must be an RFC 3339 date-time with an offset, in the years 1900 to 2100'))
    .register(z.globalRegistry, { format: 'date-time', description: 'RFC 3339 timestamp, years 1900 to 2100' }),
);

/** A calendar date (YYYY-MM-DD, 1900-01-01 to 2100-12-31), described for the OpenAPI document. */
export function CalendarDate(description: string) {
  return z
    .string()
    .check(z.regex(DATE_PATTERN, 'must be a date YYYY-MM-DD from 1900-01-01 to 2100-12-31'))
    .register(z.globalRegistry, { format: 'date', description });
}

/** A calendar date in the practice's time zone. */
export const LocalDate = /* @__PURE__ */ z.lazy(() =>
  CalendarDate('YYYY-MM-DD in the practice time zone, 1900-01-01 to 2100-12-31'),
);

export const Month = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(z.regex(MONTH_PATTERN, 'must be a month YYYY-MM from 2000-01 to 2100-12'))
    .register(z.globalRegistry, { description: 'YYYY-MM in the practice time zone, 2000-01 to 2100-12' }),
);

/**
 * The smallest and (just above) the largest magnitude a DynamoDB number holds. Its 38 significant
 * digits are more than a double's 17, so precision is never what fails.
 */
export const MIN_STORABLE_MAGNITUDE = 1e-130;
export const MAX_STORABLE_MAGNITUDE_EXCLUSIVE = 1e126;

/**
 * Whether a number is stored and read back exactly: finite, and 0 or within DynamoDB's magnitudes.
 * Every finite double round-trips through its shortest string form, so range is all that can fail.
 */
export function isStorableNumber(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const magnitude = Math.abs(value);
  return magnitude === 0 || (magnitude >= MIN_STORABLE_MAGNITUDE && magnitude < MAX_STORABLE_MAGNITUDE_EXCLUSIVE);
}

/** A number (not necessarily whole) from min to max that the table stores exactly as accepted. */
export function Decimal(min: number, max: number) {
  return z
    .number()
    .check(
      z.minimum(min),
      z.maximum(max),
      z.refine(
        isStorableNumber,
        'must be 0 or between 1e-130 and 9.99e125 in magnitude: other numbers cannot be stored exactly',
      ),
    );
}

// ── Text ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Text a person may write: anything but C0/C1 control characters (tab and newline excepted), the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: they make text
 * display in another order than it is stored, e.g. to disguise a name or a file type) and unpaired
 * UTF-16 surrogates (not Unicode: they cannot be encoded as UTF-8 and are mangled on the way out).
 * With the `u` flag a surrogate pair is one code point, so only unpaired halves match `\uD800-\uDFFF`.
 */
export const SAFE_TEXT_PATTERN =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  /^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]*$/u;

export const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters (other than tab and newline), bidirectional overrides or unpaired surrogates';

/**
 * Free text of min..max characters, trimmed: names, descriptions, reasons, notes, record entries.
 * Characters are checked before trimming, so a stray control character is refused, never dropped.
 */
export function FreeText(min: number, max: number) {
  return z
    .string()
    .check(z.regex(SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE), z.trim(), z.minLength(min), z.maxLength(max));
}

export const Id = /* @__PURE__ */ z.lazy(() =>
  z.string().check(z.minLength(1), z.maxLength(100), z.regex(SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE)),
);

/** `?limit=` (from the query string, so coerced) and `?nextToken=`; list queries spread its shape. */
export const ListQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }),
);

/** A page of items: a route's response, so built on first use like the module's own schemas. */
export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.lazy(() => z.object({ items: z.array(item), nextToken: z.optional(z.string()) }));
}

export const Problem = /* @__PURE__ */ z.lazy(() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().check(z.int()),
      detail: z.string(),
      code: z.enum(Object.keys(STATUS_OF_CODE) as [ErrorCode, ...ErrorCode[]]),
      errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    })
    .register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' }),
);
