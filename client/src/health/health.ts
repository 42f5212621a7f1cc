import { create } from 'zustand';

export type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; version: string; edition: string; nodes: number; relationships: number }
  | { kind: 'down'; message: string };

/** Whether the database answers, for the status line and for the messages of every panel. */
export const useHealth = create<{ health: HealthState }>()(() => ({ health: { kind: 'loading' } }));
