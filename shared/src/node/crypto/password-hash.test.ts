import { hashPassword, owaspScryptParameters, verifyPassword } from './password-hash';

const fast = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('uses the OWASP scrypt parameters by default and verifies them', async () => {
    const stored = await hashPassword('correct horse battery', owaspScryptParameters);
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', stored)).resolves.toBe(false);
  });

  it('salts every hash and reads the parameters from the stored hash', async () => {
    const first = await hashPassword('pw-12345678', fast);
    const second = await hashPassword('pw-12345678', fast);
    expect(first).not.toBe(second);
    await expect(verifyPassword('pw-12345678', second)).resolves.toBe(true);
  });

  it('treats malformed or hostile hashes as a mismatch', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(
      verifyPassword(
        'x',
        '$scrypt$ln=40,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      ),
    ).resolves.toBe(false);
  });
});
