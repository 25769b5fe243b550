import type { StaffView as View } from '../../src/api/kiosk-api';
import type { ScreenProps } from '../screens/types';
import { CashExchange } from './CashExchange';
import { DaySummary } from './DaySummary';
import { Diagnostics } from './Diagnostics';
import { OpenItems } from './OpenItems';
import { SyncQueue } from './SyncQueue';
import { ServiceState } from './ServiceState';
import { SignIn } from './SignIn';
import { StaffHome } from './StaffHome';
import { Reprint } from './Reprint';
import { Reversal } from './Reversal';
import { MyPin, Pins } from './Pins';
import { Care } from './Care';
import { Notices } from './Notices';

/** Staff and service screens, in place of the resident's while a mode is open. */
export function StaffScreens({ view, ...p }: ScreenProps & { view: View }) {
  switch (view.name) {
    case 'signIn':
      return <SignIn {...p} view={view} />;
    case 'staffHome':
      return <StaffHome {...p} view={view} />;
    case 'openItems':
      return <OpenItems {...p} view={view} />;
    case 'syncQueue':
      return <SyncQueue {...p} view={view} />;
    case 'daySummary':
      return <DaySummary {...p} view={view} />;
    case 'cashExchange':
      return <CashExchange {...p} view={view} />;
    case 'diagnostics':
      return <Diagnostics {...p} view={view} />;
    case 'serviceState':
      return <ServiceState {...p} view={view} />;
    case 'reprint':
      return <Reprint {...p} view={view} />;
    case 'reversal':
      return <Reversal {...p} view={view} />;
    case 'pins':
      return <Pins {...p} view={view} />;
    case 'myPin':
      return <MyPin {...p} view={view} />;
    case 'care':
      return <Care {...p} view={view} />;
    case 'notices':
      return <Notices {...p} view={view} />;
  }
}
