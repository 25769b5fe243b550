// What each staff screen says, over the gallery's staff fixtures in both languages: its title
// first, then the facts that matter (amounts said as the resident's voice says them) and its
// choices; never a whole serial, account, typed number, card or PIN. And when it is said again:
// when what the screen is about changes, not with each digit typed or minute gone by.
import { describe, expect, it } from 'vitest';
import { STAFF_FIXTURES } from '../../sim/gallery/fixtures';
import {
  StaffView as StaffViewSchema,
  type Locale,
  type Snapshot,
  type StaffView,
} from '../../src/api/kiosk-api';
import { translator, type Translator } from '../../ui/i18n/messages';
import { STAFF_MENU } from '../../ui/staff/staff-words';
import { staffScreenVoice } from '../../ui/voice/staff-voice';
import { sayWithAmounts as say } from '../../ui/voice/spoken-amount';
import { newVoiceMemory, voiceCues } from '../../ui/voice/voice-cues';

/** Per fixture: the title it starts with, then what else it must say. */
const SAYS: Record<string, (t: Translator) => string[]> = {
  'staff-sign-in': (t) => [
    t('staffSignInByNumber'),
    t('voiceSignInNumber'),
    t('staffNext'),
    t('staffLeave'),
  ],
  'staff-sign-in-pin': (t) => [
    t('staffSignInByCard'),
    t('staffWrongPin', { count: 3 }),
    t('staffLeave'),
  ],
  'staff-home-call': (t) => [
    t('staffHome', { name: '社区工作人员 王*' }),
    t('staffHelpCall'),
    say(t, 'staffAmountDue', { amount: 41_790 }),
    say(t, 'staffCollected', { amount: 20_000 }),
    t('staffWaySettleCash'),
    t('staffCancelForCustomer'),
    t('staffHandBack'),
  ],
  'staff-home-printed-copy': (t) => [
    t('staffHome', { name: '社区工作人员 王*' }),
    t('staffHelpCall'),
    t('staffHelpReasonPrintedCopy'),
    t('staffAccountTail', { tail: '3456' }),
    t('staffWayPaid'),
    t('staffHandBack'),
    t('staffOpenReprint'),
  ],
  'staff-open-items': (t) => [
    t('itemsTitle'),
    say(
      t,
      'voiceItemsCount',
      { amount: 16_000 },
      {
        count: 3,
        kinds: t.list(
          (['itemKindRefundSlip', 'itemKindNoteReview', 'itemKindDiscrepancy'] as const).map((k) =>
            t('voiceItemKindCount', { kind: t(k), count: 1 }),
          ),
        ),
      },
    ),
    t('itemPayOut'),
    t('itemCreditFound'),
    t('voiceItemExplain'),
  ],
  'staff-pay-out-serial': (t) => [t('itemsTitle'), t('itemEnterSerial'), t('itemConfirmSerial')],
  'staff-sync-queue': (t) => [
    t('syncTitle'),
    say(t, 'voiceSyncCount', { amount: 30_000 }, { count: 1, minutes: 42 }),
    t('syncTryAll'),
    t('syncTryNow'),
  ],
  'staff-day-summary': (t) => [
    t('summaryTitle', { day: '2026-12-06' }),
    say(t, 'summaryWrittenOff', { amount: 417_200 }, { count: 16 }),
    say(t, 'summaryReversed', { amount: 19_433 }, { count: 1 }),
    say(t, 'summaryCashBox', { amount: 356_000 }, { count: 41 }),
    t('summaryOpenItems', { count: 2 }),
  ],
  'technician-cash-exchange': (t) => [
    t('exchangeTitle'),
    say(t, 'exchangeTotals', { expected: 356_000, counted: 300_000 }),
    t('exchangeFinish'),
    t('exchangeAbort'),
  ],
  'technician-cash-exchange-settled': (t) => [
    t('exchangeTitle'),
    say(t, 'exchangeShort', { amount: 10_000 }),
    t('exchangeSlipPrinted'),
  ],
  'technician-home': (t) => [
    t('staffHome', { name: '维护工程师 李*' }),
    t('staffRoleTechnician'),
    t('staffNoCall'),
    ...(['openItems', 'syncQueue', 'daySummary', 'cashExchange', 'diagnostics'] as const).map((s) =>
      t(STAFF_MENU[s]),
    ),
    t('staffLeave'),
  ],
  'technician-diagnostics': (t) => [
    t('diagnosticsTitle'),
    t('voiceDiagNoFault'),
    t('toolTestPage'),
    t('diagTestVoice'),
  ],
  'technician-diagnostics-device': (t) => [
    t('diagnosticsTitle'),
    t('diagKindBillAcceptor'),
    t('diagBackToAll'),
  ],
  'technician-test-acceptor': (t) => [
    t('diagnosticsTitle'),
    t('diagTestAcceptorOn'),
    t('diagTestStop'),
  ],
  'technician-test-acceptor-refused': (t) => [
    t('diagnosticsTitle'),
    t('diagTestProblemPaymentOpen'),
  ],
  'technician-test-scanner': (t) => [t('diagnosticsTitle'), t('diagTestScannerOn')],
  'technician-test-card': (t) => [t('diagnosticsTitle'), t('diagTestCard')],
  'technician-test-touch': (t) => [t('diagnosticsTitle'), t('diagTestTouchHint')],
  'technician-service-state': (t) => [
    t('serviceStateTitle'),
    t('serviceOutOfService', { reason: t('outOfServiceReasonMaintenance') }),
    t('servicePrinter', { state: t('printerStateLow') }),
    t('serviceBackIn'),
  ],
  'staff-reprint': (t) => [
    t('reprintTitle'),
    t('reprintPrinted', { copy: 1 }),
    say(t, 'voiceReceipt', { amount: 50_000 }, { tail: '0 0 4 2', biller: '国网上海市电力公司' }),
    t('reprintPrint'),
  ],
  'staff-reversal-approve': (t) => [
    t('reversalTitle'),
    say(t, 'voiceReversalChosen', { amount: 50_000 }, { tail: '0 0 4 2' }),
    t('reversalSamePerson'),
    t('reversalApproverPin'),
  ],
  'staff-reversal-card-lent': (t) => [
    t('reversalTitle'),
    say(t, 'voiceReversalChosen', { amount: 50_000 }, { tail: '0 0 4 2' }),
    t('reversalApproverPin'),
  ],
  'staff-reversal-card-due': (t) => [
    t('reversalTitle'),
    say(t, 'reversalReversed', { amount: 50_000 }),
    t('reversalSlipPrinted'),
  ],
  'staff-reversal-done': (t) => [
    t('reversalTitle'),
    say(t, 'reversalReversed', { amount: 50_000 }),
    t('reversalSlipPrinted'),
    t('reversalAnother'),
  ],
  'technician-pins': (t) => [
    t('pinsTitle'),
    t('pinWeakSequence'),
    t('pinsFor', { name: '社区工作人员 赵*', number: '1002' }),
    t('voicePinType', { field: t('pinNew') }),
  ],
  'staff-my-pin': (t) => [t('myPinTitle'), t('voicePinType', { field: t('pinNew') })],
  'staff-care-alerts': (t) => [
    t('careTitle'),
    t('careCount', { alerts: 2, households: 5 }),
    t('careKindLowUsage'),
    t('careKindSpike'),
    t('careOpen'),
    t('careRefresh'),
  ],
  'staff-care-alert': (t) => [
    t('careTitle'),
    t('careKindLowUsage'),
    t('careFigures', { last: '0.1', median: '3.4' }),
    t('careDrop', { percent: 97 }),
    t('careChartTitle'),
    t('careRecorded', { outcome: t('careOutcomeVisitedOk') }),
    t('careOutcomeNeedsHelp'),
    t('careBackToList'),
  ],
  'staff-notices': (t) => [
    t('noticesTitle'),
    t('noticeChooseTemplate'),
    t('voiceNoticeTemplates', { count: 2 }),
    t.locale === 'en' ? 'Planned power cut' : '计划停电通知',
  ],
  'staff-notice-compose': (t) => [
    t('noticesTitle'),
    t('voiceNoticeFilled', { field: t('noticeFieldPlace'), value: '居委会' }),
    t('voiceNoticeFilled', { field: t('noticeFieldDate'), value: '12月20日' }),
    t('voiceNoticeFilled', { field: t('noticeFieldTime'), value: t('noticeNotSet') }),
    t('noticeTyping', { field: t('noticeFieldTime') }),
    t('noticeTagElder'),
    t('noticePreview'),
  ],
  'staff-notice-sent': (t) => [
    t('noticesTitle'),
    t('noticeTagBuilding', { number: 3 }),
    t('noticeSentTo', { count: 184 }),
    t('noticeNew'),
  ],
};

