import type { StaffView } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { DiagnosticTests } from './DiagnosticTests';
import { StaffToolbar, ToolResult } from './StaffParts';
import { DEVICE_KIND, deviceStatusWords } from './staff-words';

type DiagnosticsView = Extract<StaffView, { name: 'diagnostics' }>;

/** Every device as its driver reports it, and the tests that take no money. */
export function Diagnostics({ t, send, view }: ScreenProps & { view: DiagnosticsView }) {
  const gateway = view.gateway;
  return (
    <section className="screen staff-screen">
      <h1>{t('diagnosticsTitle')}</h1>
      <div className="actions">
        <button
          className="button secondary"
          onClick={() => send({ type: 'STAFF_TOOL', tool: 'testPage' })}
        >
          {t('toolTestPage')}
        </button>
        <button
          className="button secondary"
          onClick={() => send({ type: 'STAFF_TOOL', tool: 'gateway' })}
        >
          {t('toolGateway')}
        </button>
        <button
          className="button secondary"
          onClick={() => send({ type: 'STAFF_TOOL', tool: 'bundle' })}
        >
          {t('toolBundle')}
        </button>
      </div>
      <ToolResult t={t} outcome={view.lastTool} />
      {gateway && (
        <p role="status">
          {gateway.reachable && gateway.problem === null
            ? t('gatewayReachable', {
                latency: gateway.latencyMs ?? '?',
                clock:
                  gateway.clockDifferenceMs === null
                    ? '?'
                    : (gateway.clockDifferenceMs / 1000).toFixed(1),
              })
            : t('gatewayUnreachable', { problem: gateway.problem ?? '' })}
        </p>
      )}
      {/* One device in focus has the screen to itself; the tests wait for the overview. */}
      {view.focus === null && <DiagnosticTests t={t} send={send} tests={view.tests} />}
      {/* While a test waits, its screen is the test's: the devices come back after. */}
      {view.tests.running === null && (
        <div className="device-list" data-focus={view.focus ?? undefined}>
          {view.devices.map((d) => (
            <article key={d.kind} className="device" aria-label={t(DEVICE_KIND[d.kind])}>
              <h2>{t(DEVICE_KIND[d.kind])}</h2>
              <p>{t('diagDriver', { driver: d.driver, port: d.port })}</p>
              <p>
                {t('diagModel', {
                  model: d.model ?? t('diagUnknown'),
                  firmware: d.firmware ?? t('diagUnknown'),
                })}
              </p>
              <p>
                {t('diagStatus', { status: deviceStatusWords(t, d.status) })}
                {d.detail && ` · ${d.detail}`}
              </p>
              <h3>{t('diagCounters')}</h3>
              <p className="counters">
                {Object.entries(d.counters)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </p>
              <h3>{t('diagEvents')}</h3>
              {d.events.length === 0 ? (
                <p>{t('diagNoEvents')}</p>
              ) : (
                <ol className="device-events">
                  {d.events.map((e, i) => (
                    <li key={i} data-level={e.level}>
                      {new Date(e.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' })}{' '}
                      {e.text}
                    </li>
                  ))}
                </ol>
              )}
              <button
                className="button secondary"
                onClick={() =>
                  send({ type: 'STAFF_DEVICE', kind: view.focus === null ? d.kind : null })
                }
              >
                {t(view.focus === null ? 'diagShowAll' : 'diagBackToAll')}
              </button>
            </article>
          ))}
        </div>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
