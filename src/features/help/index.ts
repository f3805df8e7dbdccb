import type { Router } from '../../router/router.js';
import { presentHelpCard } from './help-card.js';

export function registerHelp(router: Router): void {
  const showHelp = async (ctx: { replyCard: (c: ReturnType<typeof presentHelpCard>) => Promise<void> }) => ctx.replyCard(presentHelpCard(router.commands()));
  router.command({ names: ['帮助', 'help', '?', '菜单'], feature: '通用', usage: '帮助', summary: '查看全部指令' }, showHelp);
  router.onEmptyMention(showHelp);
  router.onBotAdded(async (chatId) => {
    // Greets once per group (the event is deduplicated by its id).
    await router.deliver({
      to: { chatId },
      content: { type: 'text', text: '三办助手已加入本群。请 @三办助手 并发送「帮助」查看可用指令。' },
      key: `welcome-${chatId}`,
      origin: 'bot_added',
    });
  });
}
