/** The demo office's towns and departments with their liaison (demoPeople's liaison keys) and leader in charge. */
export interface SimUnit {
  name: string;
  liaison: string;
  /** The leader in charge (demo key); the county head for towns. */
  leader: string;
  leaderName: string;
}

const LEADERS: Record<string, [string, string]> = {
  县发改局: ['deputy1', '吴副县长'],
  县财政局: ['deputy1', '吴副县长'],
  县住建局: ['deputy2', '郑副县长'],
  县交通局: ['deputy2', '郑副县长'],
  县水利局: ['deputy2', '郑副县长'],
  县教育局: ['deputy3', '冯副县长'],
  县司法局: ['deputy3', '冯副县长'],
  城关镇: ['deputy4', '孙副县长'],
  东坝镇: ['deputy4', '孙副县长'],
  西河镇: ['deputy5', '李副县长'],
  南山镇: ['deputy5', '李副县长'],
  河口街道: ['deputy6', '钱副县长'],
  新城街道: ['deputy7', '何副县长'],
};

const NAMES = [
  '城关镇',
  '东坝镇',
  '西河镇',
  '南山镇',
  '河口街道',
  '新城街道',
  '县发改局',
  '县财政局',
  '县教育局',
  '县住建局',
  '县交通局',
  '县水利局',
  '县司法局',
];

export const SIM_UNITS: SimUnit[] = NAMES.map((name, i) => {
  const [leader, leaderName] = LEADERS[name] ?? ['head', '周县长'];
  return { name, liaison: `liaison${i + 1}`, leader, leaderName };
});
