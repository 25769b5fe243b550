import type { Snapshot } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { MAX_VOLUME, nextTextScale, textSizeName, volumeLevel } from './prefs';
import type { ScreenProps } from './types';

const HelpIcon = SERVICE_ICONS.help;

/**
 * The frame's own controls, on every screen: a person, the language, text size, sound; and
 * under them the status line — staff are coming, or helping — whose place is kept when empty.
 */
export function FrameControls({ t, send, snapshot }: ScreenProps & { snapshot: Snapshot }) {
  const { prefs, locale } = snapshot;
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const status = snapshot.staffHelping
    ? t('staffIsHelping')
    : snapshot.helpCalled
      ? t('helpComing')
      : null;
  return (
    <>
      <button className="button help" onClick={() => send({ type: 'CALL_STAFF' })}>
        <HelpIcon className="help-icon" />
        <span>{t('callStaff')}</span>
      </button>
      <p className="frame-status" role="status">
        {status}
      </p>
      <button
        className="button secondary control-language"
        lang={other}
        onClick={() => send({ type: 'SET_LOCALE', locale: other })}
      >
        {t('switchLanguage')}
      </button>
      <button
        className="button secondary control-text-size"
        onClick={() => send({ type: 'SET_TEXT_SCALE', scale: nextTextScale(prefs.textScale) })}
      >
        {t('textSize', { size: t(textSizeName(prefs.textScale)) })}
      </button>
      <div className="control-group volume" role="group" aria-label={t('volume')}>
        <span className="volume-level">
          {prefs.muted ? t('muted') : t('volumeLevel', { level: volumeLevel(prefs.volume) })}
        </span>
        <button
          className="button secondary"
          disabled={prefs.muted || prefs.volume === 0}
          onClick={() => send({ type: 'SET_VOLUME', volume: prefs.volume - 1 })}
        >
          {t('quieter')}
        </button>
        <button
          className="button secondary"
          disabled={prefs.muted || prefs.volume === MAX_VOLUME}
          onClick={() => send({ type: 'SET_VOLUME', volume: prefs.volume + 1 })}
        >
          {t('louder')}
        </button>
        <button
          className="button secondary mute"
          onClick={() => send({ type: 'SET_MUTED', muted: !prefs.muted })}
        >
          {t(prefs.muted ? 'unmute' : 'mute')}
        </button>
      </div>
    </>
  );
}
