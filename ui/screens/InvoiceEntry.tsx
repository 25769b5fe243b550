// The VAT invoice's typed steps on the kiosk's own keypad: the account (digits), the company's
// unified social credit code (digits and Latin capitals, 18, grouped; its check character is
// checked by the flow as the 18th is typed), the mobile for the SMS. No Chinese typing.
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { Screen } from '../design/Screen';
import { Alerts } from './Alerts';
import { AccountNumber } from './AccountNumber';
import { INVOICE_FIELD_WORDS, INVOICE_PROBLEM_WORDS, groupedValue } from './invoice-words';
import { ServiceKeypad } from './ServiceKeypad';
import type { ScreenProps } from './types';

type EntryScreen = Extract<KioskScreen, { name: 'invoiceEntry' }>;

export function InvoiceEntry({ t, send, screen }: ScreenProps & { screen: EntryScreen }) {
  const words = INVOICE_FIELD_WORDS[screen.field];
  const letters = screen.field === 'taxId';
  return (
    <Screen
      title={t(words.title)}
      actions={{
        primary: {
          label: t('nextStep'),
          disabled: screen.value.length === 0,
          onClick: () => send({ type: 'SERVICE_NEXT' }),
        },
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <div className={letters ? 'columns even' : 'columns'}>
        <div className="column fixed">
          {!screen.problem && <p>{t(words.hint)}</p>}
          <output className="account-digits" aria-label={t(words.title)}>
            {screen.value === '' ? (
              '\u00a0'
            ) : screen.field === 'account' ? (
              <AccountNumber account={screen.value} />
            ) : (
              groupedValue(screen.field, screen.value)
            )}
          </output>
          <Alerts messages={[screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem])]} />
        </div>
        {/* A fresh keypad per field: the tax code's letter page never carries over. */}
        <ServiceKeypad key={screen.field} t={t} send={send} letters={letters} />
      </div>
    </Screen>
  );
}
