import {
  checkCodeOwners,
  codeOwnerFromEntityRef,
  isValidCodeOwner,
} from './codeowners';

describe('CODEOWNERS', () => {
  it('accepts teams, users and e-mails only', () => {
    expect(isValidCodeOwner('@acme/payments-team')).toBe(true);
    expect(isValidCodeOwner('@jane-doe')).toBe(true);
    expect(isValidCodeOwner('jane@example.com')).toBe(true);
    expect(isValidCodeOwner('@')).toBe(false);
    expect(isValidCodeOwner('@acme/')).toBe(false);
    expect(isValidCodeOwner('payments-team')).toBe(false);
    expect(isValidCodeOwner('@jane-')).toBe(false);
  });

  it('reports every problem with its line', () => {
    const { rules, problems } = checkCodeOwners(
      '# comment\n* @acme/team\n/docs/\n/src/ team @ok # trailing\n',
    );
    expect(rules).toHaveLength(3);
    expect(problems).toEqual([
      'line 3: "/docs/" has no owner',
      'line 4: "team" is not @org/team, @user or an e-mail',
    ]);
    expect(checkCodeOwners('# only comments\n').problems).toEqual([
      'no ownership rules',
    ]);
  });

  it('maps catalog owners to GitHub owners', () => {
    expect(codeOwnerFromEntityRef('group:default/Payments-Team', 'acme')).toBe(
      '@acme/payments-team',
    );
    expect(codeOwnerFromEntityRef('payments', 'acme')).toBe('@acme/payments');
    expect(codeOwnerFromEntityRef('user:default/jdoe', 'acme')).toBe('@jdoe');
  });
});
