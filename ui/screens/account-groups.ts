// An account number as a person reads it off a bill: in groups (3100 1234 56), and a mobile
// number the way phone numbers are said (133 0123 4567). Digits only ever break between groups.

/** The groups of an account number: fours from the left; a mobile number 3-4-4. */
export function accountGroups(account: string): string[] {
  const mobile = /^1\d{10}$/.test(account);
  const groups: string[] = mobile ? [account.slice(0, 3)] : [];
  for (let at = mobile ? 3 : 0; at < account.length; at += 4)
    groups.push(account.slice(at, at + 4));
  return groups;
}
