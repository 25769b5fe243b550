// The --fault flag of cli.ts: ROUTE=KIND[:OPTION=VALUE]…, e.g.
//   'POST /v1/payments=503:retryAfter=2:times=3'
//   'GET /v1/payments/:serial=slow:delayMs=800:when=after_commit'
//   '*=drop_after_commit:times=1'
// The route is everything before the first "=" (route keys contain ":" but never "=");
// the rest is split on ":". Values of digits only are numbers. The result is checked with the
// same schema as PUT /__sim/faults.
import { FaultSpec, type Fault } from './faults';
import { check, type Parsed } from './validate';

export const FAULT_FLAG_SYNTAX = 'ROUTE=KIND[:OPTION=VALUE]…';

export function parseFaultFlag(text: string): Parsed<Fault> {
  const bad = (why: string): Parsed<Fault> => ({
    ok: false,
    message: `--fault '${text}': ${why}`,
  });
  const eq = text.indexOf('=');
  if (eq < 0) return bad('no "=" between route and kind');
  const route = text.slice(0, eq).trim();
  const [kind = '', ...options] = text.slice(eq + 1).split(':');
  const fault: Record<string, string | number> = { route, kind: kind.trim() };
  for (const option of options) {
    const m = /^\s*([A-Za-z]+)=(.*?)\s*$/.exec(option);
    if (!m) return bad(`option "${option}" is not NAME=VALUE`);
    const [, name = '', value = ''] = m;
    if (Object.hasOwn(fault, name)) return bad(`${name} given twice`);
    fault[name] = /^\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = check(FaultSpec, fault);
  return parsed.ok ? parsed : bad(parsed.message);
}
