/** socket.io room names; with the Redis adapter a room spans every node. */
export const rooms = {
  /** Every tab of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every visitor socket of a workspace's sites, for agent presence. */
  workspaceVisitors: (workspaceId: string) => `workspace-visitors:${workspaceId}`,
  /** Every agent socket of a workspace, for the inbox list. */
  workspaceAgents: (workspaceId: string) => `workspace:${workspaceId}`,
  /** Agents looking at one conversation. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};
