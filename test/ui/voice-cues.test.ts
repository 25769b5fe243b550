// What is spoken as snapshots arrive: a screen once, then only what changes on it.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import { translator } from '../../ui/i18n/messages';
import { voiceCues } from '../../ui/voice/voice-cues';
import { SCREENS, snapshot } from './screens.fixture';

const NOW = 1_000_000;
const cues = (prev: Snapshot | null, next: Snapshot) =>
  voiceCues(prev, next, translator(next.locale), NOW);

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
      '已放入 150.00 元，还需放入 36.50 元',
      '有 20.00 元纸币需要工作人员核对，请联系工作人员',
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
});
