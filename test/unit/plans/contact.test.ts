import { describe, expect, it } from 'vitest';
import { classifiedAdvice, contactBody, initials, planSend } from '../../../src/core/plans/contact.js';
import { parseMarker } from '../../../src/core/markers.js';

const call = {
  id: 'c-1',
  via: 'hotline',
  at: Date.parse('2026-12-01T18:15:00Z'),
  handler: 'ada',
  text: 'Old Silo files do not open.',
  zone: 'America/Los_Angeles',
};
const entry = { id: 'c-1', title: 'Silo', body: 'b', label: 'support', repository: 'visit-dav/visit' };

describe('logged calls', () => {
  it('the contact marker names the customer without their email, so comments can greet them', () => {
    const body = contactBody({ ...call, customer: 'Jane Smith <jane@lab.gov>' });
    expect(body).toContain('- Customer: Jane Smith <jane@lab.gov>');
    expect(parseMarker(body)).toMatchObject({
      kind: 'contact',
      customer: 'Jane Smith',
      id: 'c-1',
      handler: 'ada',
      at: '2026-12-01T18:15:00Z',
    });
  });

  it('a private customer is recorded by initials only, in the body and the marker', () => {
    const body = contactBody({ ...call, customer: 'Jane Q. Smith <jane@lab.gov>', customerPrivate: true });
    expect(body).toContain('- Customer: J. Q. S.');
    expect(body).not.toMatch(/Jane|jane@/);
    expect(parseMarker(body)?.customer).toBe('J. Q. S.');
    expect(initials('Ærøskøbing Ñúñez <a@b.dk>')).toBe('Æ. Ñ.');
  });

  it('no customer given: none in the marker', () => {
    expect(parseMarker(contactBody(call))?.customer).toBeUndefined();
  });
});

describe('sending an inquiry', () => {
  it('a new inquiry is created in the category, then labelled', () => {
    const a = planSend({ kind: 'log-call', entry, repositoryId: 'R', categoryId: 'C', labelId: 'L' });
    expect(a.steps).toEqual([
      { op: 'create-discussion', repository: 'visit-dav/visit', repositoryId: 'R', categoryId: 'C', title: 'Silo', body: 'b', key: 'c-1' },
      { op: 'add-labels', labelableId: 'created', labelIds: ['L'] },
    ]);
  });

  it('a discussion an earlier attempt created without its label is completed, not skipped', () => {
    const existing = { id: 'D9', number: 9, url: 'https://x/9', labels: [] };
    const a = planSend({ kind: 'sync', entry, repositoryId: 'R', categoryId: 'C', labelId: 'L', existing });
    expect(a.skip).toBeUndefined();
    expect(a.steps).toEqual([
      { op: 'reuse-created', created: existing },
      { op: 'add-labels', labelableId: 'created', labelIds: ['L'] },
    ]);
    expect(a).toMatchObject({ number: 9, url: 'https://x/9' });
  });

  it('a discussion an earlier attempt created whole is skipped', () => {
    const a = planSend({
      kind: 'sync',
      entry,
      repositoryId: 'R',
      categoryId: 'C',
      labelId: 'L',
      existing: { id: 'D9', number: 9, url: 'https://x/9', labels: ['support'] },
    });
    expect(a.skip).toMatch(/already on GitHub/);
  });

  it('a classified inquiry goes to someone on duty with access, else to the whole team when it is urgent', () => {
    const rota = { primary: 'ada', backup: 'eli' };
    expect(classifiedAdvice(['eli'], rota, rota, null)).toBe('Hand it to @eli (Backup): on duty, with access.');
    expect(classifiedAdvice(['eli', 'cho'], { primary: 'ada', backup: 'bob' }, { primary: 'ada', backup: 'bob' }, 4)).toBe(
      'Neither @ada (Primary) nor @bob (Backup) has access and the customer needs an answer within hours: ask the whole team (@eli, @cho).',
    );
    expect(classifiedAdvice([], rota, rota, 4)).toMatch(/Nobody on the team is marked/);
  });

  it.each([
    ['a delegate acting as Primary', { primary: 'cho', backup: 'bob' }, 'Hand it to @cho (acting Primary): on duty, with access.'],
    [
      'the Backup standing in for an away Primary',
      { primary: 'bob', backup: 'cho' },
      'Hand it to @cho (acting Backup): on duty, with access.',
    ],
    ['nobody acting with access', { primary: 'bob', backup: null }, '@bob (acting Primary) has no access: hand it to one of @cho, @eli.'],
  ])('the advice follows the acting roles, not the rota: %s', (_name, acting, advice) => {
    const rota = { primary: 'ada', backup: 'bob' };
    expect(classifiedAdvice(['cho', 'eli'], acting, rota, null)).toBe(advice);
  });
});
