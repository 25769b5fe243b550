// Every code an open item can carry reaches the staff screen as words in both languages, never
// as the code itself: the codes are listed here by their types (a new one fails the typecheck
// until it is listed, and then this test until it has words).
import { describe, expect, it } from 'vitest';
import type { FoundNoteProblem } from '../../offline-queue/payment-journal';
import type { DifferenceKind } from '../../offline-queue/reconciliation';
import type { Locale } from '../../src/api/kiosk-api';
import { DISCREPANCY_REASONS, type OpenItemView } from '../../src/service/open-item-kinds';
import { REFUND_REASONS } from '../../src/api/refund-reasons';
import { reasonWords } from '../../src/receipts/refund-slip';
import { translator } from '../../ui/i18n/messages';
import {
  deviceStatusWords,
  discrepancyReasonWords,
  itemDetailWords,
} from '../../ui/staff/staff-words';

type PaymentNeed = Extract<OpenItemView, { kind: 'payment' }>['need'];

const NEEDS: Record<PaymentNeed, true> = {
  payment_unknown: true,
  await_recon: true,
  refund_required: true,
  reversal_unknown: true,
};
const FOUND_NOTE: Record<FoundNoteProblem, true> = {
  note_settled: true,
  not_cash: true,
  payment_in_progress: true,
  overpayment_not_allowed: true,
  store_and_forward_expired: true,
};
const DIFFERENCES: Record<DifferenceKind, true> = {
  kiosk_only: true,
  gateway_only: true,
  amount_mismatch: true,
  reversed_at_gateway: true,
  written_off_after_refund: true,
};
/** Reasons the journal gives its items (offline-queue: recovery, stray evidence, the exchange). */
const ITEM_REASONS = [
  'note_in_escrow_at_restart',
  'acceptor_boxed_note_after_restart',
  'stray_note_in_box',
  'stray_note_returned',
  'stray_note_uncertain',
  'cash_exchange_short',
  'cash_exchange_long',
  'cash_exchange_mixed',
];

describe.each<Locale>(['zh-CN', 'en'])('open items in words (%s)', (locale) => {
  const t = translator(locale);
  const codes = [
    ...Object.keys(NEEDS),
    ...Object.keys(FOUND_NOTE),
    ...Object.keys(DIFFERENCES),
    ...ITEM_REASONS,
  ];

  it.each(codes)('%s has words', (code) => {
    const words = itemDetailWords(t, code);
    expect(words).not.toBe(code);
    expect(words).not.toMatch(/[a-z]+_[a-z]+/);
  });

  // A refund slip's item says what her slip printed, in the screen's language, never the code.
  it.each(Object.keys(REFUND_REASONS))('the refund reason %s reads as its slip', (code) => {
    const slip = reasonWords(code);
    expect(itemDetailWords(t, code)).toBe(locale === 'en' ? slip.en : slip.zh);
  });

  it.each([...DISCREPANCY_REASONS])('the reason %s has words', (reason) => {
    expect(discrepancyReasonWords(t, reason)).not.toBe(reason);
  });

  it.each(['online', 'offline', 'hardwareError', 'busy', 'noDevice', 'userError'])(
    'the device status %s has words',
    (status) => expect(deviceStatusWords(t, status)).not.toBe(status),
  );

  it('a device’s own words pass through as they are', () => {
    expect(itemDetailWords(t, 'stacker jam')).toBe('stacker jam');
    expect(itemDetailWords(t, 'constructor')).toBe('constructor');
  });
});
