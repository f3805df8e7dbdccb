import { BotError } from '../../../errors.js';
import type { UploadFileType } from '../../../ports/messenger.js';
import type { FeatureDeps } from '../../deps.js';

/** The file types Lark previews for a reviewer; anything else goes as a plain file. */
function uploadType(name: string): UploadFileType {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  return 'stream';
}

/**
 * The drafter's file re-uploaded as the bot's own (Lark will not let the bot send a file_key it
 * received), once per submission or revised file, outside any transaction. Refused when it cannot be:
 * a reviewer who gets a card but not the file cannot review it.
 */
export async function uploadDraftFile(deps: FeatureDeps, file: { messageId: string; key: string; name: string }): Promise<string> {
  const failed = '文稿文件暂时无法转送审核人，请稍后重试；如仍不成功，请联系管理员。';
  const bytes = await deps.messenger.downloadFile(file.messageId, file.key);
  if (!bytes.ok) {
    deps.log.warn({ error: bytes.error }, 'review draft file download failed');
    throw new BotError('unavailable', failed);
  }
  const upload = await deps.messenger.uploadFile(file.name, bytes.value, uploadType(file.name));
  if (!upload.ok) {
    // The size only: a file's name can carry a person's or unit's name.
    deps.log.warn({ error: upload.error, bytes: bytes.value.length }, 'review draft file upload failed');
    throw new BotError('unavailable', failed);
  }
  return upload.value.fileKey;
}
