export const areas: Record<
  string,
  { mayImport: string[]; browser?: boolean; electron?: boolean; why: string }
>;
