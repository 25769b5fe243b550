// Lets a screen speak a change that lives only in the renderer (the information centre's page),
// through the same voice, language and mute as everything else.
import { createContext, useContext } from 'react';

export type Say = (text: string) => void;

export const VoiceContext = createContext<Say>(() => undefined);

export const useSay = (): Say => useContext(VoiceContext);
