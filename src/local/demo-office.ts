import { seedDemoSchedules } from './demo-schedules.js';
import { DEMO_MEETING_CHAT, seedDemoTopics } from './demo-topics.js';
import type { PrismaClient } from '../db/client.js';
import { writeDemoMarker } from './demo-marker.js';

/**
 * A county government office to try the bot with: the county head and three deputies with the units
 * they are in charge of, the office director and two deputies, the office's sections, secretaries, a
 * supervisor, two editors (信息科), a legal reviewer, and a dozen towns and departments each with a liaison.
 * Open ids are fixed (ou_demo_…), so the page and the fake Lark agree across restarts.
 */
export interface DemoPerson {
  key: string;
  name: string;
  unit: string;
  title: string;
  roles: [role: string, scope?: string][];
  areas?: string;
}

export interface DemoChat {
  chatId: string;
  name: string;
  /** Purposes the chat is bound to (ChatBinding.purpose). */
  purposes: string[];
  members: string[];
}

const SECTIONS = ['秘书科', '督查科', '信息科', '综合科', '应急科', '行政科'];
const TOWNS = ['城关镇', '东坝镇', '西河镇', '南山镇', '河口街道', '新城街道'] as const;
const DEPARTMENTS = ['县发改局', '县财政局', '县教育局', '县住建局', '县交通局', '县水利局', '县司法局'] as const;

const LIAISON_NAMES: Record<(typeof TOWNS)[number] | (typeof DEPARTMENTS)[number], string> = {
  城关镇: '许文静',
  东坝镇: '何志强',
  西河镇: '吕晓燕',
  南山镇: '施建国',
  河口街道: '张丽华',
  新城街道: '孔德明',
  县发改局: '曹雪梅',
  县财政局: '严浩然',
  县教育局: '华晓东',
  县住建局: '金秀英',
  县交通局: '魏俊杰',
  县水利局: '陶海波',
  县司法局: '姜红梅',
};

export const openIdOf = (key: string) => `ou_demo_${key}`;

export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [
    { key: 'head', name: '周县长', unit: '县政府', title: '县长', roles: [['leader']], areas: '全面工作' },
    {
      key: 'deputy1',
      name: '吴副县长',
      unit: '县政府',
      title: '常务副县长',
      roles: [
        ['leader', '县发改局'],
        ['leader', '县财政局'],
      ],
      areas: '发展改革、财政',
    },
    {
      key: 'deputy2',
      name: '郑副县长',
      unit: '县政府',
      title: '副县长',
      roles: [
        ['leader', '县住建局'],
        ['leader', '县交通局'],
        ['leader', '县水利局'],
      ],
      areas: '城乡建设、交通、水利',
    },
    {
      key: 'deputy3',
      name: '冯副县长',
      unit: '县政府',
      title: '副县长',
      roles: [
        ['leader', '县教育局'],
        ['leader', '县司法局'],
      ],
      areas: '教育、法治',
    },
    { key: 'director', name: '陈主任', unit: '县政府办公室', title: '办公室主任', roles: [['director'], ['admin']] },
    {
      key: 'vice1',
      name: '褚副主任',
      unit: '县政府办公室',
      title: '副主任',
      roles: [
        ['director', '秘书科'],
        ['director', '督查科'],
        ['director', '信息科'],
      ],
    },
    {
      key: 'vice2',
      name: '卫副主任',
      unit: '县政府办公室',
      title: '副主任',
      roles: [
        ['director', '综合科'],
        ['director', '应急科'],
        ['director', '行政科'],
      ],
    },
    { key: 'sec_chief', name: '蒋科长', unit: '秘书科', title: '科长', roles: [['section_chief']] },
    { key: 'secretary1', name: '沈秘书', unit: '秘书科', title: '秘书', roles: [['secretary', 'head']] },
    {
      key: 'secretary2',
      name: '韩秘书',
      unit: '秘书科',
      title: '秘书',
      roles: [
        ['secretary', 'deputy1'],
        ['secretary', 'deputy2'],
        ['secretary', 'deputy3'],
      ],
    },
    { key: 'supervisor', name: '王督查', unit: '督查科', title: '科长', roles: [['supervisor'], ['section_chief']] },
    { key: 'supervisor2', name: '杨督查', unit: '督查科', title: '科员', roles: [['supervisor']] },
    { key: 'editor', name: '朱编辑', unit: '信息科', title: '科长', roles: [['editor'], ['section_chief']] },
    // 信息科 has two editors: an urgent matter reaches both at once, and either may 起草 and 采用.
    { key: 'editor2', name: '孙编辑', unit: '信息科', title: '科员', roles: [['editor']] },
    { key: 'legal', name: '秦审查', unit: '县司法局', title: '法制股股长', roles: [['legal_reviewer']] },
  ];
  // One named liaison per town and department, listed beside its unit so a unit can never be left without one.
  for (const [i, unit] of [...TOWNS, ...DEPARTMENTS].entries()) {
    people.push({
      key: `liaison${i + 1}`,
      name: LIAISON_NAMES[unit]!,
      unit,
      title: '联络员',
      roles: [
        ['liaison', 'supervision'],
        ['liaison', 'info'],
      ],
    });
  }
  return people;
}

