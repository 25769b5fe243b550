// The journal side's clock for elapsed time: the system's monotonic clock, which a step of the
// wall clock never moves. The sync worker compares it with the wall clock to notice steps.
// offline-queue/ imports nothing from the host, so it keeps this one line of its own.
export const monotonicNow = (): number => performance.now();
