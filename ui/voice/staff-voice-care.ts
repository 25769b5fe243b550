// What the care screen says after its title: how many alerts, each by its kind and figures (never
// the household's place, holder or contact aloud: the kiosk stands in a public hall), and the
// choices; one alert's chart in words (its text alternative: the drop) and the outcomes.
import type { StaffView } from '../../src/api/kiosk-api';
import type { Translator } from '../i18n/messages';
import { CARE_KIND, CARE_OUTCOME, careChartText, careFigures } from '../staff/staff-words';
import type { Part } from './screen-voice';
import { choices, resultWords } from './staff-voice-parts';

type CareView = Extract<StaffView, { name: 'care' }>;

/** Alerts read out one by one; more are counted. */
const ALERTS_READ = 3;

export function careVoice(t: Translator, v: CareView): Part[] {
  if (v.step === 'loading') return [t('careLoading')];
  if (v.problem) return [t('careProblem'), choices(t, [t('careRefresh'), t('staffBackHome')])];
  const chosen = v.chosen;
  if (v.step === 'alert' && chosen) {
    return [
      t(CARE_KIND[chosen.kind]),
      careFigures(t, chosen),
      t('careChartTitle'),
      careChartText(t, v.readings),
      chosen.outcome ? t('careRecorded', { outcome: t(CARE_OUTCOME[chosen.outcome]) }) : null,
      resultWords(t, v.lastResult),
      t('careRecordTitle'),
      choices(t, [...v.outcomes.map((o) => t(CARE_OUTCOME[o])), t('careBackToList')]),
    ];
  }
  if (v.alerts.length === 0)
    return [t('careNone'), choices(t, [t('careRefresh'), t('staffBackHome')])];
  return [
    t('careCount', { alerts: v.alerts.length, households: v.households }),
    ...v.alerts
      .slice(0, ALERTS_READ)
      .map((a) => t.list([t(CARE_KIND[a.kind]), t('careSince', { day: t.day(a.since) })])),
    choices(t, [t('careOpen'), t('careRefresh'), t('staffBackHome')]),
  ];
}
