// One banknote through the emulated acceptor, as a resident would feed it, and the screen's
// running total once the kiosk has counted it.
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { TestKiosk } from './e2e-fixture';

/** Inserts a note of `fen` (the acceptor may be busy with the last one: it is offered again). */
export async function insertNote(kiosk: TestKiosk, fen: number): Promise<void> {
  await expect.poll(() => kiosk.acceptor.insertNote(fen), { timeout: 10_000 }).toBe(true);
}

/** Waits until the insert-cash screen shows `fen` collected. */
export async function seeCollected(ui: Page | Frame, fen: number): Promise<void> {
  const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  await expect
    .poll(() => ui.getByTestId('collected').textContent(), { timeout: 10_000 })
    .toContain(yuan);
}
