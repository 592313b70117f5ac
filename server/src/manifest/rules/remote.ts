// The remote section: endpoint URLs, plain http to other machines, health-check timing and secrets written inline.
import { isScalar } from 'yaml';
import { CODES, Severity, diag, replaceFix, type ManifestDiagnostic } from '../diagnostic';
import { locate, scalarInnerRange } from '../paths';
import { get, isRecord, valueAt, keyAt, type Rule } from './context';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '0.0.0.0';
}

function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

export const endpointRule: Rule = (ctx) => {
  const path = ['remote', 'endpoint'];
  const endpoint = get(ctx.root, path);
  if (typeof endpoint !== 'string' || endpoint === '') return [];
  const protocol = get(ctx.root, ['remote', 'protocol']) ?? 'http';
  // Located lazily: a correct endpoint must not cost a syntax tree.
  let located: ReturnType<typeof valueAt> | undefined;
  const rangeOf = () => (located ??= valueAt(ctx, path));
  const out: ManifestDiagnostic[] = [];
  if (protocol === 'http') {
    const url = parseUrl(endpoint);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      const withScheme = /^[\w.-]+(:\d+)?(\/.*)?$/.test(endpoint) ? `http://${endpoint}` : undefined;
      const node = locate(ctx.doc, path).found.node;
      const inner = node && isScalar(node) ? scalarInnerRange(ctx.doc, node) ?? rangeOf() : rangeOf();
      out.push(diag(rangeOf(), Severity.Error, CODES.endpoint,
        `an http endpoint must be an absolute http:// or https:// URL — got ${JSON.stringify(endpoint)}`,
        { fixes: withScheme && parseUrl(withScheme) ? [replaceFix(`Change to "${withScheme}"`, inner, withScheme)] : [] }));
      return out;
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      const node = locate(ctx.doc, path).found.node;
      const inner = node && isScalar(node) ? scalarInnerRange(ctx.doc, node) ?? rangeOf() : rangeOf();
      // Replace just the scheme, and only when the source text really starts with it (escapes, folded scalars …).
      const o = ctx.doc.lines.offsetAt(inner.start);
      const fixes = ctx.doc.text.slice(o, o + 7).toLowerCase() === 'http://' ? [replaceFix('Switch to https://', ctx.doc.lines.range(o, o + 4), 'https')] : [];
      out.push(diag(rangeOf(), Severity.Warning, CODES.insecureHttp,
        `plain http:// to ${url.hostname} sends requests and credentials unencrypted — use https:// for anything but this machine`,
        { fixes }));
    }
  } else if (protocol === 'grpc') {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? parseUrl(endpoint) : parseUrl(`grpc://${endpoint}`);
    if (!url || !url.hostname || !['grpc:', 'grpcs:', 'http:', 'https:'].includes(url.protocol)) {
      out.push(diag(rangeOf(), Severity.Error, CODES.endpoint, `a grpc endpoint is host:port or grpc(s)://host:port — got ${JSON.stringify(endpoint)}`));
    } else if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname !== '/' && url.pathname !== '') {
      out.push(diag(rangeOf(), Severity.Error, CODES.runtimeSections,
        `gRPC calls have no URL path: \`${url.pathname}\` in the endpoint would be ignored — use host:port (or set protocol: http)`));
    } else if (!url.port && url.protocol !== 'https:' && url.protocol !== 'grpcs:') {
      out.push(diag(rangeOf(), Severity.Warning, CODES.endpoint, `the grpc endpoint has no port — add one, e.g. ${url.hostname}:50051`));
    }
  }
  return out;
};

export const healthIntervalRule: Rule = (ctx) => {
  const interval = get(ctx.root, ['remote', 'health_check', 'interval_seconds']);
  const timeout = get(ctx.root, ['remote', 'timeout_ms']) ?? 5000;
  if (typeof interval !== 'number' || typeof timeout !== 'number' || interval <= 0) return [];
  if (get(ctx.root, ['remote', 'health_check', 'enabled']) === false) return [];
  if (interval * 1000 >= timeout) return [];
  return [diag(valueAt(ctx, ['remote', 'health_check', 'interval_seconds']), Severity.Warning, CODES.healthInterval,
    `a health check every ${interval} s is shorter than the ${timeout} ms timeout: a slow check would still run when the next one starts — use at least ${Math.ceil(timeout / 1000)} s`)];
};

const SECRET_KEYS = /token|secret|password|passwd|api[_-]?key|credential/i;

/** Heuristic: long, mixed letters and digits, or a well-known token prefix. */
export function looksLikeSecret(v: string): boolean {
  if (/^(Bearer\s|sk-|ghp_|gho_|xox[bap]-|eyJ|AKIA)/.test(v)) return true;
  return v.length >= 20 && /[a-z]/.test(v) && /[A-Z0-9]/.test(v) && /\d/.test(v) && !/\s/.test(v) && !/^[A-Z0-9_]+$/.test(v);
}

export const inlineSecretRule: Rule = (ctx) => {
  const out: ManifestDiagnostic[] = [];
  const auth = get(ctx.root, ['remote', 'auth']);
  if (isRecord(auth)) {
    const tokenEnv = auth.token_env;
    if (typeof tokenEnv === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv) && looksLikeSecret(tokenEnv)) {
      out.push(diag(valueAt(ctx, ['remote', 'auth', 'token_env']), Severity.Warning, CODES.inlineSecret,
        '`token_env` names the environment variable that holds the token — this looks like the token itself; move it into an environment variable and put that variable\'s name here'));
    }
    for (const key of Object.keys(auth)) {
      if (key !== 'token_env' && SECRET_KEYS.test(key) && typeof auth[key] === 'string') {
        out.push(diag(keyAt(ctx, ['remote', 'auth', key]), Severity.Warning, CODES.inlineSecret,
          `secrets must not be written into plugin.yaml: put the value of \`${key}\` in an environment variable and reference it with \`token_env\``));
      }
    }
  }
  const env = get(ctx.root, ['remote', 'dev', 'env']);
  if (isRecord(env)) {
    for (const [name, value] of Object.entries(env)) {
      if (SECRET_KEYS.test(name) && typeof value === 'string' && value.length >= 8 && !/^\$\{?\w+\}?$/.test(value)) {
        out.push(diag(valueAt(ctx, ['remote', 'dev', 'env', name]), Severity.Warning, CODES.inlineSecret,
          `\`${name}\` looks like a secret written inline — pass it through from your environment instead (e.g. "\${${name}}")`));
      }
    }
  }
  return out;
};
