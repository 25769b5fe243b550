import type { ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import { Attract } from './Attract';
import { Bills } from './Bills';
import { ChooseBiller } from './ChooseBiller';
import { EnterAccount } from './EnterAccount';
import { InsertCash } from './InsertCash';
import { PartialCash } from './PartialCash';
import { Problem } from './Problem';
import { RefundSlip } from './RefundSlip';
import { Result } from './Result';
import { Waiting } from './Waiting';
import type { ScreenProps } from './types';

export function ScreenView({
  screen,
  receipts,
  ...p
}: ScreenProps & { screen: Screen; receipts: ReceiptDelivery }) {
  switch (screen.name) {
    case 'attract':
      return <Attract {...p} />;
    case 'outOfService':
      return <Waiting {...p} message={p.t('outOfService')} />;
    case 'chooseBiller':
      return <ChooseBiller {...p} billers={screen.billers} />;
    case 'enterAccount':
      return <EnterAccount {...p} screen={screen} />;
    case 'lookingUp':
      return <Waiting {...p} message={p.t('lookingUp')} />;
    case 'bills':
      return <Bills {...p} screen={screen} receipts={receipts} />;
    case 'insertCash':
      return <InsertCash {...p} screen={screen} />;
    case 'partialCash':
      return <PartialCash {...p} screen={screen} />;
    case 'refundSlip':
      return <RefundSlip {...p} screen={screen} />;
    case 'writingOff':
      return <Waiting {...p} message={p.t('writingOff')} />;
    case 'paid':
    case 'pendingSync':
      return <Result {...p} screen={screen} />;
    case 'problem':
      return <Problem {...p} problem={screen.problem} />;
  }
}
