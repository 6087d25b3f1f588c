/**
 * @module password-hash
 * Password hashing with scrypt (memory-hard; OWASP Password Storage Cheat Sheet parameters:
 * N=2^17, r=8, p=1, about 128 MiB and a few hundred ms per hash) and a constant-time verify. Hashes
 * are self-describing (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, base64), so parameters can change
 * without breaking stored hashes.
 *
 * @example
 * const stored = await hashPassword('correct horse');
 * await verifyPassword('correct horse', stored); // true
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const owaspScryptParameters: ScryptParameters = { logN: 17, r: 8, p: 1 };

const saltBytes = 16;
const hashBytes = 32;
const hashPattern =
  /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function deriveKey(
  password: string,
  salt: Buffer,
  parameters: ScryptParameters,
  length: number,
): Promise<Buffer> {
  const cost = 2 ** parameters.logN;
  const options: ScryptOptions = {
    N: cost,
    r: parameters.r,
    p: parameters.p,
    maxmem: 256 * cost * parameters.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  parameters: ScryptParameters = owaspScryptParameters,
): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(password, salt, parameters, hashBytes);
  return `$scrypt$ln=${parameters.logN},r=${parameters.r},p=${parameters.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether parameters read from a stored hash are sane (a corrupt row must not exhaust memory). */
function isAcceptable(parameters: ScryptParameters): boolean {
  return (
    parameters.logN >= 1 &&
    parameters.logN <= 20 &&
    parameters.r >= 1 &&
    parameters.r <= 32 &&
    parameters.p >= 1 &&
    parameters.p <= 16
  );
}

/** True when `password` matches `encoded`; false for a mismatch or a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = hashPattern.exec(encoded);
  if (!match) return false;
  const parameters = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (!isAcceptable(parameters)) return false;
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const expected = Buffer.from(match[5] ?? '', 'base64');
  if (expected.length < 16) return false;
  const actual = await deriveKey(password, salt, parameters, expected.length);
  return timingSafeEqual(actual, expected);
}
