// simple-keyboard's ES module build for modern browsers (a third of its default build, which
// carries polyfills the kiosk's Chromium does not need) ships its types under another name.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  export { default } from 'simple-keyboard/build/index.modern';
}
