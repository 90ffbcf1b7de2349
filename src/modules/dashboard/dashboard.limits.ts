/** How many of each kind's newest records the dashboard shows. */
export const DASHBOARD_RECENT = 10;

/** How many of the caller's open tasks the dashboard shows. */
export const DASHBOARD_TASKS = 20;
