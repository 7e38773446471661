/**
 * English, domain `rotation`: why a round-robin team member was picked for a slot (src/core/rotation.ts
 * returns the code and its parameters). `{period}` is the fairness window: day, week or month.
 */
export const rotation = {
  'rotation.alone':
    '{name}: the only team member free ({count} booked, target {target} {period, select, day {today} week {this week} other {this month}})',
  'rotation.below':
    '{name}: {gap} below target {period, select, day {today} week {this week} other {this month}} ({count} booked, target {target})',
  'rotation.closest':
    '{name}: closest to target {period, select, day {today} week {this week} other {this month}} among those free ({count} booked, target {target})',
  'rotation.sticky': '{name}: keeps the meeting they were booked for (rescheduled)',
  'rotation.priority':
    '{name}: tied on fairness {period, select, day {today} week {this week} other {this month}}, higher priority ({priority})',
  'rotation.leastRecent': '{name}: tied on fairness and priority, least recently booked',
  'rotation.nobody': 'No active team member is free for this slot.',
} as const;
