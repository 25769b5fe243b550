// The first technician's PIN, set once at the terminal's console (console-setup.ts):
//
//   sudo -u kiosk node /opt/community-kiosk/dist/host/set-pin.mjs \
//     --config /etc/community-kiosk/kiosk.json --staff 9001
//   npm run set-pin -- --config config/kiosk.demo.json --staff 9001      (a development checkout)
//
// At a terminal it asks for the PIN twice without echoing it; from a pipe it reads one line
// (`printf '%s\n' "$PIN" | …`). Never as an argument: arguments show in `ps` and in the shell's
// history. `--recover` replaces a technician's forgotten PIN when nobody can enter to do it.
import { parseArgs } from 'node:util';
import { runConsoleSetup } from './console-setup';

const USAGE = 'usage: set-pin --config FILE --staff STAFF_NUMBER [--recover]';

/** Reads one line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('abandoned'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of standard input (a pipe). */
async function readLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPin(): Promise<string> {
  if (!process.stdin.isTTY) return readLine();
  const first = await readHidden('PIN (6 digits): ');
  const again = await readHidden('the same PIN again: ');
  if (first !== again) throw new Error('the two PINs differ; nothing was set');
  return first;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      staff: { type: 'string' },
      recover: { type: 'boolean', default: false },
    },
  });
  if (!values.config || !values.staff) {
    console.error(USAGE);
    return 2;
  }
  const report = await runConsoleSetup({
    configFile: values.config,
    staffNumber: values.staff,
    recover: values.recover,
    readPin,
  });
  (report.ok ? console.log : console.error)(`set-pin: ${report.message}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`set-pin: ${err.message}`);
    process.exit(1);
  },
);
