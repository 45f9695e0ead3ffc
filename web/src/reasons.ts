// reasons.ts: the reasons a voice may go unheard, in plain English (the
// definitions are those of the VoiceReason enum in graph/voice.graphqls).
import type { VoiceReason } from './generated/graphql';

export const REASON_TEXT: Record<VoiceReason, string> = {
  ISOLATED: 'has no relationship with anyone in this place',
  PERIPHERAL: 'sits at the edge of the network, with few and weak connections',
  SINGLE_GATEKEEPER: 'can reach decision makers only through one person, who holds no decision power either',
  FAR_FROM_POWER: 'is more than two steps from anyone who makes decisions, or cannot reach them at all',
  CONSULTED_ONLY: 'takes part in forums, but is only ever consulted, never deciding',
  NEVER_INVOLVED: 'takes part in no forum here',
  JOINED_LATE: 'joined decision-making forums only at delivery or evaluation, after the decisions were made',
};

export function reasonText(r: VoiceReason, gatekeeper?: string | null): string {
  if (r === 'SINGLE_GATEKEEPER' && gatekeeper) return `can reach decision makers only through ${gatekeeper}, who holds no decision power either`;
  return REASON_TEXT[r];
}
