// The small rules behind the frame and the information centre.
import { describe, expect, it } from 'vitest';
import { secondsLeft } from '../../ui/screens/countdown';
import { MAX_CHOICES, topicPage } from '../../ui/screens/info-pages';
import { nextTextScale, textSizeName } from '../../ui/screens/prefs';
import { RecordingVoice } from '../../ui/voice/recording-voice';
import { VOLUME_STEPS, utteranceVolume } from '../../ui/voice/voice-output';

describe('text size', () => {
  it('cycles 1 → 1.25 → 1.5 → 1 with a name for each', () => {
    expect([nextTextScale(1), nextTextScale(1.25), nextTextScale(1.5)]).toEqual([1.25, 1.5, 1]);
    expect([textSizeName(1), textSizeName(1.25), textSizeName(1.5)]).toEqual([
      'textSize1',
      'textSize125',
      'textSize15',
    ]);
  });
});

describe('volume', () => {
  it('rises with each step and spans 20 dB', () => {
    const v = [0, 1, 2, 3].map(utteranceVolume);
    for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThan(v[i - 1] ?? 1);
    expect(20 * Math.log10(VOLUME_STEPS[3] / VOLUME_STEPS[0])).toBeGreaterThanOrEqual(20);
    expect(utteranceVolume(9)).toBe(1);
  });

  it('records lines at the volume they were spoken with', () => {
    const voice = new RecordingVoice();
    voice.setVolume(utteranceVolume(0));
    voice.speak('请放入纸币', 'zh-CN');
    voice.cancel();
    expect(voice.spoken).toEqual([{ text: '请放入纸币', lang: 'zh-CN', volume: 0.1 }]);
    expect(voice.cancels).toBe(1);
  });
});

describe('topic pages', () => {
  const topics = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('keeps every page to six topics, and shows every topic once', () => {
    for (let n = 0; n <= 13; n++) {
      const first = topicPage(topics(n), 0);
      const all = Array.from({ length: first.pages }, (_, p) => topicPage(topics(n), p).shown);
      for (const shown of all) expect(shown.length, `${n} topics`).toBeLessThanOrEqual(MAX_CHOICES);
      expect(all.flat(), `${n} topics`).toEqual(topics(n));
    }
  });

  it('six topics (the information centre as shipped) fit on one page', () => {
    expect(topicPage(topics(6), 0)).toEqual({ shown: topics(6), page: 0, pages: 1 });
    expect(topicPage(topics(7), 0).pages).toBe(2);
  });

  it('wraps from the last page to the first', () => {
    expect(topicPage(topics(13), 3)).toEqual(topicPage(topics(13), 0));
  });
});

describe('countdown', () => {
  it('rounds up to whole seconds and stops at zero', () => {
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(40_000, 10_000)).toBe(30);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
  });
});
