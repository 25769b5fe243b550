// What the resident sees while she applies: a pure function of the application's state.
import type { SnapshotFrom } from 'xstate';
import type { ApplicationProblem, Screen, ServiceFormView } from '../../api/kiosk-api';
import { maskMobile, type Service } from '../../community';
import { currentStep, stepsOf, type applicationMachine } from './application-machine';
import type { ApplicationContext } from './application-types';
import { applicantPhone, dateOf, formFields } from './form-steps';

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;
export type ApplicationState = ApplicationSnapshot['value'];

const NO_NAME = { 'zh-CN': '', en: '' };

function tileOf(s: Service) {
  return { id: s.id, billerKind: s.billerKind, name: s.name, summary: s.summary };
}

export function formViewOf(s: Service): ServiceFormView {
  return {
    ...tileOf(s),
    fields: formFields(s).map(({ submitted: _, ...f }) => f),
    documents: s.documents,
    signature: s.signature,
  };
}

/** A field's value as the review shows it: a choice by its id (the screen words it), a date dashed. */
function shownValue(kind: string, raw: string): string {
  return kind === 'date' && raw.length === 8 ? dateOf(raw) : raw;
}

/** The step under the cursor (fields, documents, signature, consent) as its screen. */
function formScreen(c: ApplicationContext): Screen {
  const step = currentStep(c);
  const service = c.service;
  if (!step || !service) return review(c);
  const steps = stepsOf(c);
  // "2 of 5" counts the form's own steps; the consent is not one of them.
  const position = { index: c.cursor, count: Math.max(1, steps.length - 1) };
  switch (step.part) {
    case 'field': {
      const { submitted: _, ...field } = step.field;
      return {
        name: 'applicationField',
        serviceName: service.name,
        field,
        value: c.values[field.id] ?? '',
        problem: c.problem,
        ...position,
      };
    }
    case 'document':
      return {
        name: 'applicationDocument',
        serviceName: service.name,
        document: step.document,
        pages: (c.documents[step.document.id] ?? []).length,
        problem: c.problem,
        ...position,
      };
    case 'signature':
      return { name: 'applicationSignature', serviceName: service.name, ...position };
    case 'consent':
      return {
        name: 'applicationConsent',
        phone: maskMobile(applicantPhone(service, c.values)),
        smsNotices: c.smsNotices,
      };
  }
}

function review(c: ApplicationContext): Screen {
  const service = c.service;
  if (!service || !c.account) return catalogue(c);
  return {
    name: 'applicationReview',
    service: tileOf(service),
    billerName: c.account.billerName,
    account: c.account.account,
    holder: c.account.holder,
    fields: formFields(service).map(({ submitted: _, ...field }) => ({
      field,
      value: shownValue(field.kind, c.values[field.id] ?? ''),
    })),
    documents: service.documents.map((document) => ({
      document,
      pages: (c.documents[document.id] ?? []).length,
    })),
    signature: service.signature ? c.signature !== null : null,
    smsNotices: c.smsNotices === true,
    problem: c.problem,
    problemField: c.problemField,
  };
}

function catalogue(c: ApplicationContext, problem: ApplicationProblem | null = c.problem): Screen {
  return { name: 'applicationCatalogue', services: c.services.map(tileOf), problem };
}

function account(c: ApplicationContext): Screen {
  if (!c.service) return catalogue(c);
  return {
    name: 'applicationAccount',
    service: tileOf(c.service),
    billers: c.billers.map((b) => ({ id: b.id, name: b.name })),
    billerId: c.biller?.id ?? null,
    digits: c.digits,
    accountLength: c.biller?.accountLength ?? null,
    problem: c.problem,
  };
}

const working = (step: 'catalogue' | 'account' | 'submitting' | 'printing') => (): Screen => ({
  name: 'applicationWorking',
  step,
});

/** Each state → its screen. A new state without a screen fails the typecheck here. */
const SCREENS: { [S in ApplicationState]: (c: ApplicationContext) => Screen } = {
  loading: working('catalogue'),
  choose: catalogue,
  needs: (c) =>
    c.service ? { name: 'applicationNeeds', service: formViewOf(c.service) } : catalogue(c),
  loadingBillers: working('account'),
  account,
  lookingUp: working('account'),
  lookingUpScan: working('account'),
  lookingUpCard: working('account'),
  confirmAccount: (c) =>
    c.account
      ? {
          name: 'applicationAccountConfirm',
          billerName: c.account.billerName,
          account: c.account.account,
          holder: c.account.holder,
          address: c.account.address,
        }
      : account(c),
  form: formScreen,
  review,
  submitting: working('submitting'),
  printing: working('printing'),
  receipt: (c) =>
    c.receipt && c.receipt.state !== 'rejected'
      ? {
          name: 'applicationReceipt',
          serviceName: c.service?.name ?? NO_NAME,
          state: c.receipt.state,
          trackingCode: c.receipt.trackingCode,
          serial: c.receipt.serial,
          qr: c.receipt.qr,
          printed: c.receipt.printed,
          receiptLines: c.receipt.lines,
        }
      : catalogue(c),
  rejected: (c) => ({
    name: 'applicationRejected',
    serviceName: c.service?.name ?? NO_NAME,
    code: c.receipt?.rejectCode ?? 'rejected',
  }),
  left: (c) => catalogue(c, null),
};

export function applicationScreenOf(s: ApplicationSnapshot): Screen {
  return SCREENS[s.value](s.context);
}
