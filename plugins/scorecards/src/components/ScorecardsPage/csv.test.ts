import { summaries } from '../../testUtils/fixtures';
import { buildOverviewCsv, downloadCsv, escapeCsvField, toCsv } from './csv';

describe('escapeCsvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    [undefined, ''],
    [null, ''],
    [42, '42'],
    [61.5, '61.5'],
    [-3, '-3'],
    [Number.NaN, ''],
    [true, 'true'],
  ])('escapes %p as %p', (input, expected) => {
    expect(escapeCsvField(input)).toBe(expected);
  });

  it('neutralises spreadsheet formulas in text', () => {
    expect(escapeCsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(escapeCsvField('+1')).toBe("'+1");
    expect(escapeCsvField('-1')).toBe("'-1");
    expect(escapeCsvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvField('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with a line break', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('buildOverviewCsv', () => {
  it('writes one line per entity and one status column per gate', () => {
    const csv = buildOverviewCsv(summaries, [
      { id: 'coverage-lines' },
      { id: 'no-critical-vulnerabilities' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'entityRef,title,owner,system,domain,verdict,score,level,evaluatedAt,coverage-lines,no-critical-vulnerabilities',
      'component:default/payments-api,Payments API,group:default/team-payments,system:default/payments,domain:default/commerce,blocked,61.5,,2026-11-20T10:15:00.000Z,pass,fail',
      'component:default/checkout-web,"Checkout, ""web"" frontend",group:default/team-checkout,system:default/payments,,ready,96.3,silver,2026-11-20T10:16:00.000Z,pass,pass',
      'component:default/ledger,,group:default/team-ledger,,,at-risk,,,2026-11-20T10:17:00.000Z,unknown,',
      '',
    ]);
  });
});

describe('downloadCsv', () => {
  it('downloads the CSV through a Blob link', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:scorecards';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function clickLink(this: HTMLAnchorElement) {
        expect(this.download).toBe('out.csv');
        expect(this.href).toBe('blob:scorecards');
      });
    jest.useFakeTimers();
    try {
      downloadCsv('out.csv', 'a,b\r\n');
      expect(click).toHaveBeenCalledTimes(1);
      expect(blobs[0].type).toBe('text/csv;charset=utf-8');
      jest.runAllTimers();
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:scorecards');
    } finally {
      jest.useRealTimers();
      click.mockRestore();
    }
  });
});
