import { isIP } from 'node:net';

/**
 * Where the office's model may live: notes are government information, so the drafting endpoint must be on
 * this machine, on a private network, or on a host the office named (LLM_ALLOWED_HOSTS). Anything else is
 * refused at start-up unless LLM_ALLOW_PUBLIC=true. Pure: no DNS lookup (a name is judged by the list).
 */
export type LlmHostClass = 'loopback' | 'private' | 'allowed' | 'public';

function ipv4Class(ip: string): 'loopback' | 'private' | 'public' {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  return 'public';
}

function ipv6Class(ip: string): 'loopback' | 'private' | 'public' {
  const lower = ip.toLowerCase();
  if (lower === '::1') return 'loopback';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return ipv4Class(mapped[1]);
  // fc00::/7: unique local addresses (the IPv6 private range).
  if (/^f[cd][0-9a-f]{0,2}:/.test(lower)) return 'private';
  return 'public';
}

/** `llm.office.local` matches an entry `llm.office.local`; `*.office.local` matches any name under office.local. */
function onList(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('*.') ? host.endsWith(e.slice(1)) && host.length > e.length - 1 : host === e;
  });
}

export function classifyLlmHost(hostname: string, allowed: readonly string[]): LlmHostClass {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const family = isIP(host);
  const cls = family === 4 ? ipv4Class(host) : family === 6 ? ipv6Class(host) : 'public';
  if (cls !== 'public') return cls;
  return onList(host, allowed) ? 'allowed' : 'public';
}

/** The problem with LLM_BASE_URL for config errors (naming the variables), or undefined when it may be used. */
export function llmEndpointProblem(baseUrl: string, allowed: readonly string[], allowPublic: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `LLM_BASE_URL: not a URL (expected e.g. http://127.0.0.1:8000/v1), got "${baseUrl.slice(0, 80)}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `LLM_BASE_URL: must start with http:// or https:// (got "${url.protocol}")`;
  if (url.username || url.password) return 'LLM_BASE_URL: put the key in LLM_API_KEY, not in the URL';
  if (allowPublic) return undefined;
  if (classifyLlmHost(url.hostname, allowed) !== 'public') return undefined;
  return (
    `LLM_BASE_URL: host "${url.hostname}" is not loopback, a private address or listed in LLM_ALLOWED_HOSTS; ` +
    'notes would leave the office network. List the host in LLM_ALLOWED_HOSTS, or set LLM_ALLOW_PUBLIC=true to allow it'
  );
}
