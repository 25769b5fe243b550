// The VAT invoice's choices as big tiles: the biller, the months, the kind of invoice, and where
// to get it (a pickup point with its address and hours, or e-mail). Each tile is an
// INVOICE_CHOOSE; the flow keeps what was chosen.
import CalendarCheck from 'lucide-react/icons/calendar-check';
import CalendarX from 'lucide-react/icons/calendar-x';
import FileText from 'lucide-react/icons/file-text';
import MapPin from 'lucide-react/icons/map-pin';
import type { Screen as KioskScreen } from '../../src/api/kiosk-api';
import { SERVICE_ICONS } from '../design/icons';
import { Notice, NoticeLine } from '../design/Notice';
import { Screen } from '../design/Screen';
import { Tile, Tiles } from '../design/Tile';
import { spokenPeriod } from '../voice/screen-voice';
import { Alerts } from './Alerts';
import { INVOICE_PROBLEM_WORDS } from './invoice-words';
import type { ScreenProps } from './types';

type Of<N extends KioskScreen['name']> = Extract<KioskScreen, { name: N }>;

export function InvoiceBiller({ t, send, screen }: ScreenProps & { screen: Of<'invoiceBiller'> }) {
  const choose = (choice: string) => () => send({ type: 'INVOICE_CHOOSE', choice });
  return (
    <Screen
      title={t('invoiceChooseBiller')}
      actions={{
        none: 'choice',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <Alerts messages={[screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem])]} />
      <Tiles count={screen.billers.length}>
        {screen.billers.map((b) => (
          <Tile
            key={b.id}
            icon={SERVICE_ICONS.receipt}
            label={b.name[t.locale]}
            onClick={choose(b.id)}
          />
        ))}
      </Tiles>
    </Screen>
  );
}

export function InvoicePeriods({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'invoicePeriods'> }) {
  const choose = (choice: string) => () => send({ type: 'INVOICE_CHOOSE', choice });
  return (
    <Screen
      title={t('invoicePeriodsTitle')}
      actions={{
        primary: {
          label: t('nextStep'),
          disabled: screen.chosen.length === 0,
          onClick: () => send({ type: 'SERVICE_NEXT' }),
        },
        secondary: [
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
          { label: t('invoicePaidElsewhere'), onClick: choose('elsewhere') },
        ],
      }}
    >
      {/* Paid elsewhere: what comes next says so instead of the lead (the screen never scrolls). */}
      {screen.paidElsewhere ? (
        <Notice kind="info" role="status">
          <NoticeLine kind="info">{t('invoicePaidElsewhereOn')}</NoticeLine>
        </Notice>
      ) : (
        <p>{t('invoicePeriodsLead', { holder: screen.holder, account: screen.account })}</p>
      )}
      <Alerts messages={[screen.problem && t(INVOICE_PROBLEM_WORDS[screen.problem])]} />
      <Tiles count={screen.months.length}>
        {screen.months.map((m) => {
          const chosen = screen.chosen.includes(m.period);
          return (
            <Tile
              key={m.period}
              icon={m.due ? CalendarX : CalendarCheck}
              label={spokenPeriod(m.period, t.locale)}
              detail={t(
                m.due ? 'invoiceMonthDue' : chosen ? 'invoiceMonthChosen' : 'invoiceMonthPaid',
              )}
              disabled={m.due}
              onClick={choose(m.period)}
            />
          );
        })}
      </Tiles>
    </Screen>
  );
}

export function InvoiceType({ t, send }: ScreenProps) {
  const choose = (choice: string) => () => send({ type: 'INVOICE_CHOOSE', choice });
  return (
    <Screen
      title={t('invoiceTypeTitle')}
      actions={{
        none: 'choice',
        secondary: [{ label: t('back'), onClick: () => send({ type: 'BACK' }) }],
      }}
    >
      <Tiles count={2}>
        <Tile
          icon={FileText}
          label={t('invoiceTypeSpecial')}
          detail={t('invoiceTypeSpecialDetail')}
          onClick={choose('special')}
        />
        <Tile
          icon={FileText}
          label={t('invoiceTypeNormal')}
          detail={t('invoiceTypeNormalDetail')}
          onClick={choose('normal')}
        />
      </Tiles>
    </Screen>
  );
}

export function InvoiceDelivery({
  t,
  send,
  screen,
}: ScreenProps & { screen: Of<'invoiceDelivery'> }) {
  const choose = (choice: string) => () => send({ type: 'INVOICE_CHOOSE', choice });
  return (
    <Screen
      title={t('invoiceDeliveryTitle')}
      actions={{
        none: 'choice',
        // E-mail beside "back": the pickup points keep the tiles' room at the largest text.
        secondary: [
          { label: t('back'), onClick: () => send({ type: 'BACK' }) },
          ...(screen.emailOffered
            ? [{ label: t('invoiceByEmail'), onClick: choose('email') }]
            : []),
        ],
      }}
    >
      <Tiles count={screen.points.length}>
        {screen.points.map((p) => (
          <Tile
            key={p.id}
            icon={MapPin}
            label={p.name[t.locale]}
            detail={t('invoicePickupDetail', {
              address: p.address[t.locale],
              hours: p.hours[t.locale],
            })}
            onClick={choose(p.id)}
          />
        ))}
      </Tiles>
    </Screen>
  );
}
