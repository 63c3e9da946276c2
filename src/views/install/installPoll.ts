/** How often install and uninstall progress is read: one DescribeStackEvents page each time in steady state. */
export const installPollMs = 2_000;
