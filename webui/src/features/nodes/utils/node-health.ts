import type { Node } from '../api/get-nodes';

export interface NodeHealth {
  readonly online: number;
  readonly offline: number;
  readonly revoked: number;
  /** Probe runs in progress over all online nodes, and how many they could take. */
  readonly load: number;
  readonly capacity: number;
}

export function summarizeNodes(nodes: readonly Node[]): NodeHealth {
  const online = nodes.filter((n) => n.status === 'ONLINE');
  return {
    online: online.length,
    offline: nodes.filter((n) => n.status === 'OFFLINE').length,
    revoked: nodes.filter((n) => n.status === 'REVOKED').length,
    load: online.reduce((sum, n) => sum + n.load, 0),
    capacity: online.reduce((sum, n) => sum + n.capacity, 0),
  };
}

export function statusTone(status: Node['status']): 'ok' | 'danger' | 'neutral' {
  return status === 'ONLINE' ? 'ok' : status === 'OFFLINE' ? 'danger' : 'neutral';
}

export function statusLabel(status: Node['status']): string {
  return status.charAt(0) + status.slice(1).toLowerCase();
}
