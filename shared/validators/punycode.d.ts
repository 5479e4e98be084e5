// Types for the punycode package's CommonJS entry (it ships none); imported by path so bundlers never pick Node's built-in.
declare module 'punycode/punycode.js' {
  const punycode: {
    decode(input: string): string;
    encode(input: string): string;
    toASCII(domain: string): string;
    toUnicode(domain: string): string;
  };
  export default punycode;
}