export function demoChats(): DemoChat[] {
  const all = demoPeople().map((p) => p.key);
  const office = ['director', 'vice1', 'vice2', 'sec_chief', 'secretary1', 'secretary2', 'supervisor', 'supervisor2', 'editor'];
  const leaders = ['head', 'deputy1', 'deputy2', 'deputy3'];
  const liaisons = all.filter((k) => k.startsWith('liaison'));
  return [
    { chatId: 'oc_demo_supervision', name: '督查工作群', purposes: ['supervision'], members: [...office, ...leaders, ...liaisons] },
    {
      chatId: 'oc_demo_schedule',
      name: '领导日程群',
      purposes: ['schedule', 'leaders'],
      members: [...leaders, 'director', 'vice1', 'vice2', 'secretary1', 'secretary2'],
    },
    // 政务信息: every unit's 信息联络员 reports here (信息 报送 / 零报告), with 信息科's editors, the 副主任 over
    // 信息科 and the office director (told when an urgent matter passes 3 hours; the 通报 and 简报 go here too).
    { chatId: 'oc_demo_info', name: '信息报送群', purposes: ['info'], members: ['editor', 'editor2', 'director', 'vice1', ...liaisons] },
    { chatId: 'oc_demo_topics', name: '议题审核群', purposes: ['topics'], members: [...office, 'legal', ...leaders] },
    // 会议议题: the 常务会's meeting group (MeetingType.chatId, set by demo-topics.ts): the agenda and the 纪要 go here.
    {
      chatId: DEMO_MEETING_CHAT,
      name: '县政府常务会议群',
      purposes: [],
      members: [...leaders, 'director', 'vice1', 'sec_chief', 'secretary1', 'secretary2', 'legal'],
    },
    // 文稿审核: the drafters (secretaries), every reviewing level (科长, 副主任, 主任), 法制审查 and the leaders who 审定.
    { chatId: 'oc_demo_reviews', name: '文稿审核群', purposes: ['reviews'], members: [...office, 'legal', ...leaders] },
    { chatId: 'oc_demo_admin', name: '三办助手管理群', purposes: ['admin'], members: ['director', 'vice1', 'supervisor'] },
  ];
}

/** A Feishu document in the demo office's drive (the fake Lark's), with a token kept across restarts. */
export interface DemoDocument {
  /** 27 letters and digits, like a real docx token. */
  token: string;
  title: string;
  text: string;
  /** The drafter's key (demoPeople). */
  owner: string;
}

