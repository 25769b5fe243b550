// What the frame hands down to every screen without threading it through each one: this
// terminal's front (for TerminalFront), the staff sign-in button, which ActionBar places with
// the secondary actions on the screens where staff may sign in without a card, and the step
// indicator, which Screen places beside its title.
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_FRONT_PANEL, type FrontPanel } from '../../src/api/kiosk-api';

export interface FrameContextValue {
  frontPanel: FrontPanel;
  staffEntry: ReactNode;
  /** The step indicator of the paying path, which Screen puts at its title's end. */
  step: ReactNode;
}

export const FrameContext = createContext<FrameContextValue>({
  frontPanel: DEFAULT_FRONT_PANEL,
  staffEntry: null,
  step: null,
});

export const useFrame = (): FrameContextValue => useContext(FrameContext);
