// The developer panel: the kiosk beside the controls of its simulated world, so a person can
// demonstrate every step with no hardware. Built separately from the renderer; browser mode only.
import { useEffect, useState } from 'react';
import { CAMERA_SHOTS, type ControlState } from '../control/protocol';
import { AcceptorPanel } from './AcceptorPanel';
import { control } from './control-client';
import { PrinterPanel } from './PrinterPanel';

const POLL_MS = 500;

export function DevPanel() {
  const [state, setState] = useState<ControlState | null>(null);
  const [message, setMessage] = useState('');
  const [scanText, setScanText] = useState('SGCC:3100123456');
  const [cardUid, setCardUid] = useState('04A1B2C3D4E5F6');
  const [kioskUrl, setKioskUrl] = useState<string | null>(null);
  // The frame becomes the kiosk's screen through a launch address of its own.
  const openKiosk = () =>
    void control
      .launchKiosk()
      .then(setKioskUrl)
      .catch(() => setMessage('cannot open the kiosk page (is the token in the address?)'));
  useEffect(openKiosk, []);

  useEffect(() => {
    let live = true;
    const tick = () =>
      control
        .state()
        .then((s) => live && setState(s))
        .catch(() => live && setMessage('control server unreachable'));
    void tick();
    const id = setInterval(tick, POLL_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, []);

  const act = (p: Promise<{ message: string }>) =>
    p.then((r) => setMessage(r.message)).catch((e: Error) => setMessage(e.message));

  return (
    <div className="panel-layout">
      {kioskUrl && <iframe className="kiosk" title="Kiosk" src={kioskUrl} />}
      <aside className="controls">
        <h1>Developer panel</h1>
        <button onClick={openKiosk}>Show the kiosk here again</button>
        <section>
          <h2>Bill acceptor ({state?.billAcceptor.state ?? '…'})</h2>
          <div className="row">
            {(state?.billAcceptor.denominations ?? []).map((v) => (
              <button key={v} onClick={() => act(control.insertNote(v))}>
                Insert {v / 100} yuan
              </button>
            ))}
          </div>
          <p>Stacked: {state?.stackedNotes.map((v) => v / 100).join(', ') || 'none'}</p>
          {state?.acceptor && <AcceptorPanel s={state.acceptor} act={act} />}
          {state && !state.acceptor && (
            <p>A real or external acceptor: script it at its own end.</p>
          )}
        </section>
        {state?.printer && <PrinterPanel s={state.printer} act={act} />}
        <section>
          <h2>Scanner</h2>
          <label>
            Text to scan
            <input value={scanText} onChange={(e) => setScanText(e.target.value)} />
          </label>
          <button onClick={() => act(control.scan(scanText))}>Scan</button>
        </section>
        <section>
          <h2>Card reader</h2>
          <label>
            Card UID
            <input value={cardUid} onChange={(e) => setCardUid(e.target.value)} />
          </label>
          <button onClick={() => act(control.card(cardUid))}>Lay card on reader</button>
          {state?.cards.map((c) => (
            <button key={c.uid} onClick={() => act(control.card(c.uid))}>
              Lay the {c.label} card
            </button>
          ))}
          <button onClick={() => act(control.card(null))}>Take card away</button>
        </section>
        {state?.camera && (
          <section>
            <h2>Document camera (shows: {state.camera.shown})</h2>
            <p>Read at the camera&apos;s next start: the next page, or a retake.</p>
            {CAMERA_SHOTS.map((shot) => (
              <button key={shot} onClick={() => act(control.camera(shot))}>
                {shot}
              </button>
            ))}
          </section>
        )}
        <section>
          <h2>Network ({state?.network.online ? 'online' : 'pulled'})</h2>
          <button onClick={() => act(control.setNetwork(!state?.network.online))}>
            {state?.network.online ? 'Pull the network' : 'Restore the network'}
          </button>
        </section>
        <p role="status">{message}</p>
      </aside>
    </div>
  );
}
