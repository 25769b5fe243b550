// The amount as the design system draws it (ui/design/Amount.tsx), under the name the screens
// have always used.
export { Amount as Money } from '../design/Amount';
