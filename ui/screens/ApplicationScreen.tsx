// Applying for a service: its screens by name, apart from ScreenView so that they grow here.
import { ApplicationAccount, ApplicationAccountConfirm } from './ApplicationAccount';
import { ApplicationDocument, ApplicationSignature } from './ApplicationCapture';
import { ApplicationField } from './ApplicationField';
import { ApplicationReceipt, ApplicationRejected } from './ApplicationResult';
import { ApplicationConsent, ApplicationReview } from './ApplicationReview';
import { ApplicationCatalogue, ApplicationNeeds } from './ApplicationStart';
import { Waiting } from './Waiting';
import { WORKING_WORDS, type ApplicationScreenView } from './application-words';
import type { ScreenProps } from './types';
import './application.css';

export function ApplicationScreen({
  screen,
  textScale,
  ...p
}: ScreenProps & { screen: ApplicationScreenView; textScale: number }) {
  switch (screen.name) {
    case 'applicationCatalogue':
      return <ApplicationCatalogue {...p} screen={screen} />;
    case 'applicationNeeds':
      return <ApplicationNeeds {...p} screen={screen} />;
    case 'applicationWorking':
      return <Waiting {...p} message={p.t(WORKING_WORDS[screen.step])} />;
    case 'applicationAccount':
      return <ApplicationAccount {...p} screen={screen} />;
    case 'applicationAccountConfirm':
      return <ApplicationAccountConfirm {...p} screen={screen} />;
    case 'applicationField':
      return <ApplicationField {...p} screen={screen} />;
    case 'applicationDocument':
      return <ApplicationDocument {...p} screen={screen} />;
    case 'applicationSignature':
      return <ApplicationSignature {...p} />;
    case 'applicationConsent':
      return <ApplicationConsent {...p} screen={screen} />;
    case 'applicationReview':
      return <ApplicationReview {...p} screen={screen} />;
    case 'applicationReceipt':
      return <ApplicationReceipt {...p} screen={screen} textScale={textScale} />;
    case 'applicationRejected':
      return <ApplicationRejected {...p} screen={screen} />;
  }
}
