import { describe, expect, it } from 'vitest';
import { daysOverdue, lateFee } from '../../sim/gateway/late-fee';

// As-of instant used by most cases: 2026-11-26 14:03:11 in Shanghai.
const asOf = new Date('2026-11-26T14:03:11+08:00');

describe('late fees', () => {
  it('counts whole Shanghai calendar days after the due date', () => {
    expect(daysOverdue('2026-10-15', asOf)).toBe(42); // 16 days left in Oct + 26 in Nov
    expect(daysOverdue('2026-11-26', asOf)).toBe(0); // due today: not yet overdue
    expect(daysOverdue('2026-12-03', asOf)).toBe(0); // due in the future
    // 2026-10-15T16:30Z is already 00:30 on the 16th in Shanghai: one day overdue.
    expect(daysOverdue('2026-10-15', new Date('2026-10-15T16:30:00Z'))).toBe(1);
    expect(daysOverdue('2026-10-15', new Date('2026-10-15T15:59:59Z'))).toBe(0);
  });

  it('charges electricity 1‰ per day, rounded half up', () => {
    // 18650 × 0.001 × 42 = 783.3 → 783
    expect(lateFee('electricity', 18650, '2026-10-15', asOf)).toBe(783);
    // 21350 × 0.001 × 42 = 896.7 → 897
    expect(lateFee('electricity', 21350, '2026-10-15', asOf)).toBe(897);
    expect(lateFee('electricity', 21340, '2026-12-03', asOf)).toBe(0);
  });

  it('charges at least 1 yuan for electricity once any fee accrues', () => {
    // 1200 × 0.001 × 5 = 6 fen → under 100 fen, charged as 100
    expect(lateFee('electricity', 1200, '2026-11-21', asOf)).toBe(100);
    // 100000 × 0.001 × 1 = 100 fen exactly: no bump needed
    expect(lateFee('electricity', 100000, '2026-11-25', asOf)).toBe(100);
    // not overdue: no minimum either
    expect(lateFee('electricity', 1200, '2026-11-26', asOf)).toBe(0);
  });

  it('applies the other billers’ rates without the minimum', () => {
    // water 8620 × 0.0005 × 35 = 150.85 → 151
    expect(lateFee('water', 8620, '2026-10-22', asOf)).toBe(151);
    // gas 12400 × 0.001 × 28 = 347.2 → 347
    expect(lateFee('gas', 12400, '2026-10-29', asOf)).toBe(347);
    // telecom 12900 × 0.003 × 20 = 774
    expect(lateFee('telecom', 12900, '2026-11-06', asOf)).toBe(774);
    // cable TV 2650 × 0.0005 × 31 = 41.075 → 41
    expect(lateFee('cabletv', 2650, '2026-10-26', asOf)).toBe(41);
    // water 1200 × 0.0005 × 5 = 3 fen: no 1-yuan minimum outside electricity
    expect(lateFee('water', 1200, '2026-11-21', asOf)).toBe(3);
  });

  it('rounds exactly half a fen up, and less than half down', () => {
    // cable TV 1000 × 0.0005 × 1 = 0.5 → 1
    expect(lateFee('cabletv', 1000, '2026-11-25', asOf)).toBe(1);
    // water 999 × 0.0005 × 1 = 0.4995 → 0
    expect(lateFee('water', 999, '2026-11-25', asOf)).toBe(0);
  });

  it('caps telecom fees at the principal', () => {
    // 1000 × 0.003 × 400 = 1200 → capped at 1000 (2025-10-22 is 400 days before 2026-11-26)
    expect(lateFee('telecom', 1000, '2025-10-22', asOf)).toBe(1000);
  });
});
