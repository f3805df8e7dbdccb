/** The meetings part's card action keys (`meetings.*`). */
export const MEETING_ACTIONS = {
  confirm: 'meetings.confirm',
  edit: 'meetings.edit',
  form: 'meetings.form',
  discard: 'meetings.discard',
  add: 'meetings.add',
  up: 'meetings.up',
  down: 'meetings.down',
  remove: 'meetings.remove',
  publish: 'meetings.publish',
  postpone: 'meetings.postpone',
} as const;
