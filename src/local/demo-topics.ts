import type { PrismaClient } from '../db/client.js';
import { seedMeetingTypes } from '../features/topics/index.js';

/** The 常务会's meeting group in the demo office (a chat of demoChats()). */
export const DEMO_MEETING_CHAT = 'oc_demo_meeting';

/**
 * 会议议题 in the demo office: the default meeting types, the 常务会 and the 县长办公会 presided by 周县长
 * with the county's leaders and the office director attending, and the 常务会's meeting group. Seeded once:
 * a type already configured keeps its configuration.
 */
export async function seedDemoTopics(prisma: PrismaClient): Promise<void> {
  const types = await seedMeetingTypes(prisma);
  const people = await prisma.person.findMany({ where: { openId: { in: ['head', 'deputy1', 'deputy2', 'deputy3', 'director'].map((k) => `ou_demo_${k}`) } } });
  const id = (key: string) => people.find((p) => p.openId === `ou_demo_${key}`)?.id;
  const head = id('head');
  if (!head) return;
  const attendees = ['head', 'deputy1', 'deputy2', 'deputy3', 'director'].map(id).filter((x): x is string => !!x);
  for (const t of types) {
    if (t.presidingId || (t.code !== '常务会' && t.code !== '县长办公会')) continue;
    await prisma.meetingType.updateMany({
      where: { id: t.id, version: t.version },
      data: {
        presidingId: head,
        attendeeIds: JSON.stringify(attendees),
        ...(t.code === '常务会' ? { chatId: DEMO_MEETING_CHAT } : {}),
        updatedBy: 'demo',
        version: { increment: 1 },
      },
    });
  }
}
