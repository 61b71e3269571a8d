import { describe, expect, it } from 'vitest';
import { csvCell, pomiRows, toCsv, type PomiContext } from '../../functions/domain/report-pomi.ts';
import { aQuietMonth } from '../support/reports.ts';

/** Spreadsheets run a cell that starts like a formula (CSV injection); the CSV shows it as text. */
describe('POMI CSV cells', () => {
  it.each([
    ['=', '=1+1', "'=1+1"],
    ['+', '+1+1', "'+1+1"],
    ['-', '-1+1', "'-1+1"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['tab', '\t=1', `"'\t=1"`],
    ['CR', '\r=1', `"'\r=1"`],
    ['LF', '\n=1', `"'\n=1"`],
    ['spaces then =', '  =1', "'  =1"],
    ['full-width =', '\uff1d1+1', "'\uff1d1+1"],
    ['full-width @', '\uff20x', "'\uff20x"],
    ['a formula with commas and quotes', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralises a cell starting with %s', (_what, value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it.each([
    ['a plain name', 'Riverside Medical Practice', 'Riverside Medical Practice'],
    ['a dash inside', 'NHS North Central London ICB - 93C', 'NHS North Central London ICB - 93C'],
    ['a number', '9000', '9000'],
    ['an empty cell', '', ''],
    ['a comma', 'Hill, View', '"Hill, View"'],
    ['a semicolon (a separator in many locales)', 'A;=1+1', '"A;=1+1"'],
    ['a tab inside', 'A\t=1', '"A\t=1"'],
  ])('leaves %s as it is, quoted when it must be', (_what, value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('writes a system supplier or practice name that looks like a formula as text', () => {
    const context: PomiContext = {
      practice: { ods: 'A99002', name: '@Hillview', regionName: '-London' },
      systemSupplier: '=HYPERLINK("http://evil.example","Click")',
      servicesOffered: { appointments: true, prescriptions: true, record: true },
    };
    const report = aQuietMonth({ listSize: 12 });
    expect(toCsv([pomiRows(report, context)[0]!])).toBe(
      `30-Nov-26,,'-London,,,A99002,'@Hillview,"'=HYPERLINK(""http://evil.example"",""Click"")",patient_list_size,12\r\n`,
    );
  });
});
