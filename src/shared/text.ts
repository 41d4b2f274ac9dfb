/** Whether a text holds a C0 control character (U+0000–U+001F) or DEL: none belongs in a name or an address. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