const staffOf = (s: Snapshot): StaffView => {
  if (!s.staff) throw new Error('not a staff fixture');
  return s.staff;
};

describe.each<Locale>(['zh-CN', 'en'])('the staff screens’ voice (%s)', (locale) => {
  const t = translator(locale);
  const fixtures = STAFF_FIXTURES.map((f) => ({ id: f.id, view: staffOf(f.snapshot(locale)) }));

  it('covers every staff screen, each fixture with what it must say', () => {
    const names = new Set(fixtures.map((f) => f.view.name));
    expect([...names].sort()).toEqual(
      StaffViewSchema.def.options.flatMap((o) => o.shape.name.def.values).sort(),
    );
    expect(Object.keys(SAYS).sort()).toEqual(fixtures.map((f) => f.id).sort());
  });

  it.each(STAFF_FIXTURES.map((f) => f.id))('%s: its title, then its facts and choices', (id) => {
    const { view } = fixtures.find((f) => f.id === id) ?? { view: null };
    if (!view) throw new Error(id);
    const line = staffScreenVoice(view, t);
    const [title, ...facts] = SAYS[id]?.(t) ?? [];
    expect(line.startsWith(title ?? '?'), line).toBe(true);
    for (const fact of facts) expect(line).toContain(fact);
    // More than the title: the facts and choices of the screen.
    expect(line.length).toBeGreaterThan((title ?? '').length + 2);
  });

  it('never says a whole serial, account, typed number, card or PIN', () => {
    for (const { id, view } of fixtures) {
      const line = staffScreenVoice(view, t);
      // Every run of 5 or more digits in the screen's data (serials, typed digits, times)
      // stays off the voice; amounts are said in words, staff numbers (4 digits) may be.
      const runs = JSON.stringify(view).match(/\d{5,}/g) ?? [];
      for (const run of runs) expect(line, `${id}: ${run}`).not.toContain(run);
      expect(line, id).not.toMatch(/\d\.\d\d/);
      expect(line, id).not.toMatch(/SH-XH|KIOSK-0001|9C1F/);
    }
  });

  it('names the devices with a fault', () => {
    const diag = fixtures.find((f) => f.id === 'technician-diagnostics')?.view;
    if (diag?.name !== 'diagnostics') throw new Error('no diagnostics fixture');
    const broken = {
      ...diag,
      devices: diag.devices.map((d) =>
        d.kind === 'printer' ? { ...d, status: 'hardwareError' } : d,
      ),
    };
    const line = staffScreenVoice(broken, t);
    expect(line).toContain(
      t('voiceDiagFaults', {
        devices: t('voiceDiagDevice', {
          device: t('diagKindPrinter'),
          status: t('deviceHardwareError'),
        }),
      }),
    );
    expect(line).not.toContain(t('voiceDiagNoFault'));
  });
});

