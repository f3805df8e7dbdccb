/** One line per drill on stdout: what it measured, so a CI log shows the numbers behind a green run. */
export function summary(drill: string, fields: Record<string, string | number | boolean>): void {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)}`);
  process.stdout.write(`[drill ${drill}] ${parts.join(' ')}\n`);
}

/** A note on stdout (e.g. why a drill was skipped). */
export function note(drill: string, text: string): void {
  process.stdout.write(`[drill ${drill}] ${text}\n`);
}
