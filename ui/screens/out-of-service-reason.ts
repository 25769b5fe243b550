import type { OutOfServiceReason } from '../../src/api/kiosk-api';
import type { MessageKey } from '../i18n/messages';

/** Each reason the kiosk may be out of service for, in the resident's words. */
export const OUT_OF_SERVICE_REASON: Readonly<Record<OutOfServiceReason, MessageKey>> = {
  maintenance: 'outOfServiceReasonMaintenance',
  cashBoxExchange: 'outOfServiceReasonCashBoxExchange',
  deviceFault: 'outOfServiceReasonDeviceFault',
  network: 'outOfServiceReasonNetwork',
};
