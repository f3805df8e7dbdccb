import { z } from 'zod';
import { llmEndpointProblem } from '../platform/llm-endpoint.js';
import { emptyToUndefined, optionalString, type ConfigContext } from './shared.js';

/** 政务信息 drafting model (an OpenAI-compatible endpoint the office runs); none: the rules drafter. */
export const llmShape = {
  LLM_BASE_URL: optionalString,
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_OUTPUT_MODE: z.preprocess(emptyToUndefined, z.enum(['json_schema', 'json_object', 'text']).default('json_schema')),
  LLM_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(3_600_000).default(120_000)),
  LLM_ALLOWED_HOSTS: z.preprocess(emptyToUndefined, z.string().default('')),
  LLM_ALLOW_PUBLIC: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
};
type LlmRaw = z.infer<z.ZodObject<typeof llmShape>>;

export interface LlmSettings {
  baseUrl: string;
  model: string;
  /** Sent as the bearer token; many intranet servers need none. Never logged. */
  apiKey?: string;
  /** How structured output is asked for: json_schema (vLLM, Ollama, llama-server), json_object (DeepSeek), text. */
  outputMode: 'json_schema' | 'json_object' | 'text';
  timeoutMs: number;
}

/** Undefined when LLM_BASE_URL is empty (or a problem was recorded). */
export function readLlm(c: LlmRaw, ctx: ConfigContext): LlmSettings | undefined {
  const allowedLlmHosts = c.LLM_ALLOWED_HOSTS.split(/[,，\s]+/).filter(Boolean);
  if (c.LLM_BASE_URL) {
    const problem = llmEndpointProblem(c.LLM_BASE_URL, allowedLlmHosts, c.LLM_ALLOW_PUBLIC === 'true');
    if (problem) ctx.problems.push(problem);
    if (!c.LLM_MODEL) ctx.problems.push('LLM_MODEL: required when LLM_BASE_URL is set (the model name the endpoint serves, e.g. qwen2.5-7b-instruct)');
  } else if (c.LLM_MODEL) ctx.problems.push('LLM_BASE_URL: LLM_MODEL is set but LLM_BASE_URL is empty; set both or neither');
  if (!c.LLM_BASE_URL || !c.LLM_MODEL) return undefined;
  return {
    baseUrl: c.LLM_BASE_URL.replace(/\/+$/, ''),
    model: c.LLM_MODEL,
    apiKey: c.LLM_API_KEY,
    outputMode: c.LLM_OUTPUT_MODE,
    timeoutMs: c.LLM_TIMEOUT_MS,
  };
}
