// Address patterns for suppressions: `*` matches within one part of an address (a name, a module
// or an instance key), `**` across parts. `module.legacy.okta_push_group.*`, `okta_push_group.eng["*"]`.
export function addressPattern(glob: string): RegExp {
  let out = '';
  let inKey = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '"') inKey = !inKey;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') {
      // Inside a quoted instance key anything but the closing quote; elsewhere one name, with its key.
      out += inKey ? '[^"]*' : '[^.\\[]*(?:\\[[^\\]]*\\])?';
    } else out += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without an instance key also covers every instance of the block.
  return new RegExp(`^${out}(\\[[^\\]]*\\])?$`);
}
