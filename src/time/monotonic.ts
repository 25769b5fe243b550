// The clock for durations (quiet time, give-up times, debounce windows). performance.now()
// counts from process start on the system's monotonic clock, which NTP or an operator setting
// the time never steps, so a wait can be neither stretched nor cut short by a step. The wall
// clock (Date.now, the host's `clock` seam) is for business dates, timestamps and signatures.

/** Milliseconds on a clock that only moves forward, at the rate of real time. */
export type MonotonicClock = () => number;

export const monotonicNow: MonotonicClock = () => performance.now();
