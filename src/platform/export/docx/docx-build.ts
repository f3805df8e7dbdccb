import { startThreadBuild, type BuiltFile, type FileBuilder, type ThreadBuildOptions } from '../../file-thread.js';
import { gongwenDocx } from './document.js';
import type { GongwenInput } from './model.js';

/** Runs in the file-build thread: the whole document arrives as the final part (a document is small; a ledger is not). */
export function createBuilder(): FileBuilder<never, GongwenInput> {
  return {
    add: () => {
      throw new Error('a document is sent whole, as the final part');
    },
    finish: (input) => gongwenDocx(input),
  };
}

const DOCX_BUILDER = new URL(import.meta.url);

/**
 * A 公文 (纪要, 简报) built off the event loop, like the sheets: docx's packing of a long document takes
 * noticeable CPU, and one build at a time per process is the file thread's rule. Send the bytes with
 * deliverFile (../deliver-file.ts) as file type `doc`, which Lark uses for .docx too.
 */
export function buildDocxInThread(input: GongwenInput, options: Omit<ThreadBuildOptions, 'args'> = {}): Promise<BuiltFile> {
  return startThreadBuild<never, GongwenInput>(DOCX_BUILDER, options).finish(input);
}
