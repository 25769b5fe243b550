// Run under a file-size limit by bad-storage.test.ts: writes payments until the journal cannot
// grow, then prints how many were committed and the error the journal gave.
import { openJournal } from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';

// Past the limit the kernel sends SIGXFSZ; with a handler the write fails with EFBIG instead.
process.on('SIGXFSZ', () => undefined);

const db = openJournal(process.argv[2] ?? '');
const journal = new PaymentJournal(db);
let committed = 0;
try {
  for (let i = 0; i < 100_000; i++) {
    journal.create({
      terminalId: 'SH-XH-WK-0007',
      businessDay: '20261126',
      billerId: 'sh-power',
      account: '3100123456',
      quoteId: `q_${i}`,
      quoteJson: JSON.stringify({ i, pad: 'x'.repeat(500) }),
      amountDue: 40_000,
      acceptsOverpayment: true,
      method: 'cash',
    });
    committed++;
  }
  console.log(JSON.stringify({ committed, error: 'never filled', code: 'none' }));
} catch (err) {
  const e = err as Error & { code?: string };
  console.log(JSON.stringify({ committed, error: e.message, code: e.code ?? 'none' }));
}
