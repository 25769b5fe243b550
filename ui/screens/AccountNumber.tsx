import { Fragment } from 'react';
import { accountGroups } from './account-groups';

/**
 * An account number in groups (3100 1234 56): a space between groups, none inside one, and a
 * group never broken across lines.
 */
export function AccountNumber({ account }: { account: string }) {
  return accountGroups(account).map((group, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className="digit-group">{group}</span>
    </Fragment>
  ));
}
