// allowed_hosts globs: `*` matches within one DNS label (so `*.example.com` is not `example.com`), `**` matches
// anything. A glob with a port (`localhost:8080`) is compared with host:port, otherwise with the host name only.

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') { re += '.*'; i++; } else if (c === '*') re += '[^.]+';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export function hostAllowed(url: URL, globs: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return globs.some((g) => globToRegExp(g.trim()).test(g.includes(':') && !g.includes('[') ? `${host}:${port}` : host));
}
