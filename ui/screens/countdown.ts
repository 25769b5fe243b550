/** Whole seconds left until `deadline` (epoch ms, the host's clock), never below zero. */
export const secondsLeft = (deadline: number, now: number): number =>
  Math.max(0, Math.ceil((deadline - now) / 1000));
