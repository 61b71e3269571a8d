import { SignJWT, jwtVerify } from 'jose';
import { Claims } from '../schemas/identity.ts';

/**
 * Local mode's stand-in for Cognito: HS256 tokens carrying the contract claims, signed with the
 * DEV_TOKEN_SECRET that local mode generates (and keeps in its data dir so tokens survive a
 * restart). The deployed stack never has this secret nor the /dev/token route.
 */
export const DEV_TOKEN_ISSUER = 'patient-online-local';
export const DEV_TOKEN_TTL_SECONDS = 12 * 60 * 60;

const keyCache = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
  let key = keyCache.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keyCache.set(secret, key);
  }
  return key;
}

export async function signDevToken(claims: Claims, secret: string, nowSeconds = Math.floor(Date.now() / 1000)) {
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEV_TOKEN_ISSUER)
    .setSubject(claims.sub)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + DEV_TOKEN_TTL_SECONDS)
    .sign(keyFor(secret));
  return { token, expiresIn: DEV_TOKEN_TTL_SECONDS };
}

/**
 * Verifies signature, issuer and expiry, as the HTTP API JWT authorizer would, and returns the
 * raw claims (strings) exactly as API Gateway would place them in the event; undefined when invalid.
 */
export async function verifyDevToken(token: string, secret: string): Promise<Record<string, string> | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), { issuer: DEV_TOKEN_ISSUER, algorithms: ['HS256'] });
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)]));
  } catch {
    return undefined;
  }
}
