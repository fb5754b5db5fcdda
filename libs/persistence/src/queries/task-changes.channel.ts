/**
 * The channel on which PostgreSQL tells listeners, at commit, whose tasks changed (migration
 * TaskChangeNotices1765800000000): `{ projects: uuid[], users: string[] }`, or `{ all: true }`
 * when a statement touched too many to name.
 */
export const TASK_CHANGES_CHANNEL = 'accord_task_changes';

/** One notice on TASK_CHANGES_CHANNEL. */
export type TaskChangeNotice = { all: true } | { projects: string[]; users: string[] };
