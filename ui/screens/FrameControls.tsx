import type { Snapshot } from '../../src/api/kiosk-api';
import { MAX_VOLUME, nextTextScale, textSizeName, volumeLevel } from './prefs';
import type { ScreenProps } from './types';

/** The frame's own controls, on every screen: a person, the language, text size, sound. */
export function FrameControls({ t, send, snapshot }: ScreenProps & { snapshot: Snapshot }) {
  const { prefs, locale } = snapshot;
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <div className="frame-controls">
      <div className="control-group">
        <button className="button help" onClick={() => send({ type: 'CALL_STAFF' })}>
          {t('callStaff')}
        </button>
        {snapshot.helpCalled && (
          <span className="control-note" role="status">
            {t('helpComing')}
          </span>
        )}
      </div>
      <button
        className="button secondary"
        lang={other}
        onClick={() => send({ type: 'SET_LOCALE', locale: other })}
      >
        {t('switchLanguage')}
      </button>
      <button
        className="button secondary"
        onClick={() => send({ type: 'SET_TEXT_SCALE', scale: nextTextScale(prefs.textScale) })}
      >
        {t('textSize', { size: t(textSizeName(prefs.textScale)) })}
      </button>
      <div className="control-group volume" role="group" aria-label={t('volume')}>
        <span className="control-note volume-level">
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
    </div>
  );
}
