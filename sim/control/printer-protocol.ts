// The control protocol for the emulated receipt printer: faults now or in the middle of the next
// job, and what came out of it. Browser-safe (the developer panel shares it).
import { z } from 'zod';
// Spelled out rather than imported from protocol.ts, which imports this file.
export const PRINTER_PREFIX = '/control/printer';

export const PrinterFaultName = z.enum([
  'nearEnd',
  'paperOut',
  'coverOpen',
  'cutterError',
  'offline',
]);

export const PrinterFaultBody = z
  .object({
    /** null: a technician repairs it (new roll, cover shut, powered on). */
    fault: PrinterFaultName.nullable(),
    /** Strike after this many more printed rows (a fault in the middle of a job). */
    afterRows: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export const PrinterState = z.object({
  paper: z.enum(['ok', 'nearEnd', 'out']),
  coverOpen: z.boolean(),
  cutterError: z.boolean(),
  offline: z.boolean(),
  receipts: z.number().int().nonnegative(),
  /** The last receipt out of the printer, as text; null before the first. */
  last: z.object({ lines: z.array(z.string()), complete: z.boolean() }).nullable(),
});
export type PrinterState = z.infer<typeof PrinterState>;