/** Two drafts to try 文稿审核 with: a 规范性文件 (it needs 法制审查) and a 讲话稿. */
export function demoDocuments(): DemoDocument[] {
  return [
    {
      token: 'DemoGuiFanXingWenJianDraft1',
      title: '县人民政府关于印发《城区机动车停放管理办法》的通知（送审稿）',
      owner: 'secretary2',
      text: [
        '城区机动车停放管理办法',
        '第一条 为加强城区机动车停放管理，规范停车秩序，改善城市交通环境，根据《中华人民共和国道路交通安全法》等法律法规，结合本县实际，制定本办法。',
        '第二条 本办法适用于本县城区范围内机动车停放及其管理活动。',
        '第三条 县公安局交通管理部门负责城区机动车停放的监督管理；县住建局、县交通局按照各自职责做好相关工作。',
        '第四条 在城市道路范围内设置停车泊位，应当经县公安局交通管理部门会同县住建局论证，并向社会公示。',
        '第五条 本办法自印发之日起施行，有效期五年。',
      ].join('\n'),
    },
    {
      token: 'DemoJiangHuaGaoSafetyMeet02',
      title: '周县长在全县安全生产工作会议上的讲话（初稿）',
      owner: 'secretary1',
      text: [
        '同志们：',
        '今天召开全县安全生产工作会议，主要任务是总结前一阶段工作，分析当前形势，部署下一步安全生产重点任务。',
        '一、清醒认识当前安全生产形势',
        '二、突出抓好重点行业领域专项整治',
        '三、压紧压实安全生产责任',
        '同志们，安全生产责任重于泰山。希望大家以高度负责的态度，抓好各项工作落实。',
      ].join('\n'),
    },
  ];
}

const kindOf = (unit: string) =>
  SECTIONS.includes(unit) ? 'office_section' : (TOWNS as readonly string[]).includes(unit) ? 'town' : unit.startsWith('县政府') ? 'other' : 'department';

/** Every demo unit with its kind, as seeded (the directory's order). */
export function demoUnits(): { name: string; kind: string }[] {
  const units = [...new Set([...SECTIONS, ...TOWNS, ...DEPARTMENTS, ...demoPeople().map((p) => p.unit)])];
  return units.map((name) => ({ name, kind: kindOf(name) }));
}

/** Writes the demo directory and chat bindings into an empty database (idempotent by natural keys). */
export async function seedDemoOffice(prisma: PrismaClient): Promise<void> {
  const people = demoPeople();
  const units = demoUnits().map((u) => u.name);
  await prisma.$transaction(
    async (tx) => {
      const unitIds = new Map<string, string>();
      for (const name of units) {
        const u = await tx.unit.upsert({ where: { name }, update: {}, create: { name, code: name, kind: kindOf(name) } });
        unitIds.set(name, u.id);
      }
      const personIds = new Map<string, string>();
      for (const p of people) {
        const row = await tx.person.upsert({
          where: { openId: openIdOf(p.key) },
          update: {},
          create: { openId: openIdOf(p.key), name: p.name, unitId: unitIds.get(p.unit)!, title: p.title, areas: p.areas ?? '', mobile: null },
        });
        personIds.set(p.key, row.id);
      }
      for (const p of people) {
        for (const [role, scope] of p.roles) {
          // Scopes name units (leaders, directors) or people (secretaries, by key); liaisons name a duty.
          const encoded = !scope ? '' : role === 'secretary' ? `person:${personIds.get(scope)}` : role === 'liaison' ? scope : `unit:${unitIds.get(scope)}`;
          await tx.roleGrant.upsert({
            where: { personId_role_scope: { personId: personIds.get(p.key)!, role, scope: encoded } },
            update: {},
            create: { personId: personIds.get(p.key)!, role, scope: encoded },
          });
        }
      }
      // Marks the database as the demo office's: local mode and demo:reset act on no other.
      await writeDemoMarker(tx);
      for (const chat of demoChats()) {
        for (const purpose of chat.purposes) {
          await tx.chatBinding.upsert({
            where: { chatId_purpose: { chatId: chat.chatId, purpose } },
            update: {},
            create: { chatId: chat.chatId, purpose, createdBy: 'demo' },
          });
        }
      }
      // Some 200 statements in one transaction: a busy PostgreSQL (two instances starting, a drill) needs
      // more than Prisma's 5 s default.
    },
    { timeout: 60_000 },
  );
  await seedDemoSchedules(prisma);
  await seedDemoTopics(prisma);
}
