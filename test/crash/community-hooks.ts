// The steps of upload and submit where the community kill loop's child can die
// (community-child.ts hooks them; community-kill-loop.test.ts kills at each).

/** Where a launch can die, in the order an application goes through them. */
export const COMMUNITY_HOOKS = [
  'vault.write:after', // a photo's file whole, its row not yet
  'journal.stagePhoto:after', // the photo staged
  'journal.submit:before', // the form complete, nothing journalled
  'journal.submit:after', // the application journalled, nothing sent
  'upload:before', // a photo about to leave
  'upload:answered', // the gateway holds the photo; its answer not journalled
  'journal.photoHeld:after', // held journalled, the file not yet removed
  'vault.remove:before', // a file about to be removed
  'journal.markSent:after', // sent journalled, the request not yet left
  'submit:answered', // the gateway has the application; its answer not journalled
  'query:answered', // a query after a restart answered, not journalled
  'journal.accept:after', // accepted, inside the settling transaction
  'journal.purgePhoto:after', // a photo purged (settled or past its time), the file not removed
] as const;
