// talisman ships JavaScript without types; these are the few functions Trove uses.
declare module 'talisman/metrics/jaro-winkler.js' {
  export default function jaroWinkler(a: string, b: string): number;
}
declare module 'talisman/phonetics/double-metaphone.js' {
  export default function doubleMetaphone(word: string): [string, string];
}
