import type { ActionContext, CommandContext } from './context.js';
import type { CommandHandler, JobSpec, Middleware, RegisteredAction, RegisteredCommand, RegisteredFile } from './types.js';

/** What features registered with the router: read by the dispatchers (message-dispatch.ts, action-dispatch.ts). */
export interface Registry {
  readonly commandsByName: Map<string, RegisteredCommand>;
  readonly commandList: RegisteredCommand[];
  readonly actions: Map<string, RegisteredAction>;
  readonly jobList: JobSpec[];
  readonly fileHandlers: RegisteredFile[];
  readonly globalCommandMiddleware: Middleware<CommandContext>[];
  readonly globalActionMiddleware: Middleware<ActionContext>[];
  readonly mediaHandlers: ((ctx: CommandContext) => Promise<boolean>)[];
  readonly replyHandlers: ((ctx: CommandContext) => Promise<boolean>)[];
  fallback?: CommandHandler;
}

export function emptyRegistry(): Registry {
  return {
    commandsByName: new Map(),
    commandList: [],
    actions: new Map(),
    jobList: [],
    fileHandlers: [],
    globalCommandMiddleware: [],
    globalActionMiddleware: [],
    mediaHandlers: [],
    replyHandlers: [],
  };
}
