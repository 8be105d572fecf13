import { describe, expect, it } from 'vitest';
import { homeRouteFor, mayOpen, navigationFor } from './navigation';

describe('role navigation', () => {
  it('gives moderators the queue first, then fairs', () => {
    expect(navigationFor('moderator').map((i) => i.name)).toEqual(['queue', 'participation-review', 'fairs', 'fair-overview']);
    expect(homeRouteFor('moderator')).toBe('queue');
  });

  it('gives both employer roles the employer cabinet', () => {
    const sections = ['my-applications', 'my-fairs', 'responses', 'stands', 'vacancies', 'chats', 'interviews'];
    expect(navigationFor('employer_admin').map((i) => i.name)).toEqual(sections);
    expect(navigationFor('employer_manager').map((i) => i.name)).toEqual(sections);
    expect(homeRouteFor('employer_manager')).toBe('my-applications');
  });

  it('keeps each role out of the other role’s sections', () => {
    expect(mayOpen('moderator', 'queue')).toBe(true);
    expect(mayOpen('moderator', 'stands')).toBe(false);
    expect(mayOpen('employer_admin', 'queue')).toBe(false);
    expect(mayOpen('employer_admin', 'chats')).toBe(true);
    expect(mayOpen('employer_manager', 'participation')).toBe(true);
    expect(mayOpen('moderator', 'participation')).toBe(false);
    expect(mayOpen('moderator', 'participation-review')).toBe(true);
    expect(mayOpen('employer_admin', 'participation-review')).toBe(false);
    expect(mayOpen('employer_manager', 'responses')).toBe(true);
    expect(mayOpen('moderator', 'responses')).toBe(false);
    expect(mayOpen('moderator', 'fair-overview')).toBe(true);
    expect(mayOpen('employer_admin', 'fair-overview')).toBe(false);
    expect(mayOpen('employer_manager', 'interviews')).toBe(true);
    expect(mayOpen('employer_manager', 'video-call')).toBe(true);
    expect(mayOpen('moderator', 'interviews')).toBe(false);
    expect(mayOpen('moderator', 'video-call')).toBe(false);
  });
});
