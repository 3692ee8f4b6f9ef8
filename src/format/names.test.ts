import { describe, expect, it } from 'vitest';
import { describePerson, matchPerson, personRefProblem } from './names';

const people = [
  { id: 'u1', name: 'Mia Schneider', email: 'mia@example.com' },
  { id: 'u2', name: 'Jonas Weber', email: 'jonas@example.com' },
  { id: 'u3', name: 'Jonas Brandt', email: 'jb@example.com' },
  { id: 'u4', name: 'Lena Vogel', email: 'lena@example.com', inactive: true },
  { id: 'u5', name: 'Lena Fischer', email: 'lena.f@example.com' },
];

describe('matching a person as people name them', () => {
  it('takes an id, an email, a full name or a unique first name, any case', () => {
    expect(matchPerson(people, 'u2')).toMatchObject({ kind: 'one', person: { id: 'u2' }, by: 'id' });
    expect(matchPerson(people, 'MIA@example.com')).toMatchObject({ kind: 'one', person: { id: 'u1' }, by: 'email' });
    expect(matchPerson(people, 'mia schneider')).toMatchObject({ kind: 'one', person: { id: 'u1' }, by: 'name' });
    expect(matchPerson(people, 'Mia')).toMatchObject({ kind: 'one', person: { id: 'u1' }, by: 'first name' });
  });

  it('lists the candidates for a first name two people share, and prefers active people', () => {
    const jonas = matchPerson(people, 'Jonas');
    expect(jonas).toMatchObject({ kind: 'ambiguous', by: 'first name' });
    expect(jonas.kind === 'ambiguous' && jonas.candidates.map(describePerson)).toEqual([
      '"Jonas Weber" (id u2, jonas@example.com)',
      '"Jonas Brandt" (id u3, jb@example.com)',
    ]);
    expect(matchPerson(people, 'lena')).toMatchObject({ kind: 'one', person: { id: 'u5' } });
  });

  it('offers the closest names when nobody matches', () => {
    const none = matchPerson(people, 'Mia Schnieder');
    expect(none.kind).toBe('none');
    expect(none.kind === 'none' && none.closest[0]?.id).toBe('u1');
  });
});

describe('personRefProblem', () => {
  it('takes what people give as a person: me, an id, an email, a full or first name in any script', () => {
    for (const ok of ['me', '5a0ab5acb07987125438b610', 'mia.schneider+ops@example.com', 'Mia', "Seán O'Brien-Núñez", '李 娜']) expect(personRefProblem(ok), ok).toBeUndefined();
  });
  it('refuses path-, query- and escape-shaped values and text no name has', () => {
    expect(personRefProblem('../../x')).toMatch(/contains \/ \? # %/);
    expect(personRefProblem('abc?x=1#')).toMatch(/contains/);
    expect(personRefProblem('%2F')).toMatch(/contains/);
    expect(personRefProblem('..')).toBe('has no letter or digit');
    expect(personRefProblem('Mia\u0000')).toBe('contains a control character');
    expect(personRefProblem('Mia\ud800')).toBe('contains an unpaired UTF-16 surrogate');
    expect(personRefProblem('x'.repeat(251))).toBe('is longer than 250 characters');
  });
});
