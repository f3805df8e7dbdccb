import type { PrismaClient } from '../../src/db/client.js';
import type { FakeLark, FakeUser } from '../../src/local/lark/server.js';

export interface Office {
  supervisor: FakeUser;
  admin: FakeUser;
  /** Supervision liaison of 县住建局. */
  housingLiaison: FakeUser;
  /** Supervision liaison of 县水利局. */
  waterLiaison: FakeUser;
  /** Leader in charge of 县住建局. */
  leader: FakeUser;
  /** Registered, no role. */
  clerk: FakeUser;
  /** Known to Lark, not in the directory. */
  stranger: FakeUser;
  units: { office: string; housing: string; water: string };
  /** The group bound to 督查 (supervision). */
  supervisionGroup: string;
  /** A group with everyone in it, bound to nothing. */
  generalGroup: string;
}

/** A small office in the directory and in the fake Lark: the people every drill talks as. */
export async function seedOffice(prisma: PrismaClient, fake: FakeLark): Promise<Office> {
  const supervisor = fake.addUser('王督查');
  const admin = fake.addUser('周管理');
  const housingLiaison = fake.addUser('刘联络');
  const waterLiaison = fake.addUser('陈联络');
  const leader = fake.addUser('李副县长');
  const clerk = fake.addUser('赵干事');
  const stranger = fake.addUser('路人甲');
  const everyone = [supervisor, admin, housingLiaison, waterLiaison, leader, clerk, stranger];
  const supervisionGroup = fake.addChat('督查工作群', everyone);
  const generalGroup = fake.addChat('办公室全体', everyone);

  const office = await prisma.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
  const housing = await prisma.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
  const water = await prisma.unit.create({ data: { code: 'SLJ', name: '县水利局', kind: 'department' } });
  const person = (u: FakeUser, unitId: string, roles: [string, string][]) =>
    prisma.person.create({ data: { name: u.name, openId: u.openId, unitId, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
  await person(supervisor, office.id, [['supervisor', '']]);
  await person(admin, office.id, [['admin', '']]);
  await person(housingLiaison, housing.id, [['liaison', 'supervision']]);
  await person(waterLiaison, water.id, [['liaison', 'supervision']]);
  await person(leader, office.id, [['leader', `unit:${housing.id}`]]);
  await person(clerk, office.id, []);
  await prisma.chatBinding.create({ data: { chatId: supervisionGroup, purpose: 'supervision' } });
  return {
    supervisor,
    admin,
    housingLiaison,
    waterLiaison,
    leader,
    clerk,
    stranger,
    units: { office: office.id, housing: housing.id, water: water.id },
    supervisionGroup,
    generalGroup,
  };
}
