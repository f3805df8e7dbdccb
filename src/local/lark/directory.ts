import type { Answer, ApiCall, FakeUser, Routes } from './types.js';

const ACTIVE = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false };

/** The bot's info, chat members (paged, bots excluded), a user's name, and batch_get_id (lark-notes §6.7–6.8). */
export class DirectoryRoutes implements Routes {
  constructor(
    private readonly state: {
      users: Map<string, FakeUser>;
      chats: Map<string, { name: string; members: Set<string> }>;
      botOpenId: string;
      tenantKey: string;
    },
  ) {}

  handle(call: ApiCall, a: Answer): boolean {
    const { path, method, query } = call;
    if (path === '/open-apis/bot/v3/info' && method === 'GET') {
      a.reply(200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: '三办助手', open_id: this.state.botOpenId, ip_white_list: [] } });
      return true;
    }
    const membersMatch = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(path);
    if (membersMatch && method === 'GET') {
      const chat = this.state.chats.get(membersMatch[1]!);
      if (!chat) {
        a.fail(400, 232011, 'The operator is not in the chat.');
        return true;
      }
      const all = [...chat.members];
      const size = Math.min(Number(query.page_size ?? 20) || 20, 100);
      const start = Number(query.page_token ?? 0) || 0;
      const items = all.slice(start, start + size).map((id) => ({
        member_id_type: 'open_id',
        member_id: id,
        name: this.state.users.get(id)?.name ?? '',
        tenant_key: this.state.tenantKey,
      }));
      const more = start + size < all.length;
      a.reply(200, { code: 0, msg: 'success', data: { items, page_token: more ? String(start + size) : '', has_more: more, member_total: all.length } });
      return true;
    }
    const userMatch = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (userMatch && method === 'GET' && userMatch[1] !== 'batch_get_id') {
      const user = this.state.users.get(userMatch[1]!);
      if (!user) a.fail(400, 99992351, 'open_id not existed');
      else a.reply(200, { code: 0, msg: 'success', data: { user: { open_id: user.openId, name: user.name } } });
      return true;
    }
    if (path === '/open-apis/contact/v3/users/batch_get_id' && method === 'POST') {
      this.batchGetId(call.body, a);
      return true;
    }
    return false;
  }

  private batchGetId(body: unknown, a: Answer): void {
    const b = (body ?? {}) as { mobiles?: string[]; emails?: string[] };
    if ((b.mobiles?.length ?? 0) > 50 || (b.emails?.length ?? 0) > 50) return a.fail(400, 99992402, 'field validation failed');
    const users = [...this.state.users.values()];
    const user_list = [
      ...(b.mobiles ?? []).map((mobile) => {
        const u = users.find((x) => x.mobile === mobile);
        return { mobile, ...(u ? { user_id: u.openId } : {}), status: ACTIVE };
      }),
      ...(b.emails ?? []).map((email) => {
        const u = users.find((x) => x.email === email);
        return { email, ...(u ? { user_id: u.openId } : {}), status: ACTIVE };
      }),
    ];
    a.reply(200, { code: 0, msg: 'success', data: { user_list } });
  }
}
