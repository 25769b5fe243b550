// A form's text field with the keyboard open, drawn in the real frame (`keyboard-fixtures.ts`):
// what a service-point screen with a text field will show, typed into for real in the gallery.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Snapshot } from '../../src/api/kiosk-api';
import { Screen } from '../../ui/design/Screen';
import { translator } from '../../ui/i18n/messages';
import { TextKeyboard } from '../../ui/keyboard/TextKeyboard';
import { Frame } from '../../ui/screens/Frame';
import { createVoiceOutput } from '../../ui/voice/speech-voice';
import { VoiceContext } from '../../ui/voice/voice-context';
import { traced } from '../../ui/voice/voice-trace';
import type { FieldStage } from './keyboard-fixtures';

export function FieldStageView({ snapshot, stage }: { snapshot: Snapshot; stage: FieldStage }) {
  const { locale } = snapshot;
  const t = translator(locale);
  const [value, setValue] = useState(stage.value);
  // What a test reads to know 完成 / Done was tapped, and with what.
  const done = (typed: string) => {
    document.body.dataset.fieldDone = typed;
  };
  const output = useMemo(() => traced(createVoiceOutput()), []);
  const say = useCallback(
    (text: string) => {
      output.cancel();
      output.speak(text, locale);
    },
    [output, locale],
  );
  const label = stage.label[locale];
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.style.setProperty('--text-scale', String(snapshot.prefs.textScale));
    say(label);
  }, [locale, snapshot.prefs.textScale, say, label]);
  return (
    <VoiceContext.Provider value={say}>
      <Frame t={t} snapshot={snapshot} send={() => undefined} inert={false}>
        <Screen
          title={label}
          actions={{
            primary: { label: t('confirm'), onClick: () => done(value) },
            secondary: [{ label: t('back'), onClick: () => done('') }],
          }}
        >
          <TextKeyboard
            lang={locale}
            value={value}
            maxLength={stage.maxLength}
            onChange={setValue}
            onDone={() => done(value)}
            layout={stage.layout}
            initialPinyin={stage.pinyin ?? ''}
          />
        </Screen>
      </Frame>
    </VoiceContext.Provider>
  );
}
