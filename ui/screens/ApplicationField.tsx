// One field of a service's form on its own screen, by its kind: a whole number, a mobile or a
// date on the kiosk's digit keypad, a choice as tiles, a text through the on-screen keyboard
// (pinyin). Its label and limits come from the catalogue; a problem is said on the field.
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { TONE_ICONS } from '../design/icons';
import { TextKeyboard } from '../keyboard/TextKeyboard';
import { Alerts } from './Alerts';
import { DigitKeypad } from './DigitKeypad';
import { APPLY_PROBLEM_WORDS, fieldHint, local, typedDate } from './application-words';
import type { ScreenProps } from './types';

type FieldScreen = Extract<KioskScreen, { name: 'applicationField' }>;

export function ApplicationField({ t, send, screen }: ScreenProps & { screen: FieldScreen }) {
  const f = screen.field;
  const problem = screen.problem && t(APPLY_PROBLEM_WORDS[screen.problem]);
  const back = { label: t('back'), onClick: () => send({ type: 'BACK' }) };
  const skip = f.optional ? [{ label: t('applySkip'), onClick: () => send({ type: 'SKIP' }) }] : [];
  const title = (
    <>
      {local(t, f.label)}
      <span className="step-of">
        {' '}
        {t('applyStepOf', { step: screen.index + 1, steps: screen.count })}
      </span>
    </>
  );
  const lead = (
    <>
      <p className="lead">{local(t, screen.serviceName)}</p>
      {!problem && <p>{fieldHint(t, f)}</p>}
      {f.optional && !problem && <p>{t('applyOptional')}</p>}
      <Alerts messages={[problem]} />
    </>
  );

  if (f.kind === 'choice') {
    return (
      <Screen title={title} actions={{ none: 'choice', secondary: [...skip, back] }}>
        {lead}
        <Tiles count={f.options.length}>
          {f.options.map((o) => (
            <Tile
              key={o.id}
              icon={TONE_ICONS.info}
              label={local(t, o.label)}
              onClick={() => send({ type: 'CHOOSE_OPTION', optionId: o.id })}
            />
          ))}
        </Tiles>
      </Screen>
    );
  }

  if (f.kind === 'text') {
    return (
      <Screen
        title={title}
        actions={{
          primary: { label: t('nextStep'), onClick: () => send({ type: 'SERVICE_NEXT' }) },
          secondary: [...skip, back],
        }}
      >
        {/* The keyboard takes the body: what is typed and how much of the limit is on it. */}
        <Alerts messages={[problem]} />
        <TextKeyboard
          lang={t.locale}
          value={screen.value}
          maxLength={f.maxLength}
          onChange={(value) => send({ type: 'FIELD_TEXT', value })}
          onDone={() => send({ type: 'SERVICE_NEXT' })}
        />
      </Screen>
    );
  }

  const shown = f.kind === 'date' ? typedDate(screen.value) : screen.value;
  return (
    <Screen
      title={title}
      actions={{
        primary: {
          label: t('nextStep'),
          disabled: screen.value.length === 0 && !f.optional,
          onClick: () => send({ type: 'SERVICE_NEXT' }),
        },
        secondary: [...skip, back],
      }}
    >
      <div className="columns">
        <div className="column fixed">
          {lead}
          <output className="account-digits" aria-label={local(t, f.label)}>
            {shown || '\u00a0'}
          </output>
        </div>
        <DigitKeypad t={t} onKey={(key) => send({ type: 'KEY', key })} />
      </div>
    </Screen>
  );
}
