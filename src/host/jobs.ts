// The host's background jobs: the fleet heartbeat (with the gateway's commands) and the daily
// reconciliation check. Timers are unref'd; a failing job logs and tries again next time.
import type { BillAcceptor } from '../../drivers/bill-acceptor';
import type { ReceiptPrinter } from '../../drivers/printer';
import type { CardReader } from '../../drivers/card-reader';
import type { Scanner } from '../../drivers/scanner';
import type { KioskConfig } from '../config/schema';
import { auditCashBox, heartbeatBody, sendHeartbeat } from './heartbeat-job';
import type { Logger } from './logger';
import type { MoneyServices } from './money-services';
import { reconcilePastDays } from './reconciliation-job';

export interface JobTargets {
  money: MoneyServices;
  acceptor: BillAcceptor;
  scanner: Scanner | null;
  printer: ReceiptPrinter | null;
  cardReader: CardReader | null;
  clock: () => number;
  log: Logger;
  inService(): boolean;
  setInService(inService: boolean, reason: string | null): void;
}

export function startJobs(config: KioskConfig, t: JobTargets): () => void {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, job: () => Promise<unknown>, firstAfterMs = ms) => {
    let running = false; // a run that outlasts its interval is not started again on top of itself
    const run = () => {
      if (running) return;
      running = true;
      job()
        .catch((err: Error) => t.log.warn({ err }, 'background job failed'))
        .finally(() => (running = false));
    };
    const first = setTimeout(() => {
      run();
      const interval = setInterval(run, ms);
      interval.unref();
      timers.push(interval);
    }, firstAfterMs);
    first.unref();
    timers.push(first);
  };

  every(
    config.jobs.heartbeatMs,
    async () => {
      const audit = await auditCashBox(t.money.cashBox, t.acceptor, t.log);
      const body = heartbeatBody({ ...t, inService: t.inService(), now: t.clock(), audit });
      for (const command of await sendHeartbeat(t.money, body, t.log)) {
        if (command.type === 'outOfService') t.setInService(false, command.reason);
        else if (command.type === 'inService') t.setInService(true, null);
        else
          t.log.warn({ command }, 'reloadConfig requested: restart the host to apply new config');
      }
    },
    1_000,
  );
  // Payments left open or refused are retried until the wallet or the gateway answers.
  every(30_000, () => t.money.compensate(), 2_000);
  every(config.jobs.reconciliationMs, () => reconcilePastDays(t.money, t.clock, t.log), 5_000);

  return () => timers.forEach((timer) => clearTimeout(timer));
}
