import { describe, expect, it } from 'vitest';
import { fromDraft, toInput } from './answers';
import type { Q } from './Respond';

const q = {
  draft: {
    names: [
      { questionId: 'advice', personId: 'p-1', label: null, name: 'Ann Example' },
      { questionId: 'local', personId: null, label: 'Dee from the shop', name: null },
    ],
    forums: [{ forumId: 'f-1', level: 'CONSULT', stage: 'DESIGN' }],
    groups: ['carer'],
    felt: 2,
    ratings: [{ actorId: 'o-1', value: 0 }],
  },
} as unknown as Q;

describe('answers', () => {
  it('resumes a draft as saved, showing the names picked and the labels', () => {
    const a = fromDraft(q);
    expect(a.names.map((n) => n.shown)).toEqual(['Ann Example', 'Dee from the shop']);
    expect(toInput(a)).toEqual({
      names: [
        { questionId: 'advice', personId: 'p-1' },
        { questionId: 'local', label: 'Dee from the shop' },
      ],
      forums: [{ forumId: 'f-1', level: 'CONSULT', stage: 'DESIGN' }],
      groups: ['carer'],
      felt: 2,
      ratings: [{ actorId: 'o-1', value: 0 }],
    });
  });

  it('sends no forum answer without both a level and a stage, and none for "I do not take part"', () => {
    const a = fromDraft({ draft: null } as unknown as Q);
    a.forums = { 'f-1': { level: 'LEAD', stage: '' }, 'f-2': null, 'f-3': { level: 'INFORM', stage: 'IDEA' } };
    expect(toInput(a).forums).toEqual([{ forumId: 'f-3', level: 'INFORM', stage: 'IDEA' }]);
  });
});
