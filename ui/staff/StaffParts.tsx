import type { ToolOutcome } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';
import type { ScreenProps } from '../screens/types';

const TOOL: Readonly<Record<ToolOutcome['tool'], MessageKey>> = {
  testPage: 'toolTestPage',
  gateway: 'toolGateway',
  paperReplaced: 'toolPaperReplaced',
  bundle: 'toolBundle',
};

/** The last test's outcome, said in words. */
export function ToolResult({
  t,
  outcome,
}: Pick<ScreenProps, 't'> & { outcome: ToolOutcome | null }) {
  if (!outcome) return null;
  const tool = t(TOOL[outcome.tool]);
  return (
    <div role="status" className="tool-result">
      <p>
        {outcome.ok
          ? t('toolOk', { tool })
          : t('toolFailed', { tool, problem: outcome.problem ?? '' })}
      </p>
      {outcome.bundle && (
        <p className="checksum">
          {t('bundleWritten', {
            file: outcome.bundle.file,
            size: Math.ceil(outcome.bundle.bytes / 1024),
            sha256: outcome.bundle.sha256,
          })}
        </p>
      )}
    </div>
  );
}

/** Back to the staff home, or leave the mode: at the foot of every staff screen. */
export function StaffToolbar({ t, send }: ScreenProps) {
  return (
    <div className="actions staff-toolbar">
      <button
        className="button secondary"
        onClick={() => send({ type: 'STAFF_OPEN', screen: null })}
      >
        {t('staffBackHome')}
      </button>
      <button className="button secondary" onClick={() => send({ type: 'STAFF_LOCK' })}>
        {t('staffLeave')}
      </button>
    </div>
  );
}
