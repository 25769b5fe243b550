export const areas: Record<
  string,
  { mayImport: string[]; browser?: boolean; electron?: boolean; why: string }
>;
export const faces: { folders: string[]; from: string[]; allow: Record<string, string> };
