import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** Exactly what Lark does: AES-256-CBC with key sha256(encrypt key), random IV prefixed, base64. */
export function larkEncrypt(plainJson: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plainJson, 'utf8'), cipher.final()]).toString('base64');
}

export function larkSign(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
}

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
