// Which notes a payment can take: never more than is owed where overpayment is not allowed,
// and whether an amount can be made of notes at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptableNotes, cashChange, payableExactly } from '../../src/flows/cash-rules';

const CNY = [100, 500, 1000, 2000, 5000, 10000];

describe('acceptableNotes', () => {
  it('takes every note where overpayment becomes prepaid balance', () => {
    expect(acceptableNotes(CNY, 300, true)).toEqual(CNY);
  });
  it('takes only notes up to what is still due where it does not', () => {
    expect(acceptableNotes(CNY, 2600, false)).toEqual([100, 500, 1000, 2000]);
    expect(acceptableNotes(CNY, 99, false)).toEqual([]);
  });
  it('takes nothing once paid', () => {
    expect(acceptableNotes(CNY, 0, true)).toEqual([]);
    expect(acceptableNotes(CNY, -100, false)).toEqual([]);
  });
  it('never offers a note above the remainder without overpayment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 100_000 }), (remaining) => {
        for (const v of acceptableNotes(CNY, remaining, false))
          expect(v).toBeLessThanOrEqual(remaining);
      }),
    );
  });
});

describe('payableExactly', () => {
  it('whole yuan with ¥1 notes; not fen', () => {
    expect(payableExactly(5300, CNY)).toBe(true);
    expect(payableExactly(5389, CNY)).toBe(false);
  });
  it('without ¥1 notes only sums of the others', () => {
    expect(payableExactly(1500, [500, 1000])).toBe(true);
    expect(payableExactly(1200, [500, 1000])).toBe(false);
    expect(payableExactly(300, [200, 500])).toBe(false);
    expect(payableExactly(700, [200, 500])).toBe(true);
  });
  it('nothing due is trivially payable; no notes pay nothing', () => {
    expect(payableExactly(0, [])).toBe(true);
    expect(payableExactly(100, [])).toBe(false);
  });
  it('agrees with a brute-force search (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 300 }),
        (notes, amount) => {
          const memo = new Map<number, boolean>();
          const brute = (a: number): boolean => {
            if (!memo.has(a)) memo.set(a, a === 0 || notes.some((n) => n <= a && brute(a - n)));
            return memo.get(a) as boolean;
          };
          expect(payableExactly(amount, notes)).toBe(brute(amount));
        },
      ),
    );
  });
});

describe('cashChange (what she is told before inserting: no change is given)', () => {
  it('keeps the extra on the account where the biller takes overpayment', () => {
    expect(cashChange(40_773, true, CNY)).toEqual({
      overpayment: 'kept',
      refusedNotes: [],
      notesCanPay: true,
    });
  });
  it('names the notes larger than the amount where it does not', () => {
    expect(cashChange(3_000, false, CNY)).toEqual({
      overpayment: 'returned',
      refusedNotes: [5000, 10000],
      notesCanPay: true,
    });
  });
  it('says when no mix of notes makes the amount', () => {
    expect(cashChange(5_341, false, CNY)).toMatchObject({ notesCanPay: false });
  });
  it('names no note while the acceptor has not said which it takes', () => {
    expect(cashChange(3_000, false, [])).toEqual({
      overpayment: 'returned',
      refusedNotes: [],
      notesCanPay: true,
    });
  });
  it('refuses exactly the notes the cash-in actor would not enable (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (due) => {
        const refused = cashChange(due, false, CNY).refusedNotes;
        const enabled = acceptableNotes(CNY, due, false);
        expect([...refused, ...enabled].sort((a, b) => a - b)).toEqual(CNY);
      }),
    );
  });
});
