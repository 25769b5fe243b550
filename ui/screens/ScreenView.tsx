import { AddDocumentsCamera, AddDocumentsReceipt, AddDocumentsReview } from './AddDocuments';
import { InvoiceEvidence, InvoiceEmail } from './InvoiceCapture';
import { InvoiceBiller, InvoiceDelivery, InvoicePeriods, InvoiceType } from './InvoiceChoices';
import { InvoiceEntry } from './InvoiceEntry';
import { InvoiceReceipt, InvoiceReview, InvoiceTitle } from './InvoiceSummary';
import { INVOICE_WORKING_WORDS } from './invoice-words';
import type { ReceiptDelivery, Screen } from '../../src/api/kiosk-api';
import { formatYuan } from '../../src/api/money';
import { OUT_OF_SERVICE_REASON } from './out-of-service-reason';
import { Attract } from './Attract';
import { Bills } from './Bills';
import { ChooseBiller } from './ChooseBiller';
import { Confirm } from './Confirm';
import { EnterAccount } from './EnterAccount';
import { Info } from './Info';
import { InsertCash } from './InsertCash';
import { PartialCash } from './PartialCash';
import { Problem } from './Problem';
import { QrPay } from './QrPay';
import { RefundSlip } from './RefundSlip';
import { Result } from './Result';
import { Progress, ProgressEntry, ServiceHome } from './ServicePoint';
import { ApplicationScreen } from './ApplicationScreen';
import { isApplicationScreen } from './application-words';
import { StaffHelp } from './StaffHelp';
import { Waiting } from './Waiting';
import type { ScreenProps } from './types';

export function ScreenView({
  screen,
  receipts,
  textScale,
  ...p
}: ScreenProps & { screen: Screen; receipts: ReceiptDelivery; textScale: number }) {
  if (isApplicationScreen(screen))
    return <ApplicationScreen {...p} screen={screen} textScale={textScale} />;
  switch (screen.name) {
    case 'attract':
      return <Attract {...p} screen={screen} />;
    case 'outOfService':
      return (
        <Waiting
          {...p}
          message={p.t('outOfService')}
          detail={screen.reason && p.t(OUT_OF_SERVICE_REASON[screen.reason])}
          alert
        />
      );
    case 'chooseBiller':
      return <ChooseBiller {...p} billers={screen.billers} />;
    case 'enterAccount':
      return <EnterAccount {...p} screen={screen} />;
    case 'lookingUp':
      return <Waiting {...p} message={p.t('lookingUp')} />;
    case 'bills':
      return <Bills {...p} screen={screen} receipts={receipts} />;
    case 'confirm':
      return <Confirm {...p} screen={screen} />;
    case 'qrPay':
      return <QrPay {...p} screen={screen} />;
    case 'staffHelp':
      return <StaffHelp {...p} screen={screen} />;
    case 'info':
      return <Info {...p} screen={screen} />;
    case 'insertCash':
      return <InsertCash {...p} screen={screen} />;
    case 'partialCash':
      return <PartialCash {...p} screen={screen} />;
    case 'awaitingStaff':
      return (
        <Waiting
          {...p}
          message={p.t('awaitingStaff')}
          detail={p.t('awaitingStaffLead', { amount: formatYuan(screen.collected) })}
        />
      );
    case 'refundSlip':
      return <RefundSlip {...p} screen={screen} />;
    case 'writingOff':
      return <Waiting {...p} message={p.t('writingOff')} />;
    case 'paid':
    case 'pendingSync':
      return <Result {...p} screen={screen} textScale={textScale} />;
    case 'serviceHome':
      return <ServiceHome {...p} />;
    case 'progressEntry':
      return <ProgressEntry {...p} screen={screen} />;
    case 'progressLookingUp':
      return <Waiting {...p} message={p.t('lookingUpProgress')} />;
    case 'progress':
      return <Progress {...p} screen={screen} />;
    case 'problem':
      return <Problem {...p} screen={screen} />;
    case 'invoiceBiller':
      return <InvoiceBiller {...p} screen={screen} />;
    case 'invoiceEntry':
      return <InvoiceEntry {...p} screen={screen} />;
    case 'invoicePeriods':
      return <InvoicePeriods {...p} screen={screen} />;
    case 'invoiceEvidence':
      return <InvoiceEvidence {...p} screen={screen} />;
    case 'invoiceType':
      return <InvoiceType {...p} />;
    case 'invoiceTitle':
      return <InvoiceTitle {...p} screen={screen} />;
    case 'invoiceDelivery':
      return <InvoiceDelivery {...p} screen={screen} />;
    case 'invoiceEmail':
      return <InvoiceEmail {...p} screen={screen} />;
    case 'invoiceReview':
      return <InvoiceReview {...p} screen={screen} />;
    case 'invoiceWorking':
      return <Waiting {...p} message={p.t(INVOICE_WORKING_WORDS[screen.task])} />;
    case 'invoiceReceipt':
      return <InvoiceReceipt {...p} screen={screen} />;
    case 'addDocumentsCamera':
      return <AddDocumentsCamera {...p} screen={screen} />;
    case 'addDocumentsReview':
      return <AddDocumentsReview {...p} screen={screen} />;
    case 'addDocumentsSending':
      return <Waiting {...p} message={p.t('addDocumentsSending')} />;
    case 'addDocumentsReceipt':
      return <AddDocumentsReceipt {...p} screen={screen} />;
  }
}
