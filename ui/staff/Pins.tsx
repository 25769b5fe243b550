import type { Key, StaffView } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { PinDots } from './ReceiptFinder';
import { DeskOutcome, StaffKeypad, StaffToolbar } from './StaffParts';
import { pinProblemWords } from './staff-words';

type PinsView = Extract<StaffView, { name: 'pins' }>;
type MyPinView = Extract<StaffView, { name: 'myPin' }>;

function PinProblem({ t, problem }: Pick<ScreenProps, 't'> & { problem: string | null }) {
  if (problem === null) return null;
  return (
    <p role="alert" className="tool-result">
      {pinProblemWords(t, problem)}
    </p>
  );
}

function PinFields({
  t,
  send,
  typing,
  own,
}: ScreenProps & { typing: PinsView['typing']; own: boolean }) {
  return (
    <div className="split">
      <div className="split-part">
        {own && <PinDots t={t} length={typing.currentLength} label={t('pinCurrent')} />}
        <PinDots t={t} length={typing.firstLength} label={t('pinNew')} />
        <PinDots t={t} length={typing.secondLength} label={t('pinAgain')} />
      </div>
      <StaffKeypad t={t} send={send} onKey={(key: Key) => send({ type: 'STAFF_KEY', key })} />
    </div>
  );
}

/** The technician sets a person's PIN: choose them, the new PIN twice (dots only). */
export function Pins({ t, send, view }: ScreenProps & { view: PinsView }) {
  const chosen = view.people.find((p) => p.staffNumber === view.chosen) ?? null;
  return (
    <section className="screen staff-screen">
      <h1>{t('pinsTitle')}</h1>
      {view.problem ? (
        <PinProblem t={t} problem={view.problem} />
      ) : (
        <DeskOutcome t={t} result={view.lastResult} />
      )}
      <ul className="item-list">
        {view.people.map((person) => (
          <li key={person.staffNumber} className="item">
            <button
              className={`button ${person.staffNumber === view.chosen ? 'primary' : 'secondary'}`}
              aria-pressed={person.staffNumber === view.chosen}
              onClick={() => send({ type: 'STAFF_PIN_FOR', staffNumber: person.staffNumber })}
            >
              {t('pinsChoose', { name: person.name, number: person.staffNumber })}
            </button>{' '}
            {t(person.role === 'technician' ? 'staffRoleTechnician' : 'staffRoleStaff')} ·{' '}
            {t(person.hasPin ? 'pinsHas' : 'pinsNone')}
          </li>
        ))}
      </ul>
      {chosen && (
        <>
          <h2>{t('pinsFor', { name: chosen.name, number: chosen.staffNumber })}</h2>
          <PinFields t={t} send={send} typing={view.typing} own={false} />
        </>
      )}
      <StaffToolbar t={t} send={send} />
    </section>
  );
}

/** Anyone signed in changes their own PIN: the current one, then the new one twice. */
export function MyPin({ t, send, view }: ScreenProps & { view: MyPinView }) {
  return (
    <section className="screen staff-screen">
      <h1>{t('myPinTitle')}</h1>
      {view.problem ? (
        <PinProblem t={t} problem={view.problem} />
      ) : (
        <DeskOutcome t={t} result={view.lastResult} />
      )}
      <PinFields t={t} send={send} typing={view.typing} own />
      <StaffToolbar t={t} send={send} />
    </section>
  );
}