describe('when a staff screen is said again', () => {
  const t = translator('zh-CN');
  const snap = (id: string): Snapshot => {
    const f = STAFF_FIXTURES.find((x) => x.id === id);
    if (!f) throw new Error(id);
    return f.snapshot('zh-CN');
  };
  const cues = (prev: Snapshot, next: Snapshot) => voiceCues(prev, next, t, 0, newVoiceMemory());
  const withStaff = (s: Snapshot, staff: StaffView, seq: number): Snapshot => ({
    ...s,
    seq,
    staff,
  });

  it('says once that the opening card is lent for an approval, and once that it is due back', () => {
    const lent = snap('staff-reversal-card-lent');
    const due = snap('staff-reversal-card-due');
    const before = { ...lent, staffCardAway: null, seq: 1 };
    expect(cues(before, lent)).toContain(t('staffCardLent'));
    expect(cues(lent, { ...lent, seq: lent.seq + 1 })).not.toContain(t('staffCardLent'));
    expect(cues(lent, due)).toContain(t('staffCardDue'));
    expect(cues(due, { ...due, staffCardAway: null })).not.toContain(t('staffCardDue'));
  });

  it('says the receipts a search found, but not each digit typed', () => {
    const base = snap('staff-reprint');
    const view = staffOf(base);
    if (view.name !== 'reprint') throw new Error('reprint');
    const typing = withStaff(
      base,
      {
        ...view,
        printed: null,
        lastResult: null,
        search: { by: 'accountTail', typed: '34', found: null },
      },
      2,
    );
    const typed = withStaff(
      base,
      {
        ...view,
        printed: null,
        lastResult: null,
        search: { by: 'accountTail', typed: '345', found: null },
      },
      3,
    );
    expect(cues(typing, typed)).toEqual([]);
    const searched = withStaff(base, { ...view, printed: null, lastResult: null }, 4);
    const [line] = cues(typed, searched);
    expect(line).toContain(
      say(t, 'voiceReceipt', { amount: 50_000 }, { tail: '0 0 4 2', biller: '国网上海市电力公司' }),
    );
    expect(line).toContain(t('reprintPrint'));
  });

  it('keeps quiet as the waiting payments age; says an outcome alone when it appears', () => {
    const base = snap('staff-sync-queue');
    const view = staffOf(base);
    if (view.name !== 'syncQueue') throw new Error('syncQueue');
    const older = withStaff(
      base,
      { ...view, payments: view.payments.map((p) => ({ ...p, ageMinutes: p.ageMinutes + 1 })) },
      2,
    );
    expect(cues(base, older)).toEqual([]);
    const tried = withStaff(
      older,
      { ...staffOf(older), lastResult: { ok: true, reason: null } } as StaffView,
      3,
    );
    expect(cues(older, tried)).toEqual([t('deskDone')]);
  });

  it('says which PIN to type next once the first is complete', () => {
    const base = snap('staff-my-pin');
    const view = staffOf(base);
    if (view.name !== 'myPin') throw new Error('myPin');
    const more = withStaff(base, { ...view, typing: { ...view.typing, firstLength: 5 } }, 2);
    expect(cues(base, more)).toEqual([]);
    const again = withStaff(
      base,
      { ...view, typing: { ...view.typing, field: 'second', firstLength: 6 } },
      3,
    );
    const [line] = cues(more, again);
    expect(line).toContain(t('voicePinType', { field: t('pinAgain') }));
  });
});
