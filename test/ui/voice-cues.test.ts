// What is spoken as snapshots arrive: a screen once, then only what changes on it.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import { helpLine } from '../../ui/voice/screen-voice';
import { newVoiceMemory, voiceCues, type VoiceMemory } from '../../ui/voice/voice-cues';
import { SCREENS, snapshot } from './screens.fixture';

const NOW = 1_000_000;
/** By default the visit's help line was said already: these tests are about the rest. */
const cues = (prev: Snapshot | null, next: Snapshot, memory: VoiceMemory = { helpSaid: true }) =>
  voiceCues(prev, next, translator(next.locale), NOW, memory);

describe('voiceCues', () => {
  const entry = snapshot(SCREENS.enterAccount);

  it('speaks a screen when it first appears and not again for the same snapshot', () => {
    expect(cues(null, entry)).toHaveLength(1);
    expect(cues(entry, { ...entry, seq: 2 })).toEqual([]);
  });

  it('speaks the screen again in the new language', () => {
    const [line] = cues(entry, { ...entry, locale: 'en' });
    expect(line).toContain('account number');
  });

  it('echoes each digit typed, a deletion and clearing', () => {
    const typed = (digits: string) => snapshot({ ...SCREENS.enterAccount, digits });
    expect(cues(typed('310'), typed('3105'))).toEqual(['5']);
    expect(cues(typed('310'), typed('31'))).toEqual(['删除']);
    expect(cues(typed('310'), typed(''))).toEqual(['已清空']);
  });

  it('says an error when it appears on the same screen', () => {
    const wrong = snapshot({ ...SCREENS.enterAccount, digits: '', problem: 'account_not_found' });
    expect(cues(entry, wrong)).toEqual(['没有找到这个户号，请核对后重新输入']);
  });

  it('counts each note in, and a note under review', () => {
    const cash = snapshot(SCREENS.insertCash);
    const more = snapshot({ ...SCREENS.insertCash, collected: 15000, underReview: 2000 });
    expect(cues(cash, more)).toEqual([
      '已放入 一百五十元，还需放入 三十六元五角',
      '有 二十元纸币需要工作人员核对，请联系工作人员',
    ]);
  });

  it('says when the wallet refused', () => {
    const qr = snapshot(SCREENS.qrPay);
    expect(cues(qr, snapshot({ ...SCREENS.qrPay, refused: true }))).toEqual([
      '这次付款没有成功，您的钱包没有同意付款。您可以再试一次',
    ]);
  });

  it('says the prompt once, with the seconds left', () => {
    const prompt = { ...entry, prompt: { kind: 'moreTime' as const, deadline: NOW + 30_000 } };
    expect(cues(entry, prompt)).toEqual(['需要更多时间吗？要继续，请在 30 秒内点继续']);
    expect(cues(prompt, { ...prompt, seq: 9 })).toEqual([]);
  });

  it('says when help is coming, and echoes the settings', () => {
    expect(cues(entry, { ...entry, helpCalled: true })).toEqual(['工作人员马上就到']);
    const prefs = (p: Partial<Snapshot['prefs']>) => ({
      ...entry,
      prefs: { ...entry.prefs, ...p },
    });
    expect(cues(entry, prefs({ volume: 3 }))).toEqual(['音量 4/4']);
    expect(cues(prefs({ muted: true }), entry)).toEqual(['声音已打开']);
    expect(cues(entry, prefs({ textScale: 1.5 }))).toEqual(['字号：特大']);
  });

  it("speaks a staff screen (its title, facts and choices); the resident's screen underneath stays quiet", () => {
    const home = snapshot(SCREENS.enterAccount, {
      staff: {
        name: 'staffHome',
        who: { name: '王芳', role: 'staff' },
        helpCall: null,
        menu: [],
      },
    });
    expect(cues(entry, home)).toEqual([
      '工作人员：王芳。 社区工作人员。 现在没有居民呼叫。 可以点：退出，回到居民界面。',
    ]);
    // The resident's screen changes under the staff screen: nothing is said.
    const under = { ...home, seq: 3, screen: SCREENS.bills };
    expect(cues(home, under)).toEqual([]);
    // Staff leave: her screen is said again.
    const back = { ...under, seq: 4, staff: null };
    expect(cues(under, back)).toHaveLength(1);
  });

  it('says the billers once they have loaded, not the empty list before', () => {
    const loading = snapshot({ name: 'chooseBiller', billers: [] });
    const loaded = snapshot(SCREENS.chooseBiller, { seq: 2 });
    expect(cues(snapshot(SCREENS.attract), loading)).toEqual([]);
    expect(cues(loading, loaded)).toEqual([
      '请选择缴费项目。 您可以点：电费。 也可以点：返回。 水费暂停受理。',
    ]);
    expect(cues(loaded, { ...loaded, seq: 3 })).toEqual([]);
  });

  it("names the frame's call-staff button once a visit, on the first screen where she decides", () => {
    const memory = newVoiceMemory();
    const t = translator('zh-CN');
    const attract = snapshot(SCREENS.attract);
    const loading = snapshot({ name: 'chooseBiller', billers: [] }, { seq: 2 });
    const billers = snapshot(SCREENS.chooseBiller, { seq: 3 });
    const entry = snapshot(SCREENS.enterAccount, { seq: 4 });
    // The idle screen invites help in its own line.
    expect(cues(null, attract, memory)).toEqual([expect.stringContaining(t('callStaff'))]);
    expect(cues(attract, loading, memory)).toEqual([]);
    expect(cues(loading, billers, memory)).toEqual([expect.any(String), helpLine(t)]);
    expect(cues(billers, entry, memory)).toHaveLength(1);
    expect(cues(entry, billers, memory)).toHaveLength(1);
    // A new visit names it again; not while waiting, nor once she has called.
    const next = snapshot(SCREENS.attract, { seq: 5 });
    expect(cues(entry, next, memory)).toHaveLength(1);
    const looking = snapshot(SCREENS.lookingUp, { seq: 6 });
    expect(cues(next, looking, memory)).toHaveLength(1);
    const bills = snapshot(SCREENS.bills, { seq: 7 });
    expect(cues(looking, bills, memory)).toEqual([expect.any(String), helpLine(t)]);
    const fresh = newVoiceMemory();
    const called = snapshot(SCREENS.bills, { seq: 8, helpCalled: true });
    expect(cues(looking, called, fresh)).toEqual([expect.any(String), t('helpComing')]);
    expect(cues(called, { ...entry, seq: 9 }, fresh)).toHaveLength(1);
  });
});
