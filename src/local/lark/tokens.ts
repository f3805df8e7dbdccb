import { hex } from './crypto.js';
import type { Answer, ApiCall } from './types.js';

/**
 * Tenant access tokens (lark-notes §6.1–6.2): issued for the app's id and secret, reused while more than
 * 30 minutes remain; every other call must carry a live one (99991661 missing, 99991671 malformed,
 * 99991663 unknown or expired).
 */
export class TokenRoutes {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly o: { appId: string; appSecret: string; tokenExpire: number }) {}

  isTokenEndpoint(call: ApiCall): boolean {
    return call.path === '/open-apis/auth/v3/tenant_access_token/internal' && call.method === 'POST';
  }

  issue(call: ApiCall, a: Answer): void {
    const b = call.body as { app_id?: string; app_secret?: string };
    if (b?.app_id !== this.o.appId || b?.app_secret !== this.o.appSecret) return a.reply(200, { code: 10014, msg: 'app secret invalid' });
    const now = Date.now();
    const live = [...this.tokens.entries()].find(([, exp]) => exp - now >= 30 * 60_000);
    const token = live?.[0] ?? `t-${hex(20)}`;
    if (!live) this.tokens.set(token, now + this.o.tokenExpire * 1000);
    a.reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: Math.round((this.tokens.get(token)! - now) / 1000) });
  }

  /** True when the Authorization header carries a live token; else the call is answered here. */
  authorize(auth: string | undefined, a: Answer): boolean {
    if (!auth) {
      a.fail(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
      return false;
    }
    const token = auth.replace(/^Bearer\s+/, '');
    if (!token.startsWith('t-')) {
      a.fail(400, 99991671, 'Invalid token: must start with t-/u-');
      return false;
    }
    const exp = this.tokens.get(token);
    if (!exp || exp < Date.now()) {
      a.fail(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
      return false;
    }
    return true;
  }

  revokeAll(): void {
    this.tokens.clear();
  }
}
