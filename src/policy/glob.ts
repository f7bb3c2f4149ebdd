// Address patterns for suppressions: `*` matches within one part of an address (a name, a module
// or an instance key), `**` across parts. `module.legacy.okta_push_group.*`, `okta_push_group.eng["*"]`.
export function addressPattern(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^.]*?';
    else out += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without an instance key also covers every instance of the block.
  return new RegExp(`^${out}(\\[[^\\]]*\\])?$`);
}
